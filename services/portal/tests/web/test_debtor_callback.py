"""A debtor asks to be called back from the page: the slots dunning offers (the call windows of the next days), the
number to call (the one the creditor gave, or another), the request waiting in the agents' queue and on the case's
timeline, the page saying when the call will come, and a number that is none said beside the form."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from shared.clock import PARIS


def form_of(page: str, token: str) -> str:
    match = re.search(
        rf'<form method="post" action="/debtor/{re.escape(token)}/callback#callback".*?</form>', page, re.S
    )
    return match.group(0) if match else ""


def test_the_debtor_chooses_a_slot_and_is_told_when_the_adviser_will_call(
    platform, new_case, csrf_of, issue_token, sign_in
):
    platform.clock.set(datetime(2026, 11, 4, 9, tzinfo=PARIS).astimezone(UTC))  # a Wednesday morning
    case = platform.case(new_case, "CALL-0001", "800.00")
    token = platform.link(case)

    page = platform.portal.get(f"/debtor/{token}")

    form = form_of(page.text, token)
    assert "Être rappelé" in page.text and form
    assert "mer. 4 novembre, 10\u00a0h – 13\u00a0h" in form and "mer. 4 novembre, 14\u00a0h – 20\u00a0h" in form
    assert "dim." not in form and "jeu. 5 novembre, 10\u00a0h – 13\u00a0h" in form
    windows = re.findall(r'<option value="([^"]+)"', form)
    sent = platform.portal.post(
        f"/debtor/{token}/callback",
        data={"csrf": csrf_of(page.text), "window": windows[1], "phone": "06 12 34 56 78", "note": "Un échéancier"},
    )

    assert sent.status_code == 303 and sent.headers["location"].endswith("?sent=callback")
    after = html.unescape(platform.portal.get(sent.headers["location"]).text)
    assert "Votre demande de rappel est enregistrée" in after
    assert (
        "Un conseiller vous appellera le mercredi 4 novembre 2026, entre 14\u00a0h et 20\u00a0h, au 06 12 34 56 78."
        in after
    )
    staff = {"Authorization": f"Bearer {issue_token('agent')}"}
    queue = platform.portal.get("/api/v1/dunning/tasks", params={"callback": "true"}, headers=staff).json()
    [task] = [item for item in queue["items"] if item["case_id"] == case["id"]]
    assert task["callback_phone"] == "+33612345678" and task["note"] == "Un échéancier"
    assert task["case_reference"] == "CALL-0001"
    sign_in(platform.portal, "agent@demo.example")  # the agent finds it on the case, with what to talk about
    seen = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)
    assert (
        "Rappel demandé par le débiteur le mercredi 4 novembre 2026, entre 14\u00a0h et 20\u00a0h, au 06 12 34 56 78"
        in seen
    )
    assert "Le débiteur souhaite parler de : Un échéancier" in seen


def test_a_number_that_is_none_is_said_beside_the_form_and_nothing_is_asked(platform, new_case, csrf_of, issue_token):
    platform.clock.set(datetime(2026, 11, 4, 9, tzinfo=PARIS).astimezone(UTC))
    case = platform.case(new_case, "CALL-0002", "800.00")
    token = platform.link(case)
    page = platform.portal.get(f"/debtor/{token}")
    window = re.findall(r'<option value="([^"]+)"', form_of(page.text, token))[2]
    typed = {"csrf": csrf_of(page.text), "window": window, "phone": "12", "note": "Mon échéancier"}
    sent = platform.portal.post(f"/debtor/{token}/callback", data=typed)

    assert sent.status_code == 422
    said = html.unescape(sent.text)
    assert "Téléphone : « 12 » n'est pas un numéro de téléphone français valide" in said
    section = said.split('id="callback"', 1)[1]  # said in the call-back's own section, beside what was typed
    assert 'id="callback-error"' in section and 'value="12" aria-invalid="true"' in section
    assert f'<option value="{window}" selected>' in section and "Mon échéancier</textarea>" in section
    staff = {"Authorization": f"Bearer {issue_token('agent')}"}
    queue = platform.portal.get("/api/v1/dunning/tasks", params={"callback": "true"}, headers=staff).json()
    assert not [item for item in queue["items"] if item["case_id"] == case["id"]]
