"""How a secret is kept: a password or an API client's secret is stored as its argon2 hash only, and a secret
offered at sign-in is checked against that hash."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError

hasher = PasswordHasher()


def hash_secret(secret: str) -> str:
    return hasher.hash(secret)


def secret_matches(hash_: str, secret: str) -> bool:
    try:
        return hasher.verify(hash_, secret)
    except VerificationError:
        return False
