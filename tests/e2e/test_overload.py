"""Issue 11 on the running platform: 200 concurrent readers of one case through port 8000 for 20 s. Before,
intake froze (p99 30.5 s, 500s from its exhausted pool, 504s from the gateway, the relay failing). Now a
burst beyond capacity is answered: 200 or 503 with Retry-After, never a 500, 502, 504 or a time-out, and the
outbox relay keeps publishing during the burst.

Every answer, 200 or 503, within the issue's 2 s (`SLOWEST_S`). The readers ask again as soon as they have an
answer, `Retry-After` not honoured: the worst client. What makes it hold on two cores is the gateway's waiting
room (the portal's `max_waiting`, `admission_wait_s`): a request beyond what is being answered waits, at no CPU
cost, up to 0.5 s for a place, instead of a 503 at once that the reader turns into the next request, which
became thousands of 503s a second taking the CPU the reads needed (docs/benchmarks.md, Overload).

Loopback only, bounded in count and time, stopping by itself. The figures are printed (run with -s)."""

import asyncio
import time
import uuid

import httpx
import psycopg
import pytest
from kafka import KafkaConsumer, TopicPartition

from workbench.testing.http_load import LOST, Answers, run_load

pytestmark = [pytest.mark.e2e, pytest.mark.alone]

READERS = 200
BURST_S = 20.0
SLOWEST_S = 2.0
"""the issue's target for every answer during the burst, and for a read after it (before: 30.5 s p99, 38 s after
the load stopped)"""


def case_body(reference: str) -> dict[str, object]:
    return {
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


class CaseEvents:
    """intake.cases read from its end: tells when an event about a given case was published."""

    def __init__(self, bootstrap: str) -> None:
        self.consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False, fetch_max_wait_ms=20)
        deadline, partitions = time.monotonic() + 10, None
        while partitions is None and time.monotonic() < deadline:  # the first metadata answer may not list it yet
            partitions = self.consumer.partitions_for_topic("intake.cases")
        assert partitions, "intake.cases has no partitions"
        assignment = [TopicPartition("intake.cases", p) for p in sorted(partitions)]
        self.consumer.assign(assignment)
        self.consumer.seek_to_end()
        for partition in assignment:  # resolved now: a lazy seek would skip what is published before the first poll
            self.consumer.position(partition)

    def published_about(self, case_id: str, deadline: float) -> float | None:
        """The monotonic instant the first event keyed by `case_id` was read, or None by the deadline."""
        while time.monotonic() < deadline:
            for batch in self.consumer.poll(timeout_ms=200).values():
                if any(record.key == case_id.encode() for record in batch):
                    return time.monotonic()
        return None

    def close(self) -> None:
        self.consumer.close()


async def open_during_burst(
    client: httpx.AsyncClient, base: str, headers: dict[str, str], deadline: float, events: CaseEvents
) -> tuple[str | None, float | None]:
    """Opens a case while the readers run (retrying its 503s at once), then waits for its event on the broker."""
    reference = f"OVL-{uuid.uuid4().hex[:8]}"
    body, once = case_body(reference), {**headers, "Idempotency-Key": reference}  # a second try is the same case
    while time.monotonic() < deadline:
        try:
            response = await client.post(f"{base}/api/v1/cases", headers=once, json=body)
        except httpx.TimeoutException:
            continue
        if response.status_code == 201:
            case_id = response.json()["id"]
            return case_id, await asyncio.to_thread(events.published_about, case_id, deadline)
        assert response.status_code in (409, 503), response.text  # 409: the first try is still being answered
    return None, None


async def burst(base: str, headers: dict[str, str], case_id: str, events: CaseEvents) -> dict[str, object]:
    """The readers (`workbench.testing.http_load`: one keep-alive connection each, asking again as soon as they
    have an answer, on bare asyncio streams so that the client takes little of the two cores) and one writer."""
    async with httpx.AsyncClient(timeout=10.0) as client:
        started = time.monotonic()
        deadline = started + BURST_S
        readers = run_load(f"{base}/api/v1/cases/{case_id}", headers=headers, connections=READERS, seconds=BURST_S)
        writer = open_during_burst(client, base, headers, deadline, events)
        run, (opened, published_at) = await asyncio.gather(readers, writer)
    return {
        "run": run,
        "opened": opened,
        "published_after_s": None if published_at is None else published_at - started,
        "deadline": deadline,
    }


def outbox_rows(platform, case_id: str | None) -> list[tuple[object, object]]:
    """(created_at, published_at) of the case's events in intake's outbox: what the relay did, for the report."""
    if case_id is None:
        return []
    conninfo = f"host=127.0.0.1 port={platform.pg_port} user=postgres dbname=recouvra_intake"
    with psycopg.connect(conninfo) as conn:
        return conn.execute(
            "SELECT created_at, published_at FROM outbox WHERE key = %s ORDER BY seq", (case_id,)
        ).fetchall()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def test_200_readers_for_20_s_get_200_or_a_fast_503_and_events_keep_flowing(platform):
    creditor = platform.sign_in("creditor@demo.example")
    opened = httpx.post(
        f"{platform.url()}/api/v1/cases", headers=creditor, json=case_body(f"OVL-{uuid.uuid4().hex[:8]}")
    )
    assert opened.status_code == 201, opened.text
    events = CaseEvents(platform.bootstrap)
    try:
        result = asyncio.run(burst(platform.url(), creditor, opened.json()["id"], events))
    finally:
        events.close()
    after_started = time.monotonic()
    after = httpx.get(f"{platform.url()}/api/v1/cases/{opened.json()['id']}", headers=creditor, timeout=10)
    after_s = time.monotonic() - after_started

    run = result["run"]
    assert isinstance(run, Answers)
    answers, statuses, elapsed = run.answers, run.statuses(), run.seconds
    served, every = run.latencies(200), run.latencies()
    print(
        f"\noverload: {READERS} readers for {elapsed:.1f} s: {len(answers)} answers "
        f"({len(answers) / elapsed:.0f}/s), {len(served)} × 200 ({len(served) / elapsed:.0f}/s), "
        f"statuses {dict(statuses)}; all answers p50 {percentile(every, 0.5) * 1000:.0f} ms, "
        f"p99 {percentile(every, 0.99) * 1000:.0f} ms, "
        f"max {max(every) * 1000:.0f} ms; 200s p50 {percentile(served, 0.5) * 1000:.0f} ms, "
        f"p99 {percentile(served, 0.99) * 1000:.0f} ms; case opened during the burst: {result['opened']}, "
        f"published after "
        f"{result['published_after_s']} s; a read after the burst took {after_s * 1000:.0f} ms; "
        f"its outbox rows (created, published): {outbox_rows(platform, result['opened'])}"
    )

    assert LOST not in statuses, f"{statuses.get(LOST)} requests timed out or lost their connection"
    assert set(statuses) <= {200, 503}, f"only 200 or a fast 503 is acceptable: {dict(statuses)}"
    assert max(every) < SLOWEST_S, f"an answer took {max(every):.2f} s"
    assert len(served) >= READERS, "the platform kept serving readers during the burst"
    assert result["opened"] is not None, "a case could be opened during the burst"
    assert result["published_after_s"] is not None, "the outbox relay published the new case's event during the burst"
    assert after.status_code == 200 and after_s < SLOWEST_S
