from intake.routes import (
    card_payments,
    cases,
    creditors,
    debtors,
    documents,
    imports,
    payments,
    rates,
    reconciliation,
    remittances,
    statements,
)

ROUTERS = [
    creditors.router,
    cases.router,
    documents.router,
    debtors.router,
    imports.router,
    payments.router,
    card_payments.router,
    statements.router,
    rates.router,
    reconciliation.router,
    remittances.router,
]
