"""`/metrics` speaks the Prometheus text format and counts requests by method, route template and status."""

import re

from fastapi.testclient import TestClient

from portal.main import create_app


def counter(text: str, method: str, route: str, status: str) -> float:
    pattern = rf'^http_requests_total\{{method="{method}",route="{re.escape(route)}",status="{status}"\}} (\S+)$'
    match = re.search(pattern, text, re.MULTILINE)
    return float(match.group(1)) if match else 0.0


def test_metrics_are_prometheus_text_counting_requests_per_route_template(settings_for, clock):
    with TestClient(create_app(settings_for("portal"), clock=clock)) as portal:
        for _ in range(3):
            assert portal.get("/healthz").status_code == 200
        assert portal.get("/api/v1/users").status_code == 401
        response = portal.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert "# TYPE http_requests_total counter" in text
    assert counter(text, "GET", "/healthz", "200") == 3.0
    assert counter(text, "GET", "/api/v1/users", "401") == 1.0
    assert "# TYPE http_request_duration_seconds histogram" in text
    assert 'http_request_duration_seconds_count{method="GET",route="/healthz"} 3.0' in text
    assert "# TYPE outbox_unpublished_events gauge" in text
