"""Intake's pure rules: no session, no clock, no I/O (`today` is a parameter). Identifiers and debtor recognition,
the rules an invoice must meet, the case lifecycle, who may move a case, when a payment is accepted and what it does to
prescription, the currencies an invoice may carry, and a document's type read from its content (`filetypes`).
Use cases orchestrate these; they import only the kernel and each other."""

from shared.phones import normalise_phone

from intake.domain.case_moves import CLOSURE_REASONS, check_legal_phase_mandated, check_move, claim_deadline
from intake.domain.identifiers import (
    debtor_match_key,
    normalise_currency,
    normalise_siren,
    normalise_siret,
    normalise_vat,
)
from intake.domain.invoices import DAY_NAMES_FR, InvoiceFacts, check_invoice
from intake.domain.lifecycle import (
    ACCEPTS_INVOICES,
    STATUS_NAMES_FR,
    TRANSITIONS,
    Checklist,
    check_case_currency,
    check_new_invoices,
    check_transition,
    check_validation,
    status_fr,
)
from intake.domain.payments import check_payment_accepted, prescription_restarted_on
from intake.domain.rule_broken import RuleBroken

__all__ = [
    "ACCEPTS_INVOICES",
    "CLOSURE_REASONS",
    "DAY_NAMES_FR",
    "STATUS_NAMES_FR",
    "TRANSITIONS",
    "Checklist",
    "InvoiceFacts",
    "RuleBroken",
    "check_case_currency",
    "check_invoice",
    "check_legal_phase_mandated",
    "check_move",
    "check_new_invoices",
    "check_payment_accepted",
    "check_transition",
    "check_validation",
    "claim_deadline",
    "debtor_match_key",
    "normalise_currency",
    "normalise_phone",
    "normalise_siren",
    "normalise_siret",
    "normalise_vat",
    "prescription_restarted_on",
    "status_fr",
]
