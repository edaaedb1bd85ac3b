"""What scoring was told: its projection of intake's creditors, debtors, cases, invoices and balances (and of the
dunning behaviour), each creditor's own view of a debtor, and the credit insurer's cover."""
