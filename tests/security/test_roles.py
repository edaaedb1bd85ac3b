"""Generated from the services' OpenAPI: every route declares who may call it (the role names of its bearer
security requirement, written by `shared.deps.require_roles`; `[]` for any signed-in user; none for the few
public routes), and every role it does not declare is refused with 403, before anything is read or written."""

from __future__ import annotations

from typing import Any

import pytest

from shared.auth import Role

SERVICES = ("portal", "intake", "scoring", "dunning", "legal")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def filled(operation: Any, ids: dict[str, str]) -> str:
    names = operation.params("path")
    unmapped = [name for name in names if name not in ids]
    assert not unmapped, f"{operation}: path parameter(s) {unmapped} have no id in tests/security/conftest.py (`ids`)"
    return str(operation.path.format(**{name: ids[name] for name in names}))


@pytest.mark.parametrize("service", SERVICES)
def test_every_route_declares_its_roles_or_is_one_of_the_public_few(platform, service):
    undeclared = [str(op) for op in platform.operations(service) if op.roles is None and not op.is_public]
    assert undeclared == []


@pytest.mark.parametrize("service", SERVICES)
def test_every_write_route_refuses_each_role_it_does_not_declare_with_403(platform, service):
    client, failures, checked = platform.clients[service], [], 0
    for op in platform.operations(service):
        if op.roles is None:
            continue
        url = filled(op, platform.ids)
        if client.request(op.method, url).status_code != 401:
            failures.append(f"{op} without a token: not 401")
        if op.method not in WRITES or not op.roles:
            continue
        for role in set(Role) - op.roles:
            response = client.request(op.method, url, headers=platform.as_role(role))
            checked += 1
            if response.status_code != 403:
                failures.append(f"{op} as {role.value}: {response.status_code} {response.text[:160]}")
    assert failures == []
    if service != "legal":
        assert checked > 0, f"no write route with declared roles found in {service}: the walk is broken"


@pytest.mark.parametrize("service", SERVICES)
def test_read_routes_restricted_to_some_roles_refuse_the_others_with_403_too(platform, service):
    client, failures = platform.clients[service], []
    for op in platform.operations(service):
        if op.method in WRITES or not op.roles:
            continue
        for role in set(Role) - op.roles:
            response = client.request(op.method, filled(op, platform.ids), headers=platform.as_role(role))
            if response.status_code != 403:
                failures.append(f"{op} as {role.value}: {response.status_code} {response.text[:160]}")
    assert failures == []
