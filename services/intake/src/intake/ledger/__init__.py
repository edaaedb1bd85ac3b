"""The money of a case on the database: payments, statements, reconciliation, receipts, remittances.
The rules themselves are pure and live in `intake.money`; this package loads, stores and emits events."""
