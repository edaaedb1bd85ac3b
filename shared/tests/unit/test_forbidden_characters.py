"""The text rule's forbidden characters, found by one regular expression, are exactly the Unicode control characters
(category Cc) and the bidirectional controls, over every code point, with tabs and line breaks allowed in prose."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from shared.i18n import BilingualValueError
from shared.limits import check_multiline, check_name, check_text

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _forbidden(character: str, *, multiline: bool) -> bool:
    if character in _BIDI:
        return True
    return unicodedata.category(character) == "Cc" and not (multiline and character in "\t\n\r")


@pytest.mark.parametrize("multiline", [False, True])
def test_every_code_point_is_judged_as_its_unicode_category_says(multiline):
    check = check_multiline if multiline else check_text
    wrong = []
    for point in range(sys.maxunicode + 1):
        if 0xD800 <= point <= 0xDFFF:
            continue  # surrogates: no text holds them alone
        character = chr(point)
        try:
            check(f"a{character}b")
            refused = False
        except BilingualValueError:
            refused = True
        if refused != _forbidden(character, multiline=multiline):
            wrong.append(f"U+{point:04X}")
    assert wrong == []


def test_the_refusal_names_the_first_forbidden_character():
    with pytest.raises(BilingualValueError) as refused:
        check_name("Dupont\u202eSARL\x07")
    assert "U+202E" in str(refused.value)
    assert check_multiline("ligne 1\r\nligne 2\tfin") == "ligne 1\r\nligne 2\tfin"
