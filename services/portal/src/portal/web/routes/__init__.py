"""The web pages' routers, each a part of the site."""

from __future__ import annotations

from fastapi import APIRouter

from portal.web.routes import (
    accounts,
    admin,
    agent,
    api_docs,
    back_office,
    case_debtor,
    case_documents,
    cases,
    creditor_remittances,
    dashboard,
    debtor,
    debtor_contact,
    debtor_entry,
    debtor_insolvency,
    debtor_language,
    disputes,
    experiments,
    imports,
    models,
    new_case,
    partners,
    performance,
    replies,
    reports,
    scenarios,
    session_pages,
)

# The form's /cases/new before a case's /cases/{case_id}.
ROUTERS: tuple[APIRouter, ...] = (
    session_pages.router,
    new_case.router,
    cases.router,
    case_documents.router,
    case_debtor.router,
    debtor_insolvency.router,
    replies.router,
    disputes.router,
    dashboard.router,
    imports.router,
    reports.router,
    creditor_remittances.router,
    agent.router,
    back_office.router,
    scenarios.router,
    experiments.router,
    performance.router,
    admin.router,
    accounts.router,
    partners.router,
    models.router,
    debtor_entry.router,
    debtor.router,
    debtor_language.router,
    debtor_contact.router,
    api_docs.router,
)
