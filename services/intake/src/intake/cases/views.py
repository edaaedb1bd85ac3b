"""The API's read model of cases: one case or a page of them, with what each shows (debtor, invoices, each
creditor's view of the debtor, documents), in one statement (issue 17: a page of 20 cases took about a hundred
queries, then five; one case took six round trips)."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import cache, partial
from typing import Any, NamedTuple

import sqlalchemy
from pydantic import TypeAdapter
from pydantic_core import from_json
from sqlmodel import Session, SQLModel, select

from shared.async_reads import PlainReads, Rows
from shared.auth import Principal
from shared.kept_answers import KeptAnswers, digest_sql, rows_sql
from shared.plain_reads import plain_rows

from intake.api.access import check_owned
from intake.cases.models import Case, Invoice
from intake.cases.opening import NewCase
from intake.cases.records import case_insolvency, outstanding_of
from intake.cases.schemas import CasePublic, ChecklistPublic, InvoicePublic
from intake.debtors.models import Debtor, DebtorView
from intake.debtors.schemas import DebtorViewPublic
from intake.documents.models import Document
from intake.domain import Checklist
from intake.errors import CaseNotFound

_VIEW = tuple(DebtorViewPublic.model_fields)
_INVOICE = tuple(InvoicePublic.model_fields)


class _CaseRow(NamedTuple):
    id: uuid.UUID
    creditor_id: uuid.UUID
    reference: str
    kind: str
    status: str
    closure_reason: str | None
    mandate_id: uuid.UUID | None
    rf_reference: str | None
    contract_signed: bool
    delivery_evidenced: bool
    override_reason: str | None
    claim_deadline: date | None
    extra: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    declared_insolvency: dict[str, Any] | None


class _DebtorRow(NamedTuple):
    id: uuid.UUID
    type: str
    name: str
    siren: str | None
    insolvency: dict[str, Any] | None
    merged_into_id: uuid.UUID | None


_CASE = _CaseRow._fields  # the statement's case columns, in the row's order
_DEBTOR = _DebtorRow._fields


def _columns(alias: str, model: type[SQLModel], names: tuple[str, ...]) -> list[str]:
    """`alias.column` of each attribute named, as the model maps it (`Case.extra` is the `metadata` column)."""
    columns = sqlalchemy.inspect(model).columns
    return [f"{alias}.{columns[name].name}" for name in names]


def _json_object(fields: dict[str, str]) -> str:
    return "json_build_object(" + ", ".join(f"'{name}', {value}" for name, value in fields.items()) + ")"


def cases_sql(every_view: bool, where: str = "c.id = ANY(%(ids)s)") -> str:
    """The cases `where` chooses (by default, whose ids are `ids`), with their debtors, and beside each as JSON text:
    its invoices (amounts as text, JSON numbers being read as floats; by due date then number), the kinds of its
    documents, and the views of its debtor and of the records merged into it (by creditor then oldest first; of the
    case's creditor only unless `every_view`, staff's). Plain SQL on the session's connection: SQLAlchemy's ORM rows
    cost more CPU than PostgreSQL takes to answer (issue 17)."""
    invoice = dict(zip(_INVOICE, _columns("i", Invoice, _INVOICE), strict=True))
    invoice |= {name: f"{invoice[name]}::text" for name in ("amount", "vat", "outstanding")}
    view = _json_object(dict(zip(_VIEW, _columns("v", DebtorView, _VIEW), strict=True)))
    item = _json_object({"view": view, "owner": "o.id", "merged_into": "o.merged_into_id"})
    own_creditor = "" if every_view else " AND v.creditor_id = c.creditor_id"
    return (
        "SELECT "
        + ", ".join(_columns("c", Case, _CASE) + _columns("d", Debtor, _DEBTOR))
        + f", (SELECT json_agg({_json_object(invoice)} ORDER BY i.due_date, i.number)"
        " FROM invoices i WHERE i.case_id = c.id)::text"
        ", (SELECT json_agg(k.kind) FROM documents k WHERE k.case_id = c.id)::text"
        f", (SELECT json_agg({item} ORDER BY v.creditor_id, v.updated_at) FROM debtor_views v"
        " JOIN debtors o ON o.id = v.debtor_id"
        " WHERE v.debtor_id = ANY(ARRAY(SELECT c.debtor_id UNION ALL"
        f" SELECT m.id FROM debtors m WHERE m.merged_into_id = c.debtor_id)){own_creditor})::text"
        f" FROM cases c JOIN debtors d ON d.id = c.debtor_id WHERE {where}"
    )


_SQL = {every_view: cases_sql(every_view) for every_view in (False, True)}
_INVOICES: TypeAdapter[list[InvoicePublic]] = TypeAdapter(list[InvoicePublic])


def _rows(session: Session, case_ids: Sequence[uuid.UUID], principal: Principal) -> dict[uuid.UUID, tuple[Any, ...]]:
    session.flush()  # a case just opened or changed is read as it now is
    rows = plain_rows(session, _SQL[principal.is_staff], {"ids": list(case_ids)})
    return {row[0]: row for row in rows}


def case_views(session: Session, case_ids: Sequence[uuid.UUID], principal: Principal) -> list[CasePublic]:
    """A page of cases the principal may see, in its order, in one statement (see `cases_sql`)."""
    if not case_ids:
        return []
    rows = _rows(session, case_ids, principal)
    return [_from_row(rows[case_id], principal) for case_id in case_ids]


def case_view(session: Session, case: Case | NewCase, principal: Principal) -> CasePublic:
    """A case just opened or changed, read back as every reader of it sees it."""
    return case_views(session, [case.id], principal)[0]


def with_digests(principal: Principal) -> Callable[[str], str]:
    """For `records.list_cases`: its page's statement answering, beside each case's id and the count, the case's
    creditor and the digest of the rows its answer renders from (`shared.kept_answers`), in one round trip."""
    return partial(_page_with_digests, staff=principal.is_staff)


@cache
def _page_with_digests(page: str, *, staff: bool) -> str:
    digests = digest_sql(cases_sql(staff, where="c.id = p.id"), width=_WIDTH, keys=(1,))
    return (
        f"SELECT p.id, p.total, d.* FROM ({page}) AS p(id, total, rank)"
        f" LEFT JOIN LATERAL ({digests}) AS d ON true ORDER BY p.rank"
    )


async def page_answers(reads: PlainReads, page: Rows, principal: Principal) -> list[bytes]:
    """The JSON of each case of a page read `with_digests`, in its order, kept rendered: a case is rendered again only
    when something its answer shows changed. A case gone since its page's ids were read (none is ever deleted today)
    is left out rather than failing the page."""
    answers = await _answers(reads, [(row[0], row[2], row[3]) for row in page if row[3] is not None], principal)
    return [answers[row[0]] for row in page if row[0] in answers]


async def case_answer(reads: PlainReads, case_id: uuid.UUID, principal: Principal) -> bytes:
    """One case by id; one the principal may not see is the same 404 as none."""
    digests = await reads.rows(_DIGESTS[principal.is_staff], {"ids": [case_id]})
    check_owned(digests[0][1] if digests else None, case_id, principal, missing=CaseNotFound, what="case")
    answers = await _answers(reads, digests, principal)
    if case_id not in answers:  # gone since its digest was read: as none
        check_owned(None, case_id, principal, missing=CaseNotFound, what="case")
    return answers[case_id]


async def _answers(reads: PlainReads, digests: Rows, principal: Principal) -> dict[uuid.UUID, bytes]:
    staff, answers, missing = principal.is_staff, dict[uuid.UUID, bytes](), list[uuid.UUID]()
    for case_id, _, digest in digests:
        kept = CASES.get((case_id, staff, digest))
        if kept is None:
            missing.append(case_id)
        else:
            answers[case_id] = kept
    if missing:
        for row in await reads.rows(_ROWS[staff], {"ids": missing}):
            body = _CASE_JSON.dump_json(_from_row(row[:-1], principal), by_alias=True)
            answers[row[0]] = CASES.keep((row[0], staff, row[-1]), body)
    return answers


CASES = KeptAnswers()
_WIDTH = len(_CASE) + len(_DEBTOR) + 3  # and the invoices, the documents' kinds and the debtor's views
_DIGESTS = {staff: digest_sql(_SQL[staff], width=_WIDTH, keys=(0, 1)) for staff in (False, True)}
_ROWS = {staff: rows_sql(_SQL[staff], width=_WIDTH) for staff in (False, True)}
_CASE_JSON: TypeAdapter[CasePublic] = TypeAdapter(CasePublic)


def _from_row(row: tuple[Any, ...], principal: Principal) -> CasePublic:
    split = len(_CASE) + len(_DEBTOR)
    case, debtor = _CaseRow(*row[: len(_CASE)]), _DebtorRow(*row[len(_CASE) : split])
    # The JSON columns come as text, read by pydantic's parser: the driver's `json.loads` and then validating the
    # objects it built cost twice as much (issue 17's list read).
    invoices, kinds, views = row[split:]
    invoices_public = _INVOICES.validate_json(invoices) if invoices else []
    kinds, views = (from_json(kinds) if kinds else None), (from_json(views) if views else None)
    checklist = Checklist(case.contract_signed, case.delivery_evidenced)
    return CasePublic.model_validate(
        {
            "id": case.id,
            "creditor_id": case.creditor_id,
            "reference": case.reference,
            "kind": case.kind,
            "status": case.status,
            "closure_reason": case.closure_reason,
            "debtor": _debtor_public(case, debtor, views or [], principal),
            "invoices": invoices_public,
            "outstanding": outstanding_of(invoices_public),
            "currency": invoices_public[0].currency if invoices_public else "EUR",
            "mandate_id": case.mandate_id,
            "rf_reference": case.rf_reference,
            "checklist": {
                "contract_signed": case.contract_signed,
                "delivery_evidenced": case.delivery_evidenced,
                "complete": checklist.complete,
                "missing": checklist.missing(),
                "documents": dict(Counter(kinds or [])),
            },
            "override_reason": case.override_reason,
            "claim_deadline": case.claim_deadline,
            "metadata": case.extra,
            "created_at": case.created_at,
            "updated_at": case.updated_at,
        }
    )


def _debtor_public(case: _CaseRow, debtor: _DebtorRow, views: list[Any], principal: Principal) -> dict[str, Any]:
    """As `views.debtor_view`: the debtor as the case's creditor gave it (its view of this record, else of a record
    merged into it); staff also read every creditor's view."""
    record, creditor = str(debtor.id), str(case.creditor_id)
    of_debtor = [item for item in views if record in (item["owner"], item["merged_into"])]
    mine = [item for item in of_debtor if item["view"]["creditor_id"] == creditor]
    own = next((item for item in mine if item["owner"] == record), None)
    view = (own or (mine[0] if mine else {"view": {}}))["view"]
    public = {
        "id": debtor.id,
        "type": debtor.type,
        "name": debtor.name,
        "siren": debtor.siren,
        "merged_into_id": debtor.merged_into_id,
        **{name: value for name, value in view.items() if name != "creditor_id"},
        "insolvency": case_insolvency(case, debtor),
    }
    if principal.is_staff:
        public["views"] = [item["view"] for item in of_debtor]
    return public


def checklist_view(session: Session, case: Case) -> ChecklistPublic:
    kinds = Counter(session.exec(select(Document.kind).where(Document.case_id == case.id)).all())
    checklist = Checklist(case.contract_signed, case.delivery_evidenced)
    return ChecklistPublic(
        contract_signed=case.contract_signed,
        delivery_evidenced=case.delivery_evidenced,
        complete=checklist.complete,
        missing=checklist.missing(),
        documents=dict(kinds),
    )
