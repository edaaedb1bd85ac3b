"""Cases (dossiers): open, read, list, add invoices. The checklist, validation and the lifecycle are in
`intake.cases.lifecycle`."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Protocol

import sqlalchemy
from sqlalchemy import Select, bindparam
from sqlalchemy.dialects.postgresql import psycopg
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from shared.async_reads import PlainReads, Rows
from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import DomainError, refuse_all
from shared.idempotency_records import created

from intake.api.access import acting_creditor, get_owned, visible_creditor
from intake.cases.insolvency_opening import stay_debtor_cases
from intake.cases.models import Case, Invoice
from intake.cases.opening import NewCase, invoice_rules_broken, new_case, new_invoices
from intake.cases.schemas import CaseCreate, InvoiceIn
from intake.cases.store import OpenedCase, store_cases
from intake.creditors.models import Creditor
from intake.creditors.registry import active_mandate
from intake.debtors.models import Debtor, DebtorView
from intake.debtors.records import declared_insolvency, recognise_debtor
from intake.debtors.schemas import Insolvency
from intake.domain import RuleBroken, check_case_currency, check_new_invoices
from intake.errors import CaseNotFound, CreditorNotFound, DuplicateReference, InvalidCase, field_error, refused


def _invoice_problems(invoices: list[InvoiceIn], *, kind: str, today: date) -> list[DomainError]:
    return [refused(broken) for broken in invoice_rules_broken(invoices, kind=kind, today=today)]


def _duplicates(
    session: Session, *, creditor_id: uuid.UUID, debtor_id: uuid.UUID, invoices: list[InvoiceIn]
) -> list[DomainError]:
    """Each invoice of the request this debtor's creditor already placed, naming the case that holds it."""
    numbers = [invoice.number for invoice in invoices]
    placed = session.exec(
        select(Invoice.number, Case.reference)
        .join(Case, col(Case.id) == Invoice.case_id)
        .where(Invoice.creditor_id == creditor_id, Invoice.debtor_id == debtor_id, col(Invoice.number).in_(numbers))
    ).all()
    holding = dict(placed)
    return [
        field_error(
            InvalidCase,
            f"invoices[{index}].number",
            f"invoice {number} of this debtor is already placed in case {holding[number]}",
            f"la facture {number} de ce débiteur est déjà confiée dans le dossier {holding[number]}",
        )
        for index, number in enumerate(numbers)
        if number in holding
    ]


def check_case(*, session: Session, case_in: CaseCreate, principal: Principal, clock: Clock) -> None:
    """What `open_case` would refuse, refused the same way, with nothing stored: a form asks before its own
    mistakes are corrected, so that its reader is told everything at once."""
    try:
        _placement(session=session, case_in=case_in, principal=principal, clock=clock)
    finally:
        session.rollback()  # the debtor recognition may have added a record: none is kept


def _placement(
    *, session: Session, case_in: CaseCreate, principal: Principal, clock: Clock
) -> tuple[uuid.UUID, Debtor, DebtorView]:
    """The case's checks, and the debtor recognised: (creditor, debtor, the creditor's view of it). Every problem
    found is refused at once (`shared.errors.refuse_all`: the first one answers as it alone would, each one is in
    the answer's `errors`), save an unknown creditor, which leaves nothing to check. Does not commit."""
    creditor_id = acting_creditor(principal, case_in.creditor_id)
    if session.get(Creditor, creditor_id) is None:
        raise field_error(
            CreditorNotFound, "creditor_id", f"no creditor {creditor_id}", f"aucun créancier {creditor_id}"
        )
    problems: list[DomainError] = []
    if session.exec(
        select(Case.id).where(Case.creditor_id == creditor_id, Case.reference == case_in.reference)
    ).first():
        problems.append(
            field_error(
                DuplicateReference,
                "reference",
                f"this creditor already has a case with reference {case_in.reference}",
                f"ce créancier a déjà un dossier de référence {case_in.reference}",
            )
        )
    problems += _invoice_problems(case_in.invoices, kind=case_in.kind, today=today_in_paris(clock))
    try:
        check_case_currency([(i.number, i.currency) for i in case_in.invoices], case_currency=None)
    except RuleBroken as exc:
        problems.append(refused(exc))
    try:
        debtor, view = recognise_debtor(
            session=session, debtor_in=case_in.debtor, clock=clock, creditor_id=creditor_id, staff=principal.is_staff
        )
    except DomainError as exc:
        refuse_all([*problems, exc])
        raise
    problems += _duplicates(session, creditor_id=creditor_id, debtor_id=debtor.id, invoices=case_in.invoices)
    refuse_all(problems)
    return creditor_id, debtor, view


