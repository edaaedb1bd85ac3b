"""Creditors' own templates through the route: tried on sample cases before they are saved, refused with the
mandatory mentions they leave out, used for the creditor's cases only, and removed to go back to the default."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from workbench.testing.moments import at

from dunning.rendering.templates import TEMPLATES

DUE = date(2026, 11, 2)  # a Monday
COURTEOUS = "/api/v1/dunning/templates/email-courteous/fr"
OWN_SUBJECT = "{{ creditor.name }} : un petit rappel pour le dossier {{ case_reference }}"


def own_wording() -> str:
    """The default courteous e-mail with the creditor's own greeting: every mention kept through the partials."""
    default = Path(TEMPLATES / "fr" / "email-courteous.txt.j2").read_text()
    return default.replace("Madame, Monsieur,", "Chère cliente, cher client,")


def creditor(dunning) -> tuple[uuid.UUID, dict[str, str]]:
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id)
    return creditor_id, dunning.headers("creditor", creditor_id)


def test_a_creditors_own_wording_is_saved_and_its_first_email_uses_it(dunning, mail_server):
    creditor_id, headers = creditor(dunning)
    saved = dunning.client.put(COURTEOUS, json={"subject": OWN_SUBJECT, "text": own_wording()}, headers=headers)
    assert saved.status_code == 200, saved.text
    assert saved.json()["creditor_id"] == str(creditor_id) and saved.json()["html"] is None
    listed = dunning.client.get("/api/v1/dunning/templates", headers=headers).json()
    assert [(t["template"], t["language"]) for t in listed["items"]] == [("email-courteous", "fr")]

    dunning.clock.set(at(DUE, 8))
    mine = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    theirs = dunning.validate_case(due=DUE)
    dunning.clock.set(at(date(2026, 11, 9)))
    dunning.run()
    subjects = {m["Subject"]: m.get_body(("plain",)).get_content() for m in mail_server.messages()}
    own = subjects[f"Demo Créancier SAS : un petit rappel pour le dossier {mine.reference}"]
    assert own.startswith("Chère cliente, cher client,")
    assert not any(text.startswith("Chère") for subject, text in subjects.items() if theirs.reference in subject)


def test_a_wording_without_the_mandatory_mentions_is_refused_naming_them_in_french_and_english(dunning):
    _, headers = creditor(dunning)
    refused = dunning.client.put(
        COURTEOUS,
        json={"subject": "Rappel", "text": "Bonjour {{ debtor.name }}, merci de régler {{ money(figures.balance) }}."},
        headers={**headers, "Accept-Language": "fr"},
    )
    assert refused.status_code == 422, refused.text
    body = refused.json()
    assert body["field"] == "template"
    assert "reproduction intégrale de l'article L111-8" in body["detail_fr"] and "IBAN" in body["detail_fr"]
    assert "verbatim text of article L111-8" in body["detail_en"] and "premier contact" in body["detail_fr"]
    assert dunning.client.get("/api/v1/dunning/templates", headers=headers).json()["total"] == 0


def test_a_wording_that_only_fails_as_a_later_reminder_is_refused_too(dunning):
    _, headers = creditor(dunning)
    without_references = own_wording().replace('{% include "fr/_references.txt.j2" %}', "")
    refused = dunning.client.put(COURTEOUS, json={"subject": OWN_SUBJECT, "text": without_references}, headers=headers)
    assert refused.status_code == 422
    assert "reference of the first letter" in refused.json()["detail_en"]
    assert "a later reminder" in refused.json()["detail_en"]


def test_a_wording_that_does_not_render_is_refused_with_the_part_named(dunning):
    _, headers = creditor(dunning)
    broken = dunning.client.put(
        COURTEOUS, json={"subject": "{{ debtor.first_name }}", "text": own_wording()}, headers=headers
    )
    assert broken.status_code == 422 and broken.json()["field"] == "override.subject"
    unknown = dunning.client.put(
        "/api/v1/dunning/templates/email-rude/fr", json={"subject": "x", "text": "y"}, headers=headers
    )
    assert unknown.status_code == 422 and unknown.json()["field"] == "template"


def test_staff_name_the_creditor_and_a_creditor_acts_for_itself_only(dunning):
    creditor_id, _ = creditor(dunning)
    wording = {"subject": OWN_SUBJECT, "text": own_wording()}
    unnamed = dunning.client.put(COURTEOUS, json=wording, headers=dunning.headers())
    assert unnamed.status_code == 422 and unnamed.json()["field"] == "creditor_id"
    named = dunning.client.put(COURTEOUS, json={**wording, "creditor_id": str(creditor_id)}, headers=dunning.headers())
    assert named.status_code == 200, named.text
    _, other = creditor(dunning)
    posing = dunning.client.put(COURTEOUS, json={**wording, "creditor_id": str(creditor_id)}, headers=other)
    assert posing.status_code == 404  # for another creditor, this one does not exist
    assert dunning.client.get("/api/v1/dunning/templates", headers=other).json()["total"] == 0
    assert dunning.client.delete(COURTEOUS, headers=other).status_code == 404
    every = dunning.client.get("/api/v1/dunning/templates", headers=dunning.headers()).json()
    assert str(creditor_id) in {t["creditor_id"] for t in every["items"]}


def test_deleting_the_wording_goes_back_to_the_default_template(dunning, mail_server):
    creditor_id, headers = creditor(dunning)
    dunning.client.put(COURTEOUS, json={"subject": OWN_SUBJECT, "text": own_wording()}, headers=headers)
    assert dunning.client.delete(COURTEOUS, headers=headers).status_code == 204
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    dunning.clock.set(at(date(2026, 11, 9)))
    dunning.run()
    [mail] = [m for m in mail_server.messages() if case.reference in m["Subject"]]
    assert mail.get_body(("plain",)).get_content().startswith("Madame, Monsieur,")
