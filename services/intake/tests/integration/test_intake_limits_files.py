"""Uploaded files: names reduced to a safe base name, text that is really text, downloads a browser takes
for exactly what they are (`nosniff`, the charset, an RFC 6266 name)."""

from __future__ import annotations

import io

import pytest

from workbench import samples


@pytest.fixture
def case(api, a_case) -> dict:
    response = api.client.post("/api/v1/cases", json=a_case("FILES-1"), headers=api.creditor)
    assert response.status_code == 201, response.text
    return response.json()


def attach(api, case: dict, name: str, content: bytes):
    return api.client.post(
        f"/api/v1/cases/{case['id']}/documents",
        data={"kind": "correspondence"},
        files={"file": (name, io.BytesIO(content))},
        headers=api.creditor,
    )


def download(api, case: dict, document: dict):
    response = api.client.get(f"/api/v1/cases/{case['id']}/documents/{document['id']}/content", headers=api.creditor)
    assert response.status_code == 200, response.text
    return response


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\compta\\relance.pdf", "relance.pdf"),
        ("facture\u202egnp.pdf", "facturegnp.pdf"),  # a right-to-left override would show "facturefdp.png"
        ("\x1b[31mrelance\x1b[0m.pdf", "[31mrelance[0m.pdf"),
        ("../..", None),
        ("r" * 400 + ".pdf", "r" * 146 + ".pdf"),
    ],
    ids=["parent directories", "windows path", "bidi override", "terminal escape", "nothing left", "too long"],
)
def test_an_upload_keeps_only_a_safe_base_name(api, case, sent, kept):
    attached = attach(api, case, sent, samples.plain_pdf())
    assert attached.status_code == 201, attached.text
    assert attached.json()["filename"] == kept
    disposition = download(api, case, attached.json()).headers["content-disposition"]
    assert "/" not in disposition and "\\" not in disposition and ".." not in disposition.replace("...", "")
    if kept:
        assert f'filename="{kept}"' in disposition


def test_downloads_say_nosniff_and_the_exact_charset_of_a_text_file(api, case):
    utf8 = attach(api, case, "note.txt", "Relance : 100 € dus.\n".encode())
    cp1252 = attach(api, case, "ancienne.txt", "Créance n° 12 : 100 € dus.\n".encode("cp1252"))
    assert (utf8.json()["media_type"], cp1252.json()["media_type"]) == (
        "text/plain; charset=utf-8",
        "text/plain; charset=windows-1252",
    )
    for document in (utf8.json(), cp1252.json()):
        response = download(api, case, document)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-type"] == document["media_type"]
    assert download(api, case, cp1252.json()).content.decode("cp1252").startswith("Créance")


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><body>Payez ici</body></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b"Relance amiable\n" * 5000 + b"<script>fetch('/api/v1/cases')</script>",  # past the first 64 KB
        b"Relance\x00\x01\x02",
    ],
    ids=["html", "svg", "script after 64 KB", "binary"],
)
def test_markup_or_binary_named_as_text_is_refused_in_both_languages(api, case, content):
    refused = attach(api, case, "relance.txt", content)
    assert refused.status_code == 422, refused.text
    french = api.client.post(
        f"/api/v1/cases/{case['id']}/documents",
        data={"kind": "correspondence"},
        files={"file": ("relance.txt", io.BytesIO(content))},
        headers=api.creditor | {"Accept-Language": "fr"},
    )
    assert french.status_code == 422 and "fichier" in french.text, french.text


def test_a_payment_receipt_downloads_with_nosniff(api, open_case, pay, invoice):
    paid = open_case("FILES-PAY", [invoice("F-P", "2026-01-15", "100.00")])
    payment = pay(paid, "50.00", "2026-04-15").json()
    receipt = api.client.get(f"/api/v1/payments/{payment['id']}/receipt", headers=api.agent)
    assert receipt.status_code == 200 and receipt.headers["x-content-type-options"] == "nosniff"
    assert receipt.headers["content-type"] == "application/pdf"
