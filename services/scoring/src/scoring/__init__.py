"""Scoring: debtor scores and models, aged balance, priorities and worklist, credit-insurer limits."""
