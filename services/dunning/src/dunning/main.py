"""Dunning application: scenarios, the scheduler that runs them, the channels, the debtor's answers."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import httpx
from fastapi import FastAPI

from shared.auth import TokenVerifier
from shared.clock import SettableClock
from shared.daily import running
from shared.fresh_reads import FreshReader, client_credentials_token
from shared.runtime import Runtime
from shared.web import create_service_app

from dunning.cases.composing import CaseFacts, IntakeFacts
from dunning.channels.base import Channel as ChannelPort
from dunning.channels.email import SmtpEmail
from dunning.channels.provider import ProviderPost, ProviderSms
from dunning.config import Settings
from dunning.domain.scenarios import Channel
from dunning.domain.windows import parse_windows
from dunning.handlers import HANDLERS, RUN_HANDLERS
from dunning.messages.mailbox import MailboxReader
from dunning.messages.outgoing import outgoing_builder
from dunning.outbound.pass_runs import PassRuns
from dunning.outbound.preparing import ContactRules
from dunning.outbound.scheduler import Scheduler, promise_deadlines
from dunning.responses.debtor_notices import DebtorNotices
from dunning.routes import (
    approvals,
    callbacks,
    came_back,
    cases,
    debtors,
    declared,
    disputes,
    experiments,
    operations,
    performance,
    plans,
    replies,
    scenarios,
    settlements,
    tasks,
    templates,
)


def contact_rules(settings: Settings) -> ContactRules:
    calls, messages = parse_windows(settings.call_windows), parse_windows(settings.message_windows)
    windows = {channel: messages for channel in Channel}
    windows[Channel.PHONE] = windows[Channel.SMS] = calls
    return ContactRules(
        windows=windows,
        cap_per_week=settings.contact_cap_per_week,
        pause_after_conversation=timedelta(days=settings.pause_after_conversation_days),
    )


def create_app(
    settings: Settings | None = None,
    *,
    clock: SettableClock | None = None,
    verifier: TokenVerifier | None = None,
    facts: CaseFacts | None = None,
) -> FastAPI:
    """`facts` replaces the fresh reads from intake (tests of dunning alone give the figures themselves)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def dunning_workers(app: FastAPI, runtime: Runtime) -> AsyncIterator[None]:
        with httpx.Client() as client:
            portal, intake = settings.service_urls.get("portal", ""), settings.service_urls.get("intake", "")
            token = client_credentials_token(
                client, f"{portal}/api/v1/auth/token", settings.service_name, settings.service_client_secret
            )
            reader = FreshReader(
                service="intake", base_url=intake, client=client, token=token, timeout_s=settings.intake_read_timeout_s
            )
            sms = ProviderSms(client, settings.sms_provider_url, settings.provider_api_key)
            post = ProviderPost(client, settings.post_provider_url, settings.provider_api_key)
            email = SmtpEmail(
                host=settings.smtp_host,
                port=settings.smtp_port,
                sender_address=settings.smtp_sender,
                sender_name=settings.agency_name,
                timeout_s=settings.smtp_timeout_s,
                return_path=settings.smtp_return_path,
            )
            channels: dict[Channel, ChannelPort] = {
                Channel.EMAIL: email,
                Channel.SMS: sms,  # a phone step is a task, not a send
                Channel.LETTER: post,
                Channel.REGISTERED_LETTER: post,
                Channel.FORMAL_NOTICE: post,
            }
            app.state.case_facts = facts or IntakeFacts(reader=reader, settings=settings)
            app.state.contact_rules = contact_rules(settings)
            app.state.dispute_review_days = settings.dispute_review_days
            scheduler = Scheduler(
                engine=runtime.worker_engine,
                clock=runtime.clock,
                facts=app.state.case_facts,
                rules=app.state.contact_rules,
                channels=channels,
                outgoing_for=outgoing_builder(settings),
                batch=settings.scheduler_batch,
                send_batch=settings.send_batch,
                promise_grace_days=settings.promise_grace_days,
                dispute_reminder_days=settings.dispute_creditor_reminder_days,
                notices=DebtorNotices(settings=settings, contact_of=app.state.case_facts.debtor_contact),
                interval_s=settings.scheduler_interval_s,
                mailbox=MailboxReader(
                    runtime.worker_engine, runtime.clock, Path(settings.bounce_maildir), settings.reply_address
                )
                if settings.bounce_maildir
                else None,
            )
            app.state.scheduler = scheduler
            app.state.pass_runs = PassRuns(scheduler.run_pass, runtime.clock)
            runtime.clock.on_move(scheduler.wake.set)
            runtime.on_event.append(scheduler.wake.set)
            stop = threading.Event()
            thread = threading.Thread(target=scheduler.run, args=(stop,), name="dunning-scheduler", daemon=True)
            if settings.run_workers:
                thread.start()
            try:
                async with running([promise_deadlines(scheduler)] if settings.run_workers else []):
                    yield
            finally:
                stop.set()
                scheduler.wake.set()
                if thread.is_alive():
                    thread.join(timeout=15)

    return create_service_app(
        title="Recouvra dunning",
        description="Graduated amicable collection: scenarios, reminders, promises, payment plans, disputes.",
        runtime_factory=lambda: Runtime.build(
            settings, handlers=HANDLERS, run_handlers=RUN_HANDLERS, clock=clock, verifier=verifier
        ),
        routers=[
            scenarios.router,
            cases.router,
            plans.router,
            approvals.router,
            settlements.router,
            tasks.router,
            callbacks.router,
            declared.router,
            came_back.router,
            replies.router,
            disputes.router,
            experiments.router,
            performance.router,
            debtors.router,
            templates.router,
            operations.router,
        ],
        resources=dunning_workers,
        repeatable_posts=operations.REPEATABLE,
    )
