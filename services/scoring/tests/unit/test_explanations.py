"""Reasons written for an agent and a creditor, French first, without a database."""

from dataclasses import replace
from decimal import Decimal

import pytest

from scoring.domain import expert
from scoring.domain.explanations import amount_en, amount_fr, explained, scorecard_points
from scoring.domain.inputs import ScoringInputs

DEBTOR = ScoringInputs(
    outstanding=Decimal("50100.00"),
    days_past_due=146,
    open_cases=2,
    partial_payments=0,
    promises_kept=0,
    promises_broken=0,
    disputes=0,
    legal_failures=0,
    debtor_type="person",
    legal_form=None,
    company_age_years=None,
    insolvency=True,
    contact_channels=3,
    insurer_grade=None,
    insurer_limit=None,
)


def reasons(inputs: ScoringInputs) -> dict[str, dict]:
    return {r.code: explained(r.as_dict()) for r in expert.assess(inputs).reasons}


@pytest.mark.parametrize(
    ("amount", "french", "english"),
    [
        ("50100", "50 100,00 €", "€50,100.00"),
        ("0.5", "0,50 €", "€0.50"),
        ("1234567.891", "1 234 567,89 €", "€1,234,567.89"),
    ],
)
def test_amounts_are_written_the_french_and_the_english_way(amount, french, english):
    assert (amount_fr(Decimal(amount)), amount_en(Decimal(amount))) == (french, english)


def test_each_reason_reads_as_a_french_and_an_english_sentence_with_its_effect():
    explained_reasons = reasons(DEBTOR)
    assert explained_reasons["AMOUNT"]["label_fr"] == (
        "Montant dû : 50 100,00 € — diminue la probabilité de recouvrement"
    )
    assert explained_reasons["AMOUNT"]["label_en"] == "Amount outstanding: €50,100.00 — lowers the chance of recovery"
    assert explained_reasons["INSOLVENCY"]["label_fr"].startswith("Procédure collective en cours")
    assert explained_reasons["LEGAL_FORM"]["label_fr"].startswith("Personne physique")
    assert explained_reasons["DEBT_AGE"]["label_fr"].startswith("Plus ancienne facture impayée en retard de 146 jours")
    assert explained_reasons["CONTACTABILITY"]["effect"] == "raises"
    assert explained_reasons["INSOLVENCY"]["effect"] == "lowers"
    # the fields clients already read are kept as they were
    assert explained_reasons["AMOUNT"]["value"] == "50100.00"
    assert explained_reasons["AMOUNT"]["contribution"] == "-0.50"
    assert "text" in explained_reasons["AMOUNT"]


def test_twenty_scorecard_points_double_the_odds_of_recovery():
    assert scorecard_points(Decimal("0.6931")) == 20  # ln 2
    assert scorecard_points(Decimal("-4.00")) == -115
    assert reasons(DEBTOR)["INSOLVENCY"]["points"] == -115


def test_a_refused_cover_and_a_sole_trader_are_named_in_plain_words():
    refused = reasons(
        replace(DEBTOR, debtor_type="company", legal_form="EI", insurer_grade=9, insurer_limit=Decimal("0"))
    )
    assert refused["INSURER_LIMIT"]["label_fr"].startswith("L'assureur-crédit refuse de couvrir ce débiteur")
    assert refused["LEGAL_FORM"]["label_fr"].startswith("Entrepreneur individuel (EI)")
    assert refused["INSURER_GRADE"]["label_en"].startswith("Credit-insurer grade: 9 of 10")


def test_a_debt_in_another_currency_only_is_not_read_against_euro_thresholds():
    dollars = expert.assess(replace(DEBTOR, outstanding=None, other_currencies=("USD",)))
    codes = {r.code: r for r in dollars.reasons}
    assert "AMOUNT" not in codes and codes["OTHER_CURRENCIES"].value == ["USD"]
