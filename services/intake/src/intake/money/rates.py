"""Rate table: ECB main refinancing rate and the two French legal interest rates, as data.

Rates are rows staff can update (a database table seeded from `SEED_RATES`), never constants in
the rules. A rate is a fraction: Decimal("0.0215") is 2.15 %.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from shared.i18n import BilingualValueError

from intake.money.errors import RateNotFound
from intake.money.semesters import Semester

# L441-10 II C. com.: the default penalty rate is the ECB rate "majoré de 10 points de pourcentage".
DEFAULT_PENALTY_MARGIN = Decimal("0.10")
# L441-10 II C. com.: a contractual rate may not be below three times the legal interest rate.
CONTRACTUAL_FLOOR_MULTIPLIER = Decimal(3)


class RateKind(StrEnum):
    ECB_MRO = "ecb_mro"
    # L313-2 CMF: the "autres cas" rate, owed when the creditor is a professional.
    LEGAL_PROFESSIONAL = "legal_professional"
    # L313-2 CMF: the higher rate, owed when the creditor is a private individual.
    LEGAL_CONSUMER_CREDITOR = "legal_consumer_creditor"


@dataclass(frozen=True)
class RateRow:
    """One rate: in force from `valid_from` until the next row of the same kind."""

    kind: RateKind
    valid_from: date
    rate: Decimal

    def __post_init__(self) -> None:
        if not isinstance(self.rate, Decimal):
            raise TypeError("a rate is a Decimal fraction such as Decimal('0.0215'), never a float")
        if not Decimal(0) <= self.rate < Decimal(1):
            raise BilingualValueError(
                f"a rate is a fraction between 0 and 1 (2.15 % is 0.0215), not {self.rate}",
                f"un taux est une fraction entre 0 et 1 (2,15 % s'écrit 0.0215), pas {self.rate}",
            )
        # L313-2 CMF: legal rates are fixed by arrêté for a whole semester.
        if self.kind is not RateKind.ECB_MRO and (self.valid_from.day, self.valid_from.month) not in ((1, 1), (1, 7)):
            raise BilingualValueError(
                f"a legal interest rate starts on 1 January or 1 July, not on {self.valid_from}",
                f"un taux d'intérêt légal commence le 1er janvier ou le 1er juillet, pas le {self.valid_from:%d/%m/%Y}",
            )


_KIND_NAMES_FR = {
    RateKind.ECB_MRO: "taux des opérations principales de refinancement de la BCE",
    RateKind.LEGAL_PROFESSIONAL: "taux de l'intérêt légal (créancier professionnel)",
    RateKind.LEGAL_CONSUMER_CREDITOR: "taux de l'intérêt légal (créancier particulier)",
}


@dataclass(frozen=True)
class MissingRate:
    """A semester rate the table lacks, replaced by the latest recorded one (`carried_rate`, from
    `carried_from`) in a provisional computation."""

    kind: RateKind
    semester: Semester
    carried_rate: Decimal
    carried_from: date

    @property
    def warning(self) -> str:
        return (
            f"the {self.kind.value} rate for {self.semester.label} is not recorded: the rate in force on "
            f"{self.carried_from.isoformat()} ({format_rate(self.carried_rate, 'en')}) is carried forward until staff "
            f"record it (POST /api/v1/intake/rates with kind {self.kind.value} and valid_from "
            f"{self.semester.first_day.isoformat()})"
        )

    @property
    def warning_fr(self) -> str:
        return (
            f"le {_KIND_NAMES_FR[self.kind]} du {self.semester.label} n'est pas enregistré : le taux en vigueur le "
            f"{self.carried_from:%d/%m/%Y} ({format_rate(self.carried_rate)}) est reconduit jusqu'à ce que l'agence "
            f"l'enregistre (POST /api/v1/intake/rates, kind {self.kind.value}, valid_from "
            f"{self.semester.first_day.isoformat()})"
        )


class RateTable:
    """Lookups over rate rows. The ECB series is known up to its latest row: staff record the rate
    read on each 1 January and 1 July (docs/rules.md §11.2), so a semester whose reference date is
    later than every ECB row raises instead of silently reusing an old rate.

    `carrying_forward()` gives a table that instead reuses the latest recorded rate and lists what it
    carried in `missing`: the result is then provisional, and says so. Unknown rates are never invented."""

    def __init__(self, rows: Iterable[RateRow]) -> None:
        by_kind: dict[RateKind, dict[date, Decimal]] = {kind: {} for kind in RateKind}
        for row in rows:
            known = by_kind[row.kind].get(row.valid_from)
            if known is not None and known != row.rate:
                raise ValueError(f"two {row.kind.value} rates start on {row.valid_from}: {known} and {row.rate}")
            by_kind[row.kind][row.valid_from] = row.rate
        self._series = {kind: sorted(rates.items()) for kind, rates in by_kind.items()}
        self._carry = False
        self.missing: list[MissingRate] = []

    def carrying_forward(self) -> RateTable:
        """A copy that carries the latest recorded rate into semesters not yet recorded, noting each in `missing`."""
        table = RateTable(())
        table._series, table._carry = self._series, True
        return table

    def _carried(self, kind: RateKind, semester: Semester) -> Decimal | None:
        if not self._carry:
            return None
        earlier = [(valid_from, rate) for valid_from, rate in self._series[kind] if valid_from < semester.first_day]
        if not earlier:
            return None
        missing = MissingRate(kind, semester, earlier[-1][1], earlier[-1][0])
        if missing not in self.missing:
            self.missing.append(missing)
        return earlier[-1][1]

    def rate_on(self, kind: RateKind, day: date) -> Decimal:
        """The rate of `kind` in force on `day`: the latest row starting on or before it."""
        in_force = [rate for valid_from, rate in self._series[kind] if valid_from <= day]
        if not in_force:
            raise RateNotFound(
                f"no {kind.value} rate is recorded in force on {day.isoformat()} "
                f"(semester {_semester_label(day)}); add it to the rate table",
                f"aucun {_KIND_NAMES_FR[kind]} n'est enregistré en vigueur le {day:%d/%m/%Y} "
                f"({_semester_label(day)}) ; ajoutez-le à la table des taux",
            )
        return in_force[-1]

    def ecb_reference_rate(self, semester: Semester) -> Decimal:
        """ECB MRO rate in force on 1 January (S1) or 1 July (S2): L441-10 II C. com."""
        reference_day = semester.first_day
        series = self._series[RateKind.ECB_MRO]
        if not series or series[-1][0] < reference_day:
            carried = self._carried(RateKind.ECB_MRO, semester)
            if carried is not None:
                return carried
            raise RateNotFound(
                f"the ECB rate in force on {reference_day.isoformat()} is not recorded, so the late-payment "
                f"rate for {semester.label} is unknown; record the ECB rate read on that date",
                f"le taux de la BCE en vigueur le {reference_day:%d/%m/%Y} n'est pas enregistré : le taux des "
                f"pénalités de retard du {semester.label} est donc inconnu ; enregistrez le taux BCE lu à cette date",
            )
        return self.rate_on(RateKind.ECB_MRO, reference_day)

    def default_penalty_rate(self, semester: Semester) -> Decimal:
        """L441-10 II C. com.: ECB rate on the semester's reference date + 10 points."""
        return self.ecb_reference_rate(semester) + DEFAULT_PENALTY_MARGIN

    def legal_rate(self, semester: Semester, kind: RateKind = RateKind.LEGAL_PROFESSIONAL) -> Decimal:
        """Taux de l'intérêt légal for a semester (L313-2 CMF); professional creditor by default."""
        if kind is RateKind.ECB_MRO:
            raise ValueError("the ECB rate is not a legal interest rate")
        for valid_from, rate in self._series[kind]:
            if valid_from == semester.first_day:
                return rate
        carried = self._carried(kind, semester)
        if carried is not None:
            return carried
        raise RateNotFound(
            f"the {kind.value} legal interest rate for {semester.label} is not in the rate table",
            f"le {_KIND_NAMES_FR[kind]} du {semester.label} n'est pas dans la table des taux",
        )

    def contractual_floor(self, semester: Semester) -> Decimal:
        """L441-10 II C. com.: 3 x the legal rate; the creditor is a professional, so "autres cas"."""
        return CONTRACTUAL_FLOOR_MULTIPLIER * self.legal_rate(semester, RateKind.LEGAL_PROFESSIONAL)


