"""The API's request and response models (the public contract of docs/architecture.md, with examples), one module
per aggregate; this module names them all for the callers that import them from here."""

from __future__ import annotations

from intake.cases.schemas import (
    AuditPublic,
    CaseCreate,
    CasePage,
    CasePublic,
    ChecklistIn,
    ChecklistPublic,
    DocumentPublic,
    InvoiceIn,
    InvoicePublic,
    TransitionIn,
    ValidateIn,
)
from intake.creditors.schemas import (
    Address,
    CreditorCreate,
    CreditorDetail,
    CreditorPage,
    CreditorPublic,
    CreditorUpdate,
    MandateCreate,
    MandatePublic,
    Phase,
    RemittanceAccountPublic,
)
from intake.debtors.schemas import DebtorIn, DebtorPublic, DebtorViewPublic, Insolvency
from intake.import_schemas import ImportAccepted, ImportReport, RowErrorPublic

__all__ = [
    "Address",
    "AuditPublic",
    "CaseCreate",
    "CasePage",
    "CasePublic",
    "ChecklistIn",
    "ChecklistPublic",
    "CreditorCreate",
    "CreditorDetail",
    "CreditorPage",
    "CreditorPublic",
    "CreditorUpdate",
    "DebtorIn",
    "DebtorPublic",
    "DebtorViewPublic",
    "DocumentPublic",
    "ImportAccepted",
    "ImportReport",
    "Insolvency",
    "InvoiceIn",
    "InvoicePublic",
    "MandateCreate",
    "MandatePublic",
    "Phase",
    "RemittanceAccountPublic",
    "RowErrorPublic",
    "TransitionIn",
    "ValidateIn",
]
