"""What a creditor may read of a score: nothing that includes another creditor's cases.

A debtor's solvency score legitimately weighs everything the debtor owes the agency's clients, but the
figures behind it (the total outstanding, the oldest debt, the number of cases, payments and promises made
on any case, the credit insurer's grade and limit) would tell a creditor about the others. For a creditor
those reasons are pooled into one reason, `PORTFOLIO`, whose contribution is their sum and which shows no
figure: the probability already implies that sum, so the pool reveals nothing more. They are pooled always,
even when the creditor is the debtor's only one, so that the answer does not reveal whether others exist.
The legal form, company age and contactability of the debtor-wide score sum up every creditor's view of the
debtor and are pooled too. A case's own outstanding and days past due, and the legal form, age and contacts its
creditor gave, are the creditor's figures and stay. Staff see every reason.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

DEBTOR_WIDE = frozenset(
    {
        "open_cases",
        "partial_payments",
        "promises_kept",
        "promises_broken",
        "disputes",
        "legal_failures",
        "insurer_grade",
        "insurer_limit",
    }
)
# the debtor-wide score reads the record, which sums up every creditor's view of the debtor; a case is scored
# with its own creditor's view, whose figures that creditor gave
VIEW_WIDE = frozenset({"legal_form", "company_age_years", "contact_channels"})
PORTFOLIO_WIDE = DEBTOR_WIDE | VIEW_WIDE | {"outstanding", "days_past_due", "other_currencies"}


def for_creditor(reasons: list[dict[str, Any]], *, subject: str) -> list[dict[str, Any]]:
    """`subject` is "debtor" (figures across the whole portfolio) or "case" (the case's own amount and age)."""
    hidden = PORTFOLIO_WIDE if subject == "debtor" else DEBTOR_WIDE
    pooled = [r for r in reasons if r.get("factor") in hidden]
    kept = [r for r in reasons if r.get("factor") not in hidden]
    if not pooled:
        return kept
    total = sum((Decimal(str(r.get("contribution", "0"))) for r in pooled), Decimal("0"))
    pool = {
        "code": "PORTFOLIO",
        "factor": "portfolio",
        "value": None,
        "contribution": str(total),
        "text": "factors measured across all creditors (details kept by the agency)",
    }
    ordered = sorted(
        [*kept, pool],
        key=lambda r: (r.get("factor") == "base", -abs(Decimal(str(r.get("contribution", "0")))), str(r.get("code"))),
    )
    return ordered
