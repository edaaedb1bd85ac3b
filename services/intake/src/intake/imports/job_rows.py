"""One batch of imported rows: each checked with the API's own rules, then the batch's debtors, cases and invoices
written together, and what was refused reported with its line and reason."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, Protocol

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from sqlmodel import Session

from shared.clock import Clock, today_in_paris
from shared.validation_errors import french_message, reason

from intake.cases.opening import NewInvoice, invoice_rules_broken, new_case, new_invoices
from intake.cases.placement import PlacedCase, load_placements, placement_problem
from intake.cases.schemas import CaseCreate, InvoiceIn
from intake.cases.store import OpenedCase, store_cases
from intake.creditors.registry import active_mandate
from intake.debtors.models import Debtor
from intake.debtors.records import KnownDebtors, declared_insolvency, recognise_debtor
from intake.debtors.schemas import DebtorIn
from intake.imports.models import ImportJob, ImportRowError
from intake.imports.rows import CaseRow, RejectedRow


def count_rows(
    session: Session, import_id: uuid.UUID, amounts: Mapping[str, Decimal] | None = None, **increments: int
) -> None:
    """The job's counts moved by `increments`, and `amounts` (per currency) added to its control total."""
    job = session.get(ImportJob, import_id)
    assert job is not None
    for name, value in increments.items():
        setattr(job, name, getattr(job, name) + value)
    if amounts:
        totals = dict(job.accepted_amounts)  # a new mapping: the column is written back only when replaced
        for currency, amount in amounts.items():
            totals[currency] = str(Decimal(totals.get(currency, "0")) + amount)
        job.accepted_amounts = totals
    session.add(job)


def store_rows(
    session: Session, import_id: uuid.UUID, creditor_id: uuid.UUID, batch: list[CaseRow | RejectedRow], clock: Clock
) -> None:
    """The batch's rows, validated first; then what their checks read is loaded once for the whole batch
    (debtors by match key, this creditor's contacts with them, cases by reference, invoices already placed).
    A row is placed only once its checks pass, so a refused row leaves nothing behind without a savepoint; a
    refused row is one rejected row however many problems it has, each reported.
    Cases and invoices are built and stored as POST /cases builds and stores them (`cases.opening`, `cases.store`)."""
    today = today_in_paris(clock)
    checked = [(item, _checked(item, today)) for item in batch]
    valid = [case_in for _, case_in in checked if isinstance(case_in, CaseCreate)]
    known = KnownDebtors(session, creditor_id)
    known.load([case_in.debtor for case_in in valid])
    placements = load_placements(
        session, creditor_id, [(case_in, _id(known.find(case_in.debtor))) for case_in in valid]
    )
    mandate = active_mandate(session, creditor_id)
    opened: dict[str, OpenedCase] = {}
    added: list[NewInvoice] = []
    accepted = rejected = 0
    amounts: dict[str, Decimal] = {}  # what the accepted invoices leave owed, per currency: the control total
    with session.no_autoflush:  # nothing below reads what the batch wrote: its records are flushed once, in order
        for item, case_in in checked:
            if isinstance(case_in, CaseCreate):
                problem = placement_problem(placements, _id(known.find(case_in.debtor)), case_in)
                refused: Sequence[Refusal] = [problem] if problem is not None else []
            else:
                refused = case_in
            if refused:
                session.add_all(
                    ImportRowError(
                        import_id=import_id,
                        line=item.line,
                        column=item.column(why.column) if isinstance(item, CaseRow) else why.column,
                        reason=why.reason,
                        reason_fr=why.reason_fr,
                    )
                    for why in refused
                )
                rejected += 1
                continue
            assert isinstance(case_in, CaseCreate)
            debtor, view = recognise_debtor(
                session=session,
                debtor_in=case_in.debtor,
                clock=clock,
                creditor_id=creditor_id,
                staff=False,
                known=known,
            )
            placements.accept(debtor.id, case_in)
            case = placements.cases.get(case_in.reference)
            if case is None:
                new = new_case(
                    case_in=case_in,
                    creditor_id=creditor_id,
                    debtor_id=debtor.id,
                    mandate_id=mandate.id if mandate else None,
                    declared_insolvency=declared_insolvency(debtor, case_in.debtor, staff=False),
                    now=clock.now(),
                    import_id=import_id,
                )
                case = PlacedCase(new.id, debtor.id, new.kind, new.status, case_in.invoices[0].currency)
                placements.cases[case_in.reference] = case
                opened[case_in.reference] = OpenedCase(new, debtor, view)
            invoices = new_invoices(
                case_id=case.id, creditor_id=creditor_id, debtor_id=debtor.id, invoices_in=case_in.invoices
            )
            if case_in.reference in opened:  # announced with the case it opens, as the whole batch left it
                opened[case_in.reference].invoices.extend(invoices)
            else:
                added.extend(invoices)
            accepted += 1
            for invoice in case_in.invoices:
                owed = invoice.amount if invoice.outstanding is None else invoice.outstanding
                amounts[invoice.currency] = amounts.get(invoice.currency, Decimal(0)) + owed
    store_cases(session, opened=list(opened.values()), added=added, clock=clock)
    count_rows(
        session,
        import_id,
        amounts,
        rows=len(batch),
        accepted=accepted,
        rejected=rejected,
        cases_opened=len(opened),
    )


