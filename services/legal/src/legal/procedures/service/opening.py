"""Opening a procedure: approved by a person (`POST /legal/cases/{id}/procedures`), with the request file drawn up
at once from intake's figures of the day, or pre-approved by the creditor's mandate when dunning runs out (the
file is then drawn up when first asked for). Never for a debtor under insolvency proceedings (L622-21 C. com.)."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.events.legal_procedures import ProcedureOpened
from shared.outbox import record_event

from legal.domain.courts import ProcedureKind, check_available, court_for
from legal.domain.refusals import RuleBroken
from legal.domain.states import CLOSED, OPENED, REJECTED, VOID
from legal.errors import ProcedureRefused, refused
from legal.procedures.models import LegalCase, Procedure, ProcedureStep, Proposal
from legal.procedures.service.cases import visible_case
from legal.procedures.service.request_file import Agency, IntakeReader, read_request_facts, store_request_file

ENDED = (CLOSED, REJECTED, VOID)


def alive_procedure(session: Session, case_id: uuid.UUID) -> Procedure | None:
    return session.exec(
        select(Procedure).where(Procedure.case_id == case_id, col(Procedure.state).not_in(ENDED))
    ).first()


def pending_proposal(session: Session, case_id: uuid.UUID) -> Proposal | None:
    return session.exec(
        select(Proposal)
        .where(Proposal.case_id == case_id, col(Proposal.status).in_(("proposed", "closing_proposed")))
        .order_by(col(Proposal.exhausted_on).desc())
    ).first()


def check_can_open(session: Session, case: LegalCase) -> None:
    if case.status == "closed":
        raise ProcedureRefused(
            f"case {case.reference} is closed: no procedure can be opened",
            field="case_id",
            message_fr=f"le dossier {case.reference} est clos : aucune procédure ne peut être engagée",
        )
    if case.insolvency or case.status == "claim_declaration":
        raise ProcedureRefused(
            "the debtor is under insolvency proceedings: individual actions are stayed (L622-21 C. com.); "
            "declare the claim instead (POST /api/v1/legal/cases/{case_id}/insolvency-claim)",
            field="case_id",
            message_fr="le débiteur fait l'objet d'une procédure collective : les poursuites individuelles sont "
            "suspendues (L622-21 C. com.) ; déclarez la créance (POST /api/v1/legal/cases/{case_id}/insolvency-claim)",
        )
    if alive_procedure(session, case.case_id) is not None:
        raise ProcedureRefused(
            f"case {case.reference} already has a procedure under way",
            field="case_id",
            message_fr=f"le dossier {case.reference} fait déjà l'objet d'une procédure en cours",
        )
    proposal = pending_proposal(session, case.case_id)
    if proposal is not None and proposal.status == "closing_proposed":
        raise ProcedureRefused(
            "the creditor's mandate does not authorise the legal phase: the case is proposed for closing",
            field="case_id",
            message_fr="le mandat du créancier n'autorise pas la phase judiciaire : la clôture du dossier est proposée",
        )


def start_procedure(
    *, session: Session, case: LegalCase, kind: ProcedureKind, approved_by: str, clock: Clock, note: str | None = None
) -> Procedure:
    """The procedure, its first step and `ProcedureOpened`, in the caller's transaction; a pending proposal of
    the case is approved by it."""
    today = today_in_paris(clock)
    court = court_for(kind, commercial=case.kind == "b2b", place=None)
    procedure = Procedure(
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor_id,
        kind=kind.value,
        state=OPENED,
        court_kind=court.kind,
        currency=case.currency,
        approved_by=approved_by,
        opened_on=today,
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    proposal = pending_proposal(session, case.case_id)
    if proposal is not None:
        procedure.proposal_id = proposal.id
        proposal.status, proposal.procedure_id = "approved", procedure.id
        proposal.decided_by, proposal.decided_at, proposal.decision_note = approved_by, clock.now(), note
        session.add(proposal)
    step = ProcedureStep(
        procedure_id=procedure.id, state=OPENED, occurred_on=today, recorded_at=clock.now(), recorded_by=approved_by
    )
    session.add(procedure)
    session.flush()
    session.add(step)
    record_event(
        session,
        ProcedureOpened(
            case_id=str(case.case_id),
            creditor_id=str(case.creditor_id),
            debtor_id=str(case.debtor_id),
            procedure_id=str(procedure.id),
            kind=kind.value,
            court=court.kind,
            opened_on=today,
            approved_by=approved_by,
        ),
        clock=clock,
        subject=str(case.case_id),
        tenant=str(case.creditor_id),
    )
    return procedure


def open_procedure(
    *,
    session: Session,
    reader: IntakeReader,
    agency: Agency,
    case_id: uuid.UUID,
    kind: ProcedureKind,
    note: str | None,
    principal: Principal,
    clock: Clock,
) -> Procedure:
    case = visible_case(session, case_id, principal)
    check_can_open(session, case)
    facts = read_request_facts(reader, case_id=case.case_id, creditor_id=case.creditor_id, kind=kind, agency=agency)
    try:
        check_available(kind, facts.balance)
    except RuleBroken as exc:
        raise refused(exc) from exc
    session.refresh(case, with_for_update=True)  # two approvals at once: the second waits, then sees the first
    check_can_open(session, case)
    procedure = start_procedure(
        session=session, case=case, kind=kind, approved_by=principal.subject, clock=clock, note=note
    )
    store_request_file(session=session, procedure=procedure, facts=facts, clock=clock)
    session.commit()
    return procedure


def ensure_request_file(
    *, session: Session, reader: IntakeReader, agency: Agency, procedure: Procedure, clock: Clock
) -> None:
    """A pre-approved procedure's file, drawn up when first asked for."""
    facts = read_request_facts(
        reader,
        case_id=procedure.case_id,
        creditor_id=procedure.creditor_id,
        kind=ProcedureKind(procedure.kind),
        agency=agency,
    )
    locked = session.get(Procedure, procedure.id, with_for_update=True)
    assert locked is not None
    store_request_file(session=session, procedure=locked, facts=facts, clock=clock)
    session.commit()
