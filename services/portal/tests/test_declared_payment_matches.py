"""Which declared payments a suspense credit may be (`portal.web.declared_payments`): the same amount in the same
currency, booked from three days before the day declared to fifteen after, the closest first. Pure: no I/O."""

from __future__ import annotations

from portal.web.declared_payments import declarations_for


def declared(reference: str, amount: str, on: str, currency: str = "EUR") -> dict[str, str]:
    return {"case_reference": reference, "declared_amount": amount, "currency": currency, "declared_on": on}


def credit(amount: str, booked: str, currency: str = "EUR") -> dict[str, str]:
    return {"amount": amount, "booking_date": booked, "currency": currency}


DECLARED = [
    declared("A", "1250.40", "2026-11-20"),
    declared("B", "1250.40", "2026-11-28"),
    declared("C", "1250.41", "2026-11-28"),  # a cent apart
    declared("D", "1250.40", "2026-12-10"),  # declared paid after the credit was booked, beyond three days
    declared("E", "1250.4", "2026-11-12"),  # written otherwise, booked fifteen days after: still it
]


def test_the_same_amount_booked_within_the_window_the_closest_day_first():
    assert [item["case_reference"] for item in declarations_for(credit("1250.40", "2026-11-27"), DECLARED)] == [
        "B",
        "A",
        "E",
    ]


def test_nothing_for_another_amount_or_outside_the_window():
    assert declarations_for(credit("99.00", "2026-11-27"), DECLARED) == []
    assert declarations_for(credit("1250.40", "2026-11-16"), [DECLARED[1]]) == []
    assert declarations_for(credit("1250.40", "2026-12-14"), [DECLARED[1]]) == []
    assert declarations_for(credit("1250.40", "2026-11-25"), [DECLARED[1]]) == [DECLARED[1]]
    assert declarations_for(credit("1250.40", "2026-12-13"), [DECLARED[1]]) == [DECLARED[1]]


def test_nothing_for_the_same_figure_in_another_currency():
    in_francs = declared("F", "1250.40", "2026-11-28", currency="CHF")

    assert declarations_for(credit("1250.40", "2026-11-27"), [in_francs]) == []
    assert declarations_for(credit("1250.40", "2026-11-27", currency="CHF"), [in_francs, DECLARED[1]]) == [in_francs]


def test_a_declaration_that_does_not_say_its_currency_is_matched_on_the_figure():
    unsaid = {"case_reference": "G", "declared_amount": "1250.40", "declared_on": "2026-11-28"}  # an older dunning

    assert declarations_for(credit("1250.40", "2026-11-27", currency="CHF"), [unsaid]) == [unsaid]