def _id(debtor: Debtor | None) -> uuid.UUID | None:
    return debtor.id if debtor is not None else None


def _checked(item: CaseRow | RejectedRow, today: date) -> CaseCreate | Sequence[Refusal]:
    """The row as the API would take it, or every reason it is refused (the parser's own refusals pass through)."""
    if isinstance(item, RejectedRow):
        return item.problems
    body = _case_body(item)
    try:
        case_in = CaseCreate.model_validate(body)
    except ValidationError as exc:
        errors = exc.errors()
        refused = [_problem(error) for error in errors]
        # a row refused elsewhere (its debtor's SIREN) is still told what its invoices break, in the same report
        if not any(error["loc"][:1] in (("invoices",), ("kind",)) for error in errors):
            refused += _rules_broken(_invoices_of(body), body["kind"], today)
        return refused
    problems = _rules_broken(case_in.invoices, case_in.kind, today)
    return problems or case_in


class Refusal(Protocol):
    """Why a row is refused: the column to correct (None: the whole row), in English and in French."""

    @property
    def column(self) -> str | None: ...
    @property
    def reason(self) -> str: ...
    @property
    def reason_fr(self) -> str: ...


@dataclass(frozen=True)
class _Problem:
    column: str | None
    reason: str
    reason_fr: str


def _case_body(row: CaseRow) -> dict[str, Any]:
    """The row as a body of POST /cases, which the API's own model validates."""
    debtor = row.debtor
    address = _address(debtor.address)
    identity = (debtor.type, debtor.name, debtor.siren, debtor.siret, debtor.vat_number, debtor.legal_form)
    fields = (*identity, debtor.email, debtor.phone, debtor.language, tuple(address.items()) if address else None)
    return {
        "reference": row.reference,
        "kind": row.kind or ("b2c" if debtor.type == "person" else "b2b"),
        # a debtor the API's model refused is validated again with the row, so every problem is reported together
        "debtor": _valid_debtor(*fields) or _debtor_body(*fields),
        "invoices": [
            {
                "number": i.number,
                "issue_date": i.issue_date,
                "due_date": i.due_date,
                "amount": i.amount,
                "vat": i.vat,
                "currency": i.currency,
                "outstanding": i.outstanding,
            }
            for i in row.invoices
        ],
    }


def _invoices_of(body: dict[str, Any]) -> list[InvoiceIn]:
    """The body's invoices as the API's model reads them, when its refusal named none of them."""
    try:
        return [InvoiceIn.model_validate(invoice) for invoice in body["invoices"]]
    except ValidationError:  # refused with the case only (a rule across its invoices): told with it
        return []


@lru_cache(maxsize=4096)
def _valid_debtor(*fields: Any) -> DebtorIn | None:
    """The debtor as the API's model validates it (None: refused). A ledger names one debtor on many lines: the
    last debtors validated are remembered by their fields (a validated model is never changed)."""
    try:
        return DebtorIn.model_validate(_debtor_body(*fields))
    except ValidationError:
        return None


def _debtor_body(*fields: Any) -> dict[str, Any]:
    """The debtor's fields as the API takes them; the address is given as its (key, value) pairs."""
    body = dict(zip(_DEBTOR_FIELDS, fields, strict=True))
    body["address"] = dict(body["address"]) if body["address"] else None
    return body


_DEBTOR_FIELDS = ("type", "name", "siren", "siret", "vat_number", "legal_form", "email", "phone", "language", "address")


def _problem(error: ErrorDetails) -> _Problem:
    """A refusal of the API's model; a field's is reported beside its column (the file's header), without naming it
    again: what is wrong as the API says it of a field on a form."""
    where = [str(part) for part in error["loc"] if not isinstance(part, int)]
    column = where[-1] if where else None
    if column is None:
        return _Problem(None, reason(error, language="en"), french_message({**error, "loc": ()}))
    return _Problem(column, reason(error, language="en"), reason(error, language="fr"))


def _address(address: dict[str, str] | None) -> dict[str, str] | None:
    """A partial address is kept only when it is usable (a street line, a postal code and a city)."""
    if not address or not all(address.get(k) for k in ("line1", "postal_code", "city")):
        return None
    return address


def _rules_broken(invoices: Sequence[InvoiceIn], kind: str, today: date) -> list[_Problem]:
    """The rules POST /cases applies to its invoices, each broken one reported with the field it names."""
    return [
        _Problem(exc.field.split(".")[-1], exc.message, exc.message_fr or exc.message)
        for exc in invoice_rules_broken(invoices, kind=kind, today=today)
    ]
