"""Calendar semesters: French late-payment and legal rates are fixed per half-year."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, order=True)
class Semester:
    """A half-year: S1 runs 1 January-30 June, S2 runs 1 July-31 December."""

    year: int
    half: int

    def __post_init__(self) -> None:
        if self.half not in (1, 2):
            raise ValueError(f"a semester is 1 or 2, not {self.half}")

    @property
    def first_day(self) -> date:
        """Reference date of the semester's rates (L441-10 II C. com.: 1 January or 1 July)."""
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def label(self) -> str:
        return f"S{self.half} {self.year}"

    def following(self) -> Semester:
        """The next half-year, whose rates are read on its own reference date."""
        return Semester(self.year, 2) if self.half == 1 else Semester(self.year + 1, 1)

    def __str__(self) -> str:
        return self.label


def semester_of(day: date) -> Semester:
    """The semester a day falls in."""
    return Semester(day.year, 1 if day.month <= 6 else 2)


def split_by_semester(first_day: date, last_day: date) -> Iterator[tuple[Semester, date, date]]:
    """Cuts the inclusive range [first_day, last_day] at each semester boundary, because each
    late day bears the rate of its own semester (literal reading of L441-10 II, docs/rules.md §2.5)."""
    start = first_day
    while start <= last_day:
        semester = semester_of(start)
        end = min(semester.last_day, last_day)
        yield semester, start, end
        start = end + timedelta(days=1)
