"""Table-model instances built without their constructor (`shared.table_rows.new_row`), on real PostgreSQL: they hold
what the constructor gives, are inserted as it would be, and track a change made afterwards. A field set once
(`shared.table_rows.SetOnce`) leaves what SQLModel's own `__setattr__` leaves."""

import uuid

import pytest
from sqlalchemy import inspect
from sqlmodel import Session, SQLModel, col, select

from shared.db import make_engine
from shared.outbox import OutboxMessage
from shared.table_rows import SetOnce, new_row


def values(clock):
    return {
        "event_id": uuid.uuid4(),
        "topic": "intake.creditors",
        "event_type": "t",
        "envelope": {"data": {"name": "Société Générale"}},
        "created_at": clock.now(),
    }


def test_the_row_holds_what_the_constructor_gives(clock):
    given = values(clock)
    built, constructed = new_row(OutboxMessage, **given), OutboxMessage(**given)
    assert built.model_dump() == constructed.model_dump()
    assert built.model_fields_set == constructed.model_fields_set == set(given)
    assert built.headers == {} and built.headers is not new_row(OutboxMessage, **values(clock)).headers  # a fresh dict


def test_the_row_is_inserted_and_a_later_change_is_updated(settings_for, clock):
    engine = make_engine(settings_for("intake").database_url)
    given = values(clock)
    with Session(engine, expire_on_commit=False) as session:
        row = new_row(OutboxMessage, **given)
        session.add(row)
        session.commit()
        assert row.seq is not None  # numbered by PostgreSQL, read back as for a constructed row
        row.published_at = clock.now()
        session.add(row)
        session.commit()
    with Session(engine) as session:
        stored = session.exec(select(OutboxMessage).where(OutboxMessage.event_id == given["event_id"])).one()
        assert (stored.envelope, stored.headers, stored.key) == (given["envelope"], {}, None)
        assert stored.published_at == clock.now()


def test_a_field_the_model_does_not_have_is_refused(clock):
    with pytest.raises(TypeError, match="OutboxMessage has no field evnet_type"):
        new_row(OutboxMessage, **{**values(clock), "evnet_type": "t"})


def test_a_field_set_once_is_tracked_and_stored_as_sqlmodel_sets_it(settings_for, clock):
    assert issubclass(OutboxMessage, SetOnce)
    engine = make_engine(settings_for("intake").database_url)
    ours, theirs = values(clock), values(clock)
    with Session(engine, expire_on_commit=False) as session:
        rows = new_row(OutboxMessage, **ours), new_row(OutboxMessage, **theirs)
        session.add_all(rows)
        session.commit()
        rows[0].published_at, rows[0].key = clock.now(), "case-1"  # through SetOnce
        SQLModel.__setattr__(rows[1], "published_at", clock.now())  # through SQLModel's own
        SQLModel.__setattr__(rows[1], "key", "case-1")
        for name in ("published_at", "key"):
            ours_history, theirs_history = (inspect(row).attrs[name].history for row in rows)
            assert (ours_history.added, ours_history.deleted) == (theirs_history.added, theirs_history.deleted)
            assert ours_history.added == [getattr(rows[0], name)]
        assert rows[0].model_fields_set == rows[1].model_fields_set >= {"published_at", "key"}
        assert {k: v for k, v in rows[0].model_dump().items() if k not in ("seq", "event_id")} == {
            k: v for k, v in rows[1].model_dump().items() if k not in ("seq", "event_id")
        }
        session.commit()  # both updated: SQLAlchemy saw each change
    with Session(engine) as session:
        stored = session.exec(
            select(OutboxMessage).where(col(OutboxMessage.event_id).in_([ours["event_id"], theirs["event_id"]]))
        ).all()
        assert [(row.published_at, row.key) for row in stored] == [(clock.now(), "case-1")] * 2


def test_a_name_that_is_not_a_field_is_left_to_sqlmodel(clock):
    row = new_row(OutboxMessage, **values(clock))
    with pytest.raises(ValueError, match="no field"):
        row.not_a_field = 1  # pydantic refuses it, as for any SQLModel
