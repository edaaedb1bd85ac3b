"""The portal's web pages in a real browser against the running platform (headless Chromium through Playwright, the
visitors, screenshots and checks of tests/e2e/conftest.py): the creditor opens a case with an invoice and a
document, an agent validates it, the creditor sees the first reminder in the timeline; an agent works the worklist
and logs a call with a promise; the debtor opens the link of the case, proposes a payment plan and sees it pending
(the creditor also opens the reports and import pages, the agent the back-office and API pages). No page may log a
console error, and axe-core finds no serious or critical accessibility violation on any page visited."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import httpx
import pytest

from shared.access_codes import access_code
from shared.clock import PARIS
from shared.debtor_links import verify_link
from workbench.testing.web_forms import web_session

from .conftest import TODAY, Visitor, sync_api

pytestmark = pytest.mark.e2e
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A camt.053.001.08 statement of one credit of 450.00 nothing identifies (a cheque deposited): the suspense queue.
CHEQUE_CREDITED = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt><Id>STMT-{run}</Id>
<Acct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">450.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
<BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt><AcctSvcrRef>CHQ-{run}</AcctSvcrRef>
<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><Amt Ccy="EUR">450.00</Amt>
<RmtInf><Ustrd>REMISE DE CHEQUE</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>
"""


def test_a_creditor_opens_a_case_an_agent_validates_it_and_the_first_reminder_shows(
    platform, browser, shots, on_a_working_day, tmp_path
):
    reference = f"WEB-{uuid.uuid4().hex[:6].upper()}"
    document = tmp_path / "contrat.pdf"
    document.write_bytes(PDF)
    creditor = Visitor(browser, platform.url(), shots, "creditor")
    creditor.sign_in("creditor@demo.example")
    page = creditor.page
    # the navigation's link (an empty case list, on a platform where the creditor has placed none yet, offers another)
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Ouvrir un dossier").click()
    page.get_by_label("Votre référence du dossier").fill(reference)
    page.get_by_label("Nom ou raison sociale").fill("Boulangerie Lefèvre SARL")
    page.locator("#debtor_email").fill("compta@lefevre.example")
    page.locator("#invoice-0-number").fill(f"{reference}-F1")
    page.locator("#invoice-0-amount").fill("1 250,40")
    page.locator("#invoice-0-issue_date").fill("2026-12-01")
    page.locator("#invoice-0-due_date").fill("2027-01-15")
    page.locator("#document").set_input_files(str(document))
    page.get_by_label("J'ai un contrat signé, un bon de commande ou une facture proforma").check()
    page.get_by_label("La livraison ou la prestation est prouvée").check()
    creditor.shot("form")
    page.get_by_role("button", name="Ouvrir et soumettre le dossier").click()
    sync_api.expect(page.get_by_text("Le dossier est ouvert.")).to_be_visible()
    sync_api.expect(page.locator("#documents").get_by_role("link", name="Contrat — contrat.pdf")).to_be_visible()
    case_url = page.url.split("?")[0]
    creditor.shot("opened")

    agent = Visitor(browser, platform.url(), shots, "agent")
    agent.sign_in("agent@demo.example")
    agent.page.goto(case_url)
    agent.shot("case")
    agent.page.get_by_role("button", name="Valider et lancer le recouvrement").click()
    sync_api.expect(agent.page.get_by_text("Le dossier est validé.")).to_be_visible()
    agent.shot("validated")
    admin = on_a_working_day

    def reminder_shown() -> bool:  # dunning hears of the validation through the broker, then a pass sends
        httpx.post(f"{platform.url()}/api/v1/dunning/admin/run", headers=admin, timeout=60)
        page.goto(case_url)
        return page.locator(".timeline").get_by_text("Relance envoyée par e-mail").count() > 0

    assert platform.eventually(reminder_shown, timeout_s=60), "the first reminder never reached the timeline"
    creditor.shot("timeline")
    for path, heading in (("/reports", "Rapports"), ("/imports/new", "Importer des dossiers")):
        page.goto(path)
        sync_api.expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        creditor.shot(path.strip("/").replace("/", "-"))
    creditor.close()
    agent.close()


