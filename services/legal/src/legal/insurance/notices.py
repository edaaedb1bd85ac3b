"""The subrogation notices of a batch, one letter per debtor, addressed from what intake holds at this instant (a
fresh read: the debtors' postal addresses travel in no event) and dated the day they are produced."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol

from sqlmodel import Session

from shared.errors import Conflict
from shared.i18n import Language

from legal.insurance.factoring_batches import batch_assignments
from legal.insurance.factoring_models import FactoringAssignment, FactoringBatch, FactoringContract
from legal.insurance.notice_pdf import NoticeInvoice, NoticeLetter, notices_pdf
from legal.insurance.partners import partner_name


class Reader(Protocol):
    def read(self, path: str) -> dict[str, Any] | None: ...


def postal_lines(address: Mapping[str, Any] | None) -> tuple[str, ...]:
    if not address:
        return ()
    town = " ".join(str(address.get(key) or "") for key in ("postal_code", "city")).strip()
    country = str(address.get("country") or "FR")
    lines = [str(address.get("line1") or ""), str(address.get("line2") or ""), town]
    if country != "FR":
        lines.append(country)
    return tuple(line for line in lines if line)


def _debtors(assignments: list[FactoringAssignment]) -> dict[uuid.UUID, list[FactoringAssignment]]:
    grouped: dict[uuid.UUID, list[FactoringAssignment]] = {}
    for assignment in sorted(assignments, key=lambda a: (a.debtor_name, a.line)):
        grouped.setdefault(assignment.debtor_id, []).append(assignment)
    return grouped


def notice_letters(*, session: Session, batch: FactoringBatch, reader: Reader, today: date) -> list[NoticeLetter]:
    held = [a for a in batch_assignments(session, batch.id) if a.status == "assigned"]
    if not held:
        raise Conflict(
            f"every receivable of batch {batch.number} was handed back: there is nobody to notify",
            field="batch_id",
            message_fr=f"toutes les créances du bordereau {batch.number} ont été rétrocédées : personne à notifier",
        )
    contract = session.get(FactoringContract, batch.creditor_id)
    iban = contract.factor_iban if contract is not None and contract.factor_id == batch.factor_id else None
    creditor = reader.read(f"/api/v1/creditors/{batch.creditor_id}")
    if creditor is None:
        raise Conflict(
            f"intake does not know creditor {batch.creditor_id}: the notices cannot say who writes them",
            field="batch_id",
            message_fr=f"l'intake ne connaît pas le créancier {batch.creditor_id} : les notifications ne peuvent pas "
            "dire qui les envoie",
        )
    letters = []
    for lines in _debtors(held).values():
        case = reader.read(f"/api/v1/cases/{lines[0].case_id}") or {}
        debtor = case.get("debtor") or {}
        letters.append(
            NoticeLetter(
                creditor_name=str(creditor.get("name") or ""),
                creditor_address=postal_lines(creditor.get("address")),
                creditor_siren=creditor.get("siren"),
                debtor_name=str(debtor.get("name") or lines[0].debtor_name),
                debtor_address=postal_lines(debtor.get("address")),
                factor_name=partner_name(session, batch.factor_id),
                factor_iban=iban,
                contract_number=batch.contract_number,
                batch_number=batch.number,
                dated=today,
                currency=batch.currency,
                invoices=tuple(
                    NoticeInvoice(a.invoice_number, a.issue_date, a.due_date, a.assigned_amount) for a in lines
                ),
            )
        )
    return letters


def batch_notices_pdf(
    *, session: Session, batch: FactoringBatch, reader: Reader, today: date, language: Language
) -> bytes:
    return notices_pdf(notice_letters(session=session, batch=batch, reader=reader, today=today), language)
