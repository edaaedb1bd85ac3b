from datetime import date

from intake.money.semesters import Semester, semester_of, split_by_semester


def test_june_belongs_to_the_first_semester_and_july_to_the_second() -> None:
    assert semester_of(date(2025, 6, 30)) == Semester(2025, 1)
    assert semester_of(date(2025, 7, 1)) == Semester(2025, 2)


def test_a_range_is_cut_at_each_semester_boundary() -> None:
    pieces = list(split_by_semester(date(2025, 6, 16), date(2026, 1, 2)))
    assert pieces == [
        (Semester(2025, 1), date(2025, 6, 16), date(2025, 6, 30)),
        (Semester(2025, 2), date(2025, 7, 1), date(2025, 12, 31)),
        (Semester(2026, 1), date(2026, 1, 1), date(2026, 1, 2)),
    ]


def test_an_empty_range_yields_nothing() -> None:
    assert list(split_by_semester(date(2025, 6, 16), date(2025, 6, 15))) == []


def test_the_semester_after_s2_is_s1_of_next_year() -> None:
    assert Semester(2025, 2).following() == Semester(2026, 1)
    assert Semester(2025, 2).label == "S2 2025"
