"""A reminder dunning's preparing pass moved instead of sending says why on the case's page, over the real dunning
and intake: the debtor wrote to us, so the next reminder waits for the agency's answer; in French and in English."""

from __future__ import annotations

import html
import uuid
from datetime import UTC, datetime

from sqlmodel import Session


def test_a_reminder_held_by_the_debtors_reply_says_so_in_both_languages(platform, new_case, sign_in, settings_for):
    from dunning.main import contact_rules
    from dunning.messages.models import DebtorReply
    from dunning.outbound.preparing import prepare_due_steps

    case = platform.case(new_case, "WAIT-01", "640.00")
    with Session(platform.dunning_engine) as session, session.begin():
        session.add(
            DebtorReply(
                identity=f"<{uuid.uuid4()}@dupont.example>",
                case_id=uuid.UUID(case["id"]),
                debtor_id=uuid.UUID(case["debtor"]["id"]),
                sender="jean@dupont.example",
                subject="RE: Facture impayée",
                text="Nous avons payé.",
                original=b"Subject: RE: Facture impayee\r\n\r\nNous avons paye.",
                received_at=datetime(2026, 11, 23, 15, 0, tzinfo=UTC),
            )
        )
    sign_in(platform.portal, "agent@demo.example")
    before = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)
    assert "Reportée" not in before  # due, not moved yet

    report = prepare_due_steps(
        engine=platform.dunning_engine,
        clock=platform.clock,
        facts=None,  # type: ignore[arg-type]  # the reply holds the step before any figure is read
        rules=contact_rules(settings_for("dunning")),
        batch=10,
    )
    assert (report.prepared, report.deferred) == (0, 1), report

    def steps(page: str) -> str:
        return html.unescape(page).split('id="steps-title"', 1)[1].split("</table>", 1)[0]

    french = steps(platform.portal.get(f"/cases/{case['id']}").text)
    assert "26 novembre 2026" in french  # three days after the reply
    assert "Reportée : le débiteur nous a écrit le 23 novembre 2026 ; l'agence lui répond d'abord" in french
    platform.portal.cookies.set("recouvra_lang", "en")
    english = steps(platform.portal.get(f"/cases/{case['id']}").text)
    assert "Moved: the debtor wrote to us on 23 November 2026; the agency answers first" in english
