"""What the kernel's consumer tests share: the portal as the consuming service (its creditor directory, projected
from `creditor.registered`, is the effect they look at)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from shared.db import make_engine


@pytest.fixture
def portal(settings_for) -> Iterator[tuple[Any, Engine]]:
    """The portal's settings (3 attempts, 100 ms apart, for an event that fails) and an engine on its database."""
    settings = settings_for("portal", consumer_max_attempts=3, consumer_backoff_ms=100)
    engine = make_engine(settings.database_url)
    yield settings, engine
    engine.dispose()
