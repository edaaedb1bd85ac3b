"""The pages of the lists that answered a bare array before they were bounded, and that no caller read as one:
`items` (at most `limit` of them, from `offset`) and `total`, like the cases' and the creditors' pages."""

from __future__ import annotations

from pydantic import BaseModel

from intake.cases.schemas import DocumentPublic
from intake.creditors.schemas import MandatePublic
from intake.ledger.remittance_schemas import RemittancePublic


class DocumentPage(BaseModel):
    items: list[DocumentPublic]
    total: int


class MandatePage(BaseModel):
    items: list[MandatePublic]
    total: int


class RemittancePage(BaseModel):
    items: list[RemittancePublic]
    total: int
