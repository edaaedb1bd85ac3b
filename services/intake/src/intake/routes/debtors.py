"""Agents' debtor records (under /api/v1/intake: /api/v1/debtors belongs to scoring's scores)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, status
from pydantic import BaseModel, Field

from shared.deps import ClockDep, SessionDep, StaffDep
from shared.errors import Conflict
from shared.i18n import Language
from shared.limits import Prose

from intake.cases.bodacc_watch import BodaccClient, BodaccReport, watch_bodacc
from intake.cases.debtor_merging import merge_debtors, unmerge_debtor
from intake.cases.insolvency_opening import InsolvencyRecorded, record_opening
from intake.debtors.languages import choose_language
from intake.debtors.records import get_debtor
from intake.debtors.schemas import DebtorPublic, Insolvency
from intake.debtors.views import debtor_record_view

router = APIRouter(prefix="/api/v1/intake/debtors", tags=["debtors"])


class MergeIn(BaseModel):
    merge_id: uuid.UUID = Field(description="the duplicate record, merged into the one in the path")
    reason: Prose = Field(min_length=3, max_length=2000)


class UnmergeIn(BaseModel):
    reason: Prose = Field(min_length=3, max_length=2000)


class LanguageIn(BaseModel):
    language: Language = Field(description="fr or en: the language the debtor asks to be written to in")


class LanguagePublic(BaseModel):
    debtor_id: uuid.UUID = Field(description="the record that keeps it (the one a merge kept)")
    language: Language


@router.get("/{debtor_id}", summary="a debtor record (staff)")
def get_one_debtor(debtor_id: uuid.UUID, session: SessionDep, staff: StaffDep) -> DebtorPublic:
    return debtor_record_view(session, get_debtor(session=session, debtor_id=debtor_id))


@router.post("/{debtor_id}/merge", summary="merge a duplicate debtor record into this one (staff)")
def post_merge(
    debtor_id: uuid.UUID, body: MergeIn, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> DebtorPublic:
    return debtor_record_view(
        session,
        merge_debtors(
            session=session, keep_id=debtor_id, merge_id=body.merge_id, reason=body.reason, clock=clock, actor=staff
        ),
    )


@router.post("/{debtor_id}/unmerge", summary="undo a merge: the record and its cases stand apart again (staff)")
def post_unmerge(
    debtor_id: uuid.UUID, body: UnmergeIn, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> DebtorPublic:
    return debtor_record_view(
        session, unmerge_debtor(session=session, debtor_id=debtor_id, reason=body.reason, clock=clock, actor=staff)
    )


@router.put(
    "/{debtor_id}/language",
    summary="the language the debtor asks to be written to in (the portal, for the debtor; or staff): it outranks "
    "what its creditors said",
)
def put_language(
    debtor_id: uuid.UUID, body: LanguageIn, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> LanguagePublic:
    debtor = choose_language(session=session, debtor_id=debtor_id, language=body.language, clock=clock, actor=staff)
    return LanguagePublic(debtor_id=debtor.id, language=body.language)


@router.post(
    "/{debtor_id}/insolvency",
    status_code=status.HTTP_201_CREATED,
    summary="record insolvency proceedings opened on a debtor (staff): every case of its that collection or the "
    "court was working, for every creditor, moves to claim declaration",
    description="The opening judgment stays individual actions for claims that arose before it (L622-21 C. com.): "
    "dunning stops, legal withdraws what was not filed and raises what is before the court, and each case's claim "
    "is to be declared within two months of the BODACC publication (L622-24). A case whose every invoice was issued "
    "after the judgment keeps its course; a submitted case goes to claim declaration at its validation.",
    responses={
        409: {"description": "proceedings are already recorded on this debtor, or the record was merged"},
        422: {"description": "a date after today, or a publication before the judgment"},
    },
)
def post_insolvency(
    debtor_id: uuid.UUID, body: Insolvency, session: SessionDep, clock: ClockDep, staff: StaffDep
) -> InsolvencyRecorded:
    return record_opening(session=session, debtor_id=debtor_id, insolvency_in=body, principal=staff, clock=clock)


@router.post(
    "/bodacc-watch",
    summary="read the BODACC notices now (staff): each opening judgment published lately about a debtor under "
    "collection is recorded on it, as the daily watch does",
    responses={409: {"description": "no BODACC watch is configured (INTAKE_BODACC_URL)"}},
)
def run_bodacc_watch(request: Request, clock: ClockDep, staff: StaffDep) -> BodaccReport:
    runtime = request.app.state.runtime
    settings = runtime.settings
    if not settings.bodacc_url:
        raise Conflict(
            "no BODACC watch is configured here (INTAKE_BODACC_URL is empty): record proceedings on the debtor",
            message_fr="aucune veille BODACC n'est configurée ici (INTAKE_BODACC_URL est vide) : enregistrez la "
            "procédure sur le débiteur",
        )
    return watch_bodacc(
        engine=runtime.engine,
        clock=clock,
        client=BodaccClient(settings.bodacc_url),
        lookback_days=settings.bodacc_lookback_days,
    )
