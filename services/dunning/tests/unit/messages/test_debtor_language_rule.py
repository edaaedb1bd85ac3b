"""The language a debtor is written to in comes from intake's record of the case's debtor, read when the message is
composed: English when its creditor said so, French otherwise (nothing said, or a value dunning does not write in)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from dunning.cases.composing import IntakeFacts, Slot, debtor_language
from dunning.cases.models import DunningCase
from dunning.config import Settings

CASE = DunningCase(
    case_id=uuid.uuid4(),
    creditor_id=uuid.uuid4(),
    debtor_id=uuid.uuid4(),
    reference="DOS-EN-1",
    kind="b2b",
    scenario="b2b-standard",
    due_on=date(2026, 11, 2),
    balance=Decimal("400.00"),
)


class Intake:
    """What intake answers for the case, its statement and its creditor."""

    def __init__(self, language: str | None) -> None:
        self.language = language

    def read(self, path: str) -> dict[str, Any]:
        if path.startswith("/api/v1/creditors/"):
            return {"name": "Demo Créancier SAS"}
        if "/statement" in path:
            return {"as_of": "2026-11-09", "principal": "400.00", "penalties": "0", "indemnities": "0",
                    "interest": "0", "balance": "400.00", "invoices": []}  # fmt: skip
        debtor = {"name": "Acme Ltd", "email": "ap@acme.example", "language": self.language}
        return {"debtor": debtor, "rf_reference": None, "invoices": []}


def facts(language: str | None) -> IntakeFacts:
    settings = Settings(database_url="", profile="test", public_base_url="https://pay.example")
    return IntakeFacts(reader=Intake(language), settings=settings)  # type: ignore[arg-type]  # a reader's stand-in


def slot(language: str | None) -> Slot:
    now = datetime(2026, 11, 9, 9, tzinfo=UTC)
    return Slot("email", "email-1", "email-courteous", language, "REL-0000000001", None, now.date(), now)


@pytest.mark.parametrize(("given", "written"), [("en", "en"), ("fr", "fr"), (None, "fr"), ("de", "fr")])
def test_the_message_and_the_contact_take_the_language_intake_gives(given, written):
    assert debtor_language({"language": given}) == written
    assert facts(given).context_for(CASE, slot(None)).language == written
    assert facts(given).debtor_contact(CASE).language == written


def test_a_language_asked_for_outright_is_kept():
    assert facts("en").context_for(CASE, slot("fr")).language == "fr"
