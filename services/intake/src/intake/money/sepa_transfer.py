"""SEPA credit-transfer file (pain.001.001.03) paying each creditor its remittance."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import sepaxml
import xmlschema
from lxml import etree
from sepaxml import SepaTransfer
from stdnum import iban as iban_number
from stdnum.exceptions import ValidationError

from shared.money import round_cents

from intake.money.errors import RemittanceRefused
from intake.money.remittance import RemittanceStatement

SCHEMA = "pain.001.001.03"
SCHEMA_FILE = Path(sepaxml.__file__).parent / "schemas" / f"{SCHEMA}.xsd"
_NS = {"p": f"urn:iso:std:iso:20022:tech:xsd:{SCHEMA}"}
_CENTS = Decimal(100)


@dataclass(frozen=True)
class BankAccount:
    name: str
    iban: str
    bic: str | None = None


def _valid_iban(account: BankAccount) -> str:
    try:
        return str(iban_number.validate(account.iban))
    except ValidationError as exc:
        raise RemittanceRefused(
            f"the IBAN of {account.name} is not valid (ISO 13616 check)",
            f"l'IBAN de {account.name} n'est pas valide (contrôle ISO 13616)",
        ) from exc


def build_remittance_transfer(
    statements: Sequence[RemittanceStatement],
    *,
    agency: BankAccount,
    creditor_accounts: Mapping[str, BankAccount],
    execution_date: date,
    message_id: str,
    created_at: datetime,
) -> bytes:
    """One transfer per creditor with a positive net, debited from the client-money account
    (R124-2 CPCE) whose bank's BIC is the debtor agent, and validated against the pain.001.001.03 schema.
    `execution_date` must be a TARGET2 business day (`shared.target2`). The message id and creation
    time are arguments, so the same run always produces the same file."""
    payable = [s for s in statements if s.net_to_remit > 0]
    if not payable:
        raise RemittanceRefused(
            "no creditor has funds to remit in this run", "aucun créancier n'a de fonds à reverser dans ce lot"
        )
    if not agency.bic:
        raise RemittanceRefused(
            "the agency's BIC is not known: the transfers' debtor agent (DbtrAgt) would be empty",
            "le BIC de l'agence n'est pas connu : la banque du donneur d'ordre (DbtrAgt) serait vide",
        )
    config = {"name": agency.name, "IBAN": _valid_iban(agency), "BIC": agency.bic, "batch": True, "currency": "EUR"}
    transfer = SepaTransfer(config, schema=SCHEMA, clean=True)
    for statement in payable:
        account = creditor_accounts.get(statement.creditor_id)
        if account is None:
            raise RemittanceRefused(
                f"creditor {statement.creditor_id} has no bank account for the remittance",
                f"le créancier {statement.creditor_id} n'a pas de compte bancaire pour le reversement",
            )
        payment: dict[str, object] = {
            "name": account.name,
            "IBAN": _valid_iban(account),
            "amount": int(round_cents(statement.net_to_remit) * _CENTS),  # sepaxml counts cents
            "execution_date": execution_date,
            "description": f"Reversement {message_id} - {len(statement.lines)} paiement(s)",
            "endtoend_id": f"{message_id}-{statement.creditor_id}"[:35],
        }
        if account.bic:
            payment["BIC"] = account.bic
        transfer.add_payment(payment)
    document = _fix_identifiers(transfer.export(validate=False), message_id, created_at)
    validate_pain001(document)
    return document


def _fix_identifiers(document: bytes, message_id: str, created_at: datetime) -> bytes:
    """sepaxml stamps the wall clock and random ids; replace them with the run's own."""
    root = etree.fromstring(document)
    header = {"MsgId": message_id[:35], "CreDtTm": created_at.strftime("%Y-%m-%dT%H:%M:%S")}
    for tag, value in header.items():
        for node in root.iterfind(f"p:CstmrCdtTrfInitn/p:GrpHdr/p:{tag}", _NS):
            node.text = value
    for index, node in enumerate(root.iterfind("p:CstmrCdtTrfInitn/p:PmtInf/p:PmtInfId", _NS), start=1):
        node.text = f"{message_id}-{index}"[:35]
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def validate_pain001(document: bytes) -> None:
    """Checks a file against the pain.001.001.03 XSD shipped inside sepaxml."""
    schema = xmlschema.XMLSchema(str(SCHEMA_FILE))
    errors = list(schema.iter_errors(document.decode("utf-8")))
    if errors:
        raise RemittanceRefused(
            f"the SEPA file does not match {SCHEMA}: {errors[0].reason}",
            f"le fichier SEPA n'est pas conforme à {SCHEMA} : {errors[0].reason}",
        )
