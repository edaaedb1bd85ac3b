"""Dunning: scenarios, scheduled steps, messages on every channel, contact log, promises, payment plans, disputes."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.config import BaseServiceSettings


class Settings(BaseServiceSettings):
    model_config = SettingsConfigDict(env_prefix="DUNNING_", extra="ignore")

    service_name: str = "dunning"
    # The scheduler (a worker of this process, on the platform clock)
    scheduler_interval_s: float = Field(default=2.0, gt=0, description="seconds between two scheduler passes")
    scheduler_batch: int = Field(default=200, ge=1, description="steps prepared per transaction")
    send_batch: int = Field(
        default=50,
        ge=1,
        description="e-mails sent over one SMTP connection and marked sent in one transaction; a crash resends "
        "the batch in flight under the same Message-IDs (outbound/sending.py)",
    )
    # Contact rules (docs/rules.md §9.2)
    contact_cap_per_week: int = Field(
        default=3, ge=1, description="contacts one debtor receives over a rolling 7 days, every creditor together"
    )
    pause_after_conversation_days: int = Field(
        default=3, ge=0, description="days without any contact after a live conversation with the debtor"
    )
    call_windows: str = Field(
        default="mon-fri 10:00-13:00, mon-fri 14:00-20:00",
        description="when calls and SMS may happen, Europe/Paris; never on Sundays or public holidays",
    )
    message_windows: str = Field(
        default="mon-sat 08:00-20:00", description="when e-mails and letters may leave, Europe/Paris"
    )
    promise_grace_days: int = Field(default=2, ge=0, description="days after a promised date before it is broken")
    dispute_creditor_reminder_days: int = Field(
        default=7,
        ge=1,
        description="days without the creditor's answer to a dispute before it is reminded by e-mail, once",
    )
    dispute_review_days: int = Field(
        default=15,
        ge=1,
        description="the agency's own target for settling a dispute (no statute sets one): an open dispute holds "
        "every reminder of its case, so one open longer is shown first as late in the disputes queue",
    )
    formal_notice_reply_days: int = Field(default=8, ge=1, description="the deadline a formal notice gives")
    # Payment plans (échéanciers): the bounds the mandate lets the agency agree to, and the terms of every plan
    plan_max_instalments: int = Field(default=12, ge=2, description="instalments one payment plan may have")
    plan_max_months: int = Field(default=12, ge=1, description="months from agreement to a plan's last instalment")
    plan_min_instalment: Decimal = Field(default=Decimal("50.00"), ge=0, description="the smallest instalment")
    plan_grace_days: int = Field(default=5, ge=0, description="days after an unpaid instalment before the breach")
    plan_breach_escalates: bool = Field(
        default=False,
        description="a breached plan goes to legal (as an exhausted scenario) when the mandate covers the legal "
        "phase; otherwise, and by default, the scenario resumes",
    )
    # The agency as the first letter presents it (R124-4 1°, R124-2)
    agency_name: str = "Recouvra Agence de recouvrement SAS"
    agency_address: str = "10 rue de la Bourse|75002 Paris"
    agency_email: str = "relances@recouvra.example"
    agency_phone: str = "+33 1 84 00 00 00"
    agency_iban: str = Field(default="", description="the client-money account debtors pay into (R124-2)")
    agency_siren: str | None = None
    # Channels
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_sender: str = "relances@recouvra.example"
    smtp_timeout_s: float = 10.0
    smtp_return_path: str = Field(
        default="",
        description="the envelope sender relays return undeliverable e-mails to, each message's id added to its "
        "local part (VERP: retours+<id>@…); empty: the sender address",
    )
    bounce_maildir: str = Field(
        default="",
        description="the Maildir the mail server delivers the sender's returned mail to: each scheduler pass records "
        "the delivery status notifications new there as bounces (dunning/messages/bounces.py), and the debtors' "
        "replies when DUNNING_REPLY_ADDRESS is set; empty: none read",
    )
    reply_address: str = Field(
        default="",
        description="where debtors' replies to our e-mails go, each message's id added to its local part (Reply-To: "
        "reponses+<id>@…), delivered to DUNNING_BOUNCE_MAILDIR and recorded for the agency to read "
        "(dunning/messages/replies.py); empty: replies go to the sender's address, unread by the platform",
    )
    sms_provider_url: str = ""
    post_provider_url: str = ""
    provider_api_key: str = ""
    provider_webhook_secret: str = ""
    provider_timeout_s: float = 10.0
    callback_base_url: str = Field(
        default="", description="how providers reach this service's callback route; default: its own service URL"
    )
    intake_read_timeout_s: float = 5.0
