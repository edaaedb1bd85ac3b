"""Settlement rules without I/O (docs/rules.md §9.6): the floor's share of the balance rounded up to the cent, an offer
within or below the mandate, and the bounds an offer is refused on, in French and English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from shared.errors import Invalid

from dunning.domain.settlements import check_settlement, given_up, lowest_within_mandate, within_mandate

TODAY = date(2026, 11, 4)


def test_the_lowest_amount_within_the_mandate_is_the_floors_share_of_the_balance_rounded_up_to_the_cent():
    # 1 252,34 € due, a floor of 80 %: 1 001,872 €, so 1 001,88 € (never a fraction of a cent below the floor)
    assert lowest_within_mandate(Decimal("1252.34"), Decimal("0.80")) == Decimal("1001.88")
    assert lowest_within_mandate(Decimal("1000.00"), Decimal("0.75")) == Decimal("750.00")
    assert lowest_within_mandate(Decimal("1000.00"), None) is None
    assert within_mandate(Decimal("1001.88"), Decimal("1252.34"), Decimal("0.80"))
    assert not within_mandate(Decimal("1001.87"), Decimal("1252.34"), Decimal("0.80"))
    assert not within_mandate(Decimal("1252.33"), Decimal("1252.34"), None)  # no floor: the creditor decides
    assert given_up(Decimal("1001.88"), Decimal("1252.34")) == Decimal("250.46")


@pytest.mark.parametrize(
    ("amount", "pay_by", "field", "english", "french"),
    [
        ("0.00", TODAY, "amount", "more than zero", "supérieur à zéro"),
        ("1252.34", TODAY, "amount", "less than the €1,252.34 owed", "moins que les 1 252,34"),
        ("1300.00", TODAY, "amount", "record a promise to pay", "enregistrez une promesse"),
        ("900.00", date(2026, 11, 3), "pay_by", "has passed", "est passée"),
        ("900.00", date(2026, 12, 5), "pay_by", "by 4 December 2026 at the latest", "au plus tard le 4 décembre 2026"),
    ],
)
def test_an_offer_out_of_bounds_is_refused_naming_its_field(amount, pay_by, field, english, french):
    with pytest.raises(Invalid) as refused:
        check_settlement(amount=Decimal(amount), pay_by=pay_by, today=TODAY, balance=Decimal("1252.34"), currency="EUR")
    assert refused.value.field == field
    assert english in str(refused.value) and french in refused.value.message_fr.replace("\u202f", " ").replace(
        "\xa0", " "
    )


def test_an_offer_within_its_bounds_passes():
    check_settlement(
        amount=Decimal("1001.88"), pay_by=date(2026, 12, 4), today=TODAY, balance=Decimal("1252.34"), currency="EUR"
    )