def test_the_debtor_opens_the_link_proposes_a_plan_and_sees_it_pending(platform, browser, shots, on_a_working_day):
    creditor = platform.sign_in("creditor@demo.example")
    reference = f"DEBT-{uuid.uuid4().hex[:6].upper()}"
    body = {
        "reference": reference,
        "kind": "b2b",
        "debtor": {"type": "company", "name": "Atelier Duval EURL", "email": "duval@example.fr"},
        "invoices": [{"number": "F1", "issue_date": "2026-12-01", "due_date": "2027-01-15", "amount": "900.00"}],
    }
    case = httpx.post(f"{platform.url()}/api/v1/cases", json=body, headers=creditor).json()
    agent = platform.sign_in("agent@demo.example")
    validated = httpx.post(
        f"{platform.url()}/api/v1/cases/{case['id']}/validate", json={"override_reason": "e2e"}, headers=agent
    )
    assert validated.status_code == 200, validated.text
    attached = httpx.post(
        f"{platform.url()}/api/v1/cases/{case['id']}/documents",
        data={"kind": "invoice"},
        files={"file": ("facture-F1.pdf", PDF, "application/pdf")},
        headers=creditor,
    )
    assert attached.status_code == 201, attached.text
    key = (platform.var_dir / "keys" / "debtor-link-key").read_text().strip().encode()
    # the debtor comes from the letter: its payment reference and access code, typed on /debtor
    issued = datetime(TODAY.year, TODAY.month, TODAY.day, 10, 30, tzinfo=PARIS)  # the platform clock (on_a_working_day)
    code = access_code(
        case_id=uuid.UUID(case["id"]), debtor_id=uuid.UUID(case["debtor"]["id"]), issued_at=issued, key=key
    )
    debtor = Visitor(browser, platform.url(), shots, "debtor", phone=True)
    page = debtor.page
    page.goto("/debtor")
    page.get_by_label("Référence de paiement").fill(" ".join(case["rf_reference"][i : i + 4] for i in range(0, 20, 4)))
    page.get_by_label("Code d'accès").fill(code.lower())
    debtor.shot("entry")
    page.get_by_role("button", name="Accéder au dossier").click()
    sync_api.expect(page.get_by_text(reference).first).to_be_visible()
    token = page.url.split("/debtor/", 1)[1].split("?")[0]
    assert verify_link(token, key=key, now=issued).case_id == uuid.UUID(case["id"])
    # the proof of the claim, read and downloaded; the reading is on the case's timeline
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Facture — facture-F1.pdf").click()
    assert downloading.value.suggested_filename == "facture-F1.pdf"
    timeline = httpx.get(f"{platform.url()}/api/v1/cases/{case['id']}/timeline", headers=creditor).json()
    assert any(item["type"] == "document.consulted" for item in timeline["items"]), timeline

    def plan_form_shown() -> bool:  # dunning hears of the validated case through the broker
        page.goto(f"/debtor/{token}")
        return page.get_by_role("heading", name="Proposer un échéancier").count() > 0

    assert platform.eventually(plan_form_shown, timeout_s=30)
    sync_api.expect(page.get_by_text(reference).first).to_be_visible()
    debtor.shot("page")
    page.locator("#due_on-0").fill("2027-03-20")
    page.locator("#amount-0").fill("450")
    page.locator("#due_on-1").fill("2027-04-20")
    page.locator("#amount-1").fill("450")
    page.get_by_role("button", name="Envoyer ma proposition").click()
    sync_api.expect(page.get_by_text("Votre proposition d'échéancier est envoyée")).to_be_visible()
    debtor.shot("proposed")
    page.goto(f"/debtor/{token}")
    sync_api.expect(page.get_by_text("attend la décision du créancier")).to_be_visible()
    debtor.shot("pending")
    # the debtor would rather talk: a call-back in this afternoon's window, which the agents' worklist then heads
    page.locator("#callback_window").select_option(index=1)
    page.locator("#callback_phone").fill("06 12 34 56 78")
    page.get_by_role("button", name="Demander à être rappelé").click()
    sync_api.expect(page.get_by_text("Votre demande de rappel est enregistrée")).to_be_visible()
    sync_api.expect(page.locator("#callback-waiting")).to_contain_text("au 06 12 34 56 78")
    debtor.shot("callback")
    with web_session(platform.url(), "agent@demo.example") as staff:
        assert f">{reference}</a>" in staff.get("/worklist").text.split("Rappels demandés", 1)[1].split("</table>")[0]
    # the debtor says a payment was already made: a dispute that holds the reminders, in the debtor's words
    page.locator("#paid_on").fill(TODAY.isoformat())
    page.locator("#paid_amount").fill("450")
    page.locator("#means").select_option("cheque")
    page.locator("#paid_reference").fill("CHQ 0012345")
    page.get_by_role("button", name="Déclarer mon paiement").click()
    sync_api.expect(page.get_by_text("Votre paiement est déclaré.")).to_be_visible()
    debtor.shot("paid")
    page.goto(f"/debtor/{token}")  # back later: the page says the payment is being looked for
    sync_api.expect(page.get_by_text("Nous recherchons le paiement que vous avez déclaré")).to_be_visible()
    disputes = httpx.get(f"{platform.url()}/api/v1/dunning/cases/{case['id']}/disputes", headers=agent).json()
    [declared] = [d for d in disputes if d["status"] == "open"]
    assert declared["kind"] == "payment_declared", declared
    with web_session(platform.url(), "agent@demo.example") as staff:  # staff see it apart from a dispute
        assert "Paiement déclaré par le débiteur" in staff.get(f"/cases/{case['id']}").text
    assert declared["reason"].startswith("Paiement déjà effectué, déclaré par le débiteur en ligne : 450,00"), declared
    assert declared["reason"].endswith("par chèque. Référence : CHQ 0012345."), declared
    # the cheque reaches the agency's account unreferenced: the suspense queue names the case that declared it
    statement = CHEQUE_CREDITED.replace("{run}", reference).replace("{day}", TODAY.isoformat()).encode()
    admin = platform.sign_in("admin@demo.example")
    files = {"file": ("releve.xml", statement, "application/xml")}
    imported = httpx.post(f"{platform.url()}/api/v1/intake/bank-statements", files=files, headers=admin)
    assert imported.status_code == 201, imported.text
    supervisor = Visitor(browser, platform.url(), shots, "supervisor")
    supervisor.sign_in("admin@demo.example")
    supervisor.page.goto("/back-office/suspense")
    suggestion = supervisor.page.locator(f'[data-declared-case="{reference}"]')
    sync_api.expect(suggestion).to_contain_text(f"Le débiteur du dossier {reference} déclare avoir payé 450,00")
    supervisor.shot("suspense")
    supervisor.close()
    page.goto(f"/debtor/{token[:-4]}AAAA")
    sync_api.expect(page.get_by_role("heading", name="Lien non valable")).to_be_visible()
    debtor.shot("refused")
    debtor.errors = [error for error in debtor.errors if "403" not in error]  # the refused link's own status
    debtor.close()


