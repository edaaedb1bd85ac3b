"""A bounded asyncio HTTP/1.1 client for the API benchmark (`wrk` is not installed on the development machine):
`connections` keep-alive connections, each sending its next GET as soon as the last answer is read, for a fixed
time; it records every request's latency. Written on bare asyncio streams so that the client costs as little
CPU as possible on the cores it shares with the server."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Load:
    requests: int
    errors: dict[int, int]  # status (0: connection lost) -> count
    seconds: float
    latencies_ms: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, share: float) -> float:
        if not self.latencies_ms:
            return float("inf")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def summary(self) -> dict[str, Any]:
        return {
            "requests_per_s": self.rate,
            "p50_ms": self.percentile(0.50),
            "p99_ms": self.percentile(0.99),
            "mean_ms": statistics.fmean(self.latencies_ms) if self.latencies_ms else float("inf"),
            "requests": self.requests,
            "errors": sum(self.errors.values()),
            "errors_by_status": {str(status): count for status, count in sorted(self.errors.items())},
        }


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
    return status


async def _worker(url: str, headers: dict[str, str], until: float, found: list[float], errors: list[int]) -> None:
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    request = f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\n{extra}\r\n".encode()
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        while (started := time.perf_counter()) < until:
            writer.write(request)
            try:
                status = await _read_response(reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                errors.append(0)
                writer.close()
                reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
                continue
            if status == 200:
                found.append((time.perf_counter() - started) * 1000)
            else:
                errors.append(status)
    finally:
        writer.close()


async def _load(url: str, headers: dict[str, str], connections: int, seconds: float) -> Load:
    until = time.perf_counter() + seconds
    found: list[float] = []
    errors: list[int] = []
    begin = time.perf_counter()
    await asyncio.gather(*(_worker(url, headers, until, found, errors) for _ in range(connections)))
    return Load(len(found), dict(Counter(errors)), time.perf_counter() - begin, found)


def load(
    url: str, *, headers: dict[str, str], connections: int = 32, seconds: float = 5.0, warmup_s: float = 1.0
) -> Load:
    """GET `url` over `connections` connections for `seconds` (after `warmup_s` of the same, not counted)."""
    if warmup_s:
        asyncio.run(_load(url, headers, connections, warmup_s))
    return asyncio.run(_load(url, headers, connections, seconds))
