"""The pure rules of court procedures: court and procedure, the state machine, its deadlines counted as art. 640
to 642 CPC say (month ends, leap years, weekends and holidays), the exhibits, insolvency claims, prescription."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from legal.domain.courts import ProcedureKind, available_kinds, check_available, court_for, debtor_place
from legal.domain.deadlines import (
    opposition_deadline,
    procedure_deadlines,
    service_deadline,
)
from legal.domain.exhibits import DocumentOnFile, InvoiceRef, bordereau
from legal.domain.insolvency import ClaimFacts, check_claim_step
from legal.domain.lifecycle import ProcedureFacts, check_dates, check_step
from legal.domain.refusals import RuleBroken
from legal.domain.watch import falls_due, prescription_due

ORDER, SMALL = ProcedureKind.PAYMENT_ORDER, ProcedureKind.SMALL_CLAIMS


# -- court and procedure ----------------------------------------------------------------------------------------


def test_a_business_claim_goes_to_the_commercial_court_of_the_debtors_domicile():
    court = court_for(ORDER, commercial=True, place=debtor_place({"postal_code": "33000", "city": "Bordeaux"}))
    assert court.kind == "tribunal_de_commerce"
    assert court.place == "33000 Bordeaux"
    assert "1406" in court.rule
    assert court.rule_fr == (
        "art. 1405-1406 CPC : une créance commerciale va au tribunal de commerce du domicile du débiteur"
    )


def test_a_consumer_claim_goes_to_the_judicial_court():
    court = court_for(ORDER, commercial=False, place="44000 Nantes")
    assert court.kind == "tribunal_judiciaire"
    assert court.label == "Tribunal judiciaire du domicile du débiteur (44000 Nantes)"


def test_a_debtor_without_an_address_leaves_the_place_to_a_person():
    assert debtor_place(None) is None and debtor_place({"line1": "x"}) is None
    assert court_for(SMALL, commercial=True, place=None).kind == "commissaire_de_justice"
    assert court_for(SMALL, commercial=True, place=None).rule_fr.startswith("L125-1 CPCE : un commissaire de justice")


def test_small_claims_stop_at_five_thousand_euros_and_payment_orders_never_do():
    assert available_kinds(Decimal("5000.00")) == [ORDER, SMALL]
    assert available_kinds(Decimal("5000.01")) == [ORDER]
    check_available(ORDER, Decimal("1000000.00"))
    with pytest.raises(RuleBroken) as refused:
        check_available(SMALL, Decimal("5000.01"))
    assert refused.value.field == "kind" and "5000.00 EUR" in refused.value.message_fr


# -- the state machine --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "step"),
    [
        ("opened", "filed"),
        ("filed", "granted"),
        ("filed", "rejected"),
        ("granted", "served"),
        ("served", "opposed"),
        ("served", "enforceable"),
        ("opposed", "enforceable"),
        ("enforceable", "enforcement"),
        ("enforcement", "closed"),
        ("void", "closed"),
        ("rejected", "closed"),
    ],
)
def test_a_payment_order_moves_step_by_step(state, step):
    check_step(ORDER, state, step)


@pytest.mark.parametrize(
    ("state", "step"),
    [("opened", "granted"), ("filed", "served"), ("granted", "enforceable"), ("closed", "closed"), ("void", "served")],
)
def test_an_impossible_step_is_a_conflict_that_names_the_possible_ones(state, step):
    with pytest.raises(RuleBroken) as refused:
        check_step(ORDER, state, step)
    assert refused.value.conflict
    assert "possible next steps" in refused.value.message
    assert "étapes suivantes possibles" in refused.value.message_fr


def test_small_claims_have_no_service_nor_opposition():
    check_step(SMALL, "granted", "enforceable")
    with pytest.raises(RuleBroken):
        check_step(SMALL, "granted", "served")


def test_a_step_is_not_recorded_in_the_future_nor_before_the_previous_one():
    facts = ProcedureFacts(ORDER, "filed", {"opened": date(2026, 3, 1), "filed": date(2026, 3, 2)})
    with pytest.raises(RuleBroken) as future:
        check_dates(facts, "granted", date(2026, 3, 20), today=date(2026, 3, 19))
    assert not future.value.conflict and future.value.field == "occurred_on"
    with pytest.raises(RuleBroken):
        check_dates(facts, "granted", date(2026, 3, 1), today=date(2026, 3, 19))
    check_dates(facts, "granted", date(2026, 3, 2), today=date(2026, 3, 19))


def test_an_order_served_after_six_months_is_void():
    facts = ProcedureFacts(ORDER, "granted", {"filed": date(2026, 1, 2), "granted": date(2026, 1, 15)})
    check_dates(facts, "served", date(2026, 7, 15), today=date(2026, 8, 1))
    with pytest.raises(RuleBroken) as late:
        check_dates(facts, "served", date(2026, 7, 16), today=date(2026, 8, 1))
    assert late.value.conflict and "non avenue" in late.value.message_fr


def test_an_order_is_enforceable_only_after_the_opposition_period():
    facts = ProcedureFacts(ORDER, "served", {"granted": date(2026, 1, 15), "served": date(2026, 2, 2)})
    with pytest.raises(RuleBroken) as early:
        check_dates(facts, "enforceable", date(2026, 3, 2), today=date(2026, 3, 10))
    assert "2026-03-02" in early.value.message
    check_dates(facts, "enforceable", date(2026, 3, 3), today=date(2026, 3, 10))


# -- deadlines (art. 640 to 642 CPC) --------------------------------------------------------------------------------


def test_service_within_six_months_of_the_order():
    assert service_deadline(date(2026, 1, 15)).due_on == date(2026, 7, 15)  # the rules' own example


def test_six_months_from_the_last_of_august_end_on_the_last_of_february_then_the_next_business_day():
    deadline = service_deadline(date(2026, 8, 31))  # 28 Feb 2027 is a Sunday
    assert deadline.due_on == date(2027, 3, 1)
    assert "1411" in deadline.rule and "642" in deadline.rule and "2027-02-28" in deadline.rule


def test_one_month_from_the_thirty_first_of_january_ends_on_the_last_day_of_february():
    assert opposition_deadline(date(2029, 1, 31)).due_on == date(2029, 2, 28)  # a Wednesday
    assert opposition_deadline(date(2028, 1, 31)).due_on == date(2028, 2, 29)  # leap year, a Tuesday


def test_a_leap_day_order_is_served_by_the_end_of_august():
    assert service_deadline(date(2028, 2, 29)).due_on == date(2028, 8, 29)  # a Tuesday
    assert opposition_deadline(date(2028, 2, 29)).due_on == date(2028, 3, 29)


def test_an_opposition_period_ending_on_a_holiday_runs_to_the_next_business_day():
    # served Thu 31 Dec 2026: Sun 31 Jan 2027, so Mon 1 Feb 2027
    assert opposition_deadline(date(2026, 12, 31)).due_on == date(2027, 2, 1)
    # served 14 Apr 2026: 14 May 2026 is Ascension Day (a Thursday), so Friday 15 May
    assert opposition_deadline(date(2026, 4, 14)).due_on == date(2026, 5, 15)
    # served 1 Apr 2027: 1 May 2027 (Labour Day, a Saturday) runs to Monday 3 May
    assert opposition_deadline(date(2027, 4, 1)).due_on == date(2027, 5, 3)
    # served 14 Jun 2027: 14 Jul 2027 (Bastille Day, a Wednesday) runs to Thursday 15 Jul
    assert opposition_deadline(date(2027, 6, 14)).due_on == date(2027, 7, 15)


def test_the_procedure_shows_each_deadline_with_where_it_stands():
    dates = {"filed": date(2026, 1, 5), "granted": date(2026, 1, 15), "served": date(2026, 2, 2)}
    shown = procedure_deadlines(small_claims=False, state="served", dates=dates, today=date(2026, 2, 20))
    assert [(d.kind, d.due_on, d.status) for d in shown] == [
        ("service", date(2026, 7, 15), "met"),
        ("opposition", date(2026, 3, 2), "open"),
    ]
    later = procedure_deadlines(small_claims=False, state="served", dates=dates, today=date(2026, 3, 3))
    assert later[1].status == "passed"
    void = procedure_deadlines(
        small_claims=False, state="void", dates={"granted": date(2026, 1, 15)}, today=date(2026, 7, 16)
    )
    assert [(d.kind, d.status) for d in void] == [("service", "passed")]


def test_a_small_claim_gives_the_debtor_a_month_to_answer():
    shown = procedure_deadlines(
        small_claims=True, state="filed", dates={"filed": date(2026, 3, 31)}, today=date(2026, 4, 1)
    )
    assert [(d.kind, d.due_on, d.status) for d in shown] == [("debtor_answer", date(2026, 4, 30), "open")]


# -- exhibits (art. 1407 CPC) ---------------------------------------------------------------------------------------


def test_the_bordereau_lists_the_founding_documents_then_the_statement_and_the_notice():
    documents = [
        DocumentOnFile("correspondence", "courriel.pdf", date(2026, 9, 1)),
        DocumentOnFile("delivery_proof", "bl.pdf", date(2026, 8, 2)),
        DocumentOnFile("contract", "contrat.pdf", date(2026, 8, 1)),
    ]
    invoices = [InvoiceRef("F-001", date(2026, 6, 1)), InvoiceRef("F-002", date(2026, 6, 15))]
    listed = bordereau(documents, invoices, statement_on=date(2026, 12, 1), formal_notice_on=date(2026, 10, 1))
    assert [e.number for e in listed.exhibits] == [1, 2, 3, 4, 5, 6, 7]
    assert [e.source for e in listed.exhibits] == [
        "document",
        "document",
        "invoice",
        "invoice",
        "statement",
        "formal_notice",
        "document",
    ]
    assert listed.exhibits[0].label_fr.startswith("Contrat (contrat.pdf)")
    assert listed.exhibits[2].label_fr == "Facture n° F-001 du 01/06/2026"
    assert listed.exhibits[4].label_fr == "Décompte des sommes dues au 01/12/2026"
    assert listed.missing == ("copies of the invoices (listed here by number, to be attached)",)


def test_an_empty_file_says_what_a_judge_will_miss():
    listed = bordereau([], [], statement_on=date(2026, 12, 1), formal_notice_on=None)
    assert [e.source for e in listed.exhibits] == ["statement"]
    assert len(listed.missing) == 3


# -- insolvency claims ------------------------------------------------------------------------------------------------


def test_a_claim_is_declared_then_admitted_then_paid_no_more_than_admitted():
    today = date(2026, 6, 1)
    check_claim_step(
        ClaimFacts("to_declare", None, None, Decimal(0)), "declared", Decimal("1200.00"), today, today=today
    )
    declared = ClaimFacts("declared", Decimal("1200.00"), None, Decimal(0))
    with pytest.raises(RuleBroken):
        check_claim_step(declared, "admitted", Decimal("1300.00"), today, today=today)
    with pytest.raises(RuleBroken) as early:
        check_claim_step(declared, "paid", Decimal("10.00"), today, today=today)
    assert early.value.conflict
    admitted = ClaimFacts("paid", Decimal("1200.00"), Decimal("1000.00"), Decimal("600.00"))
    check_claim_step(admitted, "paid", Decimal("400.00"), today, today=today)
    with pytest.raises(RuleBroken) as over:
        check_claim_step(admitted, "paid", Decimal("400.01"), today, today=today)
    assert over.value.field == "amount" and not over.value.conflict


# -- prescription watch ------------------------------------------------------------------------------------------------


def test_prescription_runs_two_years_for_consumers_and_five_for_businesses_from_the_latest_payment():
    consumer = prescription_due(
        kind="b2c", earliest_due_on=date(2024, 3, 10), interruptions=(date(2026, 2, 1), None), proceedings_filed=False
    )
    assert consumer is not None and consumer.due_on == date(2028, 2, 1)  # docs/rules.md §3.4 example
    business = prescription_due(
        kind="b2b", earliest_due_on=date(2024, 2, 29), interruptions=(), proceedings_filed=False
    )
    assert business is not None and business.due_on == date(2029, 2, 28)
    assert "L110-4" in business.rule


def test_filed_proceedings_stop_the_prescription_watch():
    assert (
        prescription_due(kind="b2b", earliest_due_on=date(2024, 1, 1), interruptions=(), proceedings_filed=True) is None
    )


def test_a_deadline_is_flagged_within_the_window_and_while_still_open_after_it():
    today = date(2026, 3, 1)
    assert falls_due(date(2026, 3, 15), today=today, within_days=14)
    assert not falls_due(date(2026, 3, 16), today=today, within_days=14)
    assert falls_due(date(2026, 2, 1), today=today, within_days=14)
