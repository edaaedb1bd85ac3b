"""« Performance des agents » over a real dunning: a supervisor reads each member of staff's figures named by their
e-mail, for the period chosen, in French and in English; an agent is refused the page and does not see its card."""

from __future__ import annotations

import html
import re
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlmodel import Session, select

from portal.identity.models import User

PAGE = "/back-office/performance"


def user_id(platform, email: str) -> str:
    with Session(platform.portal.app.state.runtime.engine) as session:
        return str(session.exec(select(User.id).where(User.email == email)).one())


def words(page) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page.text)))


def recorded(platform) -> None:
    """Two calls of the demo agent (one reached), and a promise of the demo admin kept, in November 2026."""
    from dunning.responses.models import Promise
    from dunning.steps.models import PhoneTask

    agent, admin = user_id(platform, "agent@demo.example"), user_id(platform, "admin@demo.example")
    at = datetime(2026, 11, 10, 9, 30, tzinfo=UTC)
    with Session(platform.dunning_engine) as session, session.begin():
        for outcome in ("reached", "no_answer"):
            session.add(
                PhoneTask(
                    case_id=uuid.uuid4(),
                    debtor_id=uuid.uuid4(),
                    due_at=at,
                    status="done",
                    outcome=outcome,
                    done_by=agent,
                    done_at=at,
                )
            )
        session.add(
            Promise(
                case_id=uuid.uuid4(),
                amount=Decimal("1250.00"),
                due_on=date(2026, 11, 20),
                status="kept",
                paid=Decimal("1250.00"),
                made_at=at,
                made_by=admin,
                settled_on=date(2026, 11, 19),
            )
        )


def test_a_supervisor_reads_each_agents_figures_by_their_e_mail(platform, sign_in):
    recorded(platform)
    sign_in(platform.portal, "admin@demo.example")
    assert 'href="/back-office/performance"' in platform.portal.get("/back-office").text

    page = platform.portal.get(PAGE, params={"from": "2026-11-01", "to": "2026-11-30"})

    assert page.status_code == 200, page.text
    said = words(page)
    assert "Du 1er novembre 2026 au 30 novembre 2026" in said
    assert re.search(r"agent@demo\.example 2 1 0 0 0 — — — 0 / 0 0", said), said
    assert re.search(r"admin@demo\.example 0 0 1 1 0 100 % 1 250,00 € 1 250,00 € 0 / 0 0", said), said
    october = words(platform.portal.get(PAGE, params={"from": "2026-10-01", "to": "2026-10-31"}))
    assert "Personne n'a rien enregistré sur cette période." in october
    platform.portal.cookies.set("recouvra_lang", "en")
    english = words(platform.portal.get(PAGE, params={"from": "2026-11-01", "to": "2026-11-30"}))
    assert "Staff performance" in english and "Kept rate" in english and "100%" in english


def test_a_backwards_period_is_refused_beside_the_form(platform, sign_in):
    sign_in(platform.portal, "admin@demo.example")
    page = platform.portal.get(PAGE, params={"from": "2026-11-30", "to": "2026-11-01"})
    assert page.status_code == 422 and "le premier jour suit le dernier" in words(page)


def test_an_agent_is_refused_the_page_and_not_shown_its_card(platform, sign_in):
    sign_in(platform.portal, "agent@demo.example")
    assert 'href="/back-office/performance"' not in platform.portal.get("/back-office").text
    assert platform.portal.get(PAGE).status_code == 403
