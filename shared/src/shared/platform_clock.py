"""The platform clock kept across restarts (embedded and test profiles, where it can be set).

`PUT /api/v1/admin/clock` sets the instant in memory; a service restarted afterwards used to read the machine's
clock until someone set it again, and its workers ran in between on the wrong day (found by `make proof`). Each
service now keeps the instant it was set to in its own database and takes it back when it starts. A clock given
to the app (tests inject one) is left alone.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import Column, DateTime, Engine
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Field, Session, SQLModel

from shared.clock import SettableClock

log = logging.getLogger(__name__)


class PlatformClockSetting(SQLModel, table=True):
    __tablename__ = "platform_clock"

    id: int = Field(default=1, primary_key=True, description="one row")
    frozen_at: datetime | None = Field(
        default=None,
        sa_column=Column(DateTime(timezone=True), nullable=True),
        description="the instant the platform reads; none: the machine's clock",
    )
    set_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


def remember(engine: Engine, instant: datetime | None) -> None:
    now = datetime.now(UTC)
    with Session(engine) as session:
        session.execute(
            insert(PlatformClockSetting)
            .values(id=1, frozen_at=instant, set_at=now)
            .on_conflict_do_update(index_elements=["id"], set_={"frozen_at": instant, "set_at": now})
        )
        session.commit()


def restore(engine: Engine, clock: SettableClock) -> None:
    """Sets `clock` to the instant kept, if one is. A database without the table (not migrated) is left alone."""
    try:
        with Session(engine) as session:
            kept = session.get(PlatformClockSetting, 1)
    except SQLAlchemyError:
        log.warning("the platform clock could not be read back; this service follows the machine's clock")
        return
    if kept is not None and kept.frozen_at is not None:
        clock.set(kept.frozen_at)
        log.info(
            "platform clock taken back: %s (PUT /api/v1/admin/clock with null follows the machine)", kept.frozen_at
        )
