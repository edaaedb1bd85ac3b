"""Every service shows its waiting room: a count in `/metrics`, and the parked events with their reason to admins."""

import uuid

from fastapi.testclient import TestClient
from sqlmodel import Session

from shared.waiting_room import park

from portal.main import create_app


def test_parked_events_are_counted_in_metrics_and_listed_for_admins_with_what_they_wait_for(
    settings_for, clock, issue_token
):
    app = create_app(settings_for("portal"), clock=clock)
    with TestClient(app) as portal:
        creditor_id = str(uuid.uuid4())
        with Session(app.state.runtime.engine) as session:
            park(
                session,
                event_id="e-1",
                event_type="recouvra.portal.user.created.v1",
                topic="portal.users",
                partition=0,
                offset=7,
                key=b"u-1",
                value=b"{}",
                headers={},
                awaiting=creditor_id,
                reason=f"creditor {creditor_id} is not known yet",
                at=clock.now(),
            )
            session.commit()
        admin = {"Authorization": f"Bearer {issue_token('admin')}"}
        agent = {"Authorization": f"Bearer {issue_token('agent')}"}

        listed = portal.get("/api/v1/admin/parked-events", headers=admin)
        refused = portal.get("/api/v1/admin/parked-events", headers=agent)
        metrics = portal.get("/metrics").text

    assert listed.status_code == 200, listed.text
    page = listed.json()
    assert page["total"] == 1
    assert (page["items"][0]["awaiting"], page["items"][0]["reason"]) == (
        creditor_id,
        f"creditor {creditor_id} is not known yet",
    )
    assert refused.status_code == 403
    assert "events_parked 1.0" in metrics
