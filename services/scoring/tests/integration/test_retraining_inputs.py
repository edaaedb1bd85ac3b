"""Retraining learns from what was known when a case was validated, not from how it ended."""

import uuid
from datetime import date, timedelta

from sqlmodel import Session

from shared.events.intake import CaseClosed

from scoring.scores.retraining import training_set

CREDITOR = str(uuid.uuid4())


def test_cases_paid_before_closing_train_on_their_validation_time_inputs(scoring, intake):
    placed = []
    for n, amount in enumerate(["1200.00", "3400.00"]):
        case = intake.validated(
            CREDITOR,
            intake.debtor(f"Payer {n}"),
            [intake.invoice(f"F{n}", date(2026, 6, 1), date(2026, 7, 1), amount)],
            reference=f"P-{n}",
        )
        scoring.apply(case)
        placed.append(case)
    scoring.clock.advance(days=20)
    today = date(2026, 11, 24) + timedelta(days=20)
    for case in placed:
        scoring.apply(intake.balance_changed(case, today, {case.invoices[0].number: "0.00"}))  # paid in full
        scoring.apply(
            CaseClosed(
                case_id=case.case_id,
                creditor_id=CREDITOR,
                debtor_id=case.debtor.debtor_id,
                reason="paid",
                closed_on=today,
            )
        )
    with Session(scoring.engine) as session:
        frame, outcome = training_set(session)
    rows = frame.sort_values("outstanding").to_dict("records")
    # as validated on 2026-11-24: the whole amount outstanding, 146 days past due; not 0 and 0 after payment
    assert [(row["outstanding"], row["days_past_due"]) for row in rows] == [("1200.00", 146), ("3400.00", 146)]
    assert outcome == [1, 1]
