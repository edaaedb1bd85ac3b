"""More of the portal's web pages in a real browser against the running platform (the visitors, screenshots and
checks of tests/e2e/conftest.py): a creditor answers the debtor's dispute on its case's page and sees the answer;
an admin corrects a creditor's name on its back-office page (the remittance IBAN shown masked) and sees the new
name, then registers a credit insurer on the partners page, where the bailiff firms are listed, and a bailiff firm,
whose client id and secret the page shows once; the firm's software signs in with them (client credentials) and reads
its missions. No page may log a console error, and axe-core finds no serious or critical accessibility violation on
any page visited."""

from __future__ import annotations

import uuid

import httpx
import pytest

from shared.demo import DEMO_PARTNER_NAME

from .conftest import Visitor, sync_api

pytestmark = pytest.mark.e2e
ANSWER = "La livraison est prouvée : bon de livraison signé le 2 décembre."


def test_a_creditor_answers_the_debtors_dispute_on_the_case_page(platform, browser, shots, on_a_working_day):
    creditor_api, agent_api = platform.sign_in("creditor@demo.example"), platform.sign_in("agent@demo.example")
    body = {
        "reference": f"DISP-{uuid.uuid4().hex[:6].upper()}",
        "kind": "b2b",
        "debtor": {"type": "company", "name": "Menuiserie Roux SAS", "email": "roux@example.fr"},
        "invoices": [{"number": "F1", "issue_date": "2026-12-01", "due_date": "2027-01-15", "amount": "780.00"}],
    }
    case = httpx.post(f"{platform.url()}/api/v1/cases", json=body, headers=creditor_api).json()
    validated = httpx.post(
        f"{platform.url()}/api/v1/cases/{case['id']}/validate", json={"override_reason": "e2e"}, headers=agent_api
    )
    assert validated.status_code == 200, validated.text

    def disputed() -> bool:  # dunning hears of the validated case through the broker
        reason = {"reason": "Marchandise jamais livrée"}
        path = f"{platform.url()}/api/v1/dunning/cases/{case['id']}/disputes"
        return httpx.post(path, json=reason, headers=agent_api).status_code == 201

    assert platform.eventually(disputed, timeout_s=30), "dunning never took the dispute"
    creditor = Visitor(browser, platform.url(), shots, "creditor-dispute")
    creditor.sign_in("creditor@demo.example")
    page = creditor.page
    page.goto(f"/cases/{case['id']}")
    sync_api.expect(page.locator("#disputes").get_by_text("Marchandise jamais livrée")).to_be_visible()
    creditor.shot("dispute")
    page.get_by_label("Votre réponse à la contestation").fill(ANSWER)
    page.get_by_role("button", name="Répondre à la contestation").click()
    sync_api.expect(page.get_by_text("Votre réponse est enregistrée")).to_be_visible()
    sync_api.expect(page.locator("#disputes p > q")).to_have_text(ANSWER)
    sync_api.expect(page.get_by_role("button", name="Répondre à la contestation")).to_have_count(0)
    creditor.shot("answered")
    creditor.close()


def test_an_admin_corrects_a_creditor_and_registers_a_partner(platform, browser, shots, on_a_working_day):
    admin_api, suffix = on_a_working_day, uuid.uuid4().hex[:4].upper()
    former, corrected = f"Fournil {suffix} SAS", f"Fournil {suffix} et Fils SAS"
    created = httpx.post(f"{platform.url()}/api/v1/creditors", json={"name": former}, headers=admin_api)
    assert created.status_code == 201, created.text
    account = {"iban": "FR14 2004 1010 0505 0001 3M02 606"}
    path = f"{platform.url()}/api/v1/intake/creditors/{created.json()['id']}/bank-account"
    assert httpx.put(path, json=account, headers=admin_api).status_code == 200

    admin = Visitor(browser, platform.url(), shots, "admin")
    admin.sign_in("admin@demo.example")
    page = admin.page
    page.goto("/back-office/creditors")
    page.get_by_role("link", name=former, exact=True).click()
    sync_api.expect(page.get_by_role("heading", name=former, exact=True)).to_be_visible()
    sync_api.expect(page.get_by_text("FR** **** **** **** **** ***2 606")).to_be_visible()
    admin.shot("creditor")
    page.get_by_label("Nom", exact=True).fill(corrected)
    page.get_by_role("button", name="Enregistrer les corrections").click()
    sync_api.expect(page.get_by_text("Les coordonnées du créancier sont corrigées.")).to_be_visible()
    sync_api.expect(page.get_by_role("heading", name=corrected, exact=True)).to_be_visible()
    admin.shot("corrected")

    insurer = f"Assur Crédit {suffix}"
    page.goto("/back-office/partners")
    sync_api.expect(page.get_by_text(DEMO_PARTNER_NAME)).to_be_visible()  # the bailiff firms, listed
    page.get_by_label("Type").select_option("insurer")
    page.get_by_label("Nom", exact=True).fill(insurer)
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    sync_api.expect(page.get_by_text("Le partenaire est enregistré.")).to_be_visible()
    sync_api.expect(page.get_by_text(insurer)).to_be_visible()
    admin.shot("partners")

    firm = f"Étude Martin {suffix}"
    page.get_by_label("Nom de l'étude").fill(firm)
    page.get_by_role("button", name="Enregistrer l'étude").click()
    sync_api.expect(page.get_by_role("heading", name=f"Identifiants de connexion de {firm}")).to_be_visible()
    sync_api.expect(page.get_by_text("il ne sera plus jamais affiché")).to_be_visible()
    client_id, secret = page.locator("#credentials ~ dl code").all_inner_texts()
    admin.shot("bailiff-credentials")
    admin.close()

    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    token = httpx.post(f"{platform.url()}/api/v1/auth/token", data=form)
    assert token.status_code == 200, token.text
    bailiff = {"Authorization": f"Bearer {token.json()['access_token']}"}
    assert httpx.get(f"{platform.url()}/api/v1/partner/missions", headers=bailiff).status_code == 200
