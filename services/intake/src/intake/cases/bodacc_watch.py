"""The BODACC watch: once per business day, intake asks DILA's open-data API for the insolvency notices published
lately about the SIRENs of its debtors under collection, and records each opening judgment it finds on the debtor
as staff would (`cases.insolvency_opening.record_opening`): the debtor's cases are stayed, legal opens the claim to
declare with its deadline, dunning stops and the creditor is told. A debtor whose proceedings are already recorded
is not asked about again; a notice that opens nothing (a plan, a closing) is left for staff to read.

The API is Opendatasoft's Explore v2.1 (`GET …/records?where=…&limit=…&offset=…`, answering `total_count` and
`results`); a local fake speaking it stands in for DILA under `make run` and in the tests
(`workbench.stack.fake_bodacc`). A failure to reach it is logged and the next day tries again: the watch is a help,
and staff may still record a judgment by hand."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.auth import Principal, Role
from shared.clock import Clock, today_in_paris
from shared.daily import DailyJob, only_one_replica
from shared.errors import Conflict, Invalid

from intake.cases.insolvency_opening import UNDER_COLLECTION, record_opening
from intake.cases.models import Case
from intake.debtors.models import Debtor
from intake.debtors.schemas import Insolvency
from intake.domain.bodacc import opening_notice, sirens_of

log = logging.getLogger(__name__)
WATCH = Principal(subject="bodacc-watch", role=Role.SERVICE, name="BODACC watch")
BATCH = 40  # SIRENs per request: the query stays well under the API's URL length
PAGE = 100  # the API's largest page


class BodaccRecorded(BaseModel):
    debtor_id: str
    siren: str
    notice_id: str
    kind: str
    opened_on: date
    published_on: date
    cases_moved: int


class BodaccReport(BaseModel):
    """What one pass of the watch did."""

    watched: int  # SIRENs asked about
    notices: int  # notices read
    recorded: list[BodaccRecorded]
    unreachable: bool = False


@dataclass
class BodaccClient:
    url: str
    timeout_s: float = 10.0
    transport: httpx.BaseTransport | None = field(default=None, repr=False)

    def collective_notices(self, sirens: list[str], since: date) -> Iterator[dict[str, Any]]:
        """The insolvency notices published since `since` naming any of `sirens`, a page at a time."""
        with httpx.Client(timeout=self.timeout_s, transport=self.transport) as client:
            for start in range(0, len(sirens), BATCH):
                batch = sirens[start : start + BATCH]
                named = " or ".join(f'registre="{siren}"' for siren in batch)
                where = f"familleavis=\"collective\" and dateparution>=date'{since.isoformat()}' and ({named})"
                offset = 0
                while True:
                    params: dict[str, str | int] = {
                        "where": where,
                        "limit": PAGE,
                        "offset": offset,
                        "order_by": "dateparution",
                    }
                    answer = client.get(self.url, params=params)
                    answer.raise_for_status()
                    page = answer.json()
                    results = page.get("results") or []
                    yield from results
                    offset += len(results)
                    if not results or offset >= int(page.get("total_count", 0)):
                        break


def watched_debtors(session: Session) -> dict[str, list[Debtor]]:
    """The debtors with a SIREN, no proceedings recorded and a case submitted or under collection, by SIREN."""
    debtors = session.exec(
        select(Debtor)
        .where(
            col(Debtor.siren).is_not(None),
            col(Debtor.merged_into_id).is_(None),
            col(Debtor.id).in_(select(Case.debtor_id).where(col(Case.status).in_(("submitted", *UNDER_COLLECTION)))),
        )
        .order_by(col(Debtor.siren))
    ).all()
    by_siren: dict[str, list[Debtor]] = defaultdict(list)
    for debtor in debtors:
        if not debtor.insolvency:  # a JSON null or no value: nothing recorded yet
            by_siren[str(debtor.siren)].append(debtor)
    return by_siren


def watch_bodacc(*, engine: Engine, clock: Clock, client: BodaccClient, lookback_days: int) -> BodaccReport:
    today = today_in_paris(clock)
    with Session(engine) as session:
        by_siren = {siren: [d.id for d in debtors] for siren, debtors in watched_debtors(session).items()}
    recorded: list[BodaccRecorded] = []
    notices, watched = 0, len(by_siren)
    try:
        found = list(client.collective_notices(sorted(by_siren), today - timedelta(days=lookback_days)))
    except (httpx.HTTPError, ValueError) as exc:
        log.warning("the BODACC watch could not read the notices (%s): tried again at the next business day", exc)
        return BodaccReport(watched=watched, notices=0, recorded=[], unreachable=True)
    for record in found:
        notices += 1
        for siren in sorted(sirens_of(record.get("registre")) & by_siren.keys()):
            notice = opening_notice(record, siren)
            if notice is None:
                continue
            for debtor_id in by_siren.pop(siren):
                insolvency = Insolvency(kind=notice.kind, opened_on=notice.opened_on, published_on=notice.published_on)
                with Session(engine) as session:
                    try:
                        done = record_opening(
                            session=session,
                            debtor_id=debtor_id,
                            insolvency_in=insolvency,
                            principal=WATCH,
                            clock=clock,
                            source={"recorded_by": "bodacc", "notice_id": notice.notice_id, "court": notice.court},
                        )
                    except (Conflict, Invalid) as exc:  # recorded meanwhile, merged, or a date in the future
                        log.info("BODACC notice %s for debtor %s not recorded: %s", notice.notice_id, debtor_id, exc)
                        continue
                recorded.append(
                    BodaccRecorded(
                        debtor_id=str(debtor_id),
                        siren=siren,
                        notice_id=notice.notice_id,
                        kind=notice.kind,
                        opened_on=notice.opened_on,
                        published_on=notice.published_on,
                        cases_moved=len(done.moved),
                    )
                )
    return BodaccReport(watched=watched, notices=notices, recorded=recorded)


def daily_bodacc_watch(
    *, engine: Engine, clock: Clock, client: BodaccClient, lookback_days: int, interval_s: float
) -> DailyJob:
    def watch(_day: object) -> int | None:
        with Session(engine) as session, session.begin():  # the lock is held until the watch is done
            if not only_one_replica(session, "intake-bodacc-watch"):
                return None  # another replica reads the notices
            return len(watch_bodacc(engine=engine, clock=clock, client=client, lookback_days=lookback_days).recorded)

    return DailyJob(name="intake-bodacc-watch", clock=clock, job=watch, interval_s=interval_s)
