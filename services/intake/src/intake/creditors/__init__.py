"""Creditors (the agency's clients, the tenants): registration and mandates (`registry`), corrections to a
registration (`updates`), a mandate's claims (`mandate_claims`), their API models (`schemas`); the tables are in
`intake.models`."""
