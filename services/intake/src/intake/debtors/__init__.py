"""Debtors: the shared record and each creditor's view of it (`records`), merging two records (`merging`), their
API models (`schemas`); the tables are in `intake.models`."""
