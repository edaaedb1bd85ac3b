"""The open disputes as files: one row a dispute in the page's language, the debtor's and the creditor's words shown
by a spreadsheet and never run (a neutralising quote in the CSV, text-typed cells in the workbook)."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from portal.web.dispute_export import disputes_csv, disputes_xlsx

EVIL = '=HYPERLINK("http://evil.example","x")'
DISPUTES = [
    {
        "case_reference": "LIT-1",
        "creditor_name": "Demo Créancier SAS",
        "opened_at": "2026-11-02T09:00:00Z",
        "days_open": 22,
        "late": True,
        "kind": "dispute",
        "category": "not_received",
        "reason": EVIL,
        "awaiting": "creditor",
        "answered_at": None,
        "creditor_answer": None,
        "proof": {"required": ["delivery_proof"], "status": "insufficient", "documents": []},
    },
    {
        "case_reference": "LIT-2",
        "creditor_name": None,
        "opened_at": "2026-11-20T15:00:00Z",
        "days_open": 4,
        "late": False,
        "kind": "payment_declared",
        "category": None,
        "reason": "Payé par chèque",
        "awaiting": "agency",
        "answered_at": "2026-11-21T08:00:00Z",
        "creditor_answer": "+ rien reçu",
        "proof": {"required": [], "status": "not_required", "documents": []},
    },
]


def test_the_french_csv_opens_in_french_excel_with_every_dispute_and_no_formula():
    table = list(csv.reader(io.StringIO(disputes_csv(DISPUTES, "fr")), delimiter=";"))
    assert table[0][:4] == ["Référence du dossier", "Créancier", "Ouverte le", "Jours ouverte"]
    assert table[0][-1] == "Pièces"  # where the documents asked of the creditor stand, in the queue's words
    assert table[1] == [
        "LIT-1",
        "Demo Créancier SAS",
        "2026-11-02",
        "22",
        "oui",
        "Marchandise ou prestation non reçue",
        "'" + EVIL,
        "En attente du créancier",
        "",
        "",
        "insuffisantes",
    ]
    assert table[2][5:] == [
        "Paiement déclaré par le débiteur",
        "Payé par chèque",
        "En attente de l'agence",
        "2026-11-21",
        "'+ rien reçu",
        "—",
    ]


def test_the_english_workbook_types_the_words_as_text_and_the_days_as_numbers():
    sheet = load_workbook(io.BytesIO(disputes_xlsx(DISPUTES, "en"))).active
    assert sheet.title == "Disputes" and sheet["A1"].value == "Case reference"
    assert (
        sheet["D2"].value == 22 and sheet["E2"].value == "yes" and sheet["F2"].value == "Goods or service not received"
    )
    assert sheet["G2"].value == EVIL and sheet["G2"].data_type == "s"  # shown, never run
    assert sheet["H3"].value == "Waiting for the agency"
    assert (sheet["K1"].value, sheet["K2"].value, sheet["K3"].value) == ("Documents", "insufficient", "—")