def missing_rates(rates: RateTable, semester: Semester) -> list[str]:
    """The rates of `semester` the table lacks (the ECB reading and both legal rates), in words."""
    gaps = []
    for kind in RateKind:
        try:
            if kind is RateKind.ECB_MRO:
                rates.ecb_reference_rate(semester)
            else:
                rates.legal_rate(semester, kind)
        except RateNotFound:
            gaps.append(f"{kind.value} from {semester.first_day.isoformat()} ({semester.label})")
    return gaps


def format_rate(rate: Decimal, language: str = "fr") -> str:
    """A fraction as a percentage: Decimal("0.1215") -> "12,15 %" in French, "12.15%" in English."""
    percent = (rate * 100).quantize(Decimal("0.01"))
    return f"{percent} %".replace(".", ",") if language == "fr" else f"{percent}%"


def _semester_label(day: date) -> str:
    return f"S{1 if day.month <= 6 else 2} {day.year}"


def _row(kind: RateKind, valid_from: str, rate: str) -> RateRow:
    return RateRow(kind=kind, valid_from=date.fromisoformat(valid_from), rate=Decimal(rate))


_ECB = RateKind.ECB_MRO
_PRO = RateKind.LEGAL_PROFESSIONAL
_CONSUMER = RateKind.LEGAL_CONSUMER_CREDITOR

SEED_RATES: tuple[RateRow, ...] = (
    # ECB MRO changes by value date (docs/rules.md §2.3).
    _row(_ECB, "2024-12-18", "0.0315"),
    _row(_ECB, "2025-02-05", "0.0290"),
    _row(_ECB, "2025-03-12", "0.0265"),
    _row(_ECB, "2025-04-23", "0.0240"),
    _row(_ECB, "2025-06-11", "0.0215"),
    # Readings on the L441-10 reference dates (docs/rules.md §0, §2.3): they record that the rate was
    # checked, so S1 2026 resolves and S2 2026 raises until someone reads the rate on 1 July 2026.
    _row(_ECB, "2025-01-01", "0.0315"),
    _row(_ECB, "2025-07-01", "0.0215"),
    _row(_ECB, "2026-01-01", "0.0215"),
    # Legal interest rates, L313-2 CMF (arrêtés of 19 Jun 2025 and 15 Dec 2025; docs/rules.md §0).
    _row(_PRO, "2025-01-01", "0.0371"),
    _row(_PRO, "2025-07-01", "0.0276"),
    _row(_PRO, "2026-01-01", "0.0262"),
    _row(_CONSUMER, "2025-01-01", "0.0721"),
    _row(_CONSUMER, "2025-07-01", "0.0665"),
    _row(_CONSUMER, "2026-01-01", "0.0667"),
)
