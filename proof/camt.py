"""A minimal camt.053.001.08 statement of the agency's client-money account: one booked credit per case, each
carrying the case's RF creditor reference (the way a debtor's bank transfer arrives)."""

from __future__ import annotations

from lxml import etree

NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"
AGENCY_IBAN = "FR7630006000011234567890189"  # workbench.stack.services: INTAKE_AGENCY_IBAN of the embedded profile


def camt053(statement_id: str, credits: list[tuple[str, str, str, str]]) -> bytes:
    """`credits`: (amount, booking date, bank reference, RF reference) for each credit."""

    def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
        node = etree.SubElement(parent, f"{{{NS}}}{tag}", attrib=attrs)
        node.text = text
        return node

    root = etree.Element(f"{{{NS}}}Document", nsmap={None: NS})
    statement = sub(sub(root, "BkToCstmrStmt"), "Stmt")
    sub(statement, "Id", statement_id)
    sub(sub(sub(statement, "Acct"), "Id"), "IBAN", AGENCY_IBAN)
    for amount, booked, reference, rf in credits:
        entry = sub(statement, "Ntry")
        sub(entry, "Amt", amount, Ccy="EUR")
        sub(entry, "CdtDbtInd", "CRDT")
        sub(sub(entry, "Sts"), "Cd", "BOOK")
        sub(sub(entry, "BookgDt"), "Dt", booked)
        sub(sub(entry, "ValDt"), "Dt", booked)
        sub(entry, "AcctSvcrRef", reference)
        tx = sub(sub(entry, "NtryDtls"), "TxDtls")
        sub(sub(tx, "Refs"), "EndToEndId", reference)
        sub(tx, "Amt", amount, Ccy="EUR")
        ref = sub(sub(sub(tx, "RmtInf"), "Strd"), "CdtrRefInf")
        sub(sub(sub(ref, "Tp"), "CdOrPrtry"), "Cd", "SCOR")
        sub(ref, "Ref", rf)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
