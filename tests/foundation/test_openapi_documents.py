"""Every service publishes an OpenAPI document a newcomer can read: it builds, and each operation says in
words what it does (not FastAPI's default made from the function name)."""

import importlib

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient


@pytest.mark.parametrize("service", ["portal", "intake", "scoring", "dunning", "legal"])
def test_the_openapi_document_builds_and_every_operation_is_described(service, settings_for, clock):
    app = importlib.import_module(f"{service}.main").create_app(settings_for(service), clock=clock)
    with TestClient(app) as client:
        assert client.get("/openapi.json").status_code == 200
        assert client.get("/docs").status_code == 200
    undescribed = [
        f"{sorted(route.methods)} {route.path}"
        for route in app.routes
        if isinstance(route, APIRoute) and route.include_in_schema and not route.summary and not route.description
    ]
    assert undescribed == []
