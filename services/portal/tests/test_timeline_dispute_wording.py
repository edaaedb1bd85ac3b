"""How the timeline tells a dispute's category and the outcome e-mailed to the debtor, in French and in English."""

from __future__ import annotations

from datetime import UTC, date, datetime

from shared.events.dunning import DebtorNotified, DisputeOpened

from portal.timeline.catalogue import CATALOGUE


def test_a_dispute_names_what_the_debtor_finds_wrong():
    opened = DisputeOpened(
        case_id="c",
        creditor_id="k",
        debtor_id="d",
        dispute_id="x",
        opened_on=date(2026, 12, 7),
        reason="Rien reçu",
        category="not_received",
    )
    named = dict(CATALOGUE)[DisputeOpened](opened)
    assert named is not None
    assert named.fr == (
        "Litige ouvert le 7 décembre 2026 (marchandise ou prestation non reçue) : « Rien reçu » ; les relances sont "
        "suspendues"
    )
    assert named.en == (
        "Dispute opened on 7 December 2026 (goods or service not received): “Rien reçu”; reminders are on hold"
    )


def test_the_outcome_sent_to_the_debtor_is_told_with_its_subject():
    subject = "Votre contestation : la créance est maintenue — dossier D-1"
    ids = {"case_id": "c", "creditor_id": "k", "debtor_id": "d", "message_id": "m"}
    notified = DebtorNotified(
        **ids, notice="dispute_resolved", channel="email", subject=subject, sent_at=datetime.now(UTC)
    )
    outcome = dict(CATALOGUE)[DebtorNotified](notified)
    assert outcome is not None and outcome.fr == f"Issue du litige envoyée au débiteur par e-mail : « {subject} »"
    assert outcome.en == f"Outcome of the dispute sent to the debtor by e-mail: “{subject}”"
