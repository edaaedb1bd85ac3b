"""The pages' texts, French then English, keyed by what they say. One module per area of the site."""

from __future__ import annotations

from portal.web.texts import (
    account,
    admin,
    agent,
    api_docs,
    back_office,
    cases,
    common,
    debtor,
    debtor_contact,
    disputes,
    experiments,
    fields,
    imports,
    insolvency,
    legal,
    models,
    proofs,
    replies,
    reports,
    scenarios,
)

TEXTS: dict[str, tuple[str, str]] = {
    **common.TEXTS,
    **cases.TEXTS,
    **legal.TEXTS,
    **reports.TEXTS,
    **imports.TEXTS,
    **api_docs.TEXTS,
    **back_office.TEXTS,
    **agent.TEXTS,
    **debtor.TEXTS,
    **debtor_contact.TEXTS,
    **insolvency.TEXTS,
    **replies.TEXTS,
    **disputes.TEXTS,
    **proofs.TEXTS,
    **scenarios.TEXTS,
    **experiments.TEXTS,
    **admin.TEXTS,
    **account.TEXTS,
    **models.TEXTS,
    **fields.TEXTS,
}
