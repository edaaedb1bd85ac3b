"""Reads ISO 20022 camt.053 bank-to-customer statements into the credits paid to the agency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from shared.money import CENT

from intake.domain.limits import MAX_AMOUNT
from intake.money.errors import BankStatementUnreadable

_CAMT053 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001."
# A bank file is untrusted input: no entity expansion, no network, no DTD.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(frozen=True)
class CamtCredit:
    """One credit as booked by the bank; one per transaction of a batched entry."""

    entry_reference: str
    booking_date: date
    amount: Decimal
    currency: str
    debtor_name: str | None
    creditor_reference: str | None
    remittance_text: str
    end_to_end_id: str | None
    account_iban: str | None


class _Reader:
    """XPath over one document, in the namespace the document declares (.001.02, .001.08, ...)."""

    def __init__(self, namespace: str) -> None:
        self.ns = {"c": namespace}

    def all(self, node: etree._Element, path: str) -> list[etree._Element]:
        found = node.xpath(path, namespaces=self.ns)
        return [item for item in found if isinstance(item, etree._Element)] if isinstance(found, list) else []

    def text(self, node: etree._Element, *paths: str) -> str | None:
        for path in paths:
            found = self.all(node, path)
            if found and found[0].text and found[0].text.strip():
                return str(found[0].text.strip())
        return None


@dataclass(frozen=True)
class RefusedEntry:
    """A credit of the file that cannot be booked as it stands (no readable date, a zero, negative or
    out-of-range amount, more than two decimals): reported with its reason, the other credits go on."""

    entry_reference: str
    reason: str


@dataclass(frozen=True)
class CamtReading:
    credits: tuple[CamtCredit, ...]
    refused: tuple[RefusedEntry, ...] = ()


class _Refused(Exception):
    def __init__(self, reference: str, reason: str) -> None:
        super().__init__(reason)
        self.refused = RefusedEntry(reference, reason)


def parse_camt053(document: bytes) -> tuple[CamtCredit, ...]:
    """The credits `read_camt053` could read."""
    return read_camt053(document).credits


def read_camt053(document: bytes) -> CamtReading:
    """ISO 20022 camt.053: booked credit entries (CdtDbtInd CRDT, status BOOK, not reversals);
    debits, pending entries and reversals are left out. Amounts are read as Decimal. An unreadable
    file raises; an unreadable entry is refused on its own."""
    try:
        root = etree.fromstring(document, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise BankStatementUnreadable(
            f"the bank statement is not well-formed XML: {exc}",
            f"le relevé bancaire n'est pas un XML bien formé : {exc}",
        ) from exc
    namespace = etree.QName(root).namespace or ""
    if not namespace.startswith(_CAMT053):
        raise BankStatementUnreadable(
            f"not a camt.053 statement (namespace '{namespace}')",
            f"ce n'est pas un relevé camt.053 (espace de noms « {namespace} »)",
        )
    reader = _Reader(namespace)
    credits: list[CamtCredit] = []
    refused: list[RefusedEntry] = []
    for number, statement in enumerate(reader.all(root, "c:BkToCstmrStmt/c:Stmt"), start=1):
        iban = reader.text(statement, "c:Acct/c:Id/c:IBAN")
        statement_id = reader.text(statement, "c:Id") or f"statement-{number}"
        for index, entry in enumerate(reader.all(statement, "c:Ntry"), start=1):
            if not _is_booked_credit(reader, entry):
                continue
            try:
                entry_credits, entry_refused = _entry_credits(reader, entry, iban, f"{statement_id}/{index}")
            except _Refused as exc:
                refused.append(exc.refused)
                continue
            credits += entry_credits
            refused += entry_refused
    return CamtReading(tuple(credits), tuple(refused))


def _is_booked_credit(reader: _Reader, entry: etree._Element) -> bool:
    status = reader.text(entry, "c:Sts/c:Cd", "c:Sts")  # a code element from .001.08, plain text before
    reversal = (reader.text(entry, "c:RvslInd") or "false").lower() == "true"
    return reader.text(entry, "c:CdtDbtInd") == "CRDT" and status == "BOOK" and not reversal


def _booking_date(reader: _Reader, entry: etree._Element, reference: str) -> date:
    booked = reader.text(entry, "c:BookgDt/c:Dt", "c:BookgDt/c:DtTm")
    if booked is None:
        raise _Refused(reference, f"entry '{reference}' has no booking date")
    try:
        return date.fromisoformat(booked[:10])
    except ValueError:
        raise _Refused(reference, f"entry '{reference}' has an unreadable booking date '{booked}'") from None


def _entry_credits(
    reader: _Reader, entry: etree._Element, iban: str | None, position: str
) -> tuple[list[CamtCredit], list[RefusedEntry]]:
    # Without the bank's reference, the entry's place in the statement identifies it: the same file read
    # again gives the same references, and two unreferenced credits are never taken for one.
    reference = reader.text(entry, "c:AcctSvcrRef", "c:NtryRef") or position
    booking_date = _booking_date(reader, entry, reference)
    details = reader.all(entry, "c:NtryDtls/c:TxDtls")
    if not details:
        entry_amount, entry_currency = _amount(reader, entry, "c:Amt", reference)
        return [CamtCredit(reference, booking_date, entry_amount, entry_currency, None, None, "", None, iban)], []
    credits, refused = [], []
    for index, tx in enumerate(details):
        tx_reference = reader.text(tx, "c:Refs/c:AcctSvcrRef") or (
            reference if len(details) == 1 else f"{reference}/{index + 1}"
        )
        try:
            if len(details) > 1 or reader.all(tx, "c:Amt | c:AmtDtls/c:TxAmt/c:Amt"):
                amount, currency = _amount(reader, tx, "c:Amt | c:AmtDtls/c:TxAmt/c:Amt", tx_reference)
            else:
                amount, currency = _amount(reader, entry, "c:Amt", tx_reference)
        except _Refused as exc:
            refused.append(exc.refused)
            continue
        credits.append(
            CamtCredit(
                entry_reference=tx_reference,
                booking_date=booking_date,
                amount=amount,
                currency=currency,
                debtor_name=reader.text(tx, "c:RltdPties/c:Dbtr/c:Nm", "c:RltdPties/c:Dbtr/c:Pty/c:Nm"),
                creditor_reference=reader.text(tx, "c:RmtInf/c:Strd/c:CdtrRefInf/c:Ref"),
                remittance_text=" ".join(
                    (node.text or "").strip() for node in reader.all(tx, "c:RmtInf/c:Ustrd") if node.text
                ),
                end_to_end_id=reader.text(tx, "c:Refs/c:EndToEndId"),
                account_iban=iban,
            )
        )
    return credits, refused


def _amount(reader: _Reader, node: etree._Element, path: str, reference: str) -> tuple[Decimal, str]:
    """A positive amount in cents that fits the ledger; never rounded: 12.345 is refused, not read as 12.35."""
    found = reader.all(node, path)
    if not found or not found[0].text:
        raise _Refused(reference, f"entry '{reference}' has no amount")
    written = found[0].text.strip()
    try:
        amount = Decimal(written)
    except InvalidOperation:
        raise _Refused(reference, f"entry '{reference}' has an unreadable amount '{written}'") from None
    if not amount.is_finite() or amount <= 0:
        raise _Refused(reference, f"entry '{reference}' has an amount '{written}' that is not a positive number")
    if amount > MAX_AMOUNT:
        raise _Refused(reference, f"entry '{reference}' has an amount '{written}' beyond what the ledger holds")
    if amount != amount.quantize(CENT):
        raise _Refused(reference, f"entry '{reference}' has an unreadable amount '{written}' (more than two decimals)")
    currency = str(found[0].get("Ccy", "")).strip()
    if not currency:
        raise _Refused(reference, f"entry '{reference}' has an amount without its currency")
    return amount, currency
