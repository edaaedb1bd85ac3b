"""The debtor's paper access: a short code beside the RF reference, read back as typed, valid as long as a link."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from shared.access_codes import (
    ALPHABET,
    PERIOD,
    access_code,
    code_valid_until,
    read_code,
    read_reference,
    read_short_link,
    short_link,
)

KEY = b"a-debtor-link-key-for-the-tests-0123456789"
CASE = uuid.UUID("6f1c2a4e-9a51-4f0b-8a3c-2d4e5f607182")
DEBTOR = uuid.UUID("0b3e7c1d-4c2a-4e8f-9b1a-7c6d5e4f3a21")
OTHER = uuid.UUID("9d8c7b6a-5f4e-4d3c-8b2a-1a0f9e8d7c6b")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAYS = 60


def code(issued: datetime = NOW, case: uuid.UUID = CASE, debtor: uuid.UUID = DEBTOR, key: bytes = KEY) -> str:
    return access_code(case_id=case, debtor_id=debtor, issued_at=issued, key=key)


def until(typed: str, now: datetime, debtors: tuple[uuid.UUID, ...] = (DEBTOR,)) -> datetime | None:
    read = read_code(typed)
    assert read is not None
    return code_valid_until(read, case_id=CASE, debtor_ids=debtors, now=now, valid_days=DAYS, key=KEY)


def test_a_code_is_two_groups_of_four_characters_nobody_misreads():
    printed = code()
    assert len(printed) == 9 and printed[4] == "-"
    assert all(c in ALPHABET for c in printed.replace("-", ""))
    assert not set("ILOU") & set(printed)


def test_a_code_depends_on_the_case_the_debtor_the_period_and_the_key():
    codes = {
        code(),
        code(case=OTHER),
        code(debtor=OTHER),
        code(issued=NOW + PERIOD),
        code(key=b"another-key-for-the-tests-0123456789"),
    }
    assert len(codes) == 5
    assert code(issued=NOW + timedelta(seconds=1)) == code()


def test_the_code_is_read_back_as_the_debtor_types_it():
    printed = code()
    compact = printed.replace("-", "")
    for typed in (printed, compact, compact.lower(), f" {printed[:4]} {printed[5:]} ", printed.replace("-", ".")):
        assert read_code(typed) == compact
    misread = compact.replace("0", "o").replace("1", "l")
    assert read_code(misread) == compact
    for wrong in ("", "ABC", compact + "A", "ABCD-EFU2", "ABCD/EFG2"):
        assert read_code(wrong) is None


def test_the_rf_reference_is_read_compact_or_in_blocks_of_four():
    assert read_reference("RF18 5390 0754 7034") == "RF18539007547034"
    assert read_reference("rf18539007547034") == "RF18539007547034"
    assert read_reference("DOS-2026-0001") is None
    assert read_reference("RF1") is None


def test_a_code_opens_its_case_from_the_day_it_is_issued_until_the_link_days_after_its_period():
    printed = code()
    assert until(printed, NOW) is not None
    valid_until = until(printed, NOW)
    assert valid_until is not None
    assert NOW + timedelta(days=DAYS) <= valid_until <= NOW + PERIOD + timedelta(days=DAYS)
    assert until(printed, valid_until - timedelta(seconds=1)) == valid_until
    assert until(printed, valid_until) is None


def test_a_code_of_another_debtor_or_case_opens_nothing_but_the_merged_record_is_accepted():
    assert until(code(debtor=OTHER), NOW) is None
    assert until(code(case=OTHER), NOW) is None
    assert until(code(debtor=OTHER), NOW, debtors=(DEBTOR, OTHER)) is not None


def test_no_key_opens_nothing():
    read = read_code(code())
    assert read is not None
    assert code_valid_until(read, case_id=CASE, debtor_ids=(DEBTOR,), now=NOW, valid_days=DAYS, key=b"") is None


def test_the_short_link_carries_the_reference_and_the_code_and_is_read_back():
    link = short_link("https://pay.example/", "RF18539007547034", "K7QM-4XD2")
    assert link == "https://pay.example/d/RF18539007547034-K7QM4XD2"
    assert read_short_link(link.rsplit("/", 1)[1]) == ("RF18539007547034", "K7QM4XD2")
    assert read_short_link("RF18539007547034") is None
    assert read_short_link("nothing-K7QM4XD2") is None


def test_an_instant_without_its_zone_is_refused():
    with pytest.raises(ValueError):
        access_code(case_id=CASE, debtor_id=DEBTOR, issued_at=datetime(2026, 3, 2), key=KEY)
