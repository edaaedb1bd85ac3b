"""Stored XSS: what a creditor typed (a debtor's name, address, a case's reference, a document's name) holding
markup is shown as the characters typed, never run: escaped in the portal's pages (a case opened through intake's
API, read through the portal as the creditor), in dunning's e-mails (their HTML part) and, in the PDF letters, the
literal characters read back from the PDF's text."""

from __future__ import annotations

import html
import io
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from pypdf import PdfReader

from shared.auth import Role

from dunning.domain.context import Agency, Figures, FirstContact, InvoiceLine, MessageContext, Party
from dunning.rendering.letters import letter_pdf
from dunning.rendering.templates import render
from portal.web.sessions import SESSION_COOKIE, WebSession

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
HTML_TEMPLATES = {
    "email-courteous": "email",
    "email-firm": "email",
    "letter-reminder": "letter",
    "formal-notice": "registered_letter",
}
LETTERS = ("letter-reminder", "formal-notice")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _context(template: str, language: str, *, first: bool) -> MessageContext:
    return MessageContext(
        language=language,
        channel=HTML_TEMPLATES[template],
        step="step-1",
        template=template,
        kind="b2b",
        sent_on=date(2026, 3, 12),
        message_reference="MSG-7Q2K9X",
        case_reference=f"DOS-{SCRIPT}",
        rf_reference="RF18539007547034",
        agency=Agency(
            name="Recouvra SAS",
            address_lines=("12 rue de la Paix", "75002 Paris"),
            email="contact@recouvra.example",
            iban="FR7630006000011234567890189",
            bic="AGRIFRPP",
            siren="912345678",
        ),
        creditor=Party(name=f"Créancier {IMAGE}", address_lines=("3 place du Marché", "69001 Lyon")),
        debtor=Party(name=f"Dupont {SCRIPT}", address_lines=(f"8 avenue {IMAGE}", "33000 Bordeaux")),
        figures=Figures(
            as_of=date(2026, 3, 10),
            currency="EUR",
            principal=Decimal("1200.00"),
            penalties=Decimal("18.35"),
            indemnities=Decimal("40.00"),
            interest=Decimal("0.00"),
            fees=Decimal("0.00"),
            paid=Decimal("200.00"),
            balance=Decimal("1058.35"),
            invoices=(InvoiceLine(f"F-{IMAGE}", date(2026, 1, 5), date(2026, 2, 4), Decimal("1200.00")),),
        ),
        self_service_url="https://pay.recouvra.example/p/abc123",
        first_contact=None if first else FirstContact(reference="MSG-1A2B3C", sent_on=date(2026, 2, 20)),
    )


def _unescaped_payloads(markup: str) -> list[str]:
    return [payload for payload in ("<script", "<img", "onerror=alert(1)>") if payload in markup]


@pytest.mark.parametrize("language", ("fr", "en"))
@pytest.mark.parametrize("template", HTML_TEMPLATES)
def test_dunnings_html_part_shows_names_addresses_and_references_escaped(template, language):
    rendered = render(_context(template, language, first=template != "email-firm"))
    assert rendered.html is not None
    assert _unescaped_payloads(rendered.html) == []
    assert html.escape(SCRIPT, quote=False) in rendered.html or html.escape(SCRIPT) in rendered.html


@pytest.mark.parametrize("template", LETTERS)
def test_a_pdf_letter_prints_the_characters_typed_not_markup_it_ran(template):
    context = _context(template, "fr", first=True)
    pdf = letter_pdf(context, render(context))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    assert SCRIPT in flat, "the debtor's name, with its markup as plain characters"
    assert re.search(r"Objet : .{0,120}DOS- ?" + re.escape(SCRIPT), flat), "the letter's object, with the reference"
    assert "<img src=x onerror=alert(1)>" in flat, "the debtor's address, with its markup as plain characters"


KEPT = ("gateway_clients",)


