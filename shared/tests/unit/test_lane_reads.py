"""What the kernel's lane takes from a route's own declaration, and what it leaves to the route: a parameter the
route would refuse, one it does not take or given twice, a path an earlier route answers (`shared.lane_reads`)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import pytest
from fastapi import APIRouter, Cookie, FastAPI, Header, Query, Response
from fastapi.routing import RouteContext, iter_route_contexts

from shared.auth import Role
from shared.deps import AGENCY_ROLES, ClockDep, CreditorOrStaffDep, PrincipalDep, RuntimeDep, SessionDep, StaffDep
from shared.lane_reads import LaneRead, LaneReads
from shared.limits import LimitQuery, OffsetQuery, QueryText

router = APIRouter(prefix="/things")


@router.get("/special")
async def special(runtime: RuntimeDep, principal: StaffDep) -> Response:
    return Response(b"{}")


@router.get("/named/special")
async def named_special(runtime: RuntimeDep, principal: StaffDep) -> Response:
    return Response(b"{}")


@router.get("/named/{name}")
async def named(name: str, runtime: RuntimeDep, principal: StaffDep) -> Response:
    return Response(b"{}")


@router.get("/{thing_id}")
async def one_thing(
    thing_id: uuid.UUID,
    runtime: RuntimeDep,
    principal: CreditorOrStaffDep,
    status_: Annotated[QueryText | None, Query(alias="status")] = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = 50,
) -> Response:
    return Response(b"{}")


@router.get("")
async def any_signed_in(runtime: RuntimeDep, principal: PrincipalDep) -> Response:
    return Response(b"[]")


@router.get("/{thing_id}/session")
async def with_a_session(
    thing_id: uuid.UUID, runtime: RuntimeDep, principal: PrincipalDep, session: SessionDep
) -> Response:
    return Response(b"{}")


@router.get("/{thing_id}/header")
async def with_a_header(
    thing_id: uuid.UUID,
    runtime: RuntimeDep,
    clock: ClockDep,
    principal: PrincipalDep,
    accept_language: Annotated[str | None, Header()] = None,
) -> Response:
    return Response(b"{}")


@router.get("/{thing_id}/cookie")
async def with_a_cookie(
    thing_id: uuid.UUID, runtime: RuntimeDep, principal: PrincipalDep, session: Annotated[str, Cookie()]
) -> Response:
    return Response(b"{}")


@router.get("/{thing_id}/sync")
def not_async(thing_id: uuid.UUID, runtime: RuntimeDep, principal: PrincipalDep) -> Response:
    return Response(b"{}")


APP = FastAPI()
APP.include_router(router)
ROUTES = [route for route in iter_route_contexts(APP.routes) if route.path and route.path.startswith("/things")]


def _read(path: str) -> LaneRead:
    index = next(i for i, route in enumerate(ROUTES) if route.path == path)
    return LaneRead.of(ROUTES[index], ROUTES[:index])


def _scope(path: str, query: str = "", headers: tuple[tuple[bytes, bytes], ...] = ()) -> dict[str, Any]:
    return {"path": path, "query_string": query.encode(), "headers": list(headers)}


THING = uuid.uuid4()


def test_the_parameters_are_the_routes_own_with_its_defaults_its_aliases_and_its_roles():
    read = _read("/things/{thing_id}")

    assert read.values(_scope(f"/things/{THING}", "status=open&limit=20")) == {
        "thing_id": THING,
        "status_": "open",
        "offset": 0,
        "limit": 20,
    }
    assert read.roles == frozenset({Role.CREDITOR, *AGENCY_ROLES})
    assert read.given == {"runtime": "runtime", "principal": "principal"}
    assert _read("/things").roles == frozenset(Role)  # any signed-in caller


@pytest.mark.parametrize(
    "query",
    [
        "limit=500",  # over the route's bound: its 422 in plain words
        "limit=ten",
        "offset=-1",
        "status=a%00b",  # a control character the route's text type refuses
        "limit=1&limit=2",  # given twice
        "colour=blue",  # not one of the route's
        "status_=open",  # the argument's name, not its public one
    ],
)
def test_a_request_the_route_would_refuse_or_read_differently_is_left_to_it(query):
    assert _read("/things/{thing_id}").values(_scope(f"/things/{THING}", query)) is None


def test_a_path_an_earlier_route_answers_or_a_malformed_one_is_left_to_the_router():
    named = _read("/things/named/{name}")
    assert named.values(_scope("/things/named/other")) == {"name": "other"}
    assert named.values(_scope("/things/named/special")) is None  # the router chooses /things/named/special first

    read = _read("/things/{thing_id}")
    assert read.values(_scope("/things/not-a-uuid")) is None
    assert read.values(_scope(f"/things/{THING}/more")) is None


def test_a_header_parameter_is_read_as_the_route_reads_it_and_the_clock_is_given():
    read = _read("/things/{thing_id}/header")
    path = f"/things/{THING}/header"

    assert read.given == {"runtime": "runtime", "clock": "clock", "principal": "principal"}
    assert read.values(_scope(path)) == {"thing_id": THING, "accept_language": None}
    assert read.values(_scope(path, headers=((b"accept-language", b"en"), (b"x-other", b"1")))) == {
        "thing_id": THING,
        "accept_language": "en",
    }
    assert read.values(_scope(path, headers=((b"accept-language", b"en"), (b"accept-language", b"fr")))) is None


@pytest.mark.parametrize("path", ["/things/{thing_id}/session", "/things/{thing_id}/cookie", "/things/{thing_id}/sync"])
def test_a_route_the_lane_cannot_answer_as_it_would_is_refused_when_the_lane_is_built(path):
    route: RouteContext = next(route for route in ROUTES if route.path == path)

    with pytest.raises(ValueError):
        LaneRead.of(route, [])


def test_a_lane_that_cannot_be_built_is_logged_and_leaves_every_request_to_the_framework(caplog):
    lane = LaneReads(APP, paths=["/things/{thing_id}/session", "/nowhere"])

    assert lane._lane_reads({"app": APP}) == ()
    assert "cannot be built" in caplog.text
