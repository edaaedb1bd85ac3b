"""The one tenancy rule (shared.tenancy), without I/O: who sees what, for lists, for one record, and when writing."""

import uuid

import pytest

from shared.auth import Principal, Role
from shared.errors import Forbidden, Invalid, NotFound
from shared.tenancy import (
    EVERY_TENANT,
    Scope,
    acting_creditor,
    check_visible,
    creditor_filter,
    may_see_creditor,
    may_see_partner,
    partner_filter,
    scope_of,
)

A, B = uuid.uuid4(), uuid.uuid4()
PARTNER, OTHER_PARTNER = uuid.uuid4(), uuid.uuid4()


def creditor(creditor_id: object = A) -> Principal:
    return Principal(subject="u-creditor", role=Role.CREDITOR, creditor_id=str(creditor_id) if creditor_id else None)


def bailiff(partner_id: object = PARTNER) -> Principal:
    return Principal(subject="u-bailiff", role=Role.BAILIFF, partner_id=str(partner_id) if partner_id else None)


def staff(role: Role) -> Principal:
    return Principal(subject=f"u-{role}", role=role)


STAFF = [staff(Role.AGENT), staff(Role.SUPERVISOR), staff(Role.ADMIN)]
REFUSED = [
    pytest.param(creditor(None), id="creditor without creditor id"),
    pytest.param(Principal(subject="u", role=Role.CREDITOR, creditor_id="  "), id="creditor with a blank id"),
    pytest.param(bailiff(None), id="bailiff without partner id"),
    pytest.param(Principal(subject="u", role="auditor"), id="unknown role"),  # type: ignore[arg-type]  # not a Role
]


class Missing(NotFound):
    pass


def missing() -> Missing:
    return Missing("no record", message_fr="aucune donnée")


@pytest.mark.parametrize("principal", [*STAFF, staff(Role.SERVICE)], ids=lambda p: p.role)
def test_staff_and_services_see_every_tenant(principal):
    assert scope_of(principal) == EVERY_TENANT
    assert creditor_filter(principal) is None and creditor_filter(principal, B) == B
    assert partner_filter(principal) is None
    assert may_see_creditor(principal, A) and may_see_partner(principal, PARTNER)


def test_a_creditor_user_sees_its_own_creditor_only():
    principal = creditor(A)
    assert scope_of(principal) == Scope(creditor_id=str(A))
    assert creditor_filter(principal) == A and creditor_filter(principal, A) == A
    assert may_see_creditor(principal, A) and may_see_creditor(principal, str(A).upper())
    assert not may_see_creditor(principal, B) and not may_see_creditor(principal, "not-a-uuid")
    assert not may_see_partner(principal, PARTNER)


def test_a_creditor_asking_for_another_creditors_list_is_told_it_does_not_exist():
    with pytest.raises(NotFound) as refused:
        creditor_filter(creditor(A), B)
    assert refused.value.message_fr and str(B) in refused.value.message


def test_a_bailiff_sees_its_partners_missions_only_and_no_creditor_records():
    principal = bailiff(PARTNER)
    assert partner_filter(principal) == PARTNER
    assert may_see_partner(principal, PARTNER) and not may_see_partner(principal, OTHER_PARTNER)
    assert not may_see_creditor(principal, A)
    with pytest.raises(NotFound):
        partner_filter(principal, OTHER_PARTNER)
    with pytest.raises(Forbidden):
        creditor_filter(principal)


def test_a_creditor_user_is_refused_the_missions_list():
    with pytest.raises(Forbidden):
        partner_filter(creditor(A))


@pytest.mark.parametrize("principal", REFUSED)
def test_a_principal_the_rule_does_not_know_is_refused_never_given_an_empty_or_a_global_list(principal):
    for decide in (
        scope_of,
        creditor_filter,
        partner_filter,
        lambda p: may_see_creditor(p, A),
        lambda p: acting_creditor(p, A),
    ):
        with pytest.raises(Forbidden) as refused:
            decide(principal)
        assert refused.value.status_code == 403 and refused.value.message_fr


def test_a_creditor_id_that_is_not_a_uuid_is_refused_for_list_queries_not_turned_into_a_500():
    principal = Principal(subject="u", role=Role.CREDITOR, creditor_id="c1")
    assert may_see_creditor(principal, "c1") and not may_see_creditor(principal, "c2")
    with pytest.raises(Forbidden):
        creditor_filter(principal)


def test_one_record_of_another_tenant_answers_the_same_404_as_a_record_that_does_not_exist():
    check_visible(creditor(A), creditor_id=A, missing=missing)
    check_visible(bailiff(PARTNER), partner_id=PARTNER, missing=missing)
    check_visible(staff(Role.AGENT), creditor_id=B, missing=missing)
    for principal, owner in [
        (creditor(A), {"creditor_id": B}),
        (bailiff(PARTNER), {"creditor_id": A}),
        (bailiff(PARTNER), {"partner_id": OTHER_PARTNER}),
        (creditor(A), {"partner_id": PARTNER}),
    ]:
        with pytest.raises(Missing) as refused:
            check_visible(principal, missing=missing, **owner)
        assert refused.value.status_code == 404


def test_a_creditor_writes_for_itself_only():
    assert acting_creditor(creditor(A), None) == A
    assert acting_creditor(creditor(A), A) == A
    with pytest.raises(Invalid) as refused:
        acting_creditor(creditor(A), B)
    assert refused.value.field == "creditor_id" and refused.value.message_fr


@pytest.mark.parametrize("principal", [*STAFF, staff(Role.SERVICE)], ids=lambda p: p.role)
def test_staff_must_name_the_creditor_they_write_for(principal):
    assert acting_creditor(principal, B) == B
    with pytest.raises(Invalid) as refused:
        acting_creditor(principal, None)
    assert refused.value.field == "creditor_id" and refused.value.message_fr


def test_a_bailiff_writes_for_no_creditor():
    with pytest.raises(Forbidden):
        acting_creditor(bailiff(PARTNER), A)


def test_a_creditor_without_its_creditor_id_may_see_no_record():
    assert may_see_creditor(creditor(A), A) and not may_see_creditor(creditor(A), B)
    assert may_see_creditor(staff(Role.SUPERVISOR), B)
    with pytest.raises(Forbidden):
        may_see_creditor(creditor(None), A)
