"""A debtor's opt-out of a channel, recorded through the route, honoured by the scheduler for every creditor."""

from __future__ import annotations

import uuid
from datetime import date

from workbench.testing.moments import at

DUE = date(2026, 11, 2)  # a Monday


def mails_about(mail_server, case) -> list:
    return [m for m in mail_server.messages() if case.reference in m["Subject"]]


def opt_outs(dunning, debtor_id) -> str:
    return f"/api/v1/dunning/debtors/{debtor_id}/opt-outs"


def test_an_email_opt_out_holds_for_every_creditors_case_of_the_debtor(dunning, mail_server):
    debtor_id = uuid.uuid4()
    dunning.clock.set(at(DUE, 8))
    cases = [dunning.validate_case(due=DUE, debtor_id=debtor_id) for _ in range(2)]
    assert cases[0].creditor_id != cases[1].creditor_id
    recorded = dunning.client.post(opt_outs(dunning, debtor_id), json={"channel": "email"}, headers=dunning.headers())
    assert recorded.status_code == 201, recorded.text
    assert recorded.json()["channel"] == "email"
    again = dunning.client.post(opt_outs(dunning, debtor_id), json={"channel": "email"}, headers=dunning.headers())
    assert again.status_code == 201 and again.json()["at"] == recorded.json()["at"]

    dunning.clock.set(at(date(2026, 11, 9)))
    dunning.run()
    assert [mails_about(mail_server, case) for case in cases] == [[], []]
    for case in cases:
        first, following = dunning.steps(case.case_id)["items"]
        assert (first["step"], first["status"]) == ("email-1", "skipped")
        assert first["note"] == "the debtor opted out of this channel"
        assert following["status"] == "scheduled"
    listed = dunning.client.get(opt_outs(dunning, debtor_id), headers=dunning.headers())
    assert [o["channel"] for o in listed.json()] == ["email"]


def test_a_lifted_opt_out_lets_the_next_email_go(dunning, mail_server):
    debtor_id = uuid.uuid4()
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, debtor_id=debtor_id)
    dunning.client.post(opt_outs(dunning, debtor_id), json={"channel": "email"}, headers=dunning.headers())
    dunning.clock.set(at(date(2026, 11, 9)))
    dunning.run()
    lifted = dunning.client.delete(f"{opt_outs(dunning, debtor_id)}/email", headers=dunning.headers())
    assert lifted.status_code == 204
    assert dunning.client.delete(f"{opt_outs(dunning, debtor_id)}/email", headers=dunning.headers()).status_code == 404
    dunning.clock.set(at(date(2026, 11, 20)))  # email-2: ten days after the skipped first one
    dunning.run()
    [mail] = mails_about(mail_server, case)
    assert "compta@dupont.example" in mail["To"]


def test_a_formal_notice_cannot_be_opted_out_of_and_an_unknown_debtor_is_not_found(dunning):
    debtor_id = uuid.uuid4()
    dunning.clock.set(at(DUE, 8))
    dunning.validate_case(due=DUE, debtor_id=debtor_id)
    refused = dunning.client.post(
        opt_outs(dunning, debtor_id),
        json={"channel": "formal_notice"},
        headers={**dunning.headers(), "Accept-Language": "fr"},
    )
    assert refused.status_code == 422 and refused.json()["field"] == "channel"
    assert "mise en demeure" in refused.json()["detail_fr"] and "formal notice" in refused.json()["detail_en"]
    unknown = dunning.client.post(opt_outs(dunning, uuid.uuid4()), json={"channel": "sms"}, headers=dunning.headers())
    assert unknown.status_code == 404


def test_only_agency_staff_record_or_read_opt_outs(dunning):
    debtor_id = uuid.uuid4()
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, debtor_id=debtor_id)
    creditor = dunning.headers("creditor", case.creditor_id)
    assert (
        dunning.client.post(opt_outs(dunning, debtor_id), json={"channel": "sms"}, headers=creditor).status_code == 403
    )
    assert dunning.client.get(opt_outs(dunning, debtor_id), headers=creditor).status_code == 403
