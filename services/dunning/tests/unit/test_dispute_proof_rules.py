"""What answers a dispute, by its category, and where the proof stands: requested, received (filed before the dispute
or after), insufficient once staff judged what was filed, received again by a document filed after that."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import get_args

import pytest

from shared.events.dunning import DISPUTE_CATEGORIES
from shared.events.intake_documents import DocumentKind

from dunning.domain.dispute_proofs import KINDS_FR, PROOFS, FiledDocument, asked_fr, proof_of, proofs_required

DAY = datetime(2026, 11, 4, 9, tzinfo=UTC)


def filed(kind: str, day: int, name: str = "piece.pdf") -> FiledDocument:
    return FiledDocument(uuid.uuid4(), kind, name, DAY.replace(day=day))


def test_each_category_asks_for_documents_intake_knows_and_the_notices_can_name():
    assert set(PROOFS) <= set(DISPUTE_CATEGORIES) and "other" not in PROOFS
    for kinds in PROOFS.values():
        assert kinds and set(kinds) <= set(get_args(DocumentKind)) and set(kinds) <= set(KINDS_FR)
    assert proofs_required("dispute", "not_received") == ("delivery_proof",)
    assert proofs_required("dispute", "other") == () and proofs_required("dispute", None) == ()
    assert proofs_required("payment_declared", None) == ()


def test_nothing_is_asked_of_a_declared_payment_or_another_reason():
    proof = proof_of(kind="dispute", category="other", filed=[filed("contract", 2)], insufficient_at=None)
    assert proof.status == "not_required" and proof.documents == () and proof.required == ()


def test_the_proof_is_requested_until_a_document_of_a_kind_asked_is_filed_whenever_it_was():
    unrelated = [filed("invoice", 1), filed("correspondence", 5)]
    assert proof_of(kind="dispute", category="not_received", filed=unrelated, insufficient_at=None).status == (
        "requested"
    )
    before, after = filed("delivery_proof", 1, "bl.pdf"), filed("delivery_proof", 9, "bl2.pdf")
    proof = proof_of(kind="dispute", category="not_received", filed=[after, *unrelated, before], insufficient_at=None)
    assert proof.status == "received" and proof.documents == (before, after)  # the oldest first, others left out


@pytest.mark.parametrize(
    ("category", "kind", "answers"),
    [
        ("not_compliant", "purchase_order", True),
        ("not_compliant", "delivery_proof", False),
        ("wrong_amount", "proforma", True),
        ("not_owed", "delivery_proof", True),
        ("not_owed", "invoice", False),
    ],
)
def test_which_kinds_answer_which_category(category, kind, answers):
    proof = proof_of(kind="dispute", category=category, filed=[filed(kind, 3)], insufficient_at=None)
    assert proof.status == ("received" if answers else "requested")


def test_judged_insufficient_it_stays_so_until_a_document_asked_for_is_filed_after_the_judgement():
    first = filed("purchase_order", 3)
    judged = DAY.replace(day=6)
    proof = proof_of(kind="dispute", category="wrong_amount", filed=[first], insufficient_at=judged)
    assert proof.status == "insufficient" and proof.documents == (first,)
    unrelated_after = filed("invoice", 8)
    still = proof_of(kind="dispute", category="wrong_amount", filed=[first, unrelated_after], insufficient_at=judged)
    assert still.status == "insufficient"
    newer = filed("contract", 8)
    proof = proof_of(kind="dispute", category="wrong_amount", filed=[first, newer], insufficient_at=judged)
    assert proof.status == "received" and proof.documents == (first, newer)


def test_the_creditor_reads_what_is_asked_in_plain_french():
    assert asked_fr(("delivery_proof",)).startswith("une preuve de livraison (bon de livraison signé")
    assert asked_fr(("purchase_order", "contract")) == "le bon de commande ou le contrat signé"
    assert asked_fr(PROOFS["wrong_amount"]) == "le bon de commande, le contrat signé ou le devis accepté"
    assert asked_fr(()) == "les pièces qui y répondent (bon de commande, contrat, preuve de livraison, échanges)"