def test_an_agent_works_the_worklist_and_logs_a_call_with_a_promise(platform, browser, shots, on_a_working_day):
    admin = on_a_working_day
    creditor, staff = platform.sign_in("creditor@demo.example"), platform.sign_in("agent@demo.example")
    reference = f"CALL-{uuid.uuid4().hex[:6].upper()}"
    body = {
        "reference": reference,
        "kind": "b2b",
        "debtor": {
            "type": "company",
            "name": "Garage Petit SARL",
            "email": "petit@example.fr",
            "phone": "+33612345678",
        },
        "invoices": [{"number": "F1", "issue_date": "2027-02-01", "due_date": "2027-03-01", "amount": "2400.00"}],
    }
    case = httpx.post(f"{platform.url()}/api/v1/cases", json=body, headers=creditor).json()
    validated = httpx.post(
        f"{platform.url()}/api/v1/cases/{case['id']}/validate", json={"override_reason": "e2e"}, headers=staff
    )
    assert validated.status_code == 200, validated.text
    day = TODAY

    def call_due() -> bool:  # the scenario's call comes after two e-mails (its letter is skipped: no address)
        nonlocal day
        moment = datetime(day.year, day.month, day.day, 10, 30, tzinfo=PARIS).isoformat()
        httpx.put(f"{platform.url()}/api/v1/admin/clock", json={"now": moment}, headers=admin)
        httpx.post(f"{platform.url()}/api/v1/dunning/admin/run", headers=admin, timeout=60)
        tasks = httpx.get(f"{platform.url()}/api/v1/dunning/tasks", params={"case_id": case["id"]}, headers=staff)
        day += timedelta(days=3 if day.weekday() != 5 else 2)  # never a Sunday
        return tasks.status_code == 200 and tasks.json()["total"] > 0

    assert platform.eventually(call_due, timeout_s=120), "no call task came"
    agent = Visitor(browser, platform.url(), shots, "agent-call")
    agent.sign_in("agent@demo.example")
    page = agent.page
    sync_api.expect(page.get_by_role("heading", name="File de travail")).to_be_visible()
    agent.shot("worklist")
    page.goto(f"/cases/{case['id']}")
    agent.shot("case")
    page.get_by_label("Résultat", exact=True).select_option("promise")
    page.get_by_label("Note de l'appel").fill("Joint, paiera la moitié")
    page.locator("input[name=promise_amount]").fill("1 200")
    page.locator("input[name=promise_due_on]").fill((day + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Enregistrer l'appel").click()
    sync_api.expect(page.get_by_text("L'appel est enregistré.")).to_be_visible()
    sync_api.expect(page.get_by_text("En pause : promesse de paiement").first).to_be_visible()

    def promise_on_timeline() -> bool:
        page.goto(f"/cases/{case['id']}")
        return page.locator(".timeline").get_by_text("Promesse de paiement").count() > 0

    assert platform.eventually(promise_on_timeline, timeout_s=30)
    agent.shot("promise")
    back_office = (
        ("/back-office/suspense", "Paiements en suspens"),
        (f"/back-office/preview?case_id={case['id']}", "Mode test d'un dossier"),  # the scenario's test mode
        ("/api/docs", "API de Recouvra"),
    )
    for path, heading in back_office:
        page.goto(path)
        sync_api.expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        agent.shot(path.split("?")[0].strip("/").replace("/", "-"))
    agent.close()
