"""The rate table as data: read it into a `RateTable`, let staff record new semesters."""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal
from functools import lru_cache

from pydantic import TypeAdapter
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Invalid
from shared.i18n import BilingualValueError
from shared.plain_reads import plain_rows

from intake.errors import field_error
from intake.money.errors import ContractualRateBelowFloor, RateNotFound
from intake.money.penalties import check_contractual_rate
from intake.money.rates import RateKind, RateRow, RateTable, missing_rates
from intake.money.semesters import Semester, semester_of
from intake.rates.models import Rate
from intake.rates.schemas import RateIn

log = logging.getLogger("intake.rates")  # the name it had as a top-level module, kept for the operators' filters


def list_rates(session: Session) -> list[Rate]:
    return list(session.exec(select(Rate).order_by(col(Rate.kind), col(Rate.valid_from))).all())


def load_rate_table(session: Session) -> RateTable:
    """The table as recorded now. Its rows are read on every call (another process may have recorded a semester) as
    plain tuples; the table built from them is kept while they stay the same (issue 17: building it from ORM rows
    was a tenth of a statement of account's CPU)."""
    return _table_of(tuple(plain_rows(session, _RATES, {})))


_RATES = "SELECT kind, valid_from, rate FROM rates ORDER BY kind, valid_from"
# The same rows as one JSON text column of another statement (the statement of account reads them with its case, so
# that the digest of what it rendered covers the rates too: `shared.kept_answers`); rates travel as text.
RATES_JSON = (
    "(SELECT json_agg(json_build_array(kind, valid_from, rate::text) ORDER BY kind, valid_from) FROM rates)::text"
)
_RATE_ROWS: TypeAdapter[list[tuple[str, date, Decimal]]] = TypeAdapter(list[tuple[str, date, Decimal]])


def rate_table_of_json(text: str | None) -> RateTable:
    """The table from `RATES_JSON`'s column."""
    return _table_of(tuple(_RATE_ROWS.validate_json(text)) if text else ())


@lru_cache(maxsize=4)
def _table_of(rows: tuple[tuple[str, date, Decimal], ...]) -> RateTable:
    return RateTable(RateRow(kind=RateKind(kind), valid_from=valid_from, rate=rate) for kind, valid_from, rate in rows)


def record_rate(*, session: Session, rate_in: RateIn, principal: Principal, clock: Clock) -> Rate:
    """Adds a rate, or corrects the one of the same kind and start date; the correction is audited."""
    try:
        RateRow(kind=rate_in.kind, valid_from=rate_in.valid_from, rate=rate_in.rate)
    except ValueError as exc:
        field = "valid_from" if "starts on" in str(exc) else "rate"
        raise field_error(Invalid, field, str(exc), exc.fr if isinstance(exc, BilingualValueError) else None) from exc
    rate = session.exec(
        select(Rate).where(Rate.kind == rate_in.kind.value, Rate.valid_from == rate_in.valid_from)
    ).first()
    previous = rate.rate if rate else None
    if rate is None:
        rate = Rate(kind=rate_in.kind.value, valid_from=rate_in.valid_from, rate=rate_in.rate)
    rate.rate, rate.source = rate_in.rate, rate_in.source
    rate.recorded_by, rate.recorded_at = principal.subject, clock.now()
    session.add(rate)
    audit(
        session,
        actor=principal,
        action="rate.recorded",
        entity="rate",
        entity_id=f"{rate.kind}:{rate.valid_from}",
        clock=clock,
        rate=str(rate.rate),
        previous=str(previous) if previous is not None else None,
    )
    session.commit()
    return rate


def _latest_known_semester(rates: RateTable, day: date) -> Semester | None:
    semester = semester_of(day)
    for _ in range(4):  # the legal rate of the last two years, at most
        try:
            rates.legal_rate(semester)
            return semester
        except RateNotFound:
            semester = Semester(semester.year, 1) if semester.half == 2 else Semester(semester.year - 1, 2)
    return None


def refuse_rate_below_floor(session: Session, rate: Decimal | None, on: date) -> None:
    """L441-10 II C. com.: a contractual penalty rate under 3 x the legal rate is refused when the mandate
    is recorded, against the latest semester whose legal rate is known on that date."""
    if rate is None:
        return
    rates = load_rate_table(session)
    semester = _latest_known_semester(rates, on)
    if semester is None:
        return
    try:
        check_contractual_rate(rate, semester, rates)
    except ContractualRateBelowFloor as exc:
        raise field_error(Invalid, "penalty_rate", str(exc), exc.message_fr) from exc


def warn_of_missing_rates(engine: Engine, today: date) -> list[str]:
    """At start: the current semester's rates staff have not recorded yet. Statements still compute, with the
    latest rate carried forward and marked provisional, but someone must record the real ones."""
    with Session(engine) as session:
        gaps = missing_rates(load_rate_table(session), semester_of(today))
    if gaps:
        log.warning(
            "the rate table lacks the current semester's %s: statements are provisional until staff "
            "record them (POST /api/v1/intake/rates)",
            ", ".join(gaps),
        )
    return gaps
