"""Sustained load: concurrent creditors (opening cases, reading their cases and statements) and agents (reading
the worklist, validating, reading dunning steps) against a running platform, for a bounded time on 127.0.0.1.
Every answer that is a 5xx or a transport error counts as an error; the p99 of every answer is printed."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

CREDITORS = 8
AGENTS = 8


async def _token(client: httpx.AsyncClient, who: str) -> dict[str, str]:
    answer = await client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": f"{who}@demo.example", "password": "demo-password"},
    )
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


async def _creditor(client: httpx.AsyncClient, me: int, headers: dict[str, str], until: float, out: list[Any]) -> None:
    n = 0
    while time.monotonic() < until:
        n += 1
        reference = f"LOAD-{me}-{n}-{int(time.time() * 1000)}"
        body = {
            "reference": reference,
            "kind": "b2b",
            "debtor": {
                "type": "company",
                "name": f"Société {reference}",
                "address": {"line1": "3 rue des Lilas", "postal_code": "69003", "city": "Lyon"},
            },
            "invoices": [
                {"number": f"{reference}-F", "issue_date": "2026-05-02", "due_date": "2026-06-01", "amount": "400.00"}
            ],
        }
        opened = await _timed(client, out, "POST", "/api/v1/cases", headers=headers, json=body)
        if opened is not None and opened.status_code == 201:
            case_id = opened.json()["id"]
            out.append(("case", case_id))
            await _timed(client, out, "GET", f"/api/v1/cases/{case_id}", headers=headers)
            await _timed(client, out, "GET", f"/api/v1/cases/{case_id}/statement", headers=headers)
        await _timed(client, out, "GET", "/api/v1/cases?limit=20", headers=headers)


async def _agent(client: httpx.AsyncClient, headers: dict[str, str], until: float, out: list[Any]) -> None:
    while time.monotonic() < until:
        cases = [item[1] for item in out if item[0] == "case"]
        await _timed(client, out, "GET", "/api/v1/worklist", headers=headers)
        if cases:
            case_id = cases[-1]
            await _timed(
                client,
                out,
                "POST",
                f"/api/v1/cases/{case_id}/validate",
                headers=headers,
                json={"override_reason": "charge : pièces vues"},
            )
            await _timed(client, out, "GET", f"/api/v1/dunning/cases/{case_id}/steps", headers=headers)
            await _timed(client, out, "GET", f"/api/v1/cases/{case_id}/timeline", headers=headers)


async def _timed(
    client: httpx.AsyncClient, out: list[Any], method: str, path: str, **kwargs: Any
) -> httpx.Response | None:
    started = time.monotonic()
    try:
        answer = await client.request(method, path, **kwargs)
    except httpx.TransportError as exc:
        out.append(("answer", path, type(exc).__name__, time.monotonic() - started))
        return None
    out.append(("answer", path, answer.status_code, time.monotonic() - started))
    return answer


async def _run(url: str, seconds: float) -> list[Any]:
    limits = httpx.Limits(max_connections=CREDITORS + AGENTS)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        creditor, agent = await _token(client, "creditor"), await _token(client, "agent")
        until = time.monotonic() + seconds
        out: list[Any] = []
        await asyncio.gather(
            *(_creditor(client, me, creditor, until, out) for me in range(CREDITORS)),
            *(_agent(client, agent, until, out) for _ in range(AGENTS)),
        )
        return out


def sustained(url: str, seconds: float = 60.0) -> dict[str, Any]:
    assert url.startswith("http://127.0.0.1:"), "loopback only"
    answers = [item for item in asyncio.run(_run(url, seconds)) if item[0] == "answer"]
    times = sorted(item[3] for item in answers)
    errors = [item for item in answers if not isinstance(item[2], int) or item[2] >= 500]
    by_status: dict[str, int] = {}
    for item in answers:
        by_status[str(item[2])] = by_status.get(str(item[2]), 0) + 1
    return {
        "seconds": seconds,
        "creditors": CREDITORS,
        "agents": AGENTS,
        "answers": len(answers),
        "errors": len(errors),
        "p50 ms": round(times[len(times) // 2] * 1000, 1) if times else None,
        "p99 ms": round(times[min(len(times) - 1, int(len(times) * 0.99))] * 1000, 1) if times else None,
        "slowest ms": round(times[-1] * 1000, 1) if times else None,
        "by status": by_status,
        "first errors": [f"{e[1]} {e[2]}" for e in errors[:10]],
    }
