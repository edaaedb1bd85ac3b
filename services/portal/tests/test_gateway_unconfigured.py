"""A deployment that gives the portal no address for a service: its routes answer 503 in plain words, never 500."""

from __future__ import annotations

import httpx

from portal.main import create_app as create_portal


def test_a_service_without_an_address_is_unavailable_not_a_crash(settings_for, clock, serve, issue_token):
    portal = serve(create_portal(settings_for("portal", service_urls={}), clock=clock))
    answer = httpx.get(
        f"{portal}/api/v1/legal/partners", headers={"Authorization": f"Bearer {issue_token('admin')}"}, timeout=30
    )
    assert answer.status_code == 503, answer.text
    assert answer.json()["detail_fr"] and answer.json()["detail_en"]
