"""Opening a case from the guided form (the case, its document, the checklist, submitted for validation), and
the aged balance dashboard with its chart and export."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest

from shared.demo import DEMO_CREDITOR_ID

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def portal(portal_for, intake_url, scoring_url):
    return portal_for(service_urls={"intake": intake_url, "scoring": scoring_url})


def the_form(csrf: str, **values: str) -> dict[str, str]:
    return {
        "csrf": csrf,
        "rows": "3",
        "reference": "FORM-0001",
        "kind": "b2b",
        "debtor_type": "company",
        "debtor_name": "Boulangerie Lefèvre SARL",
        "debtor_siren": "552100554",
        "debtor_email": "compta@lefevre.example",
        "address_line1": "3 rue du Four",
        "address_postal_code": "75006",
        "address_city": "Paris",
        "invoice-0-number": "F-2026-091",
        "invoice-0-issue_date": "2026-09-01",
        "invoice-0-due_date": "2026-10-01",
        "invoice-0-amount": "1 250,40",
        "document_kind": "contract",
        "contract_signed": "yes",
        "delivery_evidenced": "yes",
        "action": "submit",
        **values,
    }


def test_the_guided_form_opens_a_case_with_its_document_and_checklist_and_submits_it(portal, sign_in, csrf_of):
    sign_in(portal, "creditor@demo.example")
    form = portal.get("/cases/new")

    answer = portal.post(
        "/cases/new", data=the_form(csrf_of(form.text)), files={"document": ("contrat.pdf", PDF, "application/pdf")}
    )

    assert answer.status_code == 303, answer.text
    assert answer.headers["location"].endswith("?opened=yes")
    page = portal.get(answer.headers["location"])
    assert "Le dossier est ouvert." in page.text
    assert "Soumis, en attente de validation" in page.text
    assert "1\u202f250,40\u00a0€" in page.text
    assert "contrat.pdf" in page.text and "Complet" in page.text


def test_a_debtor_written_to_in_english_is_said_so_on_the_form_and_shown_on_its_case(portal, sign_in, csrf_of):
    sign_in(portal, "creditor@demo.example")
    form = portal.get("/cases/new")
    assert '<select id="debtor_language" name="debtor_language">' in form.text and "Langue des courriers" in form.text
    values = the_form(csrf_of(form.text), reference="FORM-EN-01", debtor_language="en", debtor_name="Acme Ltd")
    answer = portal.post("/cases/new", data=values, files={"document": ("contract.pdf", PDF, "application/pdf")})
    assert "<dt>Langue des courriers</dt><dd>Anglais</dd>" in portal.get(answer.headers["location"]).text


def test_a_draft_is_completed_and_submitted_from_its_page(portal, sign_in, csrf_of):
    sign_in(portal, "creditor@demo.example")
    token = csrf_of(portal.get("/cases/new").text)
    draft = portal.post(
        "/cases/new",
        data=the_form(token, reference="DRAFT-1", action="draft", contract_signed="", delivery_evidenced=""),
        files={"document": ("contrat.pdf", PDF, "application/pdf")},  # a contract, though its box was not ticked
    )
    assert draft.status_code == 303, draft.text
    case_path = draft.headers["location"].split("?")[0]
    page = portal.get(case_path)
    assert "Manque : un contrat signé" not in page.text and "Manque : une preuve de livraison" in page.text
    assert "Brouillon" in page.text and f'action="{case_path}/draft"' in page.text
    assert '<a href="#draft-title">Ce dossier est un brouillon' in page.text  # said at the top, the form below

    saved = portal.post(f"{case_path}/draft", data={"csrf": csrf_of(page.text), "contract_signed": "yes"})
    assert saved.status_code == 303 and saved.headers["location"].endswith("?did=saved")
    after_save = portal.get(saved.headers["location"])
    assert "Le brouillon est enregistré." in after_save.text and "Brouillon" in after_save.text
    assert 'name="contract_signed" value="yes" checked' in after_save.text  # the checklist as saved

    sent = portal.post(
        f"{case_path}/draft",
        data={"csrf": csrf_of(page.text), "contract_signed": "yes", "delivery_evidenced": "yes", "action": "submit"},
        files={"document": ("bon.pdf", PDF, "application/pdf")},
    )
    assert sent.status_code == 303, sent.text
    submitted = portal.get(sent.headers["location"])
    assert "Le dossier est soumis : un gestionnaire va le valider." in submitted.text
    assert "Soumis, en attente de validation" in submitted.text and "bon.pdf" in submitted.text
    assert f'action="{case_path}/draft"' not in submitted.text  # nothing left to complete


def test_the_form_says_what_is_missing_or_unreadable_in_its_own_words(portal, sign_in, csrf_of):
    sign_in(portal, "creditor@demo.example")
    form = portal.get("/cases/new")

    answer = portal.post(
        "/cases/new", data=the_form(csrf_of(form.text), reference="", **{"invoice-0-amount": "douze euros"})
    )

    assert answer.status_code == 422
    assert "montant positif attendu" in answer.text
    assert 'id="reference" name="reference"' in answer.text and 'aria-invalid="true"' in answer.text
    assert "Boulangerie Lefèvre SARL" in answer.text  # what was typed stays
    # the summary names each field it lists, as its label reads
    assert '<a href="#reference">Votre référence du dossier : obligatoire</a>' in answer.text
    assert '<a href="#invoice-0-amount">Facture 1 – montant ttc : montant positif attendu' in answer.text


def test_the_forms_mistakes_and_intakes_come_in_one_round_and_nothing_is_opened(portal, sign_in, csrf_of, issue_token):
    sign_in(portal, "creditor@demo.example")
    token = csrf_of(portal.get("/cases/new").text)
    wrong = {"reference": "ROUND-0001", "invoice-0-amount": "", "debtor_siren": "123456789", "debtor_email": "compta@"}

    answer = portal.post("/cases/new", data=the_form(token, **wrong))

    assert answer.status_code == 422
    text = answer.text
    assert '<a href="#invoice-0-amount">Facture 1 – montant ttc : obligatoire</a>' in text  # the form's own
    assert '<li><a href="#debtor_siren">SIREN : « 123456789 » n&#39;est pas un SIREN valide' in text  # intake's too
    assert '<span class="alert" id="debtor_email-error">n&#39;est pas une adresse électronique valide' in text
    assert text.count('role="alert"') == 1  # one summary
    demo = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}
    listed = portal.get("/api/v1/cases", params={"reference": "ROUND-0001"}, headers=demo).json()
    assert listed["total"] == 0  # intake checked, nothing was opened


def test_every_rule_intake_finds_broken_is_shown_beside_its_field_in_the_same_round(portal, sign_in, csrf_of):
    sign_in(portal, "creditor@demo.example")
    token = csrf_of(portal.get("/cases/new").text)
    wrong = {
        "reference": "",  # the form's own mistake: intake checks the rest with a stand-in
        "invoice-0-number": "F-1",
        "invoice-0-issue_date": "2026-09-01",
        "invoice-0-due_date": "2026-08-01",  # before the issue date
        "invoice-1-number": "F-2",
        "invoice-1-issue_date": "2027-01-10",  # in the future
        "invoice-1-due_date": "2027-02-10",
        "invoice-1-amount": "300",
        "invoice-2-number": "F-3",  # the form's own mistake: an amount it cannot read
        "invoice-2-issue_date": "2026-09-01",
        "invoice-2-due_date": "2026-10-01",
        "invoice-2-amount": "douze euros",
    }

    text = portal.post("/cases/new", data=the_form(token, **wrong)).text

    assert 'id="invoice-2-amount-error"' in text and 'id="reference-error">obligatoire<' in text
    # beside its row, and after its row's label in the summary, an invoice is not named again
    assert 'id="invoice-0-due_date-error">la date d&#39;échéance précède la date d&#39;émission<' in text
    assert 'id="invoice-1-issue_date-error">la date d&#39;émission (10/01/2027) est dans le futur<' in text
    assert '<a href="#invoice-1-issue_date">Facture 2 – date d&#39;émission : la date d&#39;émission (10/01' in text
    assert "la facture F-2" not in text


def test_intakes_refusals_are_worded_by_the_forms_labels_and_shown_beside_their_fields(portal, sign_in, csrf_of):
    sign_in(portal, "creditor@demo.example")
    token = csrf_of(portal.get("/cases/new").text)
    wrong = {
        "debtor_siren": "123456789",
        "debtor_email": "compta@",
        # the first row left empty: intake's first invoice is the form's second row
        "invoice-0-number": "",
        "invoice-0-issue_date": "",
        "invoice-0-due_date": "",
        "invoice-0-amount": "",
        "invoice-1-number": "F-1",
        "invoice-1-issue_date": "1890-05-01",
        "invoice-1-due_date": "2026-10-01",
        "invoice-1-amount": "1 250,40",
    }

    answer = portal.post("/cases/new", data=the_form(token, **wrong))

    assert answer.status_code == 422
    text = answer.text
    assert "<li>SIREN : « 123456789 » n&#39;est pas un SIREN valide" in text
    # numbered as the form's rows are, not as intake numbers the invoices it was sent
    assert "<li>Facture 2 – date d&#39;émission : 1er mai 1890 est hors des dates acceptées" in text
    assert "›" not in text and "debtor.siren" not in text and "invoices[0]" not in text  # not the API's paths
    assert '<span class="alert" id="invoice-1-issue_date-error">1er mai 1890 est hors des dates acceptées' in text
    assert '<span class="alert" id="debtor_siren-error">« 123456789 » n&#39;est pas un SIREN valide' in text
    assert '<span class="alert" id="debtor_email-error">n&#39;est pas une adresse électronique valide' in text


def test_an_english_page_reads_english_amounts_and_words_intakes_refusals_in_english(portal, sign_in, csrf_of):
    sign_in(portal, "creditor@demo.example")
    portal.cookies.set("recouvra_lang", "en")
    token = csrf_of(portal.get("/cases/new").text)

    refused = portal.post("/cases/new", data=the_form(token, debtor_siren="123456789"))
    assert refused.status_code == 422
    assert "SIREN: &#39;123456789&#39; is not a valid SIREN" in refused.text
    assert "Value error" not in refused.text

    opened = portal.post("/cases/new", data=the_form(token, reference="FORM-EN", **{"invoice-0-amount": "1,250.40"}))
    assert opened.status_code == 303, opened.text
    assert "€1,250.40" in portal.get(opened.headers["location"]).text


def test_intakes_refusal_is_shown_beside_the_form(portal, sign_in, csrf_of):
    sign_in(portal, "creditor@demo.example")
    token = csrf_of(portal.get("/cases/new").text)
    assert portal.post("/cases/new", data=the_form(token)).status_code == 303

    again = portal.post("/cases/new", data=the_form(token))  # the same reference twice

    assert again.status_code in (409, 422)
    assert 'role="alert"' in again.text and "FORM-0001" in again.text


def test_an_empty_dashboard_says_so_and_offers_to_open_or_import_a_case(portal, sign_in):
    sign_in(portal, "creditor@demo.example")

    page = portal.get("/dashboard")

    assert page.status_code == 200, page.text
    assert "Aucun montant dû pour le moment." in page.text
    assert '<a class="button" href="/cases/new">' in page.text  # not only the menu's link
    assert "<svg" not in page.text and "/dashboard/export" not in page.text  # no chart nor export of nothing


@pytest.fixture
def drawn_portal(portal_for, intake_url, settings_for, clock, verifier, serve):
    """A portal whose scoring learned of one validated case of the demo creditor, through its own handler."""
    from sqlmodel import Session

    from shared.db import make_engine
    from shared.demo import DEMO_CREDITOR_ID
    from shared.events.envelope import CloudEvent
    from shared.events.intake import CaseValidated, DebtorSnapshot, InvoiceSnapshot

    from scoring.handlers import HANDLERS
    from scoring.main import create_app as create_scoring

    settings = settings_for("scoring")
    scoring = serve(create_scoring(settings, clock=clock, verifier=verifier))
    debtor = DebtorSnapshot(
        debtor_id=str(uuid.uuid4()), type="company", name="Lefèvre SARL", creditor_id=str(DEMO_CREDITOR_ID)
    )
    due = clock.now().date() - timedelta(days=45)
    invoice = InvoiceSnapshot(
        invoice_id=str(uuid.uuid4()),
        number="F-45",
        issue_date=due - timedelta(days=30),
        due_date=due,
        amount=Decimal("1250.40"),
        currency="EUR",
        outstanding=Decimal("1250.40"),
    )
    event = CaseValidated(
        case_id=str(uuid.uuid4()),
        creditor_id=str(DEMO_CREDITOR_ID),
        reference="DASH-0001",
        kind="b2b",
        status="amicable",
        debtor=debtor,
        invoices=[invoice],
    )
    engine = make_engine(settings.database_url)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        envelope = CloudEvent.wrap(event, subject=None, tenant=None, time=clock.now())
        HANDLERS[CaseValidated](session=session, event=event, envelope=envelope, clock=clock)
    engine.dispose()
    return portal_for(service_urls={"intake": intake_url, "scoring": scoring})


def test_the_dashboard_draws_the_aged_balance_and_links_its_export(drawn_portal, sign_in):
    sign_in(drawn_portal, "creditor@demo.example")

    page = drawn_portal.get("/dashboard")
    export = drawn_portal.get("/dashboard/export?format=csv")

    assert page.status_code == 200, page.text
    assert "<svg" in page.text and 'role="img"' in page.text
    assert "Non échu" in page.text and "31-60 jours" in page.text
    assert "1\u202f250,40\u00a0€" in page.text  # 45 days past due: the 31-60 days bar and row
    assert "Aucun montant dû" not in page.text
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("text/csv")
    assert "Lefèvre SARL" in export.text
    heading, first = export.text.splitlines()[:2]  # as the French page's reader opens it
    assert heading.startswith("Identifiant du débiteur;Débiteur;Non échu;0-30 j;31-60 j;")
    assert ";1250,40;" in first
    drawn_portal.cookies.set("recouvra_lang", "en")
    english = drawn_portal.get("/dashboard/export?format=csv").text.splitlines()
    assert english[0].startswith("Debtor id,Debtor,Not due,0-30 days,") and ",1250.40," in english[1]
