"""Debtors: the shared record and each creditor's view of it (`records`), read by staff (`views`), their API
models (`schemas`) and tables (`models`); merging two records moves their cases: `intake.cases.debtor_merging`."""
