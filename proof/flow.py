"""The seeded flow of cases through the public API (the portal): opened and validated, reminded as the platform
clock moves, then each case's part of the mix: paid by transfer, by a camt.053 credit, by a bailiff, promised,
disputed, escalated to legal, or only reminded. The same seed gives the same cases, amounts and mix."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from proof.camt import camt053
from proof.client import Api
from shared.clock import PARIS
from shared.demo import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PARTNER_ID

RUN = "/api/v1/dunning/admin/run"
DUE = date(2027, 3, 1)  # a Monday; the whole flow is after the machine's date (see README, the platform clock)
ISSUED = DUE - timedelta(days=30)
AS_OF = DUE + timedelta(days=60)  # the day statements and aged balances are read at
MIX = (
    ("transfer", 20),
    ("camt", 15),
    ("bailiff", 10),
    ("promise", 15),
    ("dispute", 10),
    ("escalate", 5),
    ("plain", 25),
)
WORKERS = 6


@dataclass
class Case:
    index: int
    part: str
    amount: str
    paid: str
    id: str = ""
    debtor_id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def reference(self) -> str:
        return f"PRF-{self.index:05d}"

    @property
    def email(self) -> str:
        return f"debiteur.{self.index:05d}@example.org"


def plan(cases: int, seed: int) -> list[Case]:
    rng = random.Random(seed)
    parts = [name for name, weight in MIX for _ in range(weight)]
    planned = []
    for index in range(cases):
        cents = rng.randrange(20_000, 500_000)
        part = rng.choice(parts)
        paid_cents = cents if rng.random() < 0.5 else rng.randrange(5_000, cents)
        planned.append(
            Case(index, part, f"{cents // 100}.{cents % 100:02d}", f"{paid_cents // 100}.{paid_cents % 100:02d}")
        )
    return planned


def paris(day: date, hour: int = 10) -> str:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=PARIS).isoformat()


class Flow:
    def __init__(self, api: Api, cases: list[Case], tick: Callable[[], None] = lambda: None) -> None:
        self.api = api
        self.cases = cases
        self.tick = tick
        # Called before the clock moves to the next phase: waits until every event of the phase has reached its
        # consumers, so that a phase starts from the same state whether or not a kill delayed the events.
        self.settled: Callable[[], None] = lambda: None
        self.now = paris(DUE + timedelta(days=1), 8)
        self.payments = 0
        self.failures: list[str] = []
        # Each phase's duration, as it ends: where a long run spends its time (run 21 had only its total).
        self.say: Callable[[str], None] = lambda line: None
        self._phase_started = time.monotonic()

    def phase(self, name: str) -> None:
        now = time.monotonic()
        self.say(f"{name}: {now - self._phase_started:.0f} s")
        self._phase_started = now

    def operations(self) -> int:
        """How many ticks the flow gives (for the kill schedule)."""
        return 2 * len(self.cases) + len(self.cases) + 4

    def set_clock(self) -> None:
        self.api.request("PUT", "/api/v1/admin/clock", signed_in="admin", json={"now": self.now}, gated=False)

    def at(self, day: date, hour: int = 10) -> None:
        self.settled()
        self.now = paris(day, hour)
        self.set_clock()

    def run_dunning(self) -> None:
        while not self._pass_done():  # a pass a restart forgot, or one that failed: asked for again (it is safe)
            pass
        self.tick()

    def _pass_done(self) -> bool:
        """A pass over thousands of cases outlasts one answer (run 21: letters for 3,600 cases): it is followed by
        its id (202, `Location`) until its report."""
        answer = self.api.request("POST", RUN, signed_in="admin", key=f"run-{self.now}", ok=(200, 202))
        if answer.status_code == 200:
            return True
        while True:
            time.sleep(1)
            read = self.api.request("GET", answer.headers["location"], signed_in="admin", ok=(200, 404))
            if read.status_code == 404 or read.json()["status"] == "failed":
                return False
            if read.json()["status"] == "done":
                return True

    def each(self, work: Callable[[Case], None], cases: Iterable[Case]) -> None:
        def guarded(case: Case) -> None:
            try:
                work(case)
            except Exception as exc:
                self.failures.append(f"{case.reference} {work.__name__}: {exc}")
            self.tick()

        with ThreadPoolExecutor(WORKERS) as pool:
            list(pool.map(guarded, cases))

    def run(self) -> None:
        password = {"grant_type": "password", "password": "demo-password"}
        for who in ("admin", "agent", "creditor"):
            self.api.sign_in(who, {**password, "username": f"{who}@demo.example"})
        firm = {"grant_type": "client_credentials", "client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET}
        self.api.sign_in("firm", firm)
        self.set_clock()
        self.each(self.open, self.cases)
        self.phase("opened")
        self.each(self.validate, self.cases)
        self.phase("validated")
        self.at(DUE + timedelta(days=5))
        self.phase("settled before due + 5")
        self.run_dunning()  # the first e-mail
        self.phase("due + 5 pass (first e-mail)")
        self.at(DUE + timedelta(days=8))
        self.phase("settled before due + 8")
        self.each(self.act, [c for c in self.cases if c.part not in ("camt", "plain")])
        self.import_statements([c for c in self.cases if c.part == "camt"])
        self.each(lambda case: None, [c for c in self.cases if c.part in ("camt", "plain")])
        self.phase("due + 8 parts played")
        for days, what in ((15, "firmer e-mail"), (25, "letter"), (35, "call")):
            self.at(DUE + timedelta(days=days))
            self.phase(f"settled before due + {days}")
            self.run_dunning()
            self.phase(f"due + {days} pass ({what})")

    def open(self, case: Case) -> None:
        body = {
            "reference": case.reference,
            "kind": "b2c",
            "debtor": {
                "type": "person",
                "name": f"Débiteur Numéro {case.index}",
                "email": case.email,
                "address": {"line1": f"{case.index % 90 + 1} rue des Lilas", "postal_code": "44000", "city": "Nantes"},
            },
            "invoices": [
                {
                    "number": f"{case.reference}-1",
                    "issue_date": ISSUED.isoformat(),
                    "due_date": DUE.isoformat(),
                    "amount": case.amount,
                }
            ],
        }
        opened = self.api.request(
            "POST", "/api/v1/cases", signed_in="creditor", key=f"open-{case.reference}", json=body
        )
        case.id, case.debtor_id = opened.json()["id"], opened.json()["debtor"]["id"]

    def validate(self, case: Case) -> None:
        self.api.request(
            "POST",
            f"/api/v1/cases/{case.id}/validate",
            signed_in="agent",
            key=f"validate-{case.reference}",
            json={"override_reason": "preuve : pièces vues"},
        )

    def act(self, case: Case) -> None:
        received = (DUE + timedelta(days=6)).isoformat()
        if case.part == "transfer":
            self.api.request(
                "POST",
                "/api/v1/payments",
                signed_in="agent",
                key=f"pay-{case.reference}",
                json={
                    "case_id": case.id,
                    "amount": case.paid,
                    "currency": "EUR",
                    "received_on": received,
                    "source": "debtor_to_agency",
                    "reference": f"VIR-{case.reference}",
                },
            )
            self.payments += 1
        elif case.part == "bailiff":
            mission = self.api.request(
                "POST",
                f"/api/v1/legal/cases/{case.id}/missions",
                signed_in="agent",
                key=f"mission-{case.reference}",
                json={
                    "partner_id": str(DEMO_PARTNER_ID),
                    "kind": "enforcement",
                    "instructions": "Saisie-attribution.",
                    "references": [{"label": "jugement", "reference": f"TJ {case.reference}", "dated_on": received}],
                },
            ).json()
            self.api.request(
                "POST",
                f"/api/v1/partner/missions/{mission['id']}/events",
                signed_in="firm",
                key=f"funds-{case.reference}",
                json={
                    "type": "funds_collected",
                    "occurred_on": (DUE + timedelta(days=8)).isoformat(),
                    "amount": case.paid,
                    "currency": "EUR",
                    "reference": f"ENC-{case.reference}",
                },
            )
            self.payments += 1
        elif case.part == "promise":
            self.api.request(
                "POST",
                f"/api/v1/dunning/cases/{case.id}/promises",
                signed_in="agent",
                key=f"promise-{case.reference}",
                json={"amount": case.paid, "due_on": (DUE + timedelta(days=20)).isoformat()},
            )
        elif case.part == "dispute":
            self.api.request(
                "POST",
                f"/api/v1/dunning/cases/{case.id}/disputes",
                signed_in="creditor",
                key=f"dispute-{case.reference}",
                json={"reason": "Le débiteur conteste la livraison"},
            )
        elif case.part == "escalate":
            self.api.request(
                "POST",
                f"/api/v1/cases/{case.id}/transitions",
                signed_in="agent",
                key=f"legal-{case.reference}",
                json={"to": "legal", "note": "preuve : passage au contentieux"},
            )

    def import_statements(self, cases: list[Case], per_file: int = 50) -> None:
        cases = [case for case in cases if case.id]  # a case that could not be opened is among the failures
        for case in cases:
            statement = self.api.request(
                "GET", f"/api/v1/cases/{case.id}/statement", signed_in="agent", params={"as_of": AS_OF.isoformat()}
            )
            case.extra["rf"] = statement.json()["rf_reference"]
        for start in range(0, len(cases), per_file):
            chunk = cases[start : start + per_file]
            booked = (DUE + timedelta(days=7)).isoformat()
            document = camt053(f"PROOF-{start}", [(c.paid, booked, f"BNK-{c.reference}", c.extra["rf"]) for c in chunk])
            self.api.request(
                "POST",
                "/api/v1/intake/bank-statements",
                signed_in="agent",
                key=f"camt-{start}",
                files={"file": (f"releve-{start}.xml", document)},
            )
            self.payments += len(chunk)
