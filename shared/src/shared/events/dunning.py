"""Events of dunning: messages sent and delivered, replies received, formal notices, promises, payment plans,
disputes, exhaustion.

Everything dunning says about one case travels on `dunning.actions`, keyed by the case id. Every event names the
case's creditor and debtor so that a consumer with no other knowledge of the case (scoring's behaviour counters,
the portal's timeline) can file it; a consumer that needs the case placed first parks the event until intake's
validation arrives (the waiting room): dunning's events have no order against intake's.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict

from shared.events.base import Event
from shared.money import Amount

TOPIC = "dunning.actions"


class _CaseEvent(Event):
    case_id: str
    creditor_id: str
    debtor_id: str


class MessageSent(_CaseEvent):
    """A step of the scenario reached the debtor's channel (handed to the SMTP relay or the provider), or a phone
    task was put in the agents' queue. `content_sha256` identifies the exact text sent (the contact log keeps it)."""

    type = "recouvra.dunning.message.sent.v1"
    topic = TOPIC

    message_id: str
    step: str  # the scenario step's code, e.g. "email-1"
    channel: Literal["email", "sms", "letter", "registered_letter", "phone", "formal_notice"]
    template: str
    language: str
    subject: str
    content_sha256: str
    sent_at: datetime
    first_contact: bool = False  # the R124-4 letter: its reference and date are repeated in every later contact


class MessageDelivered(_CaseEvent):
    """The channel's provider reported the outcome of a message: delivered, bounced, failed, or (a registered
    letter) the acknowledgement of receipt signed on `on`."""

    type = "recouvra.dunning.message.delivered.v1"
    topic = TOPIC

    message_id: str
    channel: str
    status: Literal["delivered", "bounced", "failed", "acknowledged", "returned"]
    on: date
    detail: str | None = None


class FormalNoticeSent(_CaseEvent):
    """The mise en demeure left by registered letter (or another channel the scenario names)."""

    type = "recouvra.dunning.formal_notice.sent.v1"
    topic = TOPIC

    message_id: str
    sent_on: date


class FormalNoticeReceived(_CaseEvent):
    """The debtor received the mise en demeure (acknowledgement of receipt): consumer legal interest runs from
    this day (art. 1231-6 and 1344-1 C. civ.). Intake records it on the case."""

    type = "recouvra.dunning.formal_notice.received.v1"
    topic = TOPIC

    message_id: str
    sent_on: date
    received_on: date


class PromiseMade(_CaseEvent):
    type = "recouvra.dunning.promise.made.v1"
    topic = TOPIC

    promise_id: str
    amount: Amount
    currency: str = "EUR"
    due_on: date


class PromiseKept(_CaseEvent):
    type = "recouvra.dunning.promise.kept.v1"
    topic = TOPIC

    promise_id: str
    paid: Amount
    kept_on: date


class PromiseBroken(_CaseEvent):
    type = "recouvra.dunning.promise.broken.v1"
    topic = TOPIC

    promise_id: str
    paid: Amount
    broken_on: date


class Instalment(BaseModel):
    model_config = ConfigDict(frozen=True)

    due_on: date
    amount: Amount


class PlanAgreed(_CaseEvent):
    """A payment plan (échéancier) within the mandate's bounds."""

    type = "recouvra.dunning.plan.agreed.v1"
    topic = TOPIC

    plan_id: str
    total: Amount
    currency: str = "EUR"
    instalments: list[Instalment]


class PlanProposed(_CaseEvent):
    """A payment plan put to the creditor for approval (by the debtor on its page, or entered by an agent): dunning
    keeps reminding until the creditor decides. Agreed, it is `PlanAgreed`; refused, `PlanRefused`."""

    type = "recouvra.dunning.plan.proposed.v1"
    topic = TOPIC

    plan_id: str
    total: Amount
    currency: str = "EUR"
    instalments: int
    by_debtor: bool = False


