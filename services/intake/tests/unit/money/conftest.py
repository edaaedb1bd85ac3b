"""Test helper: builds camt.053 documents, so tests make their own bank files (no third-party sample)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from lxml import etree


@dataclass
class CamtEntry:
    amount: str
    booking_date: str = "2026-03-02"
    credit: bool = True
    status: str = "BOOK"
    reversal: bool = False
    reference: str = "ACCT-REF-1"
    debtor_name: str | None = "SARL Dupont Frères"
    structured_reference: str | None = None
    text: list[str] = field(default_factory=list)
    end_to_end_id: str | None = "E2E-1"
    currency: str = "EUR"
    # (amount, debtor name, structured reference) per transaction of a batched entry
    batch: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def build_camt053(entries: list[CamtEntry], version: str = "08", iban: str = "FR7630006000011234567890189") -> bytes:
    """A minimal camt.053.001.<version> statement: `version` "02" or "08" changes status, debtor
    and amount layouts the way those schema versions do."""
    ns = f"urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}"

    def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
        node = etree.SubElement(parent, f"{{{ns}}}{tag}", attrib=attrs)
        if text is not None:
            node.text = text
        return node

    root = etree.Element(f"{{{ns}}}Document", nsmap={None: ns})  # type: ignore[dict-item]
    statement = sub(sub(root, "BkToCstmrStmt"), "Stmt")
    sub(statement, "Id", "STMT-1")
    sub(sub(sub(statement, "Acct"), "Id"), "IBAN", iban)
    for entry in entries:
        ntry = sub(statement, "Ntry")
        sub(ntry, "Amt", entry.amount, Ccy=entry.currency)
        sub(ntry, "CdtDbtInd", "CRDT" if entry.credit else "DBIT")
        if entry.reversal:
            sub(ntry, "RvslInd", "true")
        if version == "02":
            sub(ntry, "Sts", entry.status)
        else:
            sub(sub(ntry, "Sts"), "Cd", entry.status)
        sub(sub(ntry, "BookgDt"), "Dt", entry.booking_date)
        sub(sub(ntry, "ValDt"), "Dt", entry.booking_date)
        sub(ntry, "AcctSvcrRef", entry.reference)
        details = sub(ntry, "NtryDtls")
        transactions = entry.batch or [(entry.amount, entry.debtor_name, entry.structured_reference)]
        for index, (amount, name, structured) in enumerate(transactions):
            tx = sub(details, "TxDtls")
            refs = sub(tx, "Refs")
            if entry.end_to_end_id:
                sub(refs, "EndToEndId", f"{entry.end_to_end_id}-{index}" if entry.batch else entry.end_to_end_id)
            if version == "02":
                sub(sub(sub(tx, "AmtDtls"), "TxAmt"), "Amt", amount, Ccy=entry.currency)
            else:
                sub(tx, "Amt", amount, Ccy=entry.currency)
            if name:
                debtor = sub(sub(tx, "RltdPties"), "Dbtr")
                sub(sub(debtor, "Pty") if version != "02" else debtor, "Nm", name)
            if structured or entry.text:
                remittance = sub(tx, "RmtInf")
                for line in entry.text:
                    sub(remittance, "Ustrd", line)
                if structured:
                    creditor_ref = sub(sub(remittance, "Strd"), "CdtrRefInf")
                    sub(sub(sub(creditor_ref, "Tp"), "CdOrPrtry"), "Cd", "SCOR")
                    sub(creditor_ref, "Ref", structured)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


class CamtFactory:
    """What the `camt053` fixture hands a test: `entry(...)` describes a booking, `build(...)` writes the file."""

    entry = CamtEntry
    build = staticmethod(build_camt053)


@pytest.fixture
def camt053() -> CamtFactory:
    return CamtFactory()
