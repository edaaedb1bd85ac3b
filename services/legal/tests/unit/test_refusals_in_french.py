"""Legal's refusals name their dates in French as a French reader writes them (10/01/2027), in every rule that
names one: a procedure's steps, an order's service and enforceability deadlines, an insolvency claim's steps, a
bailiff's report. The English keeps ISO dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from legal.domain.courts import ProcedureKind
from legal.domain.insolvency import ClaimFacts, check_claim_step
from legal.domain.lifecycle import ProcedureFacts, check_dates
from legal.domain.partners import report_date_problem
from legal.domain.refusals import RuleBroken

ORDER = ProcedureKind.PAYMENT_ORDER


def refusal(facts: ProcedureFacts, step: str, on: date, today: date) -> RuleBroken:
    with pytest.raises(RuleBroken) as refused:
        check_dates(facts, step, on, today=today)
    return refused.value


def test_a_procedure_step_in_the_future_or_before_the_last_is_refused_with_french_dates():
    facts = ProcedureFacts(ORDER, "filed", {"opened": date(2026, 3, 1), "filed": date(2026, 3, 2)})
    future = refusal(facts, "granted", date(2026, 3, 20), date(2026, 3, 19))
    assert future.message_fr.startswith("occurred_on : le 20/03/2026 est postérieur à aujourd'hui (19/03/2026)")
    assert "2026-03-20" in future.message
    before = refusal(facts, "granted", date(2026, 3, 1), date(2026, 3, 19))
    assert before.message_fr == "occurred_on : le 01/03/2026 précède l'étape précédente de la procédure (02/03/2026)"


def test_the_service_and_opposition_deadlines_are_told_with_french_dates():
    granted = ProcedureFacts(ORDER, "granted", {"filed": date(2026, 1, 2), "granted": date(2026, 1, 15)})
    late = refusal(granted, "served", date(2026, 7, 16), date(2026, 8, 1))
    assert late.message_fr == (
        "l'ordonnance du 15/01/2026 est non avenue : elle devait être signifiée au plus tard le 15/07/2026 "
        "(art. 1411 CPC)"
    )
    served = ProcedureFacts(ORDER, "served", {"granted": date(2026, 1, 15), "served": date(2026, 2, 2)})
    early = refusal(served, "enforceable", date(2026, 3, 2), date(2026, 3, 10))
    assert early.message_fr == (
        "l'ordonnance ne devient exécutoire qu'à l'expiration du délai d'opposition, le 02/03/2026 "
        "(art. 1416 et 1422 CPC)"
    )


def test_an_insolvency_claim_step_in_the_future_is_refused_with_french_dates():
    claim = ClaimFacts(status="to_declare", declared=None, admitted=None, paid=Decimal("0.00"))
    with pytest.raises(RuleBroken) as refused:
        check_claim_step(claim, "declared", Decimal("100.00"), date(2027, 1, 10), today=date(2027, 1, 9))
    assert refused.value.message_fr == "occurred_on : le 10/01/2027 est postérieur à aujourd'hui (09/01/2027)"


def test_a_bailiffs_report_dated_in_the_future_or_before_its_mission_is_refused_with_french_dates():
    future = report_date_problem(occurred_on=date(2027, 1, 10), assigned_on=date(2027, 1, 2), today=date(2027, 1, 9))
    assert (
        future is not None and future[1] == "occurred_on : le 10/01/2027 est dans le futur (nous sommes le 09/01/2027)"
    )
    early = report_date_problem(occurred_on=date(2027, 1, 1), assigned_on=date(2027, 1, 2), today=date(2027, 1, 9))
    assert (
        early is not None and early[1] == "occurred_on : le 01/01/2027 précède l'attribution de la mission (02/01/2027)"
    )
    assert (
        report_date_problem(occurred_on=date(2027, 1, 2), assigned_on=date(2027, 1, 2), today=date(2027, 1, 9)) is None
    )
