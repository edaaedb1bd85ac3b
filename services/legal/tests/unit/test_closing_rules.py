"""The pure rules a case's closing applies: until which day an ended mission still takes a bailiff's reports, what
the bailiff reads on a mission the closing ended, and the alert a procedure before the court raises."""

from __future__ import annotations

from datetime import date

import pytest

from legal.domain.partners import closing_ending, closing_note, past_the_end
from legal.domain.watch import CASE_CLOSED, closing_due

ENDED = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("status", "ended_on", "occurred_on", "past"),
    [
        ("served", None, date(2026, 12, 1), False),  # an open mission takes every report the date rules allow
        ("withdrawn", ENDED, date(2026, 11, 23), False),
        ("withdrawn", ENDED, ENDED, False),  # the day it ended: the bailiff may not have been told yet
        ("withdrawn", ENDED, date(2026, 11, 25), True),
        ("closed", ENDED, date(2026, 11, 25), True),
        ("closed", ENDED, None, False),  # a deed: the act it documents was before the end
        ("withdrawn", None, date(2026, 1, 1), True),  # ended before the day was kept: nothing more
        ("withdrawn", None, None, True),
    ],
)
def test_an_ended_mission_takes_what_happened_until_the_day_it_ended(status, ended_on, occurred_on, past):
    assert past_the_end(status=status, ended_on=ended_on, occurred_on=occurred_on) is past


def test_the_bailiff_reads_why_its_mission_ended_and_until_when_it_may_report():
    note = closing_note(closed_on=date(2026, 11, 23), reason="written_off", ended_on=ENDED)
    assert note == (
        "Dossier clos le 23/11/2026 (passé en perte) : mission retirée, cessez toute diligence. Déclarez les fonds "
        "encaissés, les frais engagés et les actes accomplis jusqu'au 24/11/2026 inclus."
    )


@pytest.mark.parametrize(
    ("reason", "ending"),
    [
        ("paid", "closed"),
        ("settled", "closed"),
        ("written_off", "withdrawn"),
        ("withdrawn", "withdrawn"),
        ("insolvency", "withdrawn"),
    ],
)
def test_a_mission_the_closing_ends_is_closed_when_the_claim_was_collected_and_withdrawn_otherwise(reason, ending):
    assert closing_ending(reason) == ending
    ended = "mission terminée" if ending == "closed" else "mission retirée"
    assert ended in closing_note(closed_on=date(2026, 11, 23), reason=reason, ended_on=ENDED)


def test_a_procedure_on_a_closed_case_is_due_from_the_closing_or_from_the_validation_when_its_day_is_unknown():
    due = closing_due(closed_on=ENDED, reason="paid", validated_on=date(2026, 9, 1))
    assert (due.kind, due.due_on) == (CASE_CLOSED, ENDED)
    assert due.rule.startswith("the case closed on 2026-11-24 (paid) with this procedure before the court")
    assert due.rule_fr.startswith("le dossier a été clos le 24/11/2026 (payé) alors que cette procédure est pendante")
    unknown = closing_due(closed_on=None, reason=None, validated_on=date(2026, 9, 1))
    assert unknown.due_on == date(2026, 9, 1)
    assert unknown.rule.startswith("the case closed (on a day legal did not keep) (reason not kept)")
    assert unknown.rule_fr.startswith("le dossier a été clos (à une date que le service juridique n'a pas gardée)")
