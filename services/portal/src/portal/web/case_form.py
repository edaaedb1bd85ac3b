"""The guided form that opens a case: what the creditor typed, read into intake's `POST /api/v1/cases` body,
with the mistakes a person makes (a comma for the decimal point, an empty row) caught before intake is asked.
Pure: no I/O."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from portal.web.typed import read_amount

INVOICE_FIELDS = ("number", "issue_date", "due_date", "amount")
DOCUMENT_KINDS = ("contract", "purchase_order", "proforma", "delivery_proof", "invoice", "correspondence")
DEFAULT_ROWS = 3
MAX_ROWS = 30


@dataclass
class CaseForm:
    values: dict[str, str]
    rows: int
    language: str = "fr"  # the page's: how an amount is written
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field, text key)
    refused: dict[str, str] = field(default_factory=dict)  # field -> what intake said of it, as the visitor reads it
    invoice_rows: list[int] = field(default_factory=list)  # the form's row of each invoice sent (empty rows are not)
    # intake's body as typed, mistakes included: what intake is asked to check beside the form's own mistakes
    body: dict[str, Any] = field(default_factory=dict)
    also: list[tuple[str, str]] = field(default_factory=list)  # (field, what intake said of it): fields the form passed

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def has_error(self, name: str) -> bool:
        return name in self.refused or any(field_name == name for field_name, _ in self.errors)

    def label(self, name: str) -> tuple[int | None, str]:
        """(the invoice row numbered from 1, or None; the text key of the field's label), for the error summary."""
        if match := _INVOICE_FIELD.fullmatch(name):
            return int(match.group(1)) + 1, _INVOICE_LABELS[match.group(2)]
        return None, _LABELS.get(name, "form.field")

    def take_refusal(self, problems: Sequence[tuple[tuple[str | int, ...], str, str]]) -> None:
        """What intake said is wrong with each field, shown beside the form's own field when the form has it."""
        for parts, _, reason in problems:
            name = self.field_of(parts)
            if name is not None:
                self.refused.setdefault(name, self.unnamed(parts, reason))

    def unnamed(self, parts: tuple[str | int, ...], reason: str) -> str:
        """What intake said of an invoice's field without the invoice's number before it ("la facture F-2 : "): the
        form shows it beside that invoice's row, or after the row's label in the summary."""
        match parts:
            case ("invoices", int(index), *_) if index < len(self.invoice_rows):
                number = self.value(f"invoice-{self.invoice_rows[index]}-number")
                return reason.removeprefix(f"la facture {number} : ").removeprefix(f"invoice {number}: ")
        return reason

    def untold(
        self, problems: Sequence[tuple[tuple[str | int, ...], str, str]]
    ) -> list[tuple[tuple[str | int, ...], str, str]]:
        """Intake's problems with the fields the form itself found nothing wrong with (a field it refused, intake
        refuses too, in other words)."""
        return [problem for problem in problems if (name := self.field_of(problem[0])) and not self.has_error(name)]

    def as_rows(self, parts: tuple[str | int, ...]) -> tuple[str | int, ...]:
        """An invoice's place in intake's body as its row in the form (the empty rows were not sent)."""
        match parts:
            case ("invoices", int(index), *rest) if index < len(self.invoice_rows):
                return ("invoices", self.invoice_rows[index], *rest)
        return parts

    def field_of(self, parts: tuple[str | int, ...]) -> str | None:
        match parts:
            case ("invoices", int(index), str(name)) if name in INVOICE_FIELDS and index < len(self.invoice_rows):
                return f"invoice-{self.invoice_rows[index]}-{name}"
            case ("debtor", "address", str(name)) if f"address_{name}" in _LABELS:
                return f"address_{name}"
            case ("debtor", str(name)) if f"debtor_{name}" in _LABELS:
                return f"debtor_{name}"
            case ("reference",):
                return "reference"
        return None


_INVOICE_FIELD = re.compile(r"invoice-(\d+)-(\w+)")
_INVOICE_LABELS = {
    "number": "invoice.number",
    "issue_date": "invoice.issued",
    "due_date": "invoice.due",
    "amount": "invoice.amount",
}
_LABELS = {  # the form's fields and the text keys of their labels
    "reference": "new_case.reference",
    "debtor_name": "new_case.debtor_name",
    "debtor_siren": "new_case.siren",
    "debtor_email": "debtor.email",
    "debtor_phone": "debtor.phone",
    "debtor_language": "debtor.language",
    "address_line1": "new_case.address_line1",
    "address_postal_code": "new_case.postal_code",
    "address_city": "new_case.city",
    "document": "new_case.document_file",
}


def read_form(form: Mapping[str, Any], language: str = "fr") -> CaseForm:
    values = {key: str(value).strip() for key, value in form.items() if isinstance(value, str)}
    try:
        rows = int(values.get("rows", DEFAULT_ROWS))
    except ValueError:
        rows = DEFAULT_ROWS
    return CaseForm(values=values, rows=min(max(rows, 1), MAX_ROWS), language=language)


def amount_of(text: str, language: str = "fr") -> Decimal | None:
    """A positive amount to the cent, read as the page's reader writes it (`typed.read_amount`); None otherwise."""
    amount = read_amount(text, language)
    return amount if amount is not None and amount > 0 and amount == amount.quantize(Decimal("0.01")) else None


def _day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def case_body(form: CaseForm) -> dict[str, Any]:
    """Intake's body for the form, or an empty dict with `form.errors` filled in."""
    required = ("reference", "debtor_name")
    form.errors.extend((name, "form.required") for name in required if not form.value(name))
    invoices = []
    for index in range(form.rows):
        row = {name: form.value(f"invoice-{index}-{name}") for name in INVOICE_FIELDS}
        if not any(row.values()):
            continue
        for name in ("number", "issue_date", "due_date", "amount"):
            if not row[name]:
                form.errors.append((f"invoice-{index}-{name}", "form.required"))
        for name in ("issue_date", "due_date"):
            if row[name] and not _day(row[name]):
                form.errors.append((f"invoice-{index}-{name}", "new_case.bad_date"))
        amount = amount_of(row["amount"], form.language) if row["amount"] else None
        if row["amount"] and amount is None:
            form.errors.append((f"invoice-{index}-amount", "new_case.bad_amount"))
        invoices.append({**row, "amount": str(amount) if amount is not None else row["amount"]})
        form.invoice_rows.append(index)
    if not invoices:
        form.errors.append(("invoice-0-number", "new_case.no_invoice"))
    form.body = {
        "reference": form.value("reference"),
        "kind": "b2c" if form.value("kind") == "b2c" else "b2b",
        "debtor": _debtor(form),
        "invoices": invoices,
        "draft": True,  # submitted once its document and checklist are in (`routes.new_case`)
    }
    return {} if form.errors else form.body


def _debtor(form: CaseForm) -> dict[str, Any]:
    debtor: dict[str, Any] = {
        "type": "person" if form.value("debtor_type") == "person" else "company",
        "name": form.value("debtor_name"),
    }
    for name in ("siren", "email", "phone"):
        if form.value(f"debtor_{name}"):
            debtor[name] = form.value(f"debtor_{name}")
    if form.value("debtor_language") == "en":  # French, the select's first choice, is what intake assumes unsaid
        debtor["language"] = "en"
    if form.value("address_line1") or form.value("address_city"):
        debtor["address"] = {
            "line1": form.value("address_line1"),
            "postal_code": form.value("address_postal_code"),
            "city": form.value("address_city"),
            "country": "FR",
        }
    return debtor


def checklist_body(form: CaseForm) -> dict[str, bool]:
    return {
        "contract_signed": form.value("contract_signed") == "yes",
        "delivery_evidenced": form.value("delivery_evidenced") == "yes",
    }
