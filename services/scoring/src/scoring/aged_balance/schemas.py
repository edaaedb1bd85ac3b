"""What the aged-balance API returns. Amounts are decimal strings."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from shared.money import Amount

from scoring.domain.aging import AgedBalance


class BucketPublic(BaseModel):
    label: str
    amount: Amount
    count: int


class AmountCount(BaseModel):
    amount: Amount
    count: int


class AgedBalancePublic(BaseModel):
    as_of: date
    currency: str = "EUR"  # ISO 4217: every amount of the answer is in it; other currencies are not converted
    creditor_id: str | None = None
    debtor_id: str | None = None
    buckets: list[BucketPublic]
    not_due: AmountCount
    total: Amount

    @classmethod
    def of(cls, balance: AgedBalance, *, currency: str, **scope: str | None) -> AgedBalancePublic:
        return cls(
            as_of=balance.as_of,
            currency=currency,
            buckets=[BucketPublic(label=b.label, amount=b.amount, count=b.count) for b in balance.buckets],
            not_due=AmountCount(amount=balance.not_due.amount, count=balance.not_due.count),
            total=balance.total,
            **scope,
        )


class DebtorAgedBalancePublic(AgedBalancePublic):
    name: str


class AgedBalanceByDebtorPublic(BaseModel):
    """A page of debtors (`offset`, `limit`); `total` adds up and `debtors` counts every debtor, not the page's."""

    as_of: date
    currency: str = "EUR"
    items: list[DebtorAgedBalancePublic]
    total: Amount
    debtors: int
