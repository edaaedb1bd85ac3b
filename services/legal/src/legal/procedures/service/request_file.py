"""The request file of a procedure: intake read fresh (the case and its parties, the statement of the day, the
documents on file, the creditor), the PDF rendered and kept with its list of exhibits."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from sqlmodel import Session

from shared.clock import Clock

from legal.procedures.domain.courts import ProcedureKind
from legal.procedures.errors import ProcedureRefused
from legal.procedures.models import Procedure, RequestFile
from legal.procedures.request_facts import RequestFacts, missing_facts, request_facts
from legal.procedures.request_pdf import request_pdf


class IntakeReader(Protocol):
    """`shared.fresh_reads.FreshReader` reading intake: the JSON at a path, None for a 404, 503 when it cannot."""

    def read(self, path: str) -> dict[str, Any] | None: ...


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
    return request_facts(
        kind=kind,
        case=case,
        statement=statement,
        documents=documents,
        creditor=creditor,
        agency_name=agency.name,
        agency_address=agency.address,
    )


def store_request_file(*, session: Session, procedure: Procedure, facts: RequestFacts, clock: Clock) -> RequestFile:
    """Renders and keeps the file (replacing an earlier one), and gives the procedure what the file fixed: the
    court's place and the amount claimed. The caller commits."""
    pdf = request_pdf(facts)
    request = session.get(RequestFile, procedure.id) or RequestFile(
        procedure_id=procedure.id, pdf=pdf, sha256="", as_of=facts.as_of, exhibits=[], missing=[]
    )
    request.pdf, request.sha256, request.as_of = pdf, hashlib.sha256(pdf).hexdigest(), facts.as_of
    request.exhibits = [
        {"number": e.number, "label": e.label_fr, "label_en": e.label_en, "source": e.source}
        for e in facts.bordereau.exhibits
    ]
    request.missing, request.generated_at = missing_facts(facts), clock.now()
    procedure.court_place, procedure.claimed, procedure.currency = facts.court.place, facts.balance, facts.currency
    procedure.updated_at = clock.now()
    session.add_all([request, procedure])
    return request
