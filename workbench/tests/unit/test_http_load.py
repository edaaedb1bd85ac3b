"""The load client keeps every answer's status and time, counts a lost connection as such, and sends load to this
machine only."""

from __future__ import annotations

import asyncio

import pytest

from workbench.testing.http_load import LOST, run_load


async def _server(answers: list[bytes]) -> tuple[asyncio.Server, int]:
    """A keep-alive HTTP/1.1 server answering the given responses in turn (the last one again and again)."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        served = 0
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                writer.write(answers[min(served, len(answers) - 1)])
                served += 1
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def test_every_answer_is_kept_with_its_status() -> None:
    async def scenario() -> tuple[dict[int, int], int]:
        ok = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
        busy = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n"
        server, port = await _server([ok, busy])
        async with server:
            run = await run_load(f"http://127.0.0.1:{port}/x", headers={"A": "b"}, connections=3, seconds=0.3)
        return run.statuses(), len(run.answers)

    statuses, count = asyncio.run(scenario())
    assert statuses[200] == 3 and statuses[503] == count - 3 and set(statuses) == {200, 503}


def test_a_connection_closed_without_an_answer_counts_as_lost() -> None:
    async def scenario() -> dict[int, int]:
        async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readuntil(b"\r\n\r\n")
            writer.close()

        server = await asyncio.start_server(hang_up, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with server:
            run = await run_load(f"http://127.0.0.1:{port}/", headers={}, connections=1, seconds=0.2)
        return run.statuses()

    statuses = asyncio.run(scenario())
    assert set(statuses) == {LOST} and statuses[LOST] >= 1


def test_load_goes_to_this_machine_only() -> None:
    with pytest.raises(ValueError, match="this machine only"):
        asyncio.run(run_load("http://192.0.2.1:80/", headers={}, connections=1, seconds=0.1))
