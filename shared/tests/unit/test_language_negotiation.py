"""Which language a client reads: French first, English when the client weighs it above French."""

from __future__ import annotations

import pytest

from shared.i18n import BilingualValueError, negotiate


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "fr",
        "fr-FR",
        "de",
        "de-DE, it;q=0.8",
        "*",
        "en;q=0.5, fr",
        "fr;q=0.9, en;q=0.9",
        "en;q=oops",
        "en;q=2",
    ],
)
def test_french_is_answered_unless_english_is_preferred(header):
    assert negotiate(header) == "fr"


@pytest.mark.parametrize(
    "header", ["en", "EN-gb", "en-US,en;q=0.9", "fr;q=0.5, en", "de, en;q=0.7, fr;q=0.3", "en, *;q=0.1", "fr;q=0, *"]
)
def test_english_is_answered_when_the_client_weighs_it_above_french(header):
    assert negotiate(header) == "en"


def test_a_bilingual_validator_error_reads_as_english_and_keeps_its_french():
    error = BilingualValueError("the file is empty", "le fichier est vide")
    assert str(error) == "the file is empty" and error.fr == "le fichier est vide"
    assert isinstance(error, ValueError)
