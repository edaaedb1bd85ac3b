"""Debtors: the same debtor placed by several creditors is recognised and linked, not duplicated; an agent
can merge two records the rules did not recognise, and undo it."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Conflict
from shared.events.intake import DebtorSnapshot, DebtorUpdated
from shared.outbox import record_event

from intake.domain import debtor_match_key
from intake.errors import DebtorNotFound
from intake.models import Case, Debtor, DebtorContact, Invoice
from intake.schemas import DebtorIn


def snapshot(debtor: Debtor) -> DebtorSnapshot:
    return DebtorSnapshot(
        debtor_id=str(debtor.id), type=debtor.type, name=debtor.name, siren=debtor.siren, legal_form=debtor.legal_form,
        created_on=debtor.created_on, has_email=bool(debtor.email), has_phone=bool(debtor.phone),
        has_address=bool(debtor.address), insolvency=bool(debtor.insolvency),
    )


def _surviving(session: Session, debtor: Debtor) -> Debtor:
    seen = set()
    while debtor.merged_into_id is not None and debtor.id not in seen:
        seen.add(debtor.id)
        target = session.get(Debtor, debtor.merged_into_id)
        if target is None:
            break
        debtor = target
    return debtor


class KnownDebtors:
    """The debtors a batch of import rows names, and the creditor's contacts with them, read with one query
    each (`load`) so that recognising a row asks the database nothing. Debtors recognition creates through it
    are remembered here and added to the session without a flush: the caller flushes them before writing
    rows that point at them."""

    def __init__(self, session: Session, creditor_id: uuid.UUID) -> None:
        self.session, self.creditor_id = session, creditor_id
        self.by_key: dict[str, Debtor] = {}  # match key -> surviving record
        self.contacts: dict[uuid.UUID, DebtorContact] = {}  # debtor id -> the creditor's contact record

    def load(self, debtors_in: list[DebtorIn]) -> None:
        keys = {_identity(debtor_in)[0] for debtor_in in debtors_in} - self.by_key.keys()
        if not keys:
            return
        found = self.session.exec(select(Debtor).where(col(Debtor.match_key).in_(keys))
                                  .order_by(col(Debtor.created_at))).all()
        for debtor in found:  # the oldest record of a key recognises it, as in `recognise_debtor`
            self.by_key.setdefault(debtor.match_key, debtor)
        for key in keys & self.by_key.keys():
            self.by_key[key] = _surviving(self.session, self.by_key[key])
        ids = {debtor.id for debtor in self.by_key.values()} - self.contacts.keys()
        if ids:
            contacts = self.session.exec(select(DebtorContact).where(
                DebtorContact.creditor_id == self.creditor_id, col(DebtorContact.debtor_id).in_(ids))).all()
            self.contacts.update((contact.debtor_id, contact) for contact in contacts)

    def find(self, debtor_in: DebtorIn) -> Debtor | None:
        """The surviving record `debtor_in` is recognised as, or None when recognition would create one."""
        return self.by_key.get(_identity(debtor_in)[0])


def _identity(debtor_in: DebtorIn) -> tuple[str, str | None, dict[str, Any] | None]:
    """(match key, e-mail, address) as recognition reads them."""
    address = debtor_in.address.model_dump() if debtor_in.address else None
    email = str(debtor_in.email).lower() if debtor_in.email else None
    key = debtor_match_key(type=debtor_in.type, name=debtor_in.name, siren=debtor_in.siren, email=email, address=address)
    return key, email, address


def recognise_debtor(*, session: Session, debtor_in: DebtorIn, clock: Clock, creditor_id: uuid.UUID,
                     staff: bool, known: KnownDebtors | None = None) -> tuple[Debtor, bool]:
    """The debtor record for `debtor_in`: an existing one when the match key recognises it (its missing
    identity details completed from the new input), else a new one. Returns (debtor, created).

    The contact details go to the creditor's own contact record as well (`DebtorContact`): another creditor
    never sees them. Only staff record insolvency proceedings on the shared record, where they move every
    creditor's cases; a creditor's declaration stays on its own case (`declared_insolvency`). Does not commit.
    With `known` (an import batch, loaded for `creditor_id`), the lookups are answered from it."""
    key, email, address = _identity(debtor_in)
    if known is not None:
        assert known.creditor_id == creditor_id, "a batch's known debtors hold one creditor's contacts"
        existing = known.by_key.get(key)
    else:
        existing = session.exec(select(Debtor).where(Debtor.match_key == key).order_by(col(Debtor.created_at))).first()
    insolvency = debtor_in.insolvency.model_dump(mode="json") if debtor_in.insolvency and staff else None
    if existing is not None:
        debtor = _surviving(session, existing)
        for name, value in (("legal_form", debtor_in.legal_form), ("siret", debtor_in.siret),
                            ("vat_number", debtor_in.vat_number), ("email", email), ("phone", debtor_in.phone),
                            ("address", address), ("created_on", debtor_in.created_on)):
            if value and not getattr(debtor, name):
                setattr(debtor, name, value)
        if insolvency and not debtor.insolvency:
            debtor.insolvency = insolvency
        session.add(debtor)
        created = False
    else:
        debtor = Debtor(
            type=debtor_in.type, name=debtor_in.name, legal_form=debtor_in.legal_form, siren=debtor_in.siren,
            siret=debtor_in.siret, vat_number=debtor_in.vat_number, email=email, phone=debtor_in.phone,
            address=address, created_on=debtor_in.created_on, insolvency=insolvency, match_key=key,
            created_at=clock.now(),
        )
        session.add(debtor)
        if known is None:
            session.flush()
        else:
            known.by_key[key] = debtor
        created = True
    _record_contact(session, debtor.id, creditor_id, email=email, phone=debtor_in.phone, address=address, clock=clock,
                    known=known)
    return debtor, created


def case_insolvency(case: Case, debtor: Debtor | None) -> dict[str, Any] | None:
    """The insolvency proceedings that apply to a case: staff's record on the debtor, else what the creditor
    declared for this case."""
    return (debtor.insolvency if debtor is not None else None) or case.declared_insolvency


def declared_insolvency(debtor: Debtor, debtor_in: DebtorIn, *, staff: bool) -> dict[str, Any] | None:
    """What a creditor declared about insolvency proceedings, kept on its case: only when the shared record
    has none (staff's record prevails) and the declarer is not staff (staff write the shared record)."""
    if staff or debtor_in.insolvency is None or debtor.insolvency:
        return None
    return {**debtor_in.insolvency.model_dump(mode="json"), "declared_by": "creditor"}


def _record_contact(session: Session, debtor_id: uuid.UUID, creditor_id: uuid.UUID, *, email: str | None,
                    phone: str | None, address: dict[str, Any] | None, clock: Clock,
                    known: KnownDebtors | None) -> None:
    if known is not None:
        contact = known.contacts.get(debtor_id)
    else:
        contact = contact_of(session, debtor_id, creditor_id)
    if contact is None:
        contact = DebtorContact(debtor_id=debtor_id, creditor_id=creditor_id, updated_at=clock.now())
        if known is not None:
            known.contacts[debtor_id] = contact
    for name, value in (("email", email), ("phone", phone), ("address", address)):
        if value and not getattr(contact, name):
            setattr(contact, name, value)
            contact.updated_at = clock.now()
    session.add(contact)


def contact_of(session: Session, debtor_id: uuid.UUID, creditor_id: uuid.UUID) -> DebtorContact | None:
    return session.exec(select(DebtorContact).where(DebtorContact.debtor_id == debtor_id,
                                                    DebtorContact.creditor_id == creditor_id)).first()


def get_debtor(*, session: Session, debtor_id: uuid.UUID) -> Debtor:
    debtor = session.get(Debtor, debtor_id)
    if debtor is None:
        raise DebtorNotFound(f"no debtor {debtor_id}")
    return debtor


def _move_case(session: Session, case: Case, debtor_id: uuid.UUID) -> None:
    invoices = session.exec(select(Invoice).where(Invoice.case_id == case.id)).all()
    for invoice in invoices:
        clash = session.exec(select(Invoice).where(Invoice.creditor_id == invoice.creditor_id,
                                                   Invoice.debtor_id == debtor_id, Invoice.number == invoice.number)).first()
        if clash is not None:
            raise Conflict(f"both debtors owe invoice {invoice.number} to the same creditor; resolve the duplicate first")
        invoice.debtor_id = debtor_id
        session.add(invoice)
    case.debtor_id = debtor_id
    session.add(case)


def merge_debtors(*, session: Session, keep_id: uuid.UUID, merge_id: uuid.UUID, reason: str, clock: Clock,
                  actor: Principal) -> Debtor:
    """Cases of `merge_id` move to `keep_id`; the merged record keeps its cases' history (`merged_from`) so the
    merge can be undone."""
    if keep_id == merge_id:
        raise Conflict("a debtor cannot be merged into itself")
    keep = get_debtor(session=session, debtor_id=keep_id)
    merged = get_debtor(session=session, debtor_id=merge_id)
    if merged.merged_into_id is not None:
        raise Conflict(f"debtor {merge_id} is already merged into {merged.merged_into_id}")
    if _surviving(session, keep).id == merged.id:
        raise Conflict("this merge would make a loop")
    moved = []
    for case in session.exec(select(Case).where(Case.debtor_id == merged.id)):
        case.extra = {**case.extra, "_merged_from_debtor": str(merged.id)}
        _move_case(session, case, keep.id)
        moved.append(str(case.id))
    merged.merged_into_id = keep.id
    session.add(merged)
    audit(session, actor=actor, action="debtor.merged", entity="debtor", entity_id=merged.id, clock=clock,
          reason=reason, into=str(keep.id), cases=moved)
    record_event(session, DebtorUpdated(debtor=snapshot(merged), merged_into_id=str(keep.id)), clock=clock,
                 subject=str(merged.id))
    session.commit()
    return keep


def unmerge_debtor(*, session: Session, debtor_id: uuid.UUID, reason: str, clock: Clock, actor: Principal) -> Debtor:
    merged = get_debtor(session=session, debtor_id=debtor_id)
    if merged.merged_into_id is None:
        raise Conflict(f"debtor {debtor_id} is not merged")
    moved = []
    for case in session.exec(select(Case).where(Case.debtor_id == merged.merged_into_id)):
        if case.extra.get("_merged_from_debtor") == str(merged.id):
            case.extra = {k: v for k, v in case.extra.items() if k != "_merged_from_debtor"}
            _move_case(session, case, merged.id)
            moved.append(str(case.id))
    previous = merged.merged_into_id
    merged.merged_into_id = None
    session.add(merged)
    audit(session, actor=actor, action="debtor.unmerged", entity="debtor", entity_id=merged.id, clock=clock,
          reason=reason, was_merged_into=str(previous), cases=moved)
    record_event(session, DebtorUpdated(debtor=snapshot(merged)), clock=clock, subject=str(merged.id))
    session.commit()
    return merged
