"""Identifiers of the demo records the embedded profile seeds. Fixed (UUIDv5) so that each service can seed
its own part idempotently and the parts agree without any service calling another."""

from __future__ import annotations

import uuid

_NS = uuid.UUID("7b6f2a52-3c1e-4c55-9d0e-8f1b4c7a2e10")

DEMO_CREDITOR_ID = uuid.uuid5(_NS, "creditor:demo-creancier-sas")
DEMO_CREDITOR_NAME = "Demo Créancier SAS"
DEMO_CREDITOR_SIREN = "732829320"
DEMO_PARTNER_ID = uuid.uuid5(_NS, "partner:demo-bailiff")
DEMO_PARTNER_NAME = "Étude Démo, commissaires de justice"
DEMO_PASSWORD = "demo-password"
DEMO_USERS = (
    ("creditor@demo.example", "creditor", DEMO_CREDITOR_ID),
    ("agent@demo.example", "agent", None),
    ("admin@demo.example", "admin", None),
)
DEMO_CLIENT_ID = "demo-bailiff"
DEMO_CLIENT_SECRET = "demo-bailiff-secret"
