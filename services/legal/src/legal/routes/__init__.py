"""Legal's routes: thin, one module per resource. Court procedures: `cases` (a case's procedures, proposals and
insolvency claim), `procedures`, `proposals`, `escalation` (a creditor's escalation policy), `watch` (deadlines and
alerts); partner bailiffs: `missions` (staff's side), `partner_api` and `partner_me` (the partner systems' side),
`webhooks`; `partners` (the registry of bailiffs, insurers and factors); `insurance`; `factoring`."""

from __future__ import annotations

from fastapi import APIRouter

from legal.routes import (
    cases,
    escalation,
    factoring,
    insurance,
    missions,
    partner_api,
    partner_me,
    partners,
    procedures,
    proposals,
    watch,
    webhooks,
)

ROUTERS: list[APIRouter] = [
    partner_me.router,
    cases.router,
    procedures.router,
    proposals.router,
    escalation.router,
    watch.router,
    missions.router,
    partner_api.router,
    webhooks.router,
    partners.router,
    insurance.router,
    factoring.router,
]