def open_case(*, session: Session, case_in: CaseCreate, principal: Principal, clock: Clock) -> NewCase:
    creditor_id, debtor, view = _placement(session=session, case_in=case_in, principal=principal, clock=clock)
    if principal.is_staff and case_in.debtor.insolvency is not None and debtor.insolvency:
        judgment = Insolvency.model_validate(debtor.insolvency)
        stay_debtor_cases(session, debtor, judgment, principal=principal, clock=clock, only_if_moved=True)
    mandate = active_mandate(session, creditor_id)
    case = new_case(
        case_in=case_in,
        creditor_id=creditor_id,
        debtor_id=debtor.id,
        mandate_id=mandate.id if mandate else None,
        declared_insolvency=declared_insolvency(debtor, case_in.debtor, staff=principal.is_staff),
        now=clock.now(),
    )
    invoices = new_invoices(case_id=case.id, creditor_id=creditor_id, debtor_id=debtor.id, invoices_in=case_in.invoices)
    with _placed_once(session, case.reference):
        store_cases(session, opened=[OpenedCase(case, debtor, view, invoices)], clock=clock)
        audit(
            session,
            actor=principal,
            action="case.opened",
            entity="case",
            entity_id=case.id,
            clock=clock,
            status=case.status,
            invoices=len(invoices),
        )
        created(f"/api/v1/cases/{case.id}")  # a retry whose answer was lost is sent there
        session.commit()
    return case


@contextmanager
def _placed_once(session: Session, reference: str) -> Iterator[None]:
    """Writes a unique reference or invoice number that a concurrent twin may have placed first."""
    try:
        yield
    except IntegrityError as exc:
        session.rollback()
        raise field_error(
            DuplicateReference,
            "reference",
            f"case {reference} or one of its invoices was just placed by another request",
            f"le dossier {reference} ou l'une de ses factures vient d'être confié par une autre requête",
        ) from exc


def get_case(*, session: Session, case_id: uuid.UUID, principal: Principal) -> Case:
    return get_owned(session, Case, case_id, principal, missing=CaseNotFound, what="case")


async def list_cases(
    *,
    reads: PlainReads,
    principal: Principal,
    status: str | None,
    reference: str | None,
    creditor_id: uuid.UUID | None,
    debtor_id: uuid.UUID | None,
    offset: int,
    limit: int,
    rf_reference: str | None = None,
    around: Callable[[str], str] | None = None,
) -> tuple[Rows, int]:
    """A page of the cases the principal may see, newest first, and how many there are in all. Each row is the case's
    id, that count and its rank in the page; `around` may wrap the page's statement to answer more of each case in
    the same round trip (its rows must keep the id first and the count second)."""
    given = {"scope": visible_creditor(principal), "creditor_id": creditor_id, "status": status or None}
    given |= {"reference": reference or None, "debtor_id": debtor_id}
    given |= {"rf_reference": "".join(rf_reference.upper().split()) if rf_reference else None}
    params = {name: value for name, value in given.items() if value is not None}
    filters = tuple(params)
    page = _sql(_case_page(filters))
    rows = await reads.rows(around(page) if around else page, {**params, "offset": offset, "limit": limit})
    if rows or offset == 0:
        return rows, rows[0][1] if rows else 0
    return [], (await reads.rows(_sql(_case_count(filters)), params))[0][0]  # a page past the last


