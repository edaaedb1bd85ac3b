"""Demo files for `make run`: once the platform answers, the demo creditor gets a bank account (IBAN), five
collection files at different stages (a draft, one waiting for validation, three in amicable collection, one of
them partly paid and one paid), the payments and a remittance run, so that every page is worth opening.

Written through the public API on port 8000, as a client would (the demo accounts of the embedded profile), and
idempotent: a platform that has the files already is left as it is. Tests never run it: the platform they start
stays empty but for the demo accounts.

    python -m workbench.stack.demo_data [--wait SECONDS]"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date, datetime, timedelta
from typing import Any

import httpx

from shared.clock import PARIS
from shared.demo import DEMO_CREDITOR_ID, DEMO_PASSWORD

DEMO_IBAN = "FR14 2004 1010 0505 0001 3M02 606"
DEMO_BIC = "PSSTFRPPPAR"
# reference, debtor, amount, stage ("draft", "submitted", "validated"), amount paid
FILES: tuple[tuple[str, str, str, str, str | None], ...] = (
    ("DEMO-001", "Boulangerie Martin SARL", "1840.00", "draft", None),
    ("DEMO-002", "Garage du Centre SAS", "3275.50", "submitted", None),
    ("DEMO-003", "Imprimerie Leroy SA", "5120.00", "validated", None),
    ("DEMO-004", "Transports Bernard SARL", "2400.00", "validated", "900.00"),
    ("DEMO-005", "Menuiserie Petit EURL", "760.00", "validated", "760.00"),
)


def populate(client: httpx.Client, today: date) -> list[str]:
    """The demo files the platform lacked, created now (their references); [] when it had them all."""
    admin, creditor = _token(client, "admin@demo.example"), _token(client, "creditor@demo.example")
    agent = _token(client, "agent@demo.example")
    account = {"iban": DEMO_IBAN, "bic": DEMO_BIC}
    _ok(client.put(f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account", json=account, headers=admin))
    created: list[str] = []
    for reference, debtor, amount, stage, paid in FILES:
        known = _ok(client.get("/api/v1/cases", params={"reference": reference}, headers=creditor))
        if known["total"]:
            continue
        case = _ok(client.post("/api/v1/cases", json=_case(reference, debtor, amount, stage, today), headers=creditor))
        if stage == "validated":
            path = f"/api/v1/cases/{case['id']}/validate"
            _ok(client.post(path, json={"override_reason": "dossier de démonstration"}, headers=agent))
        if paid:
            payment = {
                "case_id": case["id"],
                "amount": paid,
                "received_on": today.isoformat(),
                "source": "debtor_to_agency",
                "reference": f"VIR-{reference}",
            }
            _ok(client.post("/api/v1/payments", json=payment, headers=admin))
        created.append(reference)
    if created:
        _ok(client.post("/api/v1/remittances/runs", json={"creditor_id": str(DEMO_CREDITOR_ID)}, headers=admin))
    return created


def _case(reference: str, debtor: str, amount: str, stage: str, today: date) -> dict[str, Any]:
    issued = today - timedelta(days=95)
    body: dict[str, Any] = {
        "reference": reference,
        "kind": "b2b",
        "debtor": {
            "type": "company",
            "name": debtor,
            "email": f"compta@{reference.lower()}.example",
            "address": {"line1": "10 rue du Commerce", "postal_code": "75015", "city": "Paris"},
        },
        "invoices": [
            {
                "number": f"{reference}-F1",
                "issue_date": issued.isoformat(),
                "due_date": (issued + timedelta(days=30)).isoformat(),
                "amount": amount,
            }
        ],
        "draft": stage == "draft",
    }
    return body


def _token(client: httpx.Client, email: str) -> dict[str, str]:
    form = {"grant_type": "password", "username": email, "password": DEMO_PASSWORD}
    answer = _ok(client.post("/api/v1/auth/token", data=form))
    return {"Authorization": f"Bearer {answer['access_token']}"}


def _ok(response: httpx.Response) -> Any:
    if response.status_code >= 400:
        request = response.request
        raise RuntimeError(f"{request.method} {request.url.path}: {response.status_code} {response.text[:500]}")
    return response.json() if response.content else None


def _ready(port_base: int, deadline: float) -> bool:
    """Every service answers its /readyz (the five services listen on consecutive ports from the portal's)."""
    urls = [f"http://127.0.0.1:{port_base + offset}/readyz" for offset in range(5)]
    while time.monotonic() < deadline:
        try:
            if all(httpx.get(url, timeout=2).status_code == 200 for url in urls):
                return True
        except httpx.HTTPError:
            pass
        time.sleep(1)
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="demo files for make run")
    parser.add_argument("--wait", type=float, default=0, help="seconds to wait for the platform to be ready")
    args = parser.parse_args(argv)
    port_base = int(os.environ.get("RECOUVRA_PORT_BASE", "8000"))
    deadline = time.monotonic() + max(args.wait, 1)
    if not _ready(port_base, deadline):
        print(f"demo data: the platform did not answer on port {port_base}", file=sys.stderr)
        return 1
    with httpx.Client(base_url=f"http://127.0.0.1:{port_base}", timeout=30) as client:
        while True:  # a service may still be catching up (503): the files already made are not made twice
            try:
                created = populate(client, datetime.now(PARIS).date())  # the embedded platform runs on real time
                break
            except (RuntimeError, httpx.HTTPError) as exc:
                if time.monotonic() > deadline:
                    print(f"demo data: {exc}", file=sys.stderr)
                    return 1
                time.sleep(2)
    print(f"demo data: {', '.join(created)} created" if created else "demo data: already there")
    return 0


if __name__ == "__main__":
    sys.exit(main())
