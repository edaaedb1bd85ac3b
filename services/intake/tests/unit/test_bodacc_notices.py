"""BODACC notices read without I/O: an opening judgment of each kind for the SIREN asked about, and everything that
opens nothing (another family, another judgment, another company, a date missing) left alone."""

from __future__ import annotations

import json
from datetime import date

import pytest

from intake.domain.bodacc import opening_notice, sirens_of

SIREN = "732829320"


def notice(nature: str = "Jugement d'ouverture d'une procédure de redressement judiciaire", **changes) -> dict:
    record = {
        "id": "A202611060001",
        "familleavis": "collective",
        "familleavis_lib": "Procédures collectives",
        "dateparution": "2026-11-06",
        "registre": ["732 829 320", SIREN],
        "tribunal": "Tribunal de commerce de Bordeaux",
        "jugement": json.dumps({"famille": "Jugement d'ouverture", "nature": nature, "date": "2026-11-04"}),
    }
    return record | changes


@pytest.mark.parametrize(
    ("nature", "kind"),
    [
        ("Jugement d'ouverture d'une procédure de redressement judiciaire", "redressement"),
        ("Jugement d'ouverture de liquidation judiciaire", "liquidation"),
        ("Jugement d’ouverture d’une procédure de sauvegarde", "sauvegarde"),  # the typographic apostrophe
        ("JUGEMENT D'OUVERTURE DE LIQUIDATION JUDICIAIRE SIMPLIFIÉE", "liquidation"),
    ],
)
def test_an_opening_judgment_is_read_with_its_kind_its_days_and_its_court(nature, kind):
    found = opening_notice(notice(nature), SIREN)
    assert found is not None
    assert (found.kind, found.opened_on, found.published_on, found.notice_id) == (
        kind,
        date(2026, 11, 4),
        date(2026, 11, 6),
        "A202611060001",
    )
    assert found.court == "Tribunal de commerce de Bordeaux"


def test_a_judgment_given_as_an_object_and_a_registre_given_as_one_string_are_read_too():
    record = notice(registre="732 829 320")
    record["jugement"] = json.loads(record["jugement"])
    assert opening_notice(record, SIREN) is not None
    assert sirens_of("RCS Bordeaux 732 829 320") == {SIREN} and sirens_of(None) == set()


@pytest.mark.parametrize(
    "changes",
    [
        {"familleavis": "vente"},  # a sale of the business
        {"registre": ["552 100 554"]},  # another company
        {"jugement": json.dumps({"famille": "Jugement arrêtant le plan", "nature": "Plan de redressement"})},
        {"jugement": json.dumps({"famille": "Jugement d'ouverture", "nature": "Ouverture", "date": "2026-11-04"})},
        {"jugement": json.dumps({"famille": "Jugement d'ouverture", "nature": "liquidation judiciaire"})},  # no date
        {"dateparution": "2026-11-01"},  # published before its judgment: not a notice to trust
        {"jugement": "not json"},
    ],
)
def test_a_notice_that_opens_nothing_for_the_siren_is_left_alone(changes):
    assert opening_notice(notice(**changes), SIREN) is None
