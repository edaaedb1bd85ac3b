"""Bulk imports: the file is stored, then read row by row in the background and each row validated with the
API's rules. Rows are committed in batches; each row is all or nothing; a refused row is reported with its
line, column and reason. Memory stays bounded: the parser streams and a batch holds at most BATCH rows."""

from __future__ import annotations

import logging
import uuid
import zlib
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import BinaryIO

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.idempotency_records import created

from intake.api.access import acting_creditor, get_owned
from intake.creditors.models import Creditor
from intake.documents.storage import DocumentStore, TooLarge
from intake.domain.filetypes import safe_filename
from intake.errors import CreditorNotFound, ImportNotFound, InvalidDocument, field_error
from intake.imports.archives import TooLargeToRead
from intake.imports.job_rows import count_rows, store_rows
from intake.imports.models import ImportJob, ImportRowError
from intake.imports.rows import CaseRow, RejectedRow, UnsupportedFile, by_line
from intake.imports.upload import parse_upload

log = logging.getLogger(__name__)
# Rows a transaction commits: each batch pays its look-ups, a commit and the job's count whatever its size. 2,000 took
# 7.3-7.5 s for 100,000 rows against 8.4 s for 500 (bench import, docs/benchmarks.md); 5,000 measured the same as 2,000.
BATCH = 2000


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
        raise field_error(CreditorNotFound, "creditor_id", f"no creditor {owner}", f"aucun créancier {owner}")
    filename = safe_filename(filename)  # never a path: "../../etc/export.csv" is kept as "export.csv"
    _readable_or_refuse(source, filename)
    try:
        sha256, size = store.put_stream(source, max_bytes=max_bytes)
    except TooLarge as exc:
        raise field_error(InvalidDocument, "file", str(exc), exc.message_fr) from exc
    if size == 0:
        raise field_error(InvalidDocument, "file", "the file is empty", "le fichier est vide")
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
    created(f"/api/v1/imports/{job.id}")  # its status and report: where a retry whose answer was lost is sent
    session.commit()
    return job


def _readable_or_refuse(source: BinaryIO, filename: str | None) -> None:
    """The format and the header are read now: a file that is none of ours (a program, a web page, a workbook
    that would expand to gigabytes) is refused with a 422 before it is stored or queued; the rows are read in
    the background. The stream is rewound for storing."""
    if not source.seekable():
        return  # read in the background only, where the same refusal fails the job
    try:
        parse_upload(source, filename)
    except TooLargeToRead as exc:
        named = f"{filename}: " if filename else ""
        raise InvalidDocument(
            f"file: {named}{exc.message_en}", field="file", message_fr=f"fichier : {named}{exc.message_fr}"
        ) from exc
    except UnsupportedFile as exc:
        raise field_error(InvalidDocument, "file", exc.message, exc.message_fr or exc.message) from exc
    finally:
        source.seek(0)


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
            # The parser is deterministic, and `rows` counts the file's lines (not their problems): skip those done.
            items = islice(by_line(parse_upload(source, filename)), done, None)
            for batch in _batches(items):
                _apply_batch(engine, import_id, creditor_id, batch, clock)
        _finish(engine, import_id, "done", None, clock)
    except UnsupportedFile as exc:
        english = exc.message_en if isinstance(exc, TooLargeToRead) else exc.message
        _finish(engine, import_id, "failed", (english, exc.message_fr or english), clock)
    except Exception:
        log.exception("import %s failed", import_id)
        _finish(engine, import_id, "failed", _UNEXPECTED, clock)


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


def _batches(items: Iterable[CaseRow | RejectedRow]) -> Iterator[list[CaseRow | RejectedRow]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch


_UNEXPECTED = (
    "the import stopped on an unexpected error; rows already reported as accepted are stored, the others are not",
    "l'import s'est arrêté sur une erreur inattendue ; les lignes déjà comptées comme acceptées sont enregistrées, "
    "les autres ne le sont pas",
)


def _finish(engine: Engine, import_id: uuid.UUID, status: str, failure: tuple[str, str] | None, clock: Clock) -> None:
    """`failure`: why the import stopped, in English and in French."""
    with Session(engine) as session:
        job = session.get(ImportJob, import_id)
        assert job is not None
        job.status, job.finished_at = status, clock.now()
        job.failure, job.failure_fr = failure or (None, None)
        session.add(job)
        session.commit()


def _apply_batch(
    engine: Engine, import_id: uuid.UUID, creditor_id: uuid.UUID, batch: list[CaseRow | RejectedRow], clock: Clock
) -> None:
    try:
        with Session(engine) as session:
            store_rows(session, import_id, creditor_id, batch, clock)
            session.commit()
    except DBAPIError:
        # A concurrent request placed one of these invoices meanwhile, or one row holds what the database
        # refuses: take the rows one at a time, so only the bad row is refused and the good ones are kept.
        for item in batch:
            try:
                with Session(engine) as session:
                    store_rows(session, import_id, creditor_id, [item], clock)
                    session.commit()
            except DBAPIError as exc:
                log.warning("import %s line %s refused by the database: %s", import_id, item.line, exc.orig)
                with Session(engine) as session:
                    count_rows(session, import_id, rows=1, rejected=1)
                    reason, reason_fr = _why(exc)
                    session.add(
                        ImportRowError(
                            import_id=import_id, line=item.line, column=None, reason=reason, reason_fr=reason_fr
                        )
                    )
                    session.commit()


def _why(exc: DBAPIError) -> tuple[str, str]:
    """The reason in English and in French."""
    if isinstance(exc, IntegrityError):
        return (
            "this row's case or invoice was placed by another request",
            "le dossier ou la facture de cette ligne a été confié par une autre requête",
        )
    detail = str(exc.orig).splitlines()[0] if exc.orig else type(exc).__name__
    return (
        f"this row holds a value the database cannot store ({detail}); correct it and import it again",
        f"cette ligne contient une valeur que la base de données ne peut pas enregistrer ({detail}) ; "
        "corrigez-la et importez-la à nouveau",
    )
