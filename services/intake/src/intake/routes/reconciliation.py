from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, File, Header, Response, UploadFile, status
from sqlmodel import Session

from shared.deps import ClockDep, SessionDep, StaffDep
from shared.errors import Invalid
from shared.i18n import Language, negotiate
from shared.limits import MAX_PAGE_SIZE, LimitQuery, OffsetQuery

from intake.api.paging import TOTAL_COUNT, total_header
from intake.deps import SettingsDep, StoreDep
from intake.errors import field_error
from intake.ledger.models import BankCredit, BankStatementImport
from intake.ledger.reconciliation import import_bank_statement, statement_credits
from intake.ledger.schemas import BankCreditPublic, BankStatementReport, RefusedCreditPublic, SuspenseResolveIn
from intake.ledger.suspense import list_suspense, resolve_suspense

router = APIRouter(prefix="/api/v1/intake", tags=["reconciliation"])
STATEMENTS_PATH = "/api/v1/intake/bank-statements"
# POSTs whose Idempotency-Key is not kept: a statement is recognised by its content, so the same file sent again
# changes nothing and is answered with the first import's report (200, `already_imported`), also when the first
# answer was lost to a restart, where a kept key would have answered 409 (issue 18's proof).
REPEATABLE = frozenset({STATEMENTS_PATH})
AcceptLanguage = Annotated[str | None, Header(include_in_schema=False)]


def credit_view(credit: BankCredit, language: Language) -> BankCreditPublic:
    """The explanation in the client's language, both beside it (credits read before the French was kept have
    their English only)."""
    french = credit.explanation_fr or credit.explanation
    return BankCreditPublic.model_validate(
        {
            **credit.model_dump(),
            "explanation": french if language == "fr" else credit.explanation,
            "explanation_en": credit.explanation,
            "explanation_fr": french,
        }
    )


def _report(
    session: Session, statement: BankStatementImport, *, already: bool, language: Language
) -> BankStatementReport:
    return BankStatementReport(
        id=statement.id,
        filename=statement.filename,
        already_imported=already,
        credits=statement.credits,
        matched=statement.matched,
        suspense=statement.suspense,
        duplicates=statement.duplicates,
        refused=[RefusedCreditPublic.model_validate(r) for r in statement.refused],
        items=[credit_view(c, language) for c in statement_credits(session, statement.id)],
    )


@router.post(
    STATEMENTS_PATH.removeprefix("/api/v1/intake"),
    status_code=status.HTTP_201_CREATED,
    summary="import a camt.053 statement of the client-money account; the same file twice changes nothing",
)
def post_bank_statement(
    file: Annotated[UploadFile, File()],
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    staff: StaffDep,
    store: StoreDep,
    settings: SettingsDep,
    accept_language: AcceptLanguage = None,
) -> BankStatementReport:
    content = file.file.read(settings.max_bank_statement_bytes + 1)
    if len(content) > settings.max_bank_statement_bytes:
        limit = settings.max_bank_statement_bytes >> 20
        raise field_error(
            Invalid, "file", f"larger than the {limit} MB allowed", f"plus volumineux que les {limit} Mo admis"
        )
    statement, created = import_bank_statement(
        session=session, content=content, filename=file.filename, principal=staff, clock=clock, store=store
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    return _report(session, statement, already=not created, language=negotiate(accept_language))


@router.get(
    "/suspense",
    summary="bank credits no case claimed, oldest first (a page: the count of all in X-Total-Count)",
    responses={200: {"headers": TOTAL_COUNT}},
)
def get_suspense(
    session: SessionDep,
    staff: StaffDep,
    response: Response,
    offset: OffsetQuery = 0,
    limit: LimitQuery = MAX_PAGE_SIZE,
    accept_language: AcceptLanguage = None,
) -> list[BankCreditPublic]:
    items, total = list_suspense(session, offset=offset, limit=limit)
    response.headers.update(total_header(total))
    language = negotiate(accept_language)
    return [credit_view(c, language) for c in items]


@router.post("/suspense/{credit_id}/resolve", summary="assign a suspense credit to a case, or set it aside")
def post_resolution(
    credit_id: uuid.UUID,
    resolution: SuspenseResolveIn,
    session: SessionDep,
    clock: ClockDep,
    staff: StaffDep,
    store: StoreDep,
    accept_language: AcceptLanguage = None,
) -> BankCreditPublic:
    credit = resolve_suspense(
        session=session, credit_id=credit_id, resolution=resolution, principal=staff, clock=clock, store=store
    )
    return credit_view(credit, negotiate(accept_language))
