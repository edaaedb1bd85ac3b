"""A procedure's steps as staff record them, checked by the state machine and the calendar, with the deadlines
they set; the daily watch voids an order not served in time and raises alerts before each deadline and the
prescription."""

from __future__ import annotations

from datetime import UTC, date, datetime

from shared.events.intake import PaymentRecorded


def at(clock, day: date) -> None:
    clock.set(datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC))


def test_a_payment_order_from_filing_to_enforcement_shows_its_deadlines(legal, clock):
    procedure = legal.approve(legal.validate_case())
    at(clock, date(2026, 12, 2))
    assert legal.step(procedure["id"], "filed", date(2026, 11, 30)).status_code == 200
    granted = legal.step(procedure["id"], "granted", date(2026, 12, 1)).json()
    assert granted["state"] == "granted"
    [service] = granted["deadlines"]
    assert (service["kind"], service["due_on"], service["status"]) == ("service", "2027-06-01", "open")
    assert "art. 1411 CPC" in service["rule"]
    assert service["rule_fr"].startswith("signifier l'ordonnance dans les 6 mois de sa date (art. 1411 CPC) : ")

    at(clock, date(2027, 1, 5))
    served = legal.step(procedure["id"], "served", date(2026, 12, 31)).json()
    assert [(d["kind"], d["due_on"], d["status"]) for d in served["deadlines"]] == [
        ("service", "2027-06-01", "met"),
        ("opposition", "2027-02-01", "open"),  # Sun 31 Jan 2027 runs to Mon 1 Feb (art. 642 CPC)
    ]

    at(clock, date(2027, 2, 10))
    early = legal.step(procedure["id"], "enforceable", date(2027, 2, 1))
    assert early.status_code == 409 and "opposition period ends on 2027-02-01" in early.text
    enforceable = legal.step(procedure["id"], "enforceable", date(2027, 2, 2))
    assert enforceable.status_code == 200 and enforceable.json()["state"] == "enforceable"
    assert legal.step(procedure["id"], "enforcement", date(2027, 2, 3)).json()["state"] == "enforcement"
    closed = legal.step(procedure["id"], "closed", date(2027, 2, 10)).json()
    assert closed["state"] == "closed"
    assert [s["state"] for s in closed["steps"]] == [
        "opened",
        "filed",
        "granted",
        "served",
        "enforceable",
        "enforcement",
        "closed",
    ]
    changes = legal.outbox("recouvra.legal.procedure.status_changed.v1")
    assert [(c["from_state"], c["to_state"]) for c in changes] == [
        ("opened", "filed"),
        ("filed", "granted"),
        ("granted", "served"),
        ("served", "enforceable"),
        ("enforceable", "enforcement"),
    ]
    [ended] = legal.outbox("recouvra.legal.procedure.closed.v1")
    assert ended["last_state"] == "enforcement" and ended["closed_on"] == "2027-02-10"


def test_an_impossible_step_is_refused_in_plain_french_and_english(legal):
    procedure = legal.approve(legal.validate_case())
    english = legal.step(procedure["id"], "served", date(2026, 11, 24))
    assert english.status_code == 409
    assert "a procedure that is opened cannot become served (possible next steps: filed, closed)" in english.text
    french = legal.client.post(
        f"/api/v1/legal/procedures/{procedure['id']}/events",
        json={"type": "served", "occurred_on": "2026-11-24"},
        headers={**legal.headers(), "Accept-Language": "fr"},
    )
    assert french.status_code == 409 and "ne peut pas passer à l'état « signifiée »" in french.text


def test_a_step_in_the_future_is_refused_and_a_repeated_step_changes_nothing(legal):
    procedure = legal.approve(legal.validate_case())
    future = legal.step(procedure["id"], "filed", date(2026, 11, 25))
    assert future.status_code == 422 and "after today" in future.text
    first = legal.step(procedure["id"], "filed", date(2026, 11, 24)).json()
    again = legal.step(procedure["id"], "filed", date(2026, 11, 24))
    assert again.status_code == 200 and again.json()["steps"] == first["steps"]
    assert len(legal.outbox("recouvra.legal.procedure.status_changed.v1")) == 1


def test_an_order_not_served_within_six_months_is_void(legal, clock):
    procedure = legal.approve(legal.validate_case())
    legal.step(procedure["id"], "filed", date(2026, 11, 24))
    legal.step(procedure["id"], "granted", date(2026, 11, 24))

    at(clock, date(2027, 5, 24))  # the last day: still alive
    assert legal.watch()["voided"] == 0
    at(clock, date(2027, 5, 25))
    assert legal.watch()["voided"] == 1
    shown = legal.client.get(f"/api/v1/legal/procedures/{procedure['id']}", headers=legal.headers()).json()
    assert shown["state"] == "void"
    assert shown["steps"][-1]["occurred_on"] == "2027-05-25" and shown["steps"][-1]["recorded_by"] == "calendar"
    assert [(d["kind"], d["status"]) for d in shown["deadlines"]] == [("service", "passed")]
    late = legal.step(procedure["id"], "served", date(2027, 5, 25))
    assert late.status_code == 409