class PlanRefused(_CaseEvent):
    """The creditor refused a proposed plan (its words stay in dunning)."""

    type = "recouvra.dunning.plan.refused.v1"
    topic = TOPIC

    plan_id: str
    refused_on: date


class PlanBreached(_CaseEvent):
    type = "recouvra.dunning.plan.breached.v1"
    topic = TOPIC

    plan_id: str
    missed_due_on: date
    breached_on: date
    next_action: Literal["resume", "escalate"]


DisputeCategory = Literal["not_received", "not_compliant", "wrong_amount", "not_owed", "other"]
"""What a debtor contesting a claim says is wrong: the goods or service not received, not as agreed, the amount wrong,
a debt it does not owe (an unknown invoice, another debtor), or another reason (its words say which)."""
DISPUTE_CATEGORIES: tuple[str, ...] = get_args(DisputeCategory)


class DisputeOpened(_CaseEvent):
    """A dispute (litige) holds every channel of the case until it is resolved."""

    type = "recouvra.dunning.dispute.opened.v1"
    topic = TOPIC

    dispute_id: str
    reason: str
    opened_on: date
    category: DisputeCategory | None = None  # what the debtor says is wrong, when it chose (None: not said)


class DisputeResolved(_CaseEvent):
    type = "recouvra.dunning.dispute.resolved.v1"
    topic = TOPIC

    dispute_id: str
    outcome: str  # upheld (the debt stands, dunning resumes) | cancelled (the claim is dropped)
    resolved_on: date


class DisputeProofInsufficient(_CaseEvent):
    """Staff judged the documents the creditor filed for a dispute not enough to answer it: the creditor is asked
    again (what is missing stays in dunning: the event says only that it was judged, and when)."""

    type = "recouvra.dunning.dispute.proof_insufficient.v1"
    topic = TOPIC

    dispute_id: str
    judged_at: datetime


class DisputeAnswered(_CaseEvent):
    """The creditor answered the debtor's dispute (once; the dispute stays open until staff resolve it). The
    answer's words stay in dunning: the event says only that it was given, and when."""

    type = "recouvra.dunning.dispute.answered.v1"
    topic = TOPIC

    dispute_id: str
    answered_at: datetime


class CallbackRequested(_CaseEvent):
    """The debtor asked, on the self-service page, to be called back in a slot of the call windows: an agent's phone
    task is due at `starts_at` (a later request replaces it). The number stays in dunning."""

    type = "recouvra.dunning.callback.requested.v1"
    topic = TOPIC

    task_id: str
    starts_at: datetime
    ends_at: datetime


class ReplyReceived(_CaseEvent):
    """The debtor answered one of our e-mails (`message_id`, ours), or an agent filed under the case an e-mail that
    named none (`message_id` None): the reply waits in the agency's queue until an agent reads it. What it says stays
    in dunning, which only staff and the case's creditor may read."""

    type = "recouvra.dunning.reply.received.v1"
    topic = TOPIC

    reply_id: str
    message_id: str | None = None
    received_at: datetime
    attachments: int = 0


NoticeKind = Literal["plan_agreed", "plan_refused", "reply_answered", "dispute_resolved", "settlement_offered"]


class DebtorNotified(_CaseEvent):
    """The debtor was sent the answer to what it asked for (a payment plan agreed, with its schedule, or refused by
    the creditor; an agent's answer to its reply; the outcome of its dispute), or a settlement offered: not a
    reminder, so it is no `message.sent` and no contact counts it."""

    type = "recouvra.dunning.debtor.notified.v1"
    topic = TOPIC

    message_id: str
    notice: NoticeKind
    channel: Literal["email"]
    subject: str
    sent_at: datetime


class DunningExhausted(_CaseEvent):
    """The scenario ran out without the case being paid. Legal takes it when the mandate allows the legal phase;
    otherwise it is a proposal to close the case."""

    type = "recouvra.dunning.exhausted.v1"
    topic = TOPIC

    scenario: str
    exhausted_on: date
    legal_allowed: bool
    balance: Amount | None = None
