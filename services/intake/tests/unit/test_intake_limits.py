from datetime import date
from decimal import Decimal

import pytest

from shared.business_calendar import add_years
from shared.prescription import prescription_deadline

from intake.documents.downloads import content_disposition
from intake.domain.limits import check_amount, check_business_date


def test_an_amount_with_an_exponent_is_refused_in_words_not_with_invalid_operation() -> None:
    with pytest.raises(ValueError, match="too large"):
        check_amount(Decimal("1e30"))
    with pytest.raises(ValueError, match="too large"):
        check_amount(Decimal("10000000000000.00"))
    assert check_amount(Decimal("999999999999.99")) == Decimal("999999999999.99")
    with pytest.raises(ValueError, match="more than two decimal places"):
        check_amount(Decimal("1.005"))


def test_dates_outside_1990_to_2100_are_refused() -> None:
    for day in (date(1, 1, 1), date(1989, 12, 31), date(2101, 1, 1), date(9999, 12, 31)):
        with pytest.raises(ValueError, match="outside the dates"):
            check_business_date(day)


def test_adding_years_handles_29_february_and_never_overflows() -> None:
    assert add_years(date(2024, 2, 29), 5) == date(2029, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert prescription_deadline(kind="b2b", due_date=date(2026, 1, 1), interruptions=(date(9999, 12, 31),)) == date.max


def test_a_download_name_outside_latin_1_is_sent_with_rfc_5987_and_an_ascii_fallback() -> None:
    assert content_disposition("relance 100€.txt") == (
        "attachment; filename=\"relance 100_.txt\"; filename*=UTF-8''relance%20100%E2%82%AC.txt"
    )
    assert content_disposition("quittance-Q-2026.pdf") == 'attachment; filename="quittance-Q-2026.pdf"'
