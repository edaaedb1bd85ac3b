"""The guided form that opens a case: what the creditor typed, read into intake's `POST /api/v1/cases` body,
with the mistakes a person makes (a comma for the decimal point, an empty row) caught before intake is asked.
Pure: no I/O."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

INVOICE_FIELDS = ("number", "issue_date", "due_date", "amount")
DEFAULT_ROWS = 3
MAX_ROWS = 30
_SPACES = re.compile(r"[\s\u00a0\u202f]")


@dataclass
class CaseForm:
    values: dict[str, str]
    rows: int
    errors: list[tuple[str, str]] = field(default_factory=list)  # (field, text key)

    def value(self, name: str) -> str:
        return self.values.get(name, "")

    def has_error(self, name: str) -> bool:
        return any(field_name == name for field_name, _ in self.errors)


def read_form(form: Mapping[str, Any]) -> CaseForm:
    values = {key: str(value).strip() for key, value in form.items() if isinstance(value, str)}
    try:
        rows = int(values.get("rows", DEFAULT_ROWS))
    except ValueError:
        rows = DEFAULT_ROWS
    return CaseForm(values=values, rows=min(max(rows, 1), MAX_ROWS))


def amount_of(text: str) -> Decimal | None:
    """ "1 200,50", "1200.50", "1 200 €" -> Decimal("1200.50"); None when it is not an amount."""
    cleaned = _SPACES.sub("", text).replace("€", "").replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount > 0 and amount == amount.quantize(Decimal("0.01")) else None


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
        amount = amount_of(row["amount"]) if row["amount"] else None
        if row["amount"] and amount is None:
            form.errors.append((f"invoice-{index}-amount", "new_case.bad_amount"))
        invoices.append({**row, "amount": str(amount) if amount is not None else row["amount"]})
    if not invoices:
        form.errors.append(("invoice-0-number", "new_case.no_invoice"))
    if form.errors:
        return {}
    return {
        "reference": form.value("reference"),
        "kind": "b2c" if form.value("kind") == "b2c" else "b2b",
        "debtor": _debtor(form),
        "invoices": invoices,
        "draft": True,  # submitted once its document and checklist are in (`routes.new_case`)
    }


def _debtor(form: CaseForm) -> dict[str, Any]:
    debtor: dict[str, Any] = {
        "type": "person" if form.value("debtor_type") == "person" else "company",
        "name": form.value("debtor_name"),
    }
    for name in ("siren", "email", "phone"):
        if form.value(f"debtor_{name}"):
            debtor[name] = form.value(f"debtor_{name}")
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
