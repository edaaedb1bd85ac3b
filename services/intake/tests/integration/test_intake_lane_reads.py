"""The case list, a case and its statement, answered ahead of the framework (`shared.lane_reads`,
`intake.main.LANE_PATHS`): the same bytes as the route's, counted as the route's; and everything the lane does not
settle answered by the route as before (a parameter refused, no token, a case not found or not the caller's)."""

from __future__ import annotations

import re
import uuid

LANE = re.compile(r'^lane_reads_total\{route="([^"]+)"\} (\S+)$', re.M)


def lane_reads(api) -> dict[str, float]:
    return {route: float(n) for route, n in LANE.findall(api.client.get("/metrics").text)}


def requests_of(api, route: str, status: int) -> float:
    pattern = rf'^http_requests_total\{{method="GET",route="{re.escape(route)}",status="{status}"\}} (\S+)$'
    found = re.search(pattern, api.client.get("/metrics").text, re.M)
    return float(found.group(1)) if found else 0.0


def opened(api, a_case, reference: str) -> str:
    invoices = [{"number": f"{reference}-F1", "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "120.50"}]
    created = api.client.post("/api/v1/cases", json=a_case(reference, invoices=invoices), headers=api.creditor)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def _same(lane, route) -> None:
    """The same status, body and headers, but the request's own id."""
    assert (lane.status_code, lane.content) == (route.status_code, route.content)
    skip = {"x-request-id", "date"}
    assert [(k, v) for k, v in lane.headers.items() if k not in skip] == [
        (k, v) for k, v in route.headers.items() if k not in skip
    ]


def test_the_lanes_answers_are_the_routes_byte_for_byte_and_counted_as_the_routes(api, a_case):
    ids = [opened(api, a_case, f"LANE-{n}") for n in range(3)]
    api.client.get("/api/v1/cases?limit=1", headers=api.agent)  # a token seen first is verified by the route
    before, listed = lane_reads(api), requests_of(api, "/api/v1/cases", 200)

    # `unread` is no parameter of the route: FastAPI ignores it, the lane leaves such a request to the route
    for query in ("limit=2", "limit=2&offset=1", "reference=LANE-1", f"creditor_id={uuid.uuid4()}", "status=submitted"):
        lane = api.client.get(f"/api/v1/cases?{query}", headers=api.creditor)
        route = api.client.get(f"/api/v1/cases?{query}&unread=1", headers=api.creditor)
        assert lane.status_code == 200, lane.text
        _same(lane, route)
    for case_id in ids:
        _same(
            api.client.get(f"/api/v1/cases/{case_id}", headers=api.agent),
            api.client.get(f"/api/v1/cases/{case_id}?unread=1", headers=api.agent),
        )

    for query in ("", "as_of=2026-10-01"):
        for language in ("fr", "en"):
            lane = api.client.get(
                f"/api/v1/cases/{ids[0]}/statement?{query}", headers={**api.creditor, "Accept-Language": language}
            )
            assert lane.status_code == 200, lane.text
            _same(
                lane,
                api.client.get(
                    f"/api/v1/cases/{ids[0]}/statement?{query}&unread=1",
                    headers={**api.creditor, "Accept-Language": language},
                ),
            )

    after = lane_reads(api)
    assert after.get("/api/v1/cases/{case_id}/statement", 0) - before.get("/api/v1/cases/{case_id}/statement", 0) == 4
    assert after.get("/api/v1/cases", 0) - before.get("/api/v1/cases", 0) == 5
    assert after.get("/api/v1/cases/{case_id}", 0) - before.get("/api/v1/cases/{case_id}", 0) == 3
    assert requests_of(api, "/api/v1/cases", 200) - listed == 10  # the lane's and the route's alike

    id_given = api.client.get("/api/v1/cases?limit=1", headers={**api.creditor, "X-Request-ID": "lane-7"})
    assert id_given.headers["x-request-id"] == "lane-7"


def test_what_the_lane_does_not_settle_is_answered_by_the_route_as_before(api, a_case):
    case_id = opened(api, a_case, "LANE-X")
    before = lane_reads(api)

    too_many = api.client.get("/api/v1/cases?limit=500", headers=api.creditor)
    assert too_many.status_code == 422 and "limit" in too_many.text
    assert api.client.get("/api/v1/cases").status_code == 401
    assert api.client.get("/api/v1/cases", headers={"Authorization": "Bearer not-a-token"}).status_code == 401
    assert api.client.get(f"/api/v1/cases/{case_id}", headers=api.other).status_code == 404  # not theirs
    assert api.client.get(f"/api/v1/cases/{uuid.uuid4()}", headers=api.creditor).status_code == 404
    assert api.client.get("/api/v1/cases/not-an-id", headers=api.creditor).status_code == 422
    assert api.client.get(f"/api/v1/cases/{case_id}/statement?as_of=1-2-3", headers=api.creditor).status_code == 422
    assert api.client.get(f"/api/v1/cases/{case_id}/statement", headers=api.other).status_code == 404

    assert lane_reads(api) == before  # none of them answered by the lane
