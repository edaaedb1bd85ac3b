"""Table-model instances built without their constructor (`shared.table_rows.new_row`), on real PostgreSQL: they hold
what the constructor gives, are inserted as it would be, and track a change made afterwards."""

import uuid

import pytest
from sqlmodel import Session, select

from shared.db import make_engine
from shared.outbox import OutboxMessage
from shared.table_rows import new_row


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
