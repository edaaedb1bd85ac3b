"""The disputes still open across cases: the agency's queue holds every creditor's, the oldest first, each with its
days open, late past the agency's target, and whose move it is; a creditor sees its own; a resolved one leaves."""

from __future__ import annotations

import uuid
from datetime import date

from workbench.testing.moments import at

DUE = date(2026, 10, 1)


def disputed(dunning, creditor_id: uuid.UUID, reason: str, *, answer: str | None = None) -> tuple[str, str]:
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    opened = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/disputes", json={"reason": reason}, headers=dunning.headers()
    )
    assert opened.status_code == 201, opened.text
    if answer is not None:
        own = dunning.headers("creditor", creditor_id=creditor_id)
        answered = dunning.client.post(
            f"/api/v1/dunning/cases/{case.case_id}/disputes/{opened.json()['id']}/answer",
            json={"text": answer},
            headers=own,
        )
        assert answered.status_code == 200, answered.text
    return case.case_id, opened.json()["id"]


def queue(dunning, headers: dict[str, str], **params: str):
    answer = dunning.client.get("/api/v1/dunning/disputes", params=params, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_the_agency_sees_every_open_dispute_the_oldest_first_with_its_age_and_whose_move_it_is(dunning):
    first, second = uuid.uuid4(), uuid.uuid4()
    dunning.clock.set(at(date(2026, 11, 2), 10))
    old_case, old = disputed(dunning, first, "Marchandise jamais livrée")
    dunning.clock.set(at(date(2026, 11, 20), 16))
    answered_case, answered = disputed(dunning, first, "Montant erroné", answer="Le bon de livraison est joint.")
    dunning.clock.set(at(date(2026, 11, 20), 17))
    _, other = disputed(dunning, second, "Facture inconnue")
    resolved_case, resolved = disputed(dunning, second, "Déjà réglé")
    settled = dunning.client.post(
        f"/api/v1/dunning/cases/{resolved_case}/disputes/{resolved}/resolve",
        json={"outcome": "upheld"},
        headers=dunning.headers(),
    )
    assert settled.status_code == 200, settled.text
    dunning.clock.set(at(date(2026, 11, 24), 9))

    agency = queue(dunning, dunning.headers())
    assert [item["id"] for item in agency["items"]] == [old, answered, other]
    assert (agency["total"], agency["awaiting_creditor"], agency["late"], agency["review_days"]) == (3, 2, 1, 15)
    oldest = agency["items"][0]
    assert (oldest["case_id"], oldest["days_open"], oldest["late"], oldest["awaiting"]) == (
        old_case,
        22,
        True,
        "creditor",
    )
    assert oldest["reason"] == "Marchandise jamais livrée" and oldest["case_reference"].startswith("CRED-")
    told = agency["items"][1]
    assert (told["case_id"], told["days_open"], told["late"], told["awaiting"]) == (answered_case, 4, False, "agency")
    assert told["creditor_answer"] == "Le bon de livraison est joint."

    assert [i["id"] for i in queue(dunning, dunning.headers(), awaiting="creditor")["items"]] == [old, other]
    waiting_on_us = queue(dunning, dunning.headers(), awaiting="agency")
    assert [i["id"] for i in waiting_on_us["items"]] == [answered] and waiting_on_us["awaiting_creditor"] == 2
    assert [i["id"] for i in queue(dunning, dunning.headers(), creditor_id=str(second))["items"]] == [other]
    # which of these cases a dispute holds (a page of the worklist asks so): the resolved one's no longer
    held = queue(dunning, dunning.headers(), case_id=[answered_case, resolved_case])
    assert ([i["id"] for i in held["items"]], held["total"]) == ([answered], 1)

    # a creditor sees its own, never another's; asking for another creditor is as asking for one that is not
    own = queue(dunning, dunning.headers("creditor", creditor_id=first))
    assert [i["id"] for i in own["items"]] == [old, answered] and own["awaiting_creditor"] == 1
    refused = dunning.client.get(
        "/api/v1/dunning/disputes",
        params={"creditor_id": str(second)},
        headers=dunning.headers("creditor", creditor_id=first),
    )
    assert refused.status_code == 404

    paged = queue(dunning, dunning.headers(), limit="1", offset="1")
    assert [i["id"] for i in paged["items"]] == [answered] and paged["total"] == 3


def test_a_dispute_is_late_the_day_after_the_target_not_on_it(dunning):
    creditor = uuid.uuid4()
    dunning.clock.set(at(date(2026, 11, 1), 23, 30))  # late in the evening, Paris: its day is the 1st
    disputed(dunning, creditor, "Prestation non conforme")
    dunning.clock.set(at(date(2026, 11, 16), 8))
    [on_the_day] = queue(dunning, dunning.headers())["items"]
    assert (on_the_day["days_open"], on_the_day["late"]) == (15, False)
    dunning.clock.set(at(date(2026, 11, 17), 8))
    after = queue(dunning, dunning.headers())
    assert (after["items"][0]["days_open"], after["items"][0]["late"], after["late"]) == (16, True, 1)
