"""Answers kept rendered (issue 17): the JSON bytes of a read, kept under a key of every row it was rendered from.

Rendering an answer from its rows is a pure function; what costs is running it. A page of 20 cases spent two thirds
of intake's CPU validating the rows into models and writing them out as JSON, and a statement of account about a
quarter of its own replaying the ledger and writing the answer, for answers that had not changed since the last
read. A read now asks PostgreSQL first for the key of the rows it would render, and renders only what it has not
rendered from those very rows before. The key is a digest of the rows (`digest_sql`: SHA-256 of their text,
computed where they are), or a stamp of their versions that the caller builds (`intake.cases.case_sql`).

Nothing is ever invalidated, so nothing can be served stale: a change to any row read changes its key, and the
answer rendered from the old rows is no longer asked for; it leaves when the least recently used answers leave,
the budget in bytes being spent. What is not in the rows must be in the key: the reader's audience (staff read
more than a creditor), the day a statement is computed for, the language. The keeper belongs to one process; each
worker keeps its own."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterator, Sequence

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric

MIB = 1024 * 1024
# Rendered cases weigh 1 to 3 KiB: 32 MiB keeps some ten thousand of them, the pages an agency's users go back to.
DEFAULT_BUDGET = 32 * MIB
KEEPERS: dict[str, KeptAnswers] = {}
"""Every keeper of the process made by `kept`, by name: `/metrics` shows each, and the settings size them all
(`<SERVICE>_KEPT_ANSWERS_MB`, `resize_all`)."""


class KeptAnswers:
    """At most `budget` bytes of answers, the least recently used leaving first; safe to share between threads.
    A budget of 0 keeps nothing: every read renders its answer."""

    def __init__(self, name: str, budget: int = DEFAULT_BUDGET) -> None:
        self.name, self._budget, self._size = name, budget, 0
        self._answers: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            body = self._answers.get(key)
            if body is None:
                self.misses += 1
                return None
            self.hits += 1
            self._answers.move_to_end(key)
            return body

    def keep(self, key: Hashable, body: bytes) -> bytes:
        """Keeps `body` (unless it alone is over the budget) and gives it back."""
        if len(body) > self._budget:
            return body
        with self._lock:
            previous = self._answers.pop(key, None)
            self._size += len(body) - (len(previous) if previous is not None else 0)
            self._answers[key] = body
            while self._size > self._budget:
                _, gone = self._answers.popitem(last=False)
                self._size -= len(gone)
        return body

    def resize(self, budget: int) -> None:
        """A new budget; the least recently used answers leave until the kept ones fit it."""
        with self._lock:
            self._budget = budget
            while self._size > budget:
                _, gone = self._answers.popitem(last=False)
                self._size -= len(gone)

    @property
    def size(self) -> int:
        return self._size

    def __len__(self) -> int:
        return len(self._answers)


def kept(name: str) -> KeptAnswers:
    """The process's keeper of one kind of answer (`KEEPERS`)."""
    keeper = KEEPERS[name] = KeptAnswers(name)
    return keeper


def resize_all(budget: int) -> None:
    for keeper in KEEPERS.values():
        keeper.resize(budget)


class KeptAnswersMetrics:
    """A collector for `/metrics`: each keeper's reads answered from it and rendered, its answers and their bytes."""

    def collect(self) -> Iterator[Metric]:
        labels = ["answers"]
        hits = CounterMetricFamily("kept_answers_hits", "reads answered with an answer kept rendered", labels=labels)
        misses = CounterMetricFamily("kept_answers_misses", "reads that rendered their answer", labels=labels)
        count = GaugeMetricFamily("kept_answers", "answers kept rendered", labels=labels)
        size = GaugeMetricFamily("kept_answers_bytes", "bytes of the answers kept rendered", labels=labels)
        for name, keeper in sorted(KEEPERS.items()):
            hits.add_metric([name], keeper.hits)
            misses.add_metric([name], keeper.misses)
            count.add_metric([name], len(keeper))
            size.add_metric([name], keeper.size)
        yield from (hits, misses, count, size)


def digest_sql(sql: str, *, width: int, keys: Sequence[int] = (0,)) -> str:
    """`sql` (a statement of `width` columns) answering, for each of its rows, the columns at `keys` and the SHA-256
    of the whole row's text, in that order: the digest of exactly what the statement would have sent."""
    chosen = ", ".join(f"x.k{index}" for index in keys)
    return f"SELECT {chosen}, {_DIGEST} FROM ({sql}) AS x({_names(width)})"


def rows_sql(sql: str, *, width: int) -> str:
    """`sql`'s rows, each followed by its digest as `digest_sql` computes it: an answer rendered from them is kept
    under the digest of the rows it was rendered from, whatever changed since the digests were first read."""
    return f"SELECT x.*, {_DIGEST} FROM ({sql}) AS x({_names(width)})"


_DIGEST = "sha256(convert_to(x::text, 'UTF8'))"


def _names(width: int) -> str:
    return ", ".join(f"k{index}" for index in range(width))


def joined(parts: Sequence[bytes]) -> bytes:
    """A JSON array of answers already rendered."""
    return b"[" + b",".join(parts) + b"]"
