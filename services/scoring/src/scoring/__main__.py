"""`python -m scoring retrain` fits a new scorecard; `python -m scoring rescore` rescores every open debtor."""

from __future__ import annotations

import argparse
import sys

from sqlmodel import Session

from shared.clock import SystemClock
from shared.config import service_settings
from shared.db import make_engine
from shared.errors import DomainError

from scoring.config import Settings
from scoring.scores.retraining import rescore_all, retrain


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scoring", description="Recouvra scoring commands")
    parser.add_argument("command", choices=["retrain", "rescore"])
    args = parser.parse_args(argv)
    settings = service_settings("scoring")  # beside `make run`: recouvra-dev exec python -m scoring …
    assert isinstance(settings, Settings)  # built from scoring.config, typed as the kernel's base class
    engine = make_engine(settings.database_url, pool_size=1)
    try:
        with Session(engine, expire_on_commit=False) as session:
            if args.command == "retrain":
                model = retrain(session=session, clock=SystemClock(), min_rows=settings.min_training_cases, actor=None)
                state = "active" if model.active else "kept inactive (below the quality floor)"
                print(f"trained {model.version} on {model.training_rows} cases: {model.metrics}; {state}")
            else:
                print(f"rescored {rescore_all(session=session, clock=SystemClock())} debtors")
    except DomainError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