def test_the_watch_raises_each_alert_once_and_resolves_it_when_done(legal, clock):
    case = legal.validate_case(due=date(2024, 12, 20))  # business: prescribed on 2029-12-20
    procedure = legal.approve(case)
    legal.step(procedure["id"], "filed", date(2026, 11, 24))
    at(clock, date(2026, 12, 1))
    legal.step(procedure["id"], "granted", date(2026, 12, 1))
    served = legal.step(procedure["id"], "served", date(2026, 12, 1)).json()
    assert served["deadlines"][1]["due_on"] == "2027-01-04"  # 1 Jan 2027 is a holiday, then a weekend

    at(clock, date(2026, 12, 20))
    assert legal.watch(alert_days=14) == {"voided": 0, "raised": 0, "resolved": 0}
    at(clock, date(2026, 12, 21))
    assert legal.watch(alert_days=14)["raised"] == 1
    alerts = legal.client.get("/api/v1/legal/alerts", headers=legal.headers()).json()["items"]
    assert [(a["kind"], a["due_on"], a["reference"]) for a in alerts] == [("opposition", "2027-01-04", case.reference)]
    [announced] = legal.outbox("recouvra.legal.deadline.approaching.v1")
    assert announced["kind"] == "opposition" and announced["procedure_id"] == procedure["id"]
    at(clock, date(2026, 12, 22))
    assert legal.watch(alert_days=14)["raised"] == 0  # once

    legal.step(procedure["id"], "opposed", date(2026, 12, 22))
    at(clock, date(2026, 12, 23))
    assert legal.watch(alert_days=14)["resolved"] == 1
    assert legal.client.get("/api/v1/legal/alerts", headers=legal.headers()).json()["items"] == []
    everything = legal.client.get("/api/v1/legal/alerts?resolved=true", headers=legal.headers()).json()["items"]
    assert everything[0]["resolved_on"] == "2026-12-23"


def test_prescription_is_watched_until_the_case_is_in_court_and_a_payment_restarts_it(legal, clock):
    consumer = legal.validate_case(kind="b2c", due=date(2025, 1, 2))  # prescribed on 2027-01-02
    deadlines = legal.client.get("/api/v1/legal/deadlines?before=2027-12-31", headers=legal.headers()).json()["items"]
    assert [(d["case_id"], d["kind"], d["due_on"]) for d in deadlines] == [
        (consumer.case_id, "prescription", "2027-01-02")
    ]
    assert "L218-2" in deadlines[0]["rule"]
    assert "ans (L218-2 C. conso ; art. 2240 et 2231 C. civ." in deadlines[0]["rule_fr"]
    at(clock, date(2026, 12, 20))
    assert legal.watch(alert_days=14)["raised"] == 1

    payment = PaymentRecorded(
        payment_id="0b6b1c2d-1111-4a4a-9b9b-123456789abc",
        case_id=consumer.case_id,
        creditor_id=consumer.creditor_id,
        debtor_id=consumer.debtor.debtor_id,
        amount="50.00",
        currency="EUR",
        received_on=date(2026, 12, 18),
        origin="debtor_to_agency",
        reference="VIR-1",
    )
    legal.apply(payment, subject=consumer.case_id)
    legal.apply(payment, subject=consumer.case_id)  # redelivered: one interruption
    at(clock, date(2026, 12, 21))
    assert legal.watch(alert_days=14) == {"voided": 0, "raised": 0, "resolved": 1}
    deadlines = legal.client.get("/api/v1/legal/deadlines?before=2030-01-01", headers=legal.headers()).json()["items"]
    assert [d["due_on"] for d in deadlines] == ["2028-12-18"]

    procedure = legal.approve(consumer)
    legal.step(procedure["id"], "filed", date(2026, 12, 21))
    deadlines = legal.client.get("/api/v1/legal/deadlines?before=2030-01-01", headers=legal.headers()).json()["items"]
    assert deadlines == [], "filed proceedings interrupt prescription for their duration (art. 2241 C. civ.)"


def test_deadlines_and_alerts_are_for_agency_staff(legal):
    creditor = legal.headers("creditor", creditor_id="5d0e4f1a-6f3b-4b53-8d6c-0f2a3b4c5d6e")
    assert legal.client.get("/api/v1/legal/deadlines", headers=creditor).status_code == 403
    assert legal.client.get("/api/v1/legal/alerts", headers=creditor).status_code == 403
