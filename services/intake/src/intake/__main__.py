"""`python -m intake announce-documents` announces the documents filed before intake said so (`document.attached`),
once each (`intake.cases.document_announcements`)."""

from __future__ import annotations

import argparse
import sys

from shared.clock import SystemClock
from shared.config import service_settings
from shared.db import make_engine

from intake.cases.document_announcements import announce_documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m intake", description="Recouvra intake commands")
    parser.add_argument("command", choices=["announce-documents"])
    parser.parse_args(argv)
    settings = service_settings("intake")  # beside `make run`: recouvra-dev exec python -m intake …
    engine = make_engine(settings.database_url, pool_size=1)
    try:
        print(f"announced {announce_documents(engine=engine, clock=SystemClock())} documents")
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
