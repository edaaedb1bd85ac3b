"""What a request file says, assembled from what intake answers at this instant (the case with its parties, the
statement of account, the documents on file, the creditor) and the procedure's kind (docs/rules.md §5.3): the
parties as art. 57 CPC names them, the exact amount with each of its components, the basis of the claim, the
list of exhibits. No I/O here: the reads are the caller's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from legal.domain.courts import Court, ProcedureKind, court_for, debtor_place
from legal.domain.exhibits import Bordereau, DocumentOnFile, InvoiceRef, bordereau

COMPONENTS = (
    ("principal", "Principal restant dû"),
    ("penalties", "Pénalités de retard"),
    ("indemnities", "Indemnités forfaitaires pour frais de recouvrement"),
    ("interest", "Intérêts"),
    ("fees", "Frais"),
)
# Claimed in their own currency, beside the total: the D441-5 indemnities of a case in another currency than the
# euro, which the decree fixes in euros (intake's `indemnities_apart`, never converted).
APART = (("indemnities_apart", "Indemnités forfaitaires pour frais de recouvrement, en euros (art. D441-5 C. com.)"),)
DEDUCTIONS = (
    ("paid", "À déduire : paiements reçus"),
    ("credited", "À déduire : avoirs"),
    ("written_off", "À déduire : abandons de créance"),
)


@dataclass(frozen=True)
class Party:
    name: str
    lines: tuple[str, ...]
    """identifiers and address, one line each"""


@dataclass(frozen=True)
class InvoiceLine:
    number: str
    issue_date: date
    due_date: date
    amount: Decimal
    outstanding: Decimal


@dataclass(frozen=True)
class RequestFacts:
    kind: ProcedureKind
    business: bool
    court: Court
    reference: str
    as_of: date
    agency: Party
    creditor: Party
    debtor: Party
    currency: str
    components: tuple[tuple[str, Decimal], ...]
    balance: Decimal
    claimed_apart: tuple[tuple[str, Decimal, str], ...]
    """(label, amount, currency) claimed beside `balance`, in another currency than `currency`"""
    invoices: tuple[InvoiceLine, ...]
    bordereau: Bordereau
    contents: Mapping[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    """the exhibits' documents as intake served them, by document id (attached behind the request)"""


def _address_lines(address: dict[str, Any] | None) -> list[str]:
    if not address:
        return []
    town = " ".join(str(address.get(k) or "").strip() for k in ("postal_code", "city")).strip()
    country = str(address.get("country") or "FR")
    lines = [str(address.get(k) or "").strip() for k in ("line1", "line2")] + [town]
    if country != "FR":
        lines.append(country)
    return [line for line in lines if line]


def _debtor(debtor: dict[str, Any]) -> Party:
    lines = []
    if debtor.get("legal_form"):
        lines.append(str(debtor["legal_form"]))
    for key, label in (("siren", "SIREN"), ("siret", "SIRET")):
        if debtor.get(key):
            lines.append(f"{label} {debtor[key]}")
    return Party(name=str(debtor.get("name") or ""), lines=(*lines, *_address_lines(debtor.get("address"))))


def _creditor(creditor: dict[str, Any] | None, fallback: str) -> Party:
    if not creditor:
        return Party(name=fallback, lines=())
    lines = [f"SIREN {creditor['siren']}"] if creditor.get("siren") else []
    return Party(name=str(creditor["name"]), lines=(*lines, *_address_lines(creditor.get("address"))))


def _day(value: str) -> date:
    return datetime.fromisoformat(value).date() if "T" in value else date.fromisoformat(value)


def request_facts(
    *,
    kind: ProcedureKind,
    case: dict[str, Any],
    statement: dict[str, Any],
    documents: list[dict[str, Any]],
    creditor: dict[str, Any] | None,
    agency_name: str,
    agency_address: str,
) -> RequestFacts:
    debtor = case.get("debtor") or {}
    business = case.get("kind") == "b2b"
    invoices = tuple(
        InvoiceLine(
            number=str(i["number"]),
            issue_date=date.fromisoformat(i["issue_date"]),
            due_date=date.fromisoformat(i["due_date"]),
            amount=Decimal(i["amount"]),
            outstanding=Decimal(i["outstanding"]),
        )
        for i in case.get("invoices", [])
    )
    as_of = date.fromisoformat(statement["as_of"])
    notice = statement.get("formal_notice_on")
    components = [(label, Decimal(statement[key])) for key, label in COMPONENTS if Decimal(statement.get(key) or 0)]
    components += [(label, -Decimal(statement[key])) for key, label in DEDUCTIONS if Decimal(statement.get(key) or 0)]
    return RequestFacts(
        kind=kind,
        business=business,
        court=court_for(kind, commercial=business, place=debtor_place(debtor.get("address"))),
        reference=str(case["reference"]),
        as_of=as_of,
        agency=Party(name=agency_name, lines=tuple(agency_address.split("|"))),
        creditor=_creditor(creditor, fallback=str(case.get("creditor_id"))),
        debtor=_debtor(debtor),
        currency=str(statement.get("currency") or case.get("currency") or "EUR"),
        components=tuple(components),
        balance=Decimal(statement["balance"]),
        claimed_apart=tuple(
            (label, Decimal(statement[key]), str(statement.get(f"{key}_currency") or "EUR"))
            for key, label in APART
            if Decimal(statement.get(key) or 0)
        ),
        invoices=invoices,
        bordereau=bordereau(
            [
                DocumentOnFile(
                    kind=str(d["kind"]),
                    filename=d.get("filename"),
                    uploaded_on=_day(str(d["uploaded_at"])),
                    document_id=str(d["id"]) if d.get("id") else None,
                    media_type=d.get("media_type"),
                    size=int(d["size"]) if d.get("size") is not None else None,
                )
                for d in documents
            ],
            [InvoiceRef(number=i.number, issue_date=i.issue_date) for i in invoices],
            statement_on=as_of,
            formal_notice_on=date.fromisoformat(notice) if notice else None,
        ),
    )


def missing_facts(facts: RequestFacts) -> list[str]:
    """What the file lacks for a judge, beside the exhibits: the debtor's address decides the court."""
    missing = list(facts.bordereau.missing)
    if facts.court.place is None:
        missing.insert(0, "the debtor's address (it decides the competent court, art. 1406 CPC)")
    return missing
