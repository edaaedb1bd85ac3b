"""What legal reads of a case from intake, at the moment of the request (legal holds no projection of cases): the
case itself, its documents, and who owns a case legal has no mission on yet."""

from __future__ import annotations

import uuid
from typing import Any, Protocol

from sqlmodel import Session, select

from shared.auth import Principal
from shared.tenancy import check_visible, scope_of

from legal.errors import CaseNotFound
from legal.partners.models import Mission
from legal.partners.schemas import CaseDocument, CaseForBailiff


class IntakeReader(Protocol):
    """`shared.fresh_reads.FreshReader` reading intake: the JSON at a path, None for a 404, 503 when it cannot."""

    def read(self, path: str) -> dict[str, Any] | None: ...


def read_case(reader: IntakeReader, case_id: uuid.UUID) -> dict[str, Any]:
    case = reader.read(f"/api/v1/cases/{case_id}")
    if case is None:
        raise CaseNotFound(case_id)
    return case


def case_for_bailiff(case: dict[str, Any]) -> CaseForBailiff:
    """Only what serving or enforcing needs: the debtor's identity and address, not its contacts or history."""
    debtor = case.get("debtor") or {}
    return CaseForBailiff(
        reference=case["reference"],
        kind=case["kind"],
        status=case["status"],
        outstanding=case["outstanding"],
        currency=case.get("currency") or "EUR",
        debtor={key: debtor.get(key) for key in ("type", "name", "legal_form", "siren", "siret", "address")},
    )


def case_documents(reader: IntakeReader, case_id: uuid.UUID) -> list[CaseDocument]:
    page = reader.read(f"/api/v1/cases/{case_id}/documents") or {"items": []}
    return [CaseDocument.model_validate(item) for item in page.get("items", [])]


def check_case_visible(*, session: Session, reader: IntakeReader, case_id: uuid.UUID, principal: Principal) -> None:
    """404 unless the principal may see the case. Staff see every case without a read; a creditor's ownership is
    read from the case's missions, or from intake when legal has none."""
    if scope_of(principal).is_global:
        return
    creditor_id = session.exec(select(Mission.creditor_id).where(Mission.case_id == case_id).limit(1)).first()
    if creditor_id is None:
        creditor_id = read_case(reader, case_id)["creditor_id"]
    check_visible(principal, missing=lambda: CaseNotFound(case_id), creditor_id=creditor_id)
