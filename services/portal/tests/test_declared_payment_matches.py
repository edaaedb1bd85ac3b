"""Which declared payments a suspense credit may be (`portal.web.declared_payments`): the same amount, booked from
three days before the day declared to fifteen after, the closest first. Pure: no I/O."""

from __future__ import annotations

from portal.web.declared_payments import declarations_for


def declared(reference: str, amount: str, on: str) -> dict[str, str]:
    return {"case_reference": reference, "declared_amount": amount, "declared_on": on}


DECLARED = [
    declared("A", "1250.40", "2026-11-20"),
    declared("B", "1250.40", "2026-11-28"),
    declared("C", "1250.41", "2026-11-28"),  # a cent apart
    declared("D", "1250.40", "2026-12-10"),  # declared paid after the credit was booked, beyond three days
    declared("E", "1250.4", "2026-11-12"),  # written otherwise, booked fifteen days after: still it
]


def test_the_same_amount_booked_within_the_window_the_closest_day_first():
    credit = {"amount": "1250.40", "booking_date": "2026-11-27"}

    assert [item["case_reference"] for item in declarations_for(credit, DECLARED)] == ["B", "A", "E"]


def test_nothing_for_another_amount_or_outside_the_window():
    assert declarations_for({"amount": "99.00", "booking_date": "2026-11-27"}, DECLARED) == []
    assert declarations_for({"amount": "1250.40", "booking_date": "2026-11-16"}, [DECLARED[1]]) == []
    assert declarations_for({"amount": "1250.40", "booking_date": "2026-12-14"}, [DECLARED[1]]) == []
    assert declarations_for({"amount": "1250.40", "booking_date": "2026-11-25"}, [DECLARED[1]]) == [DECLARED[1]]
    assert declarations_for({"amount": "1250.40", "booking_date": "2026-12-13"}, [DECLARED[1]]) == [DECLARED[1]]
