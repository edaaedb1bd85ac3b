"""The gateway forwards only the public families, and a path with a dot-segment (raw or percent-encoded) is
refused before routing: a service's metrics, OpenAPI, docs and clock answer on its own port only.

Raw paths are sent with http.client to a portal served by uvicorn, so that no client normalises them first;
every service URL points at a real intake, which would answer if anything leaked."""

from __future__ import annotations

import http.client
import importlib
import io
import json
import re
from urllib.parse import unquote, urlsplit

import httpx
import pytest

from shared.demo import DEMO_CREDITOR_ID

from intake.main import create_app as create_intake
from portal.config import Settings
from portal.errors import UnsafePath
from portal.main import create_app as create_portal
from portal.routes.gateway import SERVICE_INTERNALS, families_shared_with_the_portal, normalised_path, owner_of

FINDINGS = [  # issue 9: each reached an internal route of a service through port 8000
    "/api/v1/cases/../../../metrics",
    "/api/v1/cases/%2e%2e/%2e%2e/%2e%2e/openapi.json",
    "/api/v1/legal/../../../docs",
    "/api/v1/cases/../admin/clock",
]
VARIANTS = [
    "/api/v1/cases/%2E%2E/%2e%2E/%2E%2e/metrics",
    "/api/v1/cases/.%2e/.%2E/%2e./docs",
    "/api/v1/cases/%252e%252e/%252e%252e/%252e%252e/metrics",
    "/api/v1/cases/..%2f..%2f..%2fmetrics",
    "/api/v1/cases/x%2F..%2F..%2F..%2Fopenapi.json",
    "/api/v1/cases/..%5c..%5c..%5cmetrics",
    "/api/v1/cases/..\\..\\..\\metrics",
    "/api/v1/cases/./../../metrics",
    "/api/v1/cases/%2e/x",
    "/api/v1/scoring/..",
    "/api/v1/users/../admin/clock",  # the portal's own paths too
    "/./metrics",
    "/api/v1/cases/../../../metrics?format=text",
]


@pytest.mark.parametrize("path", FINDINGS + VARIANTS)
def test_a_path_with_a_dot_segment_an_encoded_slash_or_a_backslash_is_refused(path):
    raw = path.split("?")[0]
    with pytest.raises(UnsafePath):
        normalised_path(raw, unquote(raw))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("/api/v1/cases", ("/api/v1/cases", "/api/v1/cases")),
        ("/api/v1//cases///abc/", ("/api/v1/cases/abc/", "/api/v1/cases/abc/")),
        ("/api/v1/cases/%41BC", ("/api/v1/cases/%41BC", "/api/v1/cases/ABC")),
        ("/api/v1/cases/...", ("/api/v1/cases/...", "/api/v1/cases/...")),
        ("/api/v1/cases/.hidden/a..b", ("/api/v1/cases/.hidden/a..b", "/api/v1/cases/.hidden/a..b")),
    ],
)
def test_a_safe_path_is_kept_with_repeated_slashes_collapsed(raw, expected):
    assert normalised_path(raw, unquote(raw)) == expected


@pytest.mark.parametrize("service", ["intake", "scoring", "dunning", "legal"])
def test_every_route_of_a_service_is_forwarded_to_it_or_is_internal(service):
    """A route added later to a service is either under one of its public families or never forwarded."""
    app = importlib.import_module(f"{service}.main").create_app()
    paths = [*app.openapi()["paths"], "/openapi.json", "/docs", "/redoc"]
    for path in paths:
        internal = any(path == p or path.startswith(p + "/") for p in SERVICE_INTERNALS)
        assert owner_of(path) == (None if internal else service), path


def test_the_portals_own_routes_are_never_forwarded_even_inside_a_services_family():
    """The case timeline is under intake's /api/v1/cases: the gateway must leave it to the portal's route."""
    paths = create_portal(Settings(profile="test", database_url="postgresql+psycopg://nobody@127.0.0.1:1/none"))
    for path in paths.openapi()["paths"]:
        assert owner_of(re.sub(r"\{[^}]+\}", "0f8a", path)) is None, path
    assert owner_of("/api/v1/cases/0f8a/timeline/") is None
    assert owner_of("/api/v1/cases/0f8a/timelines") == owner_of("/api/v1/cases/0f8a/x/timeline") == "intake"
    assert families_shared_with_the_portal() == {"/api/v1/cases"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/admin/clock",
        "/api/v1/admin/clock/",
        "/api/v1/admin/anything",
        "/metrics",
        "/openapi.json",
        "/docs",
        "/healthz",
        "/readyz",
        "/api/v1/metrics",
        "/api/v1/openapi.json",
        "/api/v1/unknown",
    ],
)
def test_internals_and_unknown_families_have_no_owner(path):
    assert owner_of(path) is None


# -- through the HTTP server -----------------------------------------------------------------------------------


