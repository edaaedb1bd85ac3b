"""Which arm a case is put in (the same every time, about the share asked), and when the difference between the arms
is claimed: the pooled two-proportion z-test, nothing claimed below 30 cases an arm."""

from __future__ import annotations

import uuid

import pytest

from dunning.domain.experiments import arm_for, compare


def test_a_case_is_always_put_in_the_same_arm_and_about_the_share_asked_go_to_the_challenger():
    experiment = uuid.UUID("3f0c1e9a-0000-4000-8000-000000000001")
    cases = [uuid.UUID(int=n) for n in range(1, 20_001)]
    for share in (1, 10, 30, 50):
        challengers = sum(arm_for(case, experiment, share) == "challenger" for case in cases)
        assert abs(challengers / len(cases) - share / 100) < 0.01, share
    assert [arm_for(case, experiment, 20) for case in cases[:200]] == [arm_for(c, experiment, 20) for c in cases[:200]]
    other = uuid.UUID("3f0c1e9a-0000-4000-8000-000000000002")  # another experiment draws its own arms
    assert [arm_for(c, experiment, 50) for c in cases[:64]] != [arm_for(c, other, 50) for c in cases[:64]]


def test_a_larger_share_keeps_every_case_a_smaller_one_sent_to_the_challenger():
    experiment = uuid.uuid4()
    for case in (uuid.uuid4() for _ in range(500)):
        if arm_for(case, experiment, 10) == "challenger":
            assert arm_for(case, experiment, 30) == "challenger"


@pytest.mark.parametrize(
    ("champion", "challenger", "z", "significant"),
    [
        ((60, 200), (90, 200), 3.10, True),  # 30 % against 45 %: 0.15 over a spread of 0.048
        ((60, 200), (66, 200), 0.64, False),  # 30 % against 33 %: chance
        ((6, 20), (12, 20), 1.9, False),  # too few cases to claim anything
    ],
)
def test_the_difference_is_claimed_only_when_chance_would_rarely_give_it(champion, challenger, z, significant):
    result = compare(champion[0], champion[1], challenger[0], challenger[1])
    assert result.z == pytest.approx(z, abs=0.01) and result.significant is significant


def test_an_empty_arm_or_no_variation_claims_nothing():
    assert compare(0, 0, 5, 10).z is None and not compare(0, 0, 5, 10).significant
    assert compare(0, 40, 0, 40).z == 0.0 and not compare(0, 40, 0, 40).significant
