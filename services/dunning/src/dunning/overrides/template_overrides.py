"""A creditor's own wording of a template, in one language. It is rendered on sample cases before it is saved,
in every situation it may be sent in (`template_samples`): one that does not render, or that leaves out a mention
the law requires in any of them, is refused with the mentions named. The scheduler checks every message again at
send time; this check tells the creditor at once rather than at the first failed step."""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import NotFound
from shared.tenancy import acting_creditor, creditor_filter

from dunning.cases.models import DunningCreditor
from dunning.config import Settings
from dunning.domain.compliance import missing_mentions
from dunning.errors import TemplateLacksMentions
from dunning.overrides.models import TemplateOverrideRecord
from dunning.overrides.schemas import TemplateOverrideIn
from dunning.overrides.template_samples import sample_context, situations
from dunning.rendering.templates import TemplateOverride, render


def check_override(
    *, settings: Settings, template: str, language: str, override: TemplateOverride, clock: Clock
) -> None:
    """Raises `UnknownTemplate`, `TemplateOverrideInvalid` (does not render) or `TemplateLacksMentions`."""
    for situation in situations(template):
        context = sample_context(
            settings=settings,
            template=template,
            language=language,
            situation=situation,
            now=clock.now(),
            today=today_in_paris(clock),
        )
        rendered = render(context, override=override)
        missing = missing_mentions(context, rendered)
        if missing:
            raise TemplateLacksMentions(situation, missing)


def _creditor_known(session: Session, creditor_id: uuid.UUID) -> None:
    if session.get(DunningCreditor, creditor_id) is None:
        raise NotFound(
            f"dunning does not know creditor {creditor_id}",
            field="creditor_id",
            message_fr=f"le créancier {creditor_id} est inconnu du service de relance",
        )


def save_override(
    *,
    session: Session,
    template: str,
    language: str,
    override_in: TemplateOverrideIn,
    settings: Settings,
    principal: Principal,
    clock: Clock,
) -> TemplateOverrideRecord:
    creditor_filter(principal, override_in.creditor_id)  # another creditor's templates do not exist for a creditor
    creditor_id = acting_creditor(principal, override_in.creditor_id)
    _creditor_known(session, creditor_id)
    override = TemplateOverride(subject=override_in.subject, text=override_in.text, html=override_in.html)
    check_override(settings=settings, template=template, language=language, override=override, clock=clock)
    record = _find(session, creditor_id, template, language, lock=True)
    if record is None:
        try:
            with session.begin_nested():
                record = TemplateOverrideRecord(
                    creditor_id=creditor_id,
                    template=template,
                    language=language,
                    subject=override_in.subject,
                    text=override_in.text,
                    updated_at=clock.now(),
                )
                session.add(record)
        except IntegrityError:  # a concurrent request saved the first version: this one replaces it
            record = _find(session, creditor_id, template, language, lock=True)
            assert record is not None, "the concurrent version was committed"
    record.subject, record.text, record.html = override_in.subject, override_in.text, override_in.html
    record.updated_at = clock.now()
    audit(
        session,
        actor=principal,
        action="template.saved",
        entity="creditor",
        entity_id=creditor_id,
        clock=clock,
        template=template,
        language=language,
    )
    return record


def delete_override(
    *,
    session: Session,
    template: str,
    language: str,
    creditor_id: uuid.UUID | None,
    principal: Principal,
    clock: Clock,
) -> None:
    creditor_filter(principal, creditor_id)
    owner = acting_creditor(principal, creditor_id)
    record = _find(session, owner, template, language, lock=True)
    if record is None:
        raise NotFound(
            f"no template {template!r} of your own in {language!r}: the default one is used",
            field="template",
            message_fr=f"aucun modèle {template!r} propre en {language!r} : le modèle par défaut est utilisé",
        )
    session.delete(record)
    audit(
        session,
        actor=principal,
        action="template.deleted",
        entity="creditor",
        entity_id=owner,
        clock=clock,
        template=template,
        language=language,
    )


def list_overrides(
    *, session: Session, principal: Principal, creditor_id: uuid.UUID | None
) -> list[TemplateOverrideRecord]:
    owner = creditor_filter(principal, creditor_id)
    query = select(TemplateOverrideRecord)
    if owner is not None:
        query = query.where(TemplateOverrideRecord.creditor_id == owner)
    ordering = (col(TemplateOverrideRecord.creditor_id), col(TemplateOverrideRecord.template))
    return list(session.exec(query.order_by(*ordering, col(TemplateOverrideRecord.language))).all())


def _find(
    session: Session, creditor_id: uuid.UUID, template: str, language: str, *, lock: bool = False
) -> TemplateOverrideRecord | None:
    query = select(TemplateOverrideRecord).where(
        TemplateOverrideRecord.creditor_id == creditor_id,
        TemplateOverrideRecord.template == template,
        TemplateOverrideRecord.language == language,
    )
    return session.exec(query.with_for_update() if lock else query).first()
