"""The portal serves a case's timeline itself; a case whose events have not reached it yet is asked of intake."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from shared.demo import DEMO_CREDITOR_ID

from intake.main import create_app as create_intake
from portal.main import create_app as create_portal


def test_a_case_opened_a_moment_ago_has_an_empty_timeline_once_intake_confirms_it(
    settings_for, clock, verifier, serve, tmp_path, tokens, issue_token
):
    """The portal serves the timeline itself though the path is in intake's family, and a case its events have not
    reached yet is asked of intake: empty for its creditor and staff, unknown to another creditor."""
    intake_settings = settings_for("intake", seed_demo=True, documents_dir=tmp_path / "documents")
    intake_url = serve(create_intake(intake_settings, clock=clock, verifier=verifier))
    with TestClient(create_portal(settings_for("portal", service_urls={"intake": intake_url}), clock=clock)) as portal:
        creditor = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}
        opened = portal.post(  # through the gateway, to intake
            "/api/v1/cases",
            headers=creditor,
            json={
                "reference": "FRESH-1",
                "kind": "b2b",
                "debtor": {"type": "company", "name": "Durand SA", "siren": "732829320"},
                "invoices": [
                    {"number": "F-1", "issue_date": "2026-09-01", "due_date": "2026-10-01", "amount": "80.00"}
                ],
            },
        )
        assert opened.status_code == 201, opened.text
        url = f"/api/v1/cases/{opened.json()['id']}/timeline"

        assert portal.get(url, headers=creditor).json() == {"items": [], "total": 0}
        assert portal.get(url, headers=tokens["agent"]).json() == {"items": [], "total": 0}
        assert portal.get(url, headers=tokens["creditor_b"]).status_code == 404
        assert portal.get(f"/api/v1/cases/{uuid.uuid4()}/timeline", headers=tokens["agent"]).status_code == 404
        trailing = portal.get(url + "/", headers=creditor)
        assert trailing.status_code == 404 and trailing.json()["detail_en"] == f"no API route {url}/"
