"""Kinds of debtor: they decide which accessories a debt may carry."""

from __future__ import annotations

from enum import StrEnum


class DebtorKind(StrEnum):
    """B2B debts carry L441-10 penalties and the 40 EUR indemnity; B2C debts carry only legal
    interest after formal notice (art. 1231-6 C. civ.) and never a collection fee (L111-8 CPCE)."""

    B2B = "b2b"
    B2C = "b2c"
