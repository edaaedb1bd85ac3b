"""Plain selects on the session's own connection (`shared.plain_reads`), on real PostgreSQL."""

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError
from sqlmodel import Session

from shared.db import make_engine
from shared.plain_reads import plain_rows


def test_a_plain_read_sees_its_own_transaction_s_writes_as_typed_tuples(settings_for):
    engine = make_engine(settings_for("intake").database_url)
    key, at = uuid.uuid4(), datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    with Session(engine) as session:
        session.execute(text("CREATE TEMP TABLE walked (id uuid, at timestamptz) ON COMMIT DROP"))
        session.execute(text("INSERT INTO walked VALUES (:id, :at), (gen_random_uuid(), :at)"), {"id": key, "at": at})
        rows = plain_rows(session, "SELECT id, at FROM walked WHERE id = %(id)s", {"id": key})
        session.rollback()  # nothing committed: the read ran inside the session's transaction
    assert rows == [(key, at)]


def test_a_database_error_comes_out_as_sqlalchemy_s(settings_for):
    engine = make_engine(settings_for("intake").database_url)
    with Session(engine) as session, pytest.raises(ProgrammingError):
        plain_rows(session, "SELECT no_such_column FROM pg_class WHERE oid = %(oid)s", {"oid": 1})
