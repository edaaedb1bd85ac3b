"""Dates in the French, ISO and compact forms files use; never month first."""

from datetime import date, datetime

import pytest

from intake.imports.cells import date_of
from intake.imports.dates import parse_date
from intake.imports.problems import Unreadable


@pytest.mark.parametrize(
    "written",
    [
        "31/01/2025",
        "31-01-2025",
        "31.01.2025",
        "2025-01-31",
        "20250131",
        "31/01/25",
        "2025-01-31 00:00:00",
        "2025-01-31T10:15:00",
        " 31/01/2025 ",
    ],
)
def test_every_usual_way_of_writing_a_day_is_read(written):
    assert parse_date(written) == date(2025, 1, 31)


def test_a_slashed_date_is_read_day_first():
    assert parse_date("02/03/2025") == date(2025, 3, 2)


@pytest.mark.parametrize("written", ["31/02/2025", "2025-13-01", "hier", "01/2025", "32012025"])
def test_a_date_that_does_not_exist_or_cannot_be_read_is_refused(written):
    with pytest.raises(Unreadable) as refused:
        parse_date(written)
    assert "jj/mm/aaaa" in refused.value.reason_fr


def test_spreadsheet_dates_come_as_dates_datetimes_or_serial_day_numbers():
    assert date_of(datetime(2025, 1, 31, 12, 0)) == date(2025, 1, 31)
    assert date_of(date(2025, 1, 31)) == date(2025, 1, 31)
    assert date_of(45688) == date(2025, 1, 31)  # the same day once its cell lost the date format


def test_an_empty_date_cell_is_refused():
    with pytest.raises(Unreadable, match="empty"):
        date_of(None)
