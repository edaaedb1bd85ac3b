"""A debtor's contact details corrected after its case was opened: an e-mail that bounced, a new phone number given on
a call, an address the post returned a letter from. What is corrected is the case's creditor's view of the debtor
(`DebtorView`): the same view every case of that creditor against that debtor shows, so all of them follow, and no
other creditor's view changes. Dunning reads the details afresh when it composes each message, so the next one goes
to the corrected address; the timeline and scoring learn of it through `DebtorContactsCorrected`."""

from __future__ import annotations

import uuid
from typing import Any, Literal

from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal, Role
from shared.clock import Clock
from shared.errors import Invalid
from shared.events.intake_debtors import DebtorContactsCorrected
from shared.i18n import BilingualValueError
from shared.outbox import record_event
from shared.phones import normalise_phone

from intake.cases.models import Case
from intake.cases.records import get_case
from intake.debtors.models import DebtorView
from intake.debtors.records import creditor_view, get_debtor, snapshot
from intake.debtors.schemas import ContactsIn

CORRECTABLE = ("email", "phone", "address", "language")


def correct_contacts(
    *, session: Session, case_id: uuid.UUID, contacts_in: ContactsIn, principal: Principal, clock: Clock
) -> Case:
    """The details sent replace the view's; sent again, nothing changes and nothing is recorded twice."""
    case = get_case(session=session, case_id=case_id, principal=principal)  # another creditor's case: 404
    debtor = get_debtor(session=session, debtor_id=case.debtor_id)
    view = creditor_view(session, debtor, case.creditor_id)
    if view is None:  # not left by recognition; a case opened before views existed
        view = DebtorView(debtor_id=debtor.id, creditor_id=case.creditor_id, name=debtor.name, updated_at=clock.now())
    wanted = _stored(contacts_in)
    if wanted.get("phone"):  # read in the country of the address sent, else of the one known, as `DebtorIn` reads it
        wanted["phone"] = _phone(wanted["phone"], (wanted.get("address") or view.address or {}).get("country") or "FR")
    changed = sorted(field for field, value in wanted.items() if getattr(view, field) != value)
    if not changed:
        return case
    audit(
        session,
        actor=principal,
        action="debtor.contacts_corrected",
        entity="case",
        entity_id=case.id,
        clock=clock,
        debtor_id=str(debtor.id),
        corrected=changed,
        before={field: getattr(view, field) for field in changed},
        after={field: wanted[field] for field in changed},
    )
    for field in changed:
        setattr(view, field, wanted[field])
    view.updated_at = clock.now()
    session.add(view)
    session.flush()
    told = snapshot(debtor, view)
    for other in _creditors_cases(session, debtor.id, case.creditor_id):
        record_event(
            session,
            DebtorContactsCorrected(
                case_id=str(other),
                creditor_id=str(case.creditor_id),
                debtor=told,
                corrected=changed,
                by=_who(principal),
            ),
            clock=clock,
            subject=str(other),
            tenant=str(case.creditor_id),
        )
    session.commit()
    return case


def _who(principal: Principal) -> Literal["creditor", "agency", "debtor"]:
    """The creditor, the agency's staff, or the debtor on its page (the portal acts for it with its service role)."""
    if principal.role is Role.SERVICE:
        return "debtor"
    return "agency" if principal.is_staff else "creditor"


def _stored(contacts_in: ContactsIn) -> dict[str, Any]:
    """The fields sent, as the view stores them (an e-mail in lower case, as recognition keeps it)."""
    values: dict[str, Any] = {}
    for field in CORRECTABLE:
        if field not in contacts_in.model_fields_set:
            continue
        value = getattr(contacts_in, field)
        if field == "email" and value is not None:
            value = str(value).lower()
        elif field == "address":
            value = value.model_dump()
        values[field] = value
    return values


def _phone(number: str, country: str) -> str:
    try:
        return normalise_phone(number, country)
    except BilingualValueError as refused:
        raise Invalid(f"phone: {refused.en}", field="phone", message_fr=f"phone : {refused.fr}") from refused


def _creditors_cases(session: Session, debtor_id: uuid.UUID, creditor_id: uuid.UUID) -> list[uuid.UUID]:
    """Every case of the creditor against the debtor: all of them show the view corrected."""
    return list(
        session.exec(
            select(Case.id).where(Case.debtor_id == debtor_id, Case.creditor_id == creditor_id).order_by(col(Case.id))
        ).all()
    )
