"""The open disputes as a file, for the agency's weekly review or a creditor's own (the queue « Contestations en
cours » as a spreadsheet opens it): CSV in the page's language (French: semicolons, what French Excel opens
directly) and XLSX, each row a dispute, the oldest first. The debtor's and the creditor's words are text a
spreadsheet shows and never runs (`shared.spreadsheets`); the workbook types them as text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from shared.i18n import Language
from shared.spreadsheets import neutralised

from portal.web.language import Translator

COLUMNS = (
    "reference",
    "creditor",
    "opened_on",
    "days_open",
    "late",
    "what",
    "reason",
    "awaiting",
    "answered_on",
    "answer",
    "proof",  # last: the columns before it stay where a review's spreadsheet already reads them
)
_HEADINGS = {  # key: (French, English)
    "reference": ("Référence du dossier", "Case reference"),
    "creditor": ("Créancier", "Creditor"),
    "opened_on": ("Ouverte le", "Opened on"),
    "days_open": ("Jours ouverte", "Days open"),
    "late": ("En retard", "Late"),
    "what": ("Ce qui ne va pas", "What is wrong"),
    "reason": ("Motif du débiteur", "The debtor's reason"),
    "awaiting": ("À qui la main", "Whose move"),
    "answered_on": ("Réponse du créancier le", "Creditor answered on"),
    "answer": ("Réponse du créancier", "The creditor's answer"),
    "proof": ("Pièces", "Documents"),
}


def headings(language: Language) -> list[str]:
    return [_HEADINGS[column][0 if language == "fr" else 1] for column in COLUMNS]


def rows(disputes: Iterable[dict[str, Any]], language: Language) -> list[list[str | int]]:
    """One row a dispute, in `COLUMNS` order: days as a number, the rest as text (dates as ISO days)."""
    t = Translator(language)
    yes, no = ("oui", "non") if language == "fr" else ("yes", "no")
    out: list[list[str | int]] = []
    for dispute in disputes:
        if dispute.get("kind") == "payment_declared":
            what = t("dispute.kind.payment_declared")
        elif dispute.get("category"):
            what = t("dispute.said." + dispute["category"])
        else:
            what = ""
        out.append(
            [
                dispute["case_reference"],
                dispute.get("creditor_name") or "",
                dispute["opened_at"][:10],
                int(dispute["days_open"]),
                yes if dispute["late"] else no,
                what,
                dispute["reason"],
                t("disputes.filter." + dispute["awaiting"]),
                (dispute.get("answered_at") or "")[:10],
                dispute.get("creditor_answer") or "",
                proof_words(dispute, t),
            ]
        )
    return out


def proof_words(dispute: dict[str, Any], t: Translator) -> str:
    """Where the documents the dispute asks of the creditor stand, in the queue page's short words (dunning's
    `proof.status`): « en attente », « reçues », « insuffisantes », « — » when it asks for none."""
    status = (dispute.get("proof") or {}).get("status") or "not_required"
    key = f"disputes.proof.{status}"
    return t(key) if t.has(key) else "—"


def disputes_csv(disputes: Iterable[dict[str, Any]], language: Language) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if language == "fr" else ",", lineterminator="\r\n")
    writer.writerow(headings(language))
    for row in rows(disputes, language):
        writer.writerow([neutralised(value) if isinstance(value, str) else value for value in row])
    return out.getvalue()


def disputes_xlsx(disputes: Iterable[dict[str, Any]], language: Language) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = "Contestations" if language == "fr" else "Disputes"
    sheet.append(headings(language))
    for values in rows(disputes, language):
        row = sheet.max_row + 1
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = TYPE_STRING  # after the value: openpyxl reads "=..." as a formula
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
