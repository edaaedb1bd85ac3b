"""A creditor's template source keeps the kernel's text rule for prose: line breaks and tabs, no control or
bidirectional character."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from dunning.domain.fields import TemplateSource

_SOURCE = TypeAdapter(TemplateSource)


def test_a_letter_with_line_breaks_and_tabs_is_kept_whole():
    letter = "Madame, Monsieur,\r\n\tnous vous rappelons {{ montant }}.\n" * 200  # longer than a one-line text
    assert _SOURCE.validate_python(letter) == letter


@pytest.mark.parametrize(("character", "named"), [("\u202e", "U+202E"), ("\x07", "U+0007"), ("\x85", "U+0085")])
def test_a_control_or_bidirectional_character_is_refused_by_name(character, named):
    with pytest.raises(ValidationError) as refused:
        _SOURCE.validate_python(f"Bonjour{character} {{{{ nom }}}}")
    assert named in str(refused.value)
