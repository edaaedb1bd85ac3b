"""The scheduler: a worker of the dunning process, on the platform clock. Each pass breaks the promises whose day
passed and the payment plans with an instalment missed, tells debtors how their disputes were settled, reminds the
creditors of the disputes they left unanswered, prepares the steps that fell due, hands prepared messages
to their channels, and declares exhausted the scenarios that ran out. The next action's time is in the database,
so a restarted process picks up where the last one stopped, and moving the platform clock runs what has fallen due
at the next pass."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine

from shared.clock import Clock
from shared.daily import DailyJob

from dunning.cases.composing import CaseFacts
from dunning.channels.base import Channel as ChannelPort
from dunning.domain.scenarios import Channel
from dunning.messages.mailbox import MailRead
from dunning.outbound.preparing import ContactRules, PrepareReport, prepare_due_steps
from dunning.outbound.sending import OutgoingFor, SendReport, send_prepared
from dunning.responses.deadlines import breach_missed_plans, break_overdue_promises, exhaust_finished_scenarios
from dunning.responses.debtor_notices import DebtorNotices
from dunning.responses.dispute_outcomes import tell_debtors_of_outcomes
from dunning.responses.dispute_reminders import remind_unanswered_disputes

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class Scheduler:
    engine: Engine
    clock: Clock
    facts: CaseFacts
    rules: ContactRules
    channels: Mapping[Channel, ChannelPort]
    outgoing_for: OutgoingFor
    batch: int = 200
    send_batch: int = 50
    promise_grace_days: int = 2
    dispute_reminder_days: int = 7
    notices: DebtorNotices | None = None
    """what a debtor's answers are written with (the settings, its address from intake): None, no dispute's outcome
    is told"""
    interval_s: float = 2.0
    idle_max_s: float = 10.0
    """an idle scheduler doubles its pause from `interval_s` up to this (issue 17: an idle platform stays quiet);
    `wake` (set when the platform clock moves and when the consumer applied an event) ends a pause at once"""
    wake: threading.Event = field(default_factory=threading.Event)
    gap_s: float = 1.0
    """the least time between two passes of the worker: under a steady flow of events each consumer batch woke it,
    and a pass a batch cost a quarter of the service's CPU at 100 cases a second and held its consumer's events up
    (the pipeline benchmark's p99 at 100 cases a second: dunning's branch 310 ms with 0.2 s, 95 ms with 2 s); what
    comes due still goes out within a second and a pass"""
    mailbox: Callable[[], MailRead] | None = None
    """reads what came back since the last pass, bounces and replies (`dunning.messages.mailbox.MailboxReader`);
    None: nothing read"""
    running: threading.Lock = field(default_factory=threading.Lock)
    """one pass at a time in a process: `POST /admin/run` waits for the worker's pass in progress, then runs its own,
    so that its answer means "what was due is done" (issue 18's proof: the worker's pass held the due steps, the
    requested pass skipped them and answered at once, and the flow moved the clock on while they were prepared)"""

    def break_promises(self) -> int:
        """The promises whose day and grace days passed unpaid, broken now (their cases resume). Not after the pass
        in progress: waiting for it would hold a clock move's answer until that pass had sent everything due
        (tests/e2e/test_kill_mid_flow.py stops a pass mid-send). A promise that pass holds is skipped here
        (`SKIP LOCKED`) and broken by the pass itself, in its own transaction."""
        return break_overdue_promises(engine=self.engine, clock=self.clock, grace_days=self.promise_grace_days)

    def run_pass(self, started: Callable[[], None] = lambda: None) -> dict[str, Any]:
        """`started` is called once the pass holds the lock (a requested pass is then running, no longer queued)."""
        with self.running:
            started()
            return self._run_pass()

    def _run_pass(self) -> dict[str, Any]:
        """Each part of the pass in its own transactions: a part that fails is logged and named in `errors`, and
        the next parts run all the same (a broken promise that cannot be recorded does not stop the e-mails)."""
        errors: list[str] = []

        def part(name: str, work: Callable[[], T], nothing: T) -> T:
            try:
                return work()
            except Exception:
                log.exception("dunning pass: %s failed; the other parts go on, and it is tried at the next pass", name)
                errors.append(name)
                return nothing

        # before any step is prepared: a bounce skips its address, a reply holds the debtor's next contact
        mail = part("mailbox", self.mailbox, MailRead(0, 0)) if self.mailbox is not None else MailRead(0, 0)
        broken = part(
            "promises",
            lambda: break_overdue_promises(engine=self.engine, clock=self.clock, grace_days=self.promise_grace_days),
            0,
        )
        breached = part("payment plans", lambda: breach_missed_plans(engine=self.engine, clock=self.clock), 0)
        outcomes = (
            part(
                "dispute outcomes",
                lambda: tell_debtors_of_outcomes(engine=self.engine, clock=self.clock, notices=notices),
                0,
            )
            if (notices := self.notices) is not None
            else 0
        )
        reminded = part(
            "dispute reminders",
            lambda: remind_unanswered_disputes(
                engine=self.engine, clock=self.clock, after_days=self.dispute_reminder_days
            ),
            0,
        )
        prepared = part(
            "preparing",
            lambda: prepare_due_steps(
                engine=self.engine, clock=self.clock, facts=self.facts, rules=self.rules, batch=self.batch
            ),
            PrepareReport(),
        )
        sent = part(
            "sending",
            lambda: send_prepared(
                engine=self.engine,
                clock=self.clock,
                channels=self.channels,
                outgoing_for=self.outgoing_for,
                limit=100_000,
                batch=self.send_batch,
            ),
            SendReport(),
        )
        exhausted = part("exhausting", lambda: exhaust_finished_scenarios(engine=self.engine, clock=self.clock), 0)
        return {
            "bounces": mail.bounces,
            "replies": mail.replies,
            "promises_broken": broken,
            "plans_breached": breached,
            "creditors_reminded": reminded,
            "outcomes_told": outcomes,
            "prepared": prepared,
            "sent": sent,
            "exhausted": exhausted,
            "errors": errors,
        }

    def run(self, stop: threading.Event) -> None:
        """Set `wake` after `stop` to end the last pause at once."""
        idle = 0
        while not stop.is_set():
            worked = True
            try:
                report = self.run_pass()
                worked = bool(
                    report["prepared"].prepared
                    or report["sent"].sent
                    or report["exhausted"]
                    or report["promises_broken"]
                    or report["plans_breached"]
                    or report["creditors_reminded"]
                    or report["outcomes_told"]
                )
                if worked or report["errors"]:
                    log.info("dunning pass: %s", report)
            except Exception:
                log.exception("dunning pass failed; retrying at the next pass")
            idle = 0 if worked else min(idle + 1, 16)
            stop.wait(self.gap_s)
            self.wake.wait(min(self.interval_s * 2 ** max(idle - 1, 0), max(self.interval_s, self.idle_max_s)))
            self.wake.clear()


def promise_deadlines(scheduler: Scheduler, *, interval_s: float = 60.0) -> DailyJob:
    """The promises' deadlines as a day job: a move of the platform clock to another day runs it before the move is
    answered (`shared.daily.catch_up`), as it runs the other services' deadlines and rescoring. The scheduler's
    passes break promises too, but only once the worker wakes: a case page read right after the clock moved past a
    promise's day still said the case was paused, and a client moving the clock in a test read it so."""
    return DailyJob(
        name="dunning-promise-deadlines",
        clock=scheduler.clock,
        job=lambda _day: scheduler.break_promises(),
        interval_s=interval_s,
    )
