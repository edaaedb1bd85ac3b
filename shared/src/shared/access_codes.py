"""The debtor's access on paper: a short code printed beside the case's payment reference (its RF reference).

A signed link (`shared.debtor_links`) is about 190 characters: nobody types it from a letter, and it takes three
SMS. So every message carries instead a short link, `{public_base_url}/d/{RF reference}-{code}`, and a letter
prints the code on its own too, to type with the payment reference on `{public_base_url}/debtor`. Either opens a
fresh signed link, which then serves as the debtor's page as before.

The code is eight characters of Crockford's base32 (40 bits, read back whatever the case, spaces, dashes, and an O
typed for a 0 or an I or L for a 1), an HMAC of the case, its debtor and a 30-day period with the platform's link
key: nothing is stored, and a code cannot be made without the key. It stays valid `valid_days` (the link's days)
after the end of the period it was issued in, so at least as long as a link issued the same day. Guessing is
throttled by the portal, like a sign-in; a code names nothing by itself (the RF reference is needed with it)."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from uuid import UUID

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: no I, L, O or U to misread
LENGTH = 8
PERIOD = timedelta(days=30)
_PERIOD_S = int(PERIOD.total_seconds())
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-.]+")
_RF = re.compile(r"RF\d{2}[0-9A-Z]{1,21}")


def access_code(*, case_id: UUID, debtor_id: UUID, issued_at: datetime, key: bytes) -> str:
    """The code as printed, in two groups of four: "K7QM-4XD2"."""
    code = _code(case_id, debtor_id, _period(issued_at), key)
    return f"{code[:4]}-{code[4:]}"


def read_code(text: str) -> str | None:
    """The code typed by the debtor, as issued (eight characters, no dash), or None when it cannot be one."""
    code = _SEPARATORS.sub("", text.upper()).translate(_READ_AS)
    return code if len(code) == LENGTH and all(c in ALPHABET for c in code) else None


def read_reference(text: str) -> str | None:
    """The RF reference typed by the debtor, compact ("RF18539007547034"), or None when it cannot be one."""
    reference = _SEPARATORS.sub("", text.upper())
    return reference if _RF.fullmatch(reference) else None


def code_valid_until(
    code: str, *, case_id: UUID, debtor_ids: Iterable[UUID], now: datetime, valid_days: int, key: bytes
) -> datetime | None:
    """Until when the code (as `read_code` gives it) opens the case, or None: it was issued for another case or
    debtor, or is no longer valid at `now`. `debtor_ids`: the case's debtor and the record it was merged into."""
    if not key:
        return None
    current = _period(now)
    period = current
    while (until := _valid_until(period, valid_days)) > now:
        for debtor_id in debtor_ids:
            if hmac.compare_digest(code, _code(case_id, debtor_id, period, key)):
                return until
        period -= 1
    return None


def short_link(public_base_url: str, rf_reference: str, code: str) -> str:
    return f"{public_base_url.rstrip('/')}/d/{rf_reference}-{code.replace('-', '')}"


def read_short_link(part: str) -> tuple[str, str] | None:
    """(RF reference, code) of the short link's last part, or None."""
    reference, dash, code = part.rpartition("-")
    if not dash:
        return None
    rf, typed = read_reference(reference), read_code(code)
    return (rf, typed) if rf and typed else None


def _period(at: datetime) -> int:
    if at.tzinfo is None:
        raise ValueError("an access code's instant must be an aware datetime")
    return int(at.timestamp()) // _PERIOD_S


def _valid_until(period: int, valid_days: int) -> datetime:
    return datetime.fromtimestamp((period + 1) * _PERIOD_S, UTC) + timedelta(days=valid_days)


def _code(case_id: UUID, debtor_id: UUID, period: int, key: bytes) -> str:
    mac = hmac.new(key, f"recouvra-access:v1:{case_id}:{debtor_id}:{period}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(mac[:5], "big")  # 40 bits, eight characters of five bits
    return "".join(ALPHABET[(number >> shift) & 31] for shift in range(35, -1, -5))
