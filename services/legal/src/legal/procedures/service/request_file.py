"""The request file of a procedure: intake read fresh (the case and its parties, the statement of the day, the
documents on file, the creditor), the PDF rendered and kept with its list of exhibits."""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from sqlmodel import Session

from shared.clock import Clock

from legal.domain.courts import ProcedureKind
from legal.errors import ProcedureRefused
from legal.procedures.models import Procedure, RequestFile
from legal.procedures.request_bundle import ATTACHABLE, attachable, bundle
from legal.procedures.request_facts import RequestFacts, missing_facts, request_facts
from legal.procedures.request_pdf import request_pdf


class IntakeReader(Protocol):
    """`shared.fresh_reads.FreshReader` reading intake: the JSON at a path, None for a 404, 503 when it cannot."""

    def read(self, path: str) -> dict[str, Any] | None: ...


@runtime_checkable
class ContentReader(Protocol):
    """A reader that also serves a document's bytes (`FreshReader.read_bytes`): None for a 404."""

    def read_bytes(self, path: str) -> bytes | None: ...


@dataclass(frozen=True)
class Agency:
    name: str
    address: str


def read_request_facts(
    reader: IntakeReader, *, case_id: uuid.UUID, creditor_id: uuid.UUID, kind: ProcedureKind, agency: Agency
) -> RequestFacts:
    """What intake says of the case at this instant. Reads happen before any lock is taken: a slow intake delays
    the caller, never another transaction."""
    case = reader.read(f"/api/v1/cases/{case_id}")
    statement = reader.read(f"/api/v1/cases/{case_id}/statement")
    if case is None or statement is None:
        raise ProcedureRefused(
            f"intake does not hold case {case_id} any more: no request file can be drawn up",
            field="case_id",
            message_fr=f"intake ne détient plus le dossier {case_id} : aucune requête ne peut être établie",
        )
    documents = (reader.read(f"/api/v1/cases/{case_id}/documents") or {}).get("items", [])
    creditor = reader.read(f"/api/v1/creditors/{creditor_id}")
    facts = request_facts(
        kind=kind,
        case=case,
        statement=statement,
        documents=documents,
        creditor=creditor,
        agency_name=agency.name,
        agency_address=agency.address,
    )
    return dataclasses.replace(facts, contents=_contents(reader, case_id, facts))


MAX_ATTACHED_BYTES = 40 * 1024 * 1024
"""what the exhibits attached to one request weigh at most (two of intake's largest documents): a registry's
e-filing refuses heavier files, and the request is kept in legal's database; the exhibits past it are listed only"""


def _contents(reader: IntakeReader, case_id: uuid.UUID, facts: RequestFacts) -> dict[str, bytes]:
    """The bytes of each exhibit that can be attached (a PDF, a PNG or JPEG image), in the bordereau's order
    within MAX_ATTACHED_BYTES; one removed meanwhile is listed only."""
    if not isinstance(reader, ContentReader):
        return {}
    contents: dict[str, bytes] = {}
    weight = 0
    for exhibit in facts.bordereau.exhibits:
        document = exhibit.document
        if document is None or document.document_id is None or document.media_type not in ATTACHABLE:
            continue
        if weight + (document.size or 0) > MAX_ATTACHED_BYTES:
            continue
        content = reader.read_bytes(f"/api/v1/cases/{case_id}/documents/{document.document_id}/content")
        if content is not None and weight + len(content) <= MAX_ATTACHED_BYTES:
            contents[document.document_id] = content
            weight += len(content)
    return contents


def store_request_file(*, session: Session, procedure: Procedure, facts: RequestFacts, clock: Clock) -> RequestFile:
    """Renders and keeps the file (replacing an earlier one), and gives the procedure what the file fixed: the
    court's place and the amount claimed. The caller commits."""
    exhibits, reference = facts.bordereau.exhibits, facts.reference
    attached = attachable(exhibits, facts.contents)
    bundled = bundle(request_pdf(facts, attached), exhibits, facts.contents, reference=reference)
    if bundled.attached != attached:  # the separators could not be laid out: the request goes alone, and says so
        bundled = bundle(request_pdf(facts, bundled.attached), exhibits, {}, reference=reference)
    pdf = bundled.pdf
    request = session.get(RequestFile, procedure.id) or RequestFile(
        procedure_id=procedure.id, pdf=pdf, sha256="", as_of=facts.as_of, exhibits=[], missing=[]
    )
    request.pdf, request.sha256, request.as_of = pdf, hashlib.sha256(pdf).hexdigest(), facts.as_of
    request.exhibits = [
        {
            "number": e.number,
            "label": e.label_fr,
            "label_en": e.label_en,
            "source": e.source,
            "attached": e.number in bundled.attached,
        }
        for e in facts.bordereau.exhibits
    ]
    request.missing, request.generated_at = missing_facts(facts), clock.now()
    procedure.court_place, procedure.claimed, procedure.currency = facts.court.place, facts.balance, facts.currency
    procedure.updated_at = clock.now()
    session.add_all([request, procedure])
    return request
