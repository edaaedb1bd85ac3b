"""The API's read model of cases: one case or a page of them, with what each shows (debtor, invoices, each
creditor's view of the debtor, documents), read in one statement (`case_sql`; issue 17: a page of 20 cases took
about a hundred queries, then five; one case took six round trips). The API's reads keep each answer rendered
(`shared.kept_answers`) under the stamp of the rows it was rendered from: a read asks for the stamps first, and
renders only the cases whose rows changed since."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache, partial
from typing import Any

from pydantic import TypeAdapter
from pydantic_core import from_json
from sqlmodel import Session, select

from shared.async_reads import PlainReads, Rows
from shared.auth import Principal
from shared.kept_answers import kept
from shared.plain_reads import plain_rows

from intake.api.access import check_owned
from intake.cases.case_sql import CASE, DEBTOR, CaseRow, DebtorRow, cases_sql, stamps_sql
from intake.cases.models import Case
from intake.cases.opening import NewCase
from intake.cases.records import case_insolvency, outstanding_of
from intake.cases.schemas import CasePublic, ChecklistPublic, InvoicePublic
from intake.documents.models import Document
from intake.domain import Checklist
from intake.errors import CaseNotFound

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


def with_stamps(principal: Principal) -> Callable[[str], str]:
    """For `records.list_cases`: its page's statement answering, beside each case's id and the count, the stamp of
    the rows its answer renders from (`case_sql`), in one round trip."""
    return partial(_page_with_stamps, staff=principal.is_staff)


@cache
def _page_with_stamps(page: str, *, staff: bool) -> str:
    stamps = stamps_sql(staff, where="c.id = p.id")
    return (
        f"SELECT p.id, p.total, s.stamp FROM ({page}) AS p(id, total, rank)"
        f" LEFT JOIN LATERAL ({stamps}) AS s(id, creditor_id, stamp) ON true ORDER BY p.rank"
    )


async def page_answers(reads: PlainReads, page: Rows, principal: Principal) -> list[bytes]:
    """The JSON of each case of a page read `with_stamps`, in its order, kept rendered: a case is rendered again only
    when something its answer shows changed. A case gone since its page's ids were read (none is ever deleted today)
    is left out rather than failing the page."""
    answers = await _answers(reads, [(row[0], None, row[2]) for row in page if row[2] is not None], principal)
    return [answers[row[0]] for row in page if row[0] in answers]


async def case_answer(reads: PlainReads, case_id: uuid.UUID, principal: Principal) -> bytes:
    """One case by id; one the principal may not see is the same 404 as none."""
    stamps = await reads.rows(_STAMPS[principal.is_staff], {"ids": [case_id]})
    check_owned(stamps[0][1] if stamps else None, case_id, principal, missing=CaseNotFound, what="case")
    answers = await _answers(reads, stamps, principal)
    if case_id not in answers:  # gone since its stamp was read: as none
        check_owned(None, case_id, principal, missing=CaseNotFound, what="case")
    return answers[case_id]


async def _answers(reads: PlainReads, stamps: Rows, principal: Principal) -> dict[uuid.UUID, bytes]:
    """Each case's answer kept under its id, the reader's audience and the stamp of the rows it was rendered from
    (read with them: never the stamp read before, which rows written since would no longer match)."""
    staff, answers, missing = principal.is_staff, dict[uuid.UUID, bytes](), list[uuid.UUID]()
    for case_id, _, stamp in stamps:
        answer = CASES.get((case_id, staff, stamp))
        if answer is None:
            missing.append(case_id)
        else:
            answers[case_id] = answer
    if missing:
        for row in await reads.rows(_STAMPED[staff], {"ids": missing}):
            body = _CASE_JSON.dump_json(_from_row(row[:-1], principal), by_alias=True)
            answers[row[0]] = CASES.keep((row[0], staff, row[-1]), body)
    return answers


CASES = kept("cases")
_STAMPS = {staff: stamps_sql(staff) for staff in (False, True)}
_STAMPED = {staff: cases_sql(staff, stamped=True) for staff in (False, True)}
_CASE_JSON: TypeAdapter[CasePublic] = TypeAdapter(CasePublic)


def _from_row(row: tuple[Any, ...], principal: Principal) -> CasePublic:
    split = len(CASE) + len(DEBTOR)
    case, debtor = CaseRow(*row[: len(CASE)]), DebtorRow(*row[len(CASE) : split])
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


def _debtor_public(case: CaseRow, debtor: DebtorRow, views: list[Any], principal: Principal) -> dict[str, Any]:
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
    public["language"] = debtor.language or view.get("language")  # the debtor's own choice, else its creditor's
    public["language_chosen_by_debtor"] = debtor.language is not None
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
