"""Events of legal: procedures. Every legal event about a case travels on `legal.procedures`, keyed by the case id.

A case whose dunning ran out becomes a proposal (`ProcedureProposed`), never a procedure on its own: a person
approves it, or the creditor's mandate did beforehand, and only then is the procedure opened (`ProcedureOpened`,
which intake takes as the case's move to the legal phase, so that dunning stops). Each recorded step of the
procedure (`ProcedureStatusChanged`) and its end (`ProcedureClosed`) follow; a deadline coming up is announced
once (`LegalDeadlineApproaching`). What an insolvency administrator pays on a declared claim reaches intake's
ledger as a payment (`AdministratorPaid`)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from shared.events.base import Event
from shared.money import Amount

TOPIC = "legal.procedures"


class _CaseEvent(Event):
    case_id: str
    creditor_id: str


class ProcedureProposed(_CaseEvent):
    """Legal proposes what to do with a case whose dunning is exhausted: go to court (`legal`), or, when the
    mandate does not cover the legal phase, close the case (`close`). A supervisor decides."""

    type = "recouvra.legal.procedure.proposed.v1"
    topic = TOPIC

    proposal_id: str
    debtor_id: str
    proposal: Literal["legal", "close"]
    proposed_on: date
    balance: Amount | None = None
    reason: str


class ProcedureOpened(_CaseEvent):
    """A court procedure starts on the case: a payment order (`injonction_de_payer`) or the small-claims
    procedure (`small_claims`). `approved_by` is the person who approved it, or `mandate` when the creditor's
    mandate pre-approved legal escalation."""

    type = "recouvra.legal.procedure.opened.v1"
    topic = TOPIC

    procedure_id: str
    debtor_id: str
    kind: Literal["injonction_de_payer", "small_claims"]
    court: str
    opened_on: date
    approved_by: str


class ProcedureStatusChanged(_CaseEvent):
    """A step of the procedure recorded by staff (filed, granted, rejected, served, opposed, enforceable,
    enforcement), or the order declared void (non avenue) when it was not served in time (art. 1411 CPC)."""

    type = "recouvra.legal.procedure.status_changed.v1"
    topic = TOPIC

    procedure_id: str
    from_state: str
    to_state: str
    occurred_on: date


class ProcedureClosed(_CaseEvent):
    type = "recouvra.legal.procedure.closed.v1"
    topic = TOPIC

    procedure_id: str
    last_state: str  # the state it closed from: enforcement, rejected, void ...
    closed_on: date
    note: str | None = None


class LegalDeadlineApproaching(_CaseEvent):
    """A deadline of the case falls due within the alert window: serving the order (`service`), the debtor's
    opposition period (`opposition`), the debtor's answer to a small-claims invitation (`debtor_answer`), the
    claim's prescription (`prescription`)."""

    type = "recouvra.legal.deadline.approaching.v1"
    topic = TOPIC

    procedure_id: str | None = None
    kind: str
    due_on: date
    rule: str


class AdministratorPaid(_CaseEvent):
    """The insolvency administrator (mandataire or liquidator) paid a dividend on the case's declared claim.
    Intake records it as a payment; `reference` makes it idempotent."""

    type = "recouvra.legal.insolvency.administrator_paid.v1"
    topic = TOPIC

    claim_id: str
    amount: Amount
    currency: str = "EUR"
    paid_on: date
    reference: str
