"""Bulk imports: the file is stored, then read row by row in the background and each row validated with the
API's rules. Rows are committed in batches; each row is all or nothing; a refused row is reported with its
line, column and reason. Memory stays bounded: the parser streams and a batch holds at most BATCH rows."""

from __future__ import annotations

import logging
import uuid
import zlib
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from typing import Any, BinaryIO

from pydantic import ValidationError
from sqlalchemy import Engine, insert, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.events.intake import CaseOpened, InvoiceAdded, InvoiceSnapshot
from shared.outbox import record_event

from intake.access import acting_creditor, get_owned
from intake.cases import invoice_facts
from intake.creditors import active_mandate
from intake.debtors import KnownDebtors, recognise_debtor, snapshot
from intake.domain import RuleBroken, check_invoice
from intake.errors import CreditorNotFound, ImportNotFound, InvalidDocument
from intake.import_placement import PlacedCase, load_placements, placement_problem
from intake.imports import parse_upload
from intake.imports.rows import CaseRow, RowError, UnsupportedFile
from intake.models import Case, Creditor, Debtor, DebtorView, ImportJob, ImportRowError, Invoice
from intake.money.reference import case_rf_reference
from intake.schemas import CaseCreate
from intake.storage import DocumentStore, TooLarge

log = logging.getLogger(__name__)
BATCH = 500


def submit_import(
    *,
    session: Session,
    store: DocumentStore,
    source: BinaryIO,
    filename: str | None,
    creditor_id: uuid.UUID | None,
    max_bytes: int,
    principal: Principal,
    clock: Clock,
) -> ImportJob:
    owner = acting_creditor(principal, creditor_id)
    if session.get(Creditor, owner) is None:
        raise CreditorNotFound(f"creditor_id: no creditor {owner}", field="creditor_id")
    try:
        sha256, size = store.put_stream(source, max_bytes=max_bytes)
    except TooLarge as exc:
        raise InvalidDocument(f"file: {exc}", field="file") from exc
    if size == 0:
        raise InvalidDocument("file: the file is empty", field="file")
    job = ImportJob(
        creditor_id=owner,
        status="queued",
        filename=filename,
        file_sha256=sha256,
        submitted_by=principal.subject,
        created_at=clock.now(),
    )
    session.add(job)
    audit(
        session,
        actor=principal,
        action="import.submitted",
        entity="import",
        entity_id=job.id,
        clock=clock,
        filename=filename,
        sha256=sha256,
        size=size,
    )
    session.commit()
    return job


def get_import(*, session: Session, import_id: uuid.UUID, principal: Principal) -> ImportJob:
    return get_owned(session, ImportJob, import_id, principal, missing=ImportNotFound, what="import")


def import_errors(
    session: Session, job: ImportJob, *, offset: int = 0, limit: int | None = None
) -> list[ImportRowError]:
    query = (
        select(ImportRowError)
        .where(ImportRowError.import_id == job.id)
        .order_by(col(ImportRowError.line), col(ImportRowError.id))
    )
    return list(session.exec(query.offset(offset).limit(limit)).all())


# -- the background run --------------------------------------------------------------------------


def run_import(*, engine: Engine, store: DocumentStore, import_id: uuid.UUID, clock: Clock) -> None:
    """Runs (or resumes) an import. Each batch commits its rows with the count of items read so far, so an
    import cut off by a restart resumes after the last committed batch and creates nothing twice. An
    advisory lock on the import keeps two workers from running the same one."""
    with engine.connect() as lease:
        key = zlib.crc32(f"recouvra-import:{import_id}".encode())
        held = lease.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar()
        lease.commit()
        if not held:
            return
        try:
            _run(engine, store, import_id, clock)
        finally:
            lease.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            lease.commit()


def _run(engine: Engine, store: DocumentStore, import_id: uuid.UUID, clock: Clock) -> None:
    with Session(engine) as session:
        job = session.get(ImportJob, import_id)
        if job is None or job.status not in ("queued", "running"):
            return
        job.status = "running"
        session.add(job)
        session.commit()
        creditor_id, sha256, filename, done = job.creditor_id, job.file_sha256, job.filename, job.rows
    try:
        with store.open(sha256) as source:
            items = islice(parse_upload(source, filename), done, None)  # the parser is deterministic
            for batch in _batches(items):
                _apply_batch(engine, import_id, creditor_id, batch, clock)
        _finish(engine, import_id, "done", None, clock)
    except UnsupportedFile as exc:
        _finish(engine, import_id, "failed", exc.message, clock)
    except Exception:
        log.exception("import %s failed", import_id)
        _finish(
            engine,
            import_id,
            "failed",
            "the import stopped on an unexpected error; rows already reported as "
            "accepted are stored, the others are not",
            clock,
        )


