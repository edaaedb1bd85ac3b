# Recouvra: `make run` runs the platform on the embedded default, `make test` runs the test suite.
# Both create the virtual environment and install the pinned dependencies first when needed, with the seven packages
# in editable mode: the kernel (shared), the five services, and the workbench (workbench/: the embedded stack and
# the pytest plugin, for `make run` and `make test` only; the image installs the other six, never it).

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PACKAGES := shared services/portal services/intake services/scoring services/dunning services/legal workbench
STAMP := $(VENV)/.installed

.PHONY: install browser run test test-fast lint bench proof lock clean

$(STAMP): requirements.lock requirements-dev.lock $(addsuffix /pyproject.toml,$(PACKAGES))
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Recouvra needs Python 3.11 (found " + sys.version.split()[0] + ")")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps $(addprefix -e ,$(PACKAGES))
	@touch $(STAMP)

install: $(STAMP)

# The browser journeys (tests/e2e/test_web_journeys.py) drive the Debian package chromium through Playwright
# (never Playwright's own browser download). Installed here when missing and we are root; otherwise the journeys
# are skipped with the reason (and fail when RECOUVRA_REQUIRE_BROWSER is set, as in CI).
CHROMIUM := /usr/lib/chromium/chromium
browser:
	@test -x $(CHROMIUM) || if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update && apt-get install -y --no-install-recommends chromium; \
	else echo "chromium is missing and cannot be installed here (apt-get, as root): browser journeys skipped" >&2; fi

# The demo files (workbench/src/workbench/stack/demo_data.py: an IBAN, files at every stage, payments, a
# remittance) are written through the API once the platform answers; tests never write them. `recouvra-dev run`
# is the workbench's command (the image's `recouvra` only migrates and replays).
run: install
	$(BIN)/python -m workbench.stack.demo_data --wait 300 & $(BIN)/recouvra-dev run

# On both cores (pytest-xdist): each worker runs its own embedded servers; the end-to-end tests share one
# platform in one worker (--dist loadgroup, see workbench/src/workbench/testing/scheduling.py). A single test file
# run by hand stays sequential.
XDIST := -n 2 --dist loadgroup

# The load test (marker `alone`) runs after the parallel suite: beside another worker it measures the other
# worker's load, not the platform's. The 30 slowest tests are listed at the end: the suite should stay under 15 min.
test: install browser
	$(BIN)/python -m pytest $(XDIST) -m "not alone" --durations=30
	$(BIN)/python -m pytest -m alone

test-fast: install
	$(BIN)/python -m pytest $(XDIST) -m "not e2e"

# ruff (lint and format) on every Python file, mypy (strict) on the kernel, the five services and the workbench.
lint: install
	$(BIN)/ruff check shared services workbench tests bench deploy proof
	$(BIN)/ruff format --check shared services workbench tests bench deploy proof
	$(BIN)/mypy shared/src services/portal/src services/intake/src services/scoring/src services/dunning/src services/legal/src workbench/src

# The API benchmark loads the services with wrk (the Debian package) when it is there: installed here when missing
# and we are root, otherwise the benchmark uses its bounded asyncio client and says so.
bench: install
	@command -v wrk >/dev/null || if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get install -y --no-install-recommends wrk || (apt-get update && apt-get install -y --no-install-recommends wrk) \
		|| echo "wrk could not be installed: the API benchmark uses its own client" >&2; \
	else echo "wrk is missing and cannot be installed here (apt-get, as root): the API benchmark uses its own client" >&2; fi
	$(BIN)/python -m bench

# Fault injection (a flow of 5,000 cases, undisturbed then under SIGKILL of every part in turn, compared) and
# 60 s of sustained load; long (70 minutes for the two flows of 5,000 cases on 2 cores), so not part of `make test`.
proof: install
	$(BIN)/python -m proof all

lock:
	$(BIN)/python deploy/lock.py

clean:
	rm -rf $(VENV) .pytest_cache
