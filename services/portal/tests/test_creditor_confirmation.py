"""Read your own writes across services: a creditor registered in intake a moment ago gets its first user in the
portal at once, before intake's `creditor.registered` event has reached the portal's directory."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, func, select

from shared.events.envelope import CloudEvent
from shared.events.intake import CreditorRegistered
from shared.outbox import OutboxMessage
from workbench.stack.broker import free_port

from intake.main import create_app as create_intake
from portal.handlers import on_creditor_registered
from portal.identity.models import CreditorDirectoryEntry, User
from portal.main import create_app as create_portal

CREDITOR = {
    "name": "Transports Martin SAS",
    "siren": "552100554",
    "email": "compta@martin.example",
    "address": {"line1": "12 quai de la Loire", "postal_code": "75019", "city": "Paris", "country": "FR"},
}


def a_user(creditor_id: object, email: str = "first@martin.example") -> dict[str, str]:
    return {"email": email, "password": "a-long-password-1", "role": "creditor", "creditor_id": str(creditor_id)}


@pytest.fixture
def intake(settings_for, clock, verifier, serve, tmp_path) -> tuple[str, object]:
    """A real intake on a loopback port, its consumer and relay off: nothing reaches the broker."""
    settings = settings_for("intake", documents_dir=tmp_path / "documents")
    app = create_intake(settings, clock=clock, verifier=verifier)
    return serve(app), app


def portal_for(settings_for, clock, intake_url: str, **overrides: object) -> TestClient:
    # run_workers stays off: the portal's consumer never runs, so its directory learns nothing from events.
    settings = settings_for("portal", service_urls={"intake": intake_url}, **overrides)
    return TestClient(create_portal(settings, clock=clock))


@pytest.fixture
def admin(issue_token) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token('admin')}"}


def test_an_admin_creates_a_creditor_then_its_first_user_at_once_without_the_event_being_consumed(
    settings_for, clock, intake, admin
):
    intake_url, intake_app = intake
    with portal_for(settings_for, clock, intake_url) as portal:
        creditor = portal.post("/api/v1/creditors", json=CREDITOR, headers=admin)  # through the gateway
        assert creditor.status_code == 201, creditor.text
        creditor_id = uuid.UUID(creditor.json()["id"])

        user = portal.post("/api/v1/users", json=a_user(creditor_id), headers=admin)

        assert user.status_code == 201, user.text
        assert user.json()["creditor_id"] == str(creditor_id)
        engine = portal.app.state.runtime.engine  # type: ignore[attr-defined]  # .app is typed as ASGIApp
        with Session(engine) as session:
            entry = session.get(CreditorDirectoryEntry, creditor_id)
            assert entry is not None and entry.name == CREDITOR["name"]
            assert entry.registered_at == clock.now()  # intake's registration instant, not the portal's

        # The event intake recorded arrives later: the directory keeps one entry and the user stands.
        with Session(intake_app.state.runtime.engine) as session:
            rows = session.exec(select(OutboxMessage).where(OutboxMessage.event_type == CreditorRegistered.type)).all()
        [envelope] = [
            CloudEvent.model_validate(row.envelope)
            for row in rows
            if row.envelope["data"]["creditor_id"] == str(creditor_id)
        ]
        with Session(engine) as session:
            on_creditor_registered(
                session=session, event=CreditorRegistered.model_validate(envelope.data), envelope=envelope, clock=clock
            )
            session.commit()
            assert (
                session.exec(
                    select(func.count())
                    .select_from(CreditorDirectoryEntry)
                    .where(col(CreditorDirectoryEntry.creditor_id) == creditor_id)
                ).one()
                == 1
            )
            user_row = session.exec(select(User).where(User.creditor_id == creditor_id)).one()
            assert user_row.email == "first@martin.example"
        second = portal.post("/api/v1/users", json=a_user(creditor_id, "second@martin.example"), headers=admin)
        assert second.status_code == 201, second.text


def test_a_creditor_intake_does_not_know_either_is_still_refused_in_plain_words(settings_for, clock, intake, admin):
    intake_url, _ = intake
    with portal_for(settings_for, clock, intake_url) as portal:
        unknown = uuid.uuid4()
        response = portal.post("/api/v1/users", json=a_user(unknown), headers=admin)
        assert response.status_code == 422
        body = response.json()
        assert body["detail"] == body["detail_fr"]  # French unless English is preferred
        assert f"aucun créancier {unknown}" in body["detail_fr"]
        assert f"no creditor {unknown} is known" in body["detail_en"]
        engine = portal.app.state.runtime.engine  # type: ignore[attr-defined]  # .app is typed as ASGIApp
        with Session(engine) as session:
            assert session.get(CreditorDirectoryEntry, unknown) is None
            assert session.exec(select(User).where(User.creditor_id == unknown)).first() is None


@pytest.fixture
def silent_intake() -> Iterator[str]:
    """A port that accepts connections and never answers: an intake stuck behind a full queue."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", free_port()))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.mark.parametrize("down", ["refusing", "silent"])
def test_when_intake_cannot_confirm_the_creditor_the_answer_is_503_with_retry_after_and_nothing_is_created(
    settings_for, clock, admin, silent_intake, down
):
    url = silent_intake if down == "silent" else f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with portal_for(settings_for, clock, url, fresh_read_timeout_s=0.3, fresh_read_retry_after_s=7) as portal:
        creditor_id = uuid.uuid4()
        response = portal.post("/api/v1/users", json=a_user(creditor_id), headers={**admin, "Accept-Language": "en"})
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "7"
        body = response.json()
        assert body["detail"] == "the intake service is unavailable; try again shortly"
        assert body["detail_fr"] == "le service intake est indisponible ; réessayez dans quelques instants"
        engine = portal.app.state.runtime.engine  # type: ignore[attr-defined]  # .app is typed as ASGIApp
        with Session(engine) as session:
            assert session.exec(select(User).where(User.email == "first@martin.example")).first() is None
            assert session.get(CreditorDirectoryEntry, creditor_id) is None
