"""The API's documentation on port 8000: one page listing every operation the base URL answers, service by
service, and each service's OpenAPI document kept to those operations (a service's internals are not described,
since port 8000 does not answer them)."""

from __future__ import annotations

import pytest


@pytest.fixture
def portal(portal_for, intake_url):
    return portal_for(service_urls={"intake": intake_url, "dunning": "http://127.0.0.1:9"})


def test_the_page_lists_the_operations_of_every_service_without_signing_in(portal):
    page = portal.get("/api/docs")

    assert page.status_code == 200, page.text
    assert "<code>/api/v1/cases</code>" in page.text and "<code>/api/v1/imports</code>" in page.text
    assert "<code>/api/v1/auth/token</code>" in page.text  # the portal's own
    assert "/healthz" not in page.text and "/api/v1/admin" not in page.text and "/metrics" not in page.text
    assert "Ce service ne répond pas" in page.text  # dunning is down here, scoring not configured
    assert 'href="/api/docs/intake/openapi.json"' in page.text


def test_each_services_document_keeps_the_paths_port_8000_forwards_to_it(portal):
    intake = portal.get("/api/docs/intake/openapi.json")
    own = portal.get("/api/docs/portal/openapi.json")

    assert intake.status_code == 200 and intake.headers["content-type"] == "application/json"
    paths = intake.json()["paths"]
    assert "/api/v1/cases" in paths and "/api/v1/cases/{case_id}" in paths
    assert not any(path.startswith(("/healthz", "/readyz", "/metrics", "/api/v1/admin")) for path in paths)
    assert intake.json()["servers"] == [{"url": "/"}]
    assert "/api/v1/auth/token" in own.json()["paths"] and "/.well-known/jwks.json" in own.json()["paths"]
    assert not any(path.startswith("/api/v1/admin") for path in own.json()["paths"])


def test_an_unknown_or_silent_service_has_no_document(portal):
    assert portal.get("/api/docs/billing/openapi.json").status_code == 404
    assert portal.get("/api/docs/dunning/openapi.json").status_code == 503
