from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status
from fastapi.responses import Response, StreamingResponse

from shared.deps import AdminDep, ClockDep, CreditorOrStaffDep, SessionDep, StaffDep
from shared.errors import NotFound
from shared.limits import MAX_PAGE_SIZE, LimitQuery, OffsetQuery

from intake.deps import SettingsDep, StoreDep
from intake.documents.downloads import download_headers
from intake.ledger.bank_accounts import record_bank_account
from intake.ledger.commission_invoices import invoice_facts
from intake.ledger.invoice_pdf import render_invoice
from intake.ledger.models import Payment
from intake.ledger.remittance_alerts import due_alerts, raise_alerts
from intake.ledger.remittance_schemas import (
    BankAccountIn,
    BankAccountPublic,
    RemittanceAlertPage,
    RemittanceAlertPublic,
    RemittancePage,
    RemittancePublic,
    RemittanceRunIn,
    RemittanceRunPublic,
)
from intake.ledger.remittance_views import get_remittance, get_run, list_remittances, remittance_view, run_view
from intake.ledger.remittances import run_remittances
from intake.money.remittance_deadlines import RemittanceAlert

router = APIRouter(prefix="/api/v1", tags=["remittances"])
WithinDays = Annotated[int | None, Query(ge=0, le=31, description="days before the R124-6 deadline")]


def _alert_page(
    alerts: list[tuple[Payment, RemittanceAlert]], newly: int = 0, *, offset: int = 0, limit: int = MAX_PAGE_SIZE
) -> RemittanceAlertPage:
    """`total` counts every alert; `items` are the page asked for (the most urgent first, as `due_alerts` sorts)."""
    items = [
        RemittanceAlertPublic(
            payment_id=str(p.id),
            case_id=str(p.case_id),
            creditor_id=str(p.creditor_id),
            amount=p.held,
            received_on=a.received_on,
            deadline=a.deadline,
            days_left=a.days_left,
            overdue=a.overdue,
        )
        for p, a in alerts[offset : offset + limit]
    ]
    return RemittanceAlertPage(items=items, total=len(alerts), newly_alerted=newly)


@router.post(
    "/remittances/runs",
    status_code=status.HTTP_201_CREATED,
    summary="run the remittances: statements per creditor and one SEPA transfer file (pain.001)",
)
def post_run(
    session: SessionDep,
    clock: ClockDep,
    staff: StaffDep,
    store: StoreDep,
    settings: SettingsDep,
    run_in: RemittanceRunIn | None = None,
) -> RemittanceRunPublic:
    run = run_remittances(
        session=session,
        run_in=run_in or RemittanceRunIn(),
        principal=staff,
        clock=clock,
        store=store,
        settings=settings,
    )
    return run_view(session, run)


@router.get("/remittances/runs/{run_id}", summary="a remittance run")
def get_one_run(run_id: uuid.UUID, session: SessionDep, staff: StaffDep) -> RemittanceRunPublic:
    return run_view(session, get_run(session=session, run_id=run_id))


@router.get("/remittances/runs/{run_id}/pain001", summary="the SEPA credit-transfer file of a run")
def get_transfer_file(run_id: uuid.UUID, session: SessionDep, staff: StaffDep, store: StoreDep) -> StreamingResponse:
    run = get_run(session=session, run_id=run_id)
    if run.transfer_sha256 is None:
        raise NotFound(
            f"remittance run {run.message_id} transferred nothing, so it has no file",
            message_fr=f"le lot de reversement {run.message_id} n'a rien viré : il n'a donc pas de fichier",
        )
    return StreamingResponse(
        store.open(run.transfer_sha256),
        media_type="application/xml",
        headers={"Content-Disposition": f'attachment; filename="{run.message_id}.xml"'},
    )


@router.get("/remittances/alerts", summary="held funds close to (or past) one month unremitted (R124-6 CPCE)")
def get_alerts(
    session: SessionDep,
    clock: ClockDep,
    principal: CreditorOrStaffDep,
    settings: SettingsDep,
    within_days: WithinDays = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = MAX_PAGE_SIZE,
) -> RemittanceAlertPage:
    days = settings.remittance_alert_days if within_days is None else within_days
    alerts = due_alerts(session, principal=principal, clock=clock, within_days=days)
    return _alert_page(alerts, offset=offset, limit=limit)


@router.post("/remittances/alerts", summary="emit remittance.due for funds newly close to the R124-6 month")
def post_alerts(
    session: SessionDep,
    clock: ClockDep,
    staff: StaffDep,
    settings: SettingsDep,
    within_days: WithinDays = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = MAX_PAGE_SIZE,
) -> RemittanceAlertPage:
    days = settings.remittance_alert_days if within_days is None else within_days
    alerts, newly = raise_alerts(session=session, principal=staff, clock=clock, within_days=days)
    return _alert_page(alerts, newly, offset=offset, limit=limit)


@router.get("/remittances", summary="remittances the caller may see, latest first")
def get_remittances(
    session: SessionDep, principal: CreditorOrStaffDep, offset: OffsetQuery = 0, limit: LimitQuery = MAX_PAGE_SIZE
) -> RemittancePage:
    items, total = list_remittances(session=session, principal=principal, offset=offset, limit=limit)
    return RemittancePage(items=[remittance_view(session, r) for r in items], total=total)


@router.get("/remittances/{remittance_id}", summary="a remittance statement, with the commission arithmetic")
def get_one_remittance(
    remittance_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep
) -> RemittancePublic:
    return remittance_view(session, get_remittance(session=session, remittance_id=remittance_id, principal=principal))


@router.get(
    "/remittances/{remittance_id}/invoice",
    summary="the agency's invoice of the remittance's commission, as a PDF (art. 242 nonies A CGI annex II)",
    responses={
        200: {"content": {"application/pdf": {}}},
        404: {"description": "no such remittance visible to you, or it carries no commission"},
    },
)
def get_invoice(
    remittance_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep, settings: SettingsDep
) -> Response:
    facts = invoice_facts(session=session, remittance_id=remittance_id, principal=principal, settings=settings)
    name = f"{'avoir' if facts.credit_note else 'facture'}-{facts.number}.pdf"
    return Response(render_invoice(facts), media_type="application/pdf", headers=download_headers(name))


@router.put("/intake/creditors/{creditor_id}/bank-account", summary="the account remittances are paid to (admin)")
def put_bank_account(
    creditor_id: uuid.UUID, account_in: BankAccountIn, session: SessionDep, clock: ClockDep, admin: AdminDep
) -> BankAccountPublic:
    creditor = record_bank_account(
        session=session, creditor_id=creditor_id, account_in=account_in, principal=admin, clock=clock
    )
    return BankAccountPublic(creditor_id=creditor.id, iban=creditor.iban, bic=creditor.bic)
