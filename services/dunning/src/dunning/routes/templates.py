"""Creditors' own templates: a creditor writes its own wording of a default template (staff on its behalf, naming
it); each is tried on sample cases and refused if it leaves out a mandatory mention."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request, Response

from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep

from dunning.overrides import template_overrides
from dunning.overrides.schemas import TemplateOverrideIn, TemplateOverridePage, TemplateOverridePublic

router = APIRouter(prefix="/api/v1/dunning/templates", tags=["dunning templates"])
TemplateCode = Annotated[str, Path(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*$")]
Language = Literal["fr", "en"]


@router.get("", summary="the creditors' own templates (a creditor sees its own)")
def list_overrides(
    session: SessionDep, principal: CreditorOrStaffDep, creditor_id: uuid.UUID | None = None
) -> TemplateOverridePage:
    records = template_overrides.list_overrides(session=session, principal=principal, creditor_id=creditor_id)
    items = [TemplateOverridePublic.model_validate(r.model_dump()) for r in records]
    return TemplateOverridePage(items=items, total=len(items))


@router.put(
    "/{template}/{language}",
    summary="save the creditor's own wording of a template: refused (422) if it does not render or leaves out a "
    "mandatory mention",
)
def save_override(
    template: TemplateCode,
    language: Language,
    override_in: TemplateOverrideIn,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
) -> TemplateOverridePublic:
    record = template_overrides.save_override(
        session=session,
        template=template,
        language=language,
        override_in=override_in,
        settings=request.app.state.runtime.settings,
        principal=principal,
        clock=clock,
    )
    session.commit()
    return TemplateOverridePublic.model_validate(record.model_dump())


@router.delete("/{template}/{language}", status_code=204, summary="back to the default template")
def delete_override(
    template: TemplateCode,
    language: Language,
    session: SessionDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
    creditor_id: uuid.UUID | None = None,
) -> Response:
    template_overrides.delete_override(
        session=session,
        template=template,
        language=language,
        creditor_id=creditor_id,
        principal=principal,
        clock=clock,
    )
    session.commit()
    return Response(status_code=204)
