"""Creditors (the agency's clients, the tenants): registration and mandates (`registry`), corrections to a
registration (`updates`), their API models (`schemas`) and tables (`models`: creditors, mandates); a mandate's
claims are its cases' receivables: `intake.cases.mandate_claims`."""