@cache
def _sql(statement: Select[Any]) -> str:
    """The statement as PostgreSQL reads it, with psycopg's named parameters (`%(name)s`)."""
    return str(statement.compile(dialect=_DIALECT))


_DIALECT = psycopg.dialect()  # type: ignore[no-untyped-call]  # SQLAlchemy's dialect constructor is not annotated


_FILTERED = {"scope": Case.creditor_id, "creditor_id": Case.creditor_id, "status": Case.status}
_FILTERED |= {"reference": Case.reference, "debtor_id": Case.debtor_id, "rf_reference": Case.rf_reference}


@cache
def _case_page(filters: tuple[str, ...]) -> Select[uuid.UUID, int, int]:
    """Built once per set of filters given: building a statement costs more CPU than PostgreSQL takes to run it.
    Each id comes with the count of every case that matches, taken before the page is cut."""
    newest_first = (col(Case.created_at).desc(), col(Case.id))
    return (
        sqlalchemy.select(col(Case.id), func.count().over(), func.row_number().over(order_by=newest_first))
        .where(*[col(_FILTERED[name]) == bindparam(name) for name in filters])
        .order_by(*newest_first)
        .offset(bindparam("offset"))
        .limit(bindparam("limit"))
    )


@cache
def _case_count(filters: tuple[str, ...]) -> Select[int]:
    return (
        sqlalchemy.select(func.count())
        .select_from(Case)
        .where(*[col(_FILTERED[name]) == bindparam(name) for name in filters])
    )


def case_invoices(session: Session, case_id: uuid.UUID) -> list[Invoice]:
    return list(
        session.exec(
            select(Invoice).where(Invoice.case_id == case_id).order_by(col(Invoice.due_date), col(Invoice.number))
        ).all()
    )


def add_invoices(
    *, session: Session, case_id: uuid.UUID, invoices_in: list[InvoiceIn], principal: Principal, clock: Clock
) -> Case:
    case = get_case(session=session, case_id=case_id, principal=principal)
    existing = case_invoices(session, case.id)
    try:
        check_new_invoices(
            status=case.status,
            case_currency=existing[0].currency if existing else None,
            invoices=[(i.number, i.currency) for i in invoices_in],
        )
    except RuleBroken as exc:
        raise refused(exc) from exc
    refuse_all(
        _invoice_problems(invoices_in, kind=case.kind, today=today_in_paris(clock))
        + _duplicates(session, creditor_id=case.creditor_id, debtor_id=case.debtor_id, invoices=invoices_in)
    )
    invoices = new_invoices(
        case_id=case.id, creditor_id=case.creditor_id, debtor_id=case.debtor_id, invoices_in=invoices_in
    )
    case.updated_at = clock.now()
    session.add(case)
    with _placed_once(session, case.reference):
        store_cases(session, added=invoices, clock=clock)
        audit(
            session,
            actor=principal,
            action="invoice.added",
            entity="case",
            entity_id=case.id,
            clock=clock,
            numbers=[i.number for i in invoices],
        )
        session.commit()
    return case


class _Owing(Protocol):
    @property
    def outstanding(self) -> Decimal: ...


def outstanding_of(invoices: Iterable[_Owing]) -> Decimal:
    return sum((i.outstanding for i in invoices), Decimal("0.00"))


class _Declaring(Protocol):
    @property
    def declared_insolvency(self) -> dict[str, Any] | None: ...


class _Insolvent(Protocol):
    @property
    def insolvency(self) -> dict[str, Any] | None: ...


def case_insolvency(case: _Declaring, debtor: _Insolvent | None) -> dict[str, Any] | None:
    """The insolvency proceedings that apply to a case: staff's record on the debtor, else what the creditor
    declared for this case."""
    return (debtor.insolvency if debtor is not None else None) or case.declared_insolvency
