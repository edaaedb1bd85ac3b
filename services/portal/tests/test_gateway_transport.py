"""The portal's async httpx clients (its pages and API docs; the gateway's forwarding too, until it moved to
aiohttp) ask, on every request, which event loop runs them (httpcore through sniffio). Without sniffio installed,
that answer came from a failed import each time, and Python searches the disk again for a module it failed to
import: a third of the gateway's CPU then (issue 17)."""

from __future__ import annotations

import asyncio
import sys

from httpcore._synchronization import current_async_library


def test_the_gateways_transport_knows_its_event_loop_without_searching_the_disk() -> None:
    async def ask() -> str:
        return current_async_library()

    assert asyncio.run(ask()) == "asyncio"
    assert "sniffio" in sys.modules  # imported once and kept: a failed import is never kept