def resume_unfinished_imports(*, engine: Engine, store: DocumentStore, clock: Clock) -> int:
    """Imports a stopped process left queued or running are taken up again (at start). Returns how many."""
    with Session(engine) as session:
        pending = session.exec(
            select(ImportJob.id)
            .where(col(ImportJob.status).in_(("queued", "running")))
            .order_by(col(ImportJob.created_at))
        ).all()
    for import_id in pending:
        run_import(engine=engine, store=store, import_id=import_id, clock=clock)
    return len(pending)


def _batches(items: Iterable[CaseRow | RowError]) -> Iterator[list[CaseRow | RowError]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def _finish(engine: Engine, import_id: uuid.UUID, status: str, failure: str | None, clock: Clock) -> None:
    with Session(engine) as session:
        job = session.get(ImportJob, import_id)
        assert job is not None
        job.status, job.failure, job.finished_at = status, failure, clock.now()
        session.add(job)
        session.commit()


def _apply_batch(
    engine: Engine, import_id: uuid.UUID, creditor_id: uuid.UUID, batch: list[CaseRow | RowError], clock: Clock
) -> None:
    try:
        with Session(engine) as session:
            _store_rows(session, import_id, creditor_id, batch, clock)
            session.commit()
    except DBAPIError:
        # A concurrent request placed one of these invoices meanwhile, or one row holds what the database
        # refuses: take the rows one at a time, so only the bad row is refused and the good ones are kept.
        for item in batch:
            try:
                with Session(engine) as session:
                    _store_rows(session, import_id, creditor_id, [item], clock)
                    session.commit()
            except DBAPIError as exc:
                log.warning("import %s line %s refused by the database: %s", import_id, item.line, exc.orig)
                with Session(engine) as session:
                    _count(session, import_id, rows=1, rejected=1)
                    session.add(ImportRowError(import_id=import_id, line=item.line, column=None, reason=_why(exc)))
                    session.commit()


def _why(exc: DBAPIError) -> str:
    if isinstance(exc, IntegrityError):
        return "this row's case or invoice was placed by another request"
    detail = str(exc.orig).splitlines()[0] if exc.orig else type(exc).__name__
    return f"this row holds a value the database cannot store ({detail}); correct it and import it again"


def _count(session: Session, import_id: uuid.UUID, **increments: int) -> None:
    job = session.get(ImportJob, import_id)
    assert job is not None
    for name, value in increments.items():
        setattr(job, name, getattr(job, name) + value)
    session.add(job)


def _store_rows(
    session: Session, import_id: uuid.UUID, creditor_id: uuid.UUID, batch: list[CaseRow | RowError], clock: Clock
) -> None:
    """The batch's rows, validated first; then what their checks read is loaded once for the whole batch
    (debtors by match key, this creditor's contacts with them, cases by reference, invoices already placed).
    A row is placed only once its checks pass, so a refused row leaves nothing behind without a savepoint.
    Cases and invoices are written with one multi-row INSERT each, after the debtors they point at."""
    today = today_in_paris(clock)
    checked = [(item, _checked(item, today)) for item in batch]
    valid = [case_in for _, case_in in checked if isinstance(case_in, CaseCreate)]
    known = KnownDebtors(session, creditor_id)
    known.load([case_in.debtor for case_in in valid])
    placements = load_placements(
        session, creditor_id, [(case_in, _id(known.find(case_in.debtor))) for case_in in valid]
    )
    mandate = active_mandate(session, creditor_id)
    cases: list[dict[str, Any]] = []
    invoices: list[dict[str, Any]] = []
    opened: dict[str, tuple[dict[str, Any], Debtor, DebtorView, list[InvoiceSnapshot]]] = {}
    accepted = rejected = 0
    with session.no_autoflush:  # nothing below reads what the batch wrote: its records are flushed once, in order
        for item, case_in in checked:
            if isinstance(case_in, _RowRefused | RowError):
                session.add(
                    ImportRowError(import_id=import_id, line=item.line, column=case_in.column, reason=case_in.reason)
                )
                rejected += 1
                continue
            problem = placement_problem(placements, _id(known.find(case_in.debtor)), case_in)
            if problem is not None:
                session.add(ImportRowError(import_id=import_id, line=item.line, column=problem[0], reason=problem[1]))
                rejected += 1
                continue
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
                case = PlacedCase(uuid.uuid4(), debtor.id, case_in.kind, "submitted", case_in.invoices[0].currency)
                placements.cases[case_in.reference] = case
                now = clock.now()
                values: dict[str, Any] = {
                    "id": case.id,
                    "creditor_id": creditor_id,
                    "debtor_id": debtor.id,
                    "mandate_id": mandate.id if mandate else None,
                    "reference": case_in.reference,
                    "kind": case.kind,
                    "status": case.status,
                    "rf_reference": case_rf_reference(case.id),
                    "extra": {},
                    "import_id": import_id,
                    "declared_insolvency": None,
                    "created_at": now,
                    "updated_at": now,
                }
                cases.append(values)
                opened[case_in.reference] = (values, debtor, view, [])
            added = [
                {
                    "id": uuid.uuid4(),
                    "case_id": case.id,
                    "creditor_id": creditor_id,
                    "debtor_id": debtor.id,
                    "number": i.number,
                    "issue_date": i.issue_date,
                    "due_date": i.due_date,
                    "amount": i.amount,
                    "vat": i.vat,
                    "currency": i.currency,
                    "outstanding": i.outstanding if i.outstanding is not None else i.amount,
                }
                for i in case_in.invoices
            ]
            invoices.extend(added)
            if case_in.reference in opened:
                opened[case_in.reference][3].extend(_invoice_snapshot(invoice) for invoice in added)
            else:
                for invoice in added:
                    record_event(
                        session,
                        InvoiceAdded(
                            case_id=str(case.id),
                            creditor_id=str(creditor_id),
                            debtor_id=str(debtor.id),
                            invoice=_invoice_snapshot(invoice),
                        ),
                        clock=clock,
                        subject=str(case.id),
                        tenant=str(creditor_id),
                    )
            accepted += 1
    session.flush()  # the new debtors, before the cases and invoices that point at them
    if cases:
        session.execute(insert(Case), cases)
    if invoices:
        session.execute(insert(Invoice), invoices)
    for values, debtor, view, snapshots in opened.values():  # the creditor's view as the whole batch left it
        record_event(
            session,
            CaseOpened(
                case_id=str(values["id"]),
                creditor_id=str(creditor_id),
                reference=values["reference"],
                kind=values["kind"],
                status=values["status"],
                debtor=snapshot(debtor, view),
                invoices=snapshots,
            ),
            clock=clock,
            subject=str(values["id"]),
            tenant=str(creditor_id),
        )
    _count(session, import_id, rows=len(batch), accepted=accepted, rejected=rejected, cases_opened=len(cases))


def _invoice_snapshot(values: dict[str, Any]) -> InvoiceSnapshot:
    """`cases.invoice_snapshot` of the invoice these values insert."""
    return InvoiceSnapshot(
        invoice_id=str(values["id"]),
        number=values["number"],
        issue_date=values["issue_date"],
        due_date=values["due_date"],
        amount=values["amount"],
        currency=values["currency"],
        outstanding=values["outstanding"],
    )


def _id(debtor: Debtor | None) -> uuid.UUID | None:
    return debtor.id if debtor is not None else None


def _checked(item: CaseRow | RowError, today: date) -> CaseCreate | RowError | _RowRefused:
    """The row as the API would take it, or why it is refused (the parser's own refusal passes through)."""
    if isinstance(item, RowError):
        return item
    try:
        case_in = _case_create(item)
        _check_rules(case_in, today)
    except _RowRefused as refused:
        return refused
    return case_in


class _RowRefused(Exception):
    def __init__(self, column: str | None, reason: str) -> None:
        super().__init__(reason)
        self.column, self.reason = column, reason


def _case_create(row: CaseRow) -> CaseCreate:
    debtor = row.debtor
    body = {
        "reference": row.reference,
        "kind": row.kind or ("b2c" if debtor.type == "person" else "b2b"),
        "debtor": {
            "type": debtor.type,
            "name": debtor.name,
            "siren": debtor.siren,
            "siret": debtor.siret,
            "vat_number": debtor.vat_number,
            "legal_form": debtor.legal_form,
            "email": debtor.email,
            "phone": debtor.phone,
            "address": _address(debtor.address),
        },
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
    try:
        return CaseCreate.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = [str(part) for part in first["loc"] if not isinstance(part, int)]
        column = where[-1] if where else None
        message = str(first["msg"]).removeprefix("Value error, ")
        raise _RowRefused(column, f"{column}: {message}" if column else message) from exc


def _address(address: dict[str, str] | None) -> dict[str, str] | None:
    """A partial address is kept only when it is usable (a street line, a postal code and a city)."""
    if not address or not all(address.get(k) for k in ("line1", "postal_code", "city")):
        return None
    return address


def _check_rules(case_in: CaseCreate, today: date) -> None:
    for invoice in case_in.invoices:
        try:
            check_invoice(invoice_facts(invoice), kind=case_in.kind, today=today, field="invoice")
        except RuleBroken as exc:
            raise _RowRefused(exc.field.split(".")[-1], exc.message) from exc