@pytest.fixture
def portal_reads_the_platform(platform, monkeypatch) -> Iterator[Any]:
    """The platform's portal, its pages reading the platform's own services in-process (ASGI, no socket)."""
    portal = platform.clients["portal"]
    state = portal.app.state
    clients = {
        service: httpx.AsyncClient(transport=httpx.ASGITransport(app=platform.clients[service].app))
        for service in ("intake", "scoring", "dunning", "legal")
    }
    kept = {name: getattr(state, name) for name in KEPT}  # starlette's State: monkeypatch would delete them
    state.gateway_clients = clients
    monkeypatch.setattr(state.runtime.settings, "service_urls", {s: f"http://{s}.test" for s in clients})
    try:
        yield portal
    finally:
        portal.cookies.clear()
        for name, value in kept.items():
            setattr(state, name, value)


def _signed_in_as_creditor_a(platform: Any, issue_token: Any, portal: Any) -> None:
    """A web session as signing in makes one, for a user the portal holds (a session is read with its account)."""
    from sqlmodel import Session, select

    from portal.identity.models import User

    with Session(portal.app.state.runtime.engine) as db:
        if db.exec(select(User).where(User.email == "a@alpha.example")).first() is None:
            db.add(
                User(
                    email="a@alpha.example",
                    password_hash="not-used",
                    role="creditor",
                    creditor_id=uuid.UUID(platform.ids["creditor_id"]),
                    created_at=datetime.now(UTC),
                )
            )
            db.commit()
    web = portal.app.state.web
    expires = datetime.now(UTC) + timedelta(hours=1)
    token = issue_token(Role.CREDITOR, creditor_id=platform.ids["creditor_id"])
    session = WebSession(
        token=token,
        csrf=uuid.uuid4().hex,
        role="creditor",
        creditor_id=platform.ids["creditor_id"],
        email="a@alpha.example",
        expires_at=int(expires.timestamp()),
    )
    portal.cookies.set(SESSION_COOKIE, web.sealer.seal(session))


def test_the_portals_pages_show_a_debtors_name_address_and_a_cases_reference_escaped(
    platform, issue_token, portal_reads_the_platform
):
    intake, portal = platform.clients["intake"], portal_reads_the_platform
    body = {
        "reference": "XSS-0001",
        "kind": "b2b",
        "debtor": {
            "type": "company",
            "name": f"Dupont {SCRIPT}",
            "siren": "552100554",
            "address": {"line1": f"8 avenue {IMAGE}", "postal_code": "33000", "city": "Bordeaux", "country": "FR"},
        },
        "invoices": [
            {
                "number": f"F-{SCRIPT}",
                "issue_date": "2026-06-01",
                "due_date": "2026-07-01",
                "amount": "100.00",
                "currency": "EUR",
            }
        ],
    }
    opened = intake.post("/api/v1/cases", json=body, headers=platform.headers["creditor_a"])
    assert opened.status_code == 201, opened.text
    named = intake.post(
        f"/api/v1/cases/{opened.json()['id']}/documents",
        data={"kind": "contract"},
        files={"file": (f"contrat{IMAGE}.pdf", io.BytesIO(PDF))},
        headers=platform.headers["creditor_a"],
    )
    assert named.status_code == 201 and "onerror" in named.json()["filename"], named.text
    _signed_in_as_creditor_a(platform, issue_token, portal)
    failures = []
    for page in ("/cases", f"/cases/{opened.json()['id']}", "/cases?q=Dupont"):
        answer = portal.get(page)
        assert answer.status_code == 200, f"{page}: {answer.status_code} {answer.text[:300]}"
        assert "Dupont" in answer.text, f"{page} does not show the debtor: the test reads nothing"
        if page.startswith("/cases/") and "contrat" not in answer.text:
            failures.append(f"{page} does not show the document's name: the test reads nothing")
        if unescaped := _unescaped_payloads(answer.text):
            failures.append(f"{page}: {unescaped}")
    assert failures == []
