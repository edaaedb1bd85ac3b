"""The BODACC watch on the running platform: an opening judgment published on the fake of DILA's API (which `make run`
points intake at) about a debtor under collection is read by the watch through the gateway, recorded on the debtor,
and the case's scheduled reminder is cancelled by dunning, as when staff record the judgment by hand."""

from __future__ import annotations

import json
import uuid
from datetime import date

import httpx
import pytest

from .desk import Desk
from .test_platform import a_siren

pytestmark = pytest.mark.e2e


def test_a_judgment_published_on_the_bodacc_stops_the_debtors_collection(platform):
    desk = Desk(platform)
    url, agent, creditor = desk.url, desk.agent, desk.creditor
    siren, reference = a_siren(), f"BOD-{uuid.uuid4().hex[:8]}"
    try:
        desk.at(date(2026, 11, 3), 8, 0)
        case_id = desk.validated_case(reference, {"name": f"Charpente {reference}", "siren": siren}, "980.00")["id"]
        steps = f"{url}/api/v1/dunning/cases/{case_id}/steps"

        def statuses() -> list[str]:
            answer = httpx.get(steps, headers=agent)
            return [step["status"] for step in answer.json()["items"]] if answer.status_code == 200 else []

        assert platform.eventually(lambda: statuses() == ["scheduled"], timeout_s=60)

        desk.at(date(2026, 11, 6))
        notice = {
            "id": f"A2026{uuid.uuid4().int % 10**8:08d}",
            "familleavis": "collective",
            "familleavis_lib": "Procédures collectives",
            "dateparution": "2026-11-06",
            "registre": [siren],
            "tribunal": "Tribunal de commerce de Nantes",
            "jugement": json.dumps(
                {
                    "famille": "Jugement d'ouverture",
                    "nature": "Jugement d'ouverture de liquidation judiciaire",
                    "date": "2026-11-04",
                }
            ),
        }
        assert httpx.post(f"{platform.provider_url}/bodacc/_control/notices", json=notice).status_code == 201
        watched = httpx.post(f"{url}/api/v1/intake/debtors/bodacc-watch", headers=agent, timeout=60)
        assert watched.status_code == 200, watched.text
        [found] = [r for r in watched.json()["recorded"] if r["siren"] == siren]
        assert (found["kind"], found["notice_id"], found["cases_moved"]) == ("liquidation", notice["id"], 1)
        read = httpx.get(f"{url}/api/v1/cases/{case_id}", headers=creditor).json()
        assert (read["status"], read["claim_deadline"]) == ("claim_declaration", "2027-01-06")
        assert platform.eventually(lambda: statuses() == ["cancelled"], timeout_s=60)
    finally:
        desk.real_time()
