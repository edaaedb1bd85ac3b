"""Events intake consumes. None yet: bailiff collections (legal.funds_collected) arrive with the money issue."""

from __future__ import annotations

from shared.consumer import Handlers

HANDLERS: Handlers = {}