@pytest.fixture
def portal_url(settings_for, clock, verifier, serve, tmp_path) -> str:
    intake = serve(
        create_intake(
            settings_for("intake", seed_demo=True, documents_dir=tmp_path / "documents"), clock=clock, verifier=verifier
        )
    )
    urls = dict.fromkeys(("intake", "scoring", "dunning", "legal"), intake)
    return serve(create_portal(settings_for("portal", service_urls=urls), clock=clock))


@pytest.fixture
def admin(issue_token) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token('admin')}"}


def raw_get(base_url: str, path: str, headers: dict[str, str]) -> tuple[int, http.client.HTTPMessage, str]:
    """GET `path` byte for byte: http.client neither normalises nor re-encodes it."""
    url = urlsplit(base_url)
    connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.msg, response.read().decode()
    finally:
        connection.close()


def test_dot_segments_are_answered_400_in_both_languages_and_never_reach_a_service(portal_url, admin):
    for path in FINDINGS + VARIANTS:  # one server for all: each would have reached intake's internals
        status, headers, text = raw_get(portal_url, path, admin)
        assert status == 400, (path, text)
        body = json.loads(text)
        assert body["detail"] == body["detail_fr"] and "« .. »" in body["detail_fr"], path
        assert "'..'" in body["detail_en"], path
        assert headers["Content-Language"] == "fr", path
        assert "http_requests" not in text and "openapi" not in text and "frozen" not in text, path


def test_the_refusal_is_in_english_for_a_client_that_prefers_it(portal_url, admin):
    status, _, text = raw_get(portal_url, FINDINGS[0], {**admin, "Accept-Language": "en-GB, fr;q=0.5"})
    assert status == 400 and json.loads(text)["detail"].startswith("the address contains a '.' or '..' segment")


def test_a_public_path_is_forwarded_and_repeated_slashes_are_collapsed(portal_url, admin):
    for path in (f"/api/v1/creditors/{DEMO_CREDITOR_ID}", f"/api/v1//creditors//{DEMO_CREDITOR_ID}"):
        status, _, text = raw_get(portal_url, path, admin)
        assert status == 200, text
        assert json.loads(text)["id"] == str(DEMO_CREDITOR_ID)


def test_a_path_is_forwarded_as_written_so_an_encoded_question_mark_is_not_a_query(portal_url, admin):
    status, _, text = raw_get(portal_url, "/api/v1/creditors/%3Flimit=1", admin)
    assert status == 422, text  # intake read "?limit=1" as the creditor id, not a listing with a query
    assert "creditor_id" in text


def test_a_services_internals_are_not_forwarded_and_the_clock_stays_the_portals_fan_out(portal_url, admin):
    for path in ("/api/v1/admin/clock/", "/api/v1/metrics", "/api/v1/openapi.json", "/api/v1/healthz", "/api/v1/docs"):
        status, _, text = raw_get(portal_url, path, {**admin, "Accept-Language": "en"})
        assert status == 404, (path, text)
        assert json.loads(text)["detail"] == f"no API route {path}"
    status, _, text = raw_get(portal_url, "/api/v1/admin/clock", admin)  # the portal's own route
    assert status == 200 and json.loads(text)["frozen"] is True


def test_a_short_answer_is_sent_whole_and_a_download_streamed_both_byte_for_byte(portal_url, admin):
    """The gateway reads an answer of a stated length up to 64 KiB whole and sends it as one (issue 17); a download
    (no stated length, or a longer one) is streamed. Both arrive as the service sent them."""
    with httpx.Client(base_url=portal_url, headers=admin, timeout=30) as client:
        opened = client.post(
            "/api/v1/cases",
            json={
                "reference": "GW-STREAM-1",
                "kind": "b2b",
                "creditor_id": str(DEMO_CREDITOR_ID),
                "debtor": {
                    "type": "company",
                    "name": "Société Relais",
                    "address": {"line1": "1 rue des Lilas", "postal_code": "69003", "city": "Lyon"},
                },
                "invoices": [
                    {"number": "F-1", "issue_date": "2026-05-02", "due_date": "2026-06-01", "amount": "400.00"}
                ],
            },
        )
        assert opened.status_code == 201, opened.text
        case_id = opened.json()["id"]
        page = client.get(f"/api/v1/cases/{case_id}")
        assert page.status_code == 200 and page.headers["content-length"] == str(len(page.content))
        assert page.json() == opened.json()
        text = "".join(f"ligne {n} : relance sans réponse\n" for n in range(8_000)).encode()
        assert len(text) > 200_000
        attached = client.post(
            f"/api/v1/cases/{case_id}/documents",
            data={"kind": "correspondence"},
            files={"file": ("relances.txt", io.BytesIO(text), "text/plain")},
        )
        assert attached.status_code == 201, attached.text
        download = client.get(f"/api/v1/cases/{case_id}/documents/{attached.json()['id']}/content")
        assert download.status_code == 200 and download.content == text
