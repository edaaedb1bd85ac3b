"""How a secret is kept: a password or an API client's secret is stored as its argon2 hash only, and a secret
offered at sign-in is checked against that hash.

Every profile hashes with argon2id. The costs are argon2-cffi's defaults (RFC 9106's low-memory choice: 3 passes
over 64 MiB), about a tenth of a second of CPU a hash on the development machine, except in the test profile
(`use_test_costs`), where the suite creates thousands of accounts and sign-ins: one pass over 8 KiB there. A hash
carries its own costs, so either hasher checks a hash the other made."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError

_STANDARD = PasswordHasher()
_TEST = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
hasher = _STANDARD


def use_test_costs(test: bool) -> None:
    """The test profile's cheap costs when `test`, the standard ones otherwise (set when the portal's app is made)."""
    global hasher
    hasher = _TEST if test else _STANDARD


def hash_secret(secret: str) -> str:
    return hasher.hash(secret)


def secret_matches(hash_: str, secret: str) -> bool:
    try:
        return hasher.verify(hash_, secret)
    except VerificationError:
        return False


_DUMMIES: dict[int, str] = {}


def check_against_nothing(secret: str) -> None:
    """The work of a real check, for a secret offered with an account that does not exist, so that response times do
    not tell "unknown account" from "wrong secret" (against a hash made once, with the costs in use)."""
    dummy = _DUMMIES.get(id(hasher)) or _DUMMIES.setdefault(id(hasher), hasher.hash("not-a-real-password"))
    secret_matches(dummy, secret)
