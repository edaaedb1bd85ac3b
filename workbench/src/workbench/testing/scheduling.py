"""pytest plugin (loaded with `-p workbench.testing.scheduling`): how `make test` shares the suite between workers.

`make test` runs pytest-xdist with `--dist loadgroup` on both cores; a test file run by hand stays sequential. Each
worker runs its own session: its own embedded PostgreSQL and broker on free ports, under its own temporary folder.

- The end-to-end tests are marked one group, meant for one worker sharing one platform (`tests/e2e/conftest.py`).
  Not honoured today: pytest-xdist 3.8 groups by rewriting `item._nodeid`, which pytest 9.2 no longer reads (it keeps
  the id in `item._id`), so each worker may start a platform of its own. Every end-to-end test therefore stands on
  its own, never on what another test left in the platform.
- Under xdist, the longest tests (the convergence checks, minutes each) are handed out first: started last, one of
  them would leave the other worker idle while it finishes alone.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from workbench.stack.postgres import EmbeddedPostgres

E2E_GROUP = "e2e"
LONGEST_FIRST = ("tests/convergence/",)


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config.option, "numprocesses", None) and not os.environ.get("PYTEST_XDIST_WORKER"):
        # Before the workers start: as root, describing a server creates the embedded PostgreSQL's system user once,
        # where two workers' servers and the end-to-end platform's would race to create it on a fresh machine.
        EmbeddedPostgres(Path(tempfile.gettempdir()), port=0)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("e2e") is not None:
            item.add_marker(pytest.mark.xdist_group(E2E_GROUP))
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=lambda item: not item.nodeid.startswith(LONGEST_FIRST))  # stable: the rest keep their order
