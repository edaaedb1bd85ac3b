"""A bounded HTTP/1.1 load client on bare asyncio streams, for the benchmarks and the overload test (`wrk` is not
installed on the development machine).

`connections` keep-alive connections, each sending its next request as soon as the last answer is read, for a
fixed time; every answer's status and latency is kept. It is written this way, and not with httpx, because the
client shares two cores with the platform it measures: httpx spends about a millisecond of CPU a request, which
at a few hundred requests a second is the platform's CPU taken away and client lag counted as server latency.
Loopback only: the URL's host must be 127.0.0.1 or localhost."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOST = 0
"""the status recorded when the connection was lost or the answer did not come in time"""


@dataclass
class Answers:
    """Every answer of a run: (status, seconds), in the order they came."""

    seconds: float = 0.0
    answers: list[tuple[int, float]] = field(default_factory=list)

    def statuses(self) -> dict[int, int]:
        return dict(Counter(status for status, _ in self.answers))

    def latencies(self, status: int | None = None) -> list[float]:
        return [took for got, took in self.answers if status is None or got == status]

    @staticmethod
    def percentile(values: list[float], share: float) -> float:
        if not values:
            return float("inf")
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    if headers.get("connection", "").lower() == "close":
        raise ConnectionResetError("the server closed the connection after its answer")
    return status


async def _connection(
    url: str, headers: dict[str, str], until: float, timeout_s: float, answers: list[tuple[int, float]]
) -> None:
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        raise ValueError(f"load is sent to this machine only, not to {parts.hostname}")
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    request = f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\n{extra}\r\n".encode()
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    writer: asyncio.StreamWriter | None = None
    while (started := time.perf_counter()) < until:
        try:
            if connection is None:
                connection = await asyncio.wait_for(asyncio.open_connection(parts.hostname, parts.port), timeout_s)
            reader, writer = connection
            writer.write(request)
            status = await asyncio.wait_for(_read_response(reader), timeout_s)
        except (TimeoutError, asyncio.IncompleteReadError, ConnectionError, OSError):
            answers.append((LOST, time.perf_counter() - started))
            if writer is not None:
                writer.close()
            connection = writer = None
            continue
        answers.append((status, time.perf_counter() - started))
    if writer is not None:
        writer.close()


async def run_load(
    url: str, *, headers: dict[str, str], connections: int, seconds: float, timeout_s: float = 10.0
) -> Answers:
    """GET `url` over `connections` connections for `seconds`, in the running event loop."""
    result = Answers()
    begin = time.perf_counter()
    until = begin + seconds
    await asyncio.gather(*(_connection(url, headers, until, timeout_s, result.answers) for _ in range(connections)))
    result.seconds = time.perf_counter() - begin
    return result
