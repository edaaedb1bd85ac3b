"""The statements that read cases for the API (`intake.cases.views`): the rows a case's answer is rendered from, in
one statement, and beside them their stamp, the version of every row read (issue 17).

A case's answer shows its row, its debtor's, and three sets of rows of other tables: its invoices, its documents,
the views of its debtor. Each set is one `_Part`: what the answer shows of it, the rows it is read from, and what
stamps each row read. The stamp is PostgreSQL's `xmin` of each row, the transaction that wrote the version read: an
update, an insert or a delete in any of those rows changes it, and no two transactions share one, so two reads of
the same stamp read the same rows (the row version Npgsql and Entity Framework use for optimistic concurrency).
The stamp is built from the same parts as the answer's own statement: a part added to the answer is stamped too.
Reading the stamps of a page of 20 cases took 0.22 ms, against 0.53 ms for their rows rendered as JSON and 0.52 ms for
a digest of that rendering (`shared.kept_answers.digest_sql`), each statement run 300 times by one client on the API
benchmark's database (docs/benchmarks.md, "API reads kept rendered")."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, NamedTuple

import sqlalchemy
from sqlmodel import SQLModel

from intake.cases.models import Case, Invoice
from intake.cases.schemas import InvoicePublic
from intake.debtors.models import Debtor, DebtorView
from intake.debtors.schemas import DebtorViewPublic

_VIEW = tuple(DebtorViewPublic.model_fields)
_INVOICE = tuple(InvoicePublic.model_fields)


class CaseRow(NamedTuple):
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


class DebtorRow(NamedTuple):
    id: uuid.UUID
    type: str
    name: str
    siren: str | None
    insolvency: dict[str, Any] | None
    merged_into_id: uuid.UUID | None
    language: str | None  # the debtor's own choice, which outranks its creditor's view


CASE = CaseRow._fields  # the statement's case columns, in the row's order
DEBTOR = DebtorRow._fields
_FROM = "cases c JOIN debtors d ON d.id = c.debtor_id"
_BY_IDS = "c.id = ANY(%(ids)s)"


class _Part(NamedTuple):
    shown: str  # an aggregate: what the answer shows of the rows, as JSON
    rows: str  # FROM ... WHERE ...: the rows, for one case `c` and its debtor `d`
    stamp: str  # the version of each row read (of each table joined)


def _columns(alias: str, model: type[SQLModel], names: tuple[str, ...]) -> list[str]:
    """`alias.column` of each attribute named, as the model maps it (`Case.extra` is the `metadata` column)."""
    columns = sqlalchemy.inspect(model).columns
    return [f"{alias}.{columns[name].name}" for name in names]


def _json_object(fields: dict[str, str]) -> str:
    return "json_build_object(" + ", ".join(f"'{name}', {value}" for name, value in fields.items()) + ")"


def _parts(every_view: bool) -> tuple[_Part, ...]:
    """Its invoices (amounts as text, JSON numbers being read as floats; by due date then number), the kinds of its
    documents, and the views of its debtor and of the records merged into it (by creditor then oldest first; of the
    case's creditor only unless `every_view`, staff's)."""
    invoice = dict(zip(_INVOICE, _columns("i", Invoice, _INVOICE), strict=True))
    invoice |= {name: f"{invoice[name]}::text" for name in ("amount", "vat", "outstanding")}
    view = _json_object(dict(zip(_VIEW, _columns("v", DebtorView, _VIEW), strict=True)))
    item = _json_object({"view": view, "owner": "o.id", "merged_into": "o.merged_into_id"})
    own_creditor = "" if every_view else " AND v.creditor_id = c.creditor_id"
    return (
        _Part(
            f"json_agg({_json_object(invoice)} ORDER BY i.due_date, i.number)",
            "invoices i WHERE i.case_id = c.id",
            "i.xmin::text",
        ),
        _Part("json_agg(k.kind)", "documents k WHERE k.case_id = c.id", "k.xmin::text"),
        _Part(
            f"json_agg({item} ORDER BY v.creditor_id, v.updated_at)",
            "debtor_views v JOIN debtors o ON o.id = v.debtor_id WHERE v.debtor_id = ANY(ARRAY(SELECT c.debtor_id"
            f" UNION ALL SELECT m.id FROM debtors m WHERE m.merged_into_id = c.debtor_id)){own_creditor}",
            "v.xmin::text || '.' || o.xmin::text",
        ),
    )


def _stamp(every_view: bool) -> str:
    """The versions of the case's row, its debtor's, and of each part's rows (`-` for none)."""
    parts = [f"coalesce((SELECT string_agg({part.stamp}, ',') FROM {part.rows}), '-')" for part in _parts(every_view)]
    return "concat_ws(' ', c.xmin, d.xmin, " + ", ".join(parts) + ")"


def cases_sql(every_view: bool, where: str = _BY_IDS, *, stamped: bool = False) -> str:
    """The cases `where` chooses (by default, whose ids are `ids`), with their debtors, each part beside as JSON text,
    and if `stamped` their stamp last. Plain SQL: SQLAlchemy's ORM rows cost more CPU than PostgreSQL takes to
    answer (issue 17)."""
    shown = [f"(SELECT {part.shown} FROM {part.rows})::text" for part in _parts(every_view)]
    columns = _columns("c", Case, CASE) + _columns("d", Debtor, DEBTOR) + shown
    return f"SELECT {', '.join(columns + ([_stamp(every_view)] if stamped else []))} FROM {_FROM} WHERE {where}"


def stamps_sql(every_view: bool, where: str = _BY_IDS) -> str:
    """Of the cases `where` chooses: the id, the creditor and the stamp of the rows `cases_sql` would read."""
    return f"SELECT c.id, c.creditor_id, {_stamp(every_view)} FROM {_FROM} WHERE {where}"
