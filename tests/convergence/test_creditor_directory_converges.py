"""The portal's creditor directory and dunning's creditors follow intake's corrections of a creditor: registrations
and corrections of several creditors interleaved, redelivered and across a crash end with each creditor's latest
name (and, in dunning, e-mail)."""

from __future__ import annotations

import uuid

from shared.db import make_engine
from shared.events.intake import CreditorRegistered, CreditorUpdated
from workbench.testing.convergence import Convergence
from workbench.testing.projections import projection_tables
from workbench.testing.recordings import Recorded, recorded

from .conftest import RUNS
from dunning.handlers import HANDLERS as DUNNING_HANDLERS
from portal.handlers import HANDLERS as PORTAL_HANDLERS

DIRECTORY_HANDLERS = {cls: PORTAL_HANDLERS[cls] for cls in (CreditorRegistered, CreditorUpdated)}


def _flow(clock) -> tuple[list[Recorded], dict[str, str]]:
    """Each creditor registered then renamed twice, as intake records them: keyed by the creditor."""
    events: list[Recorded] = []
    latest: dict[str, str] = {}
    for name in ("Alpha Fournitures", "Beta Services", "Gamma Négoce"):
        creditor_id = str(uuid.uuid4())
        names = [name, f"{name} SAS", f"{name} Groupe SAS"]
        for index, current in enumerate(names):
            clock.advance(minutes=1)
            event = (
                CreditorRegistered(creditor_id=creditor_id, name=current)
                if index == 0
                else CreditorUpdated(creditor_id=creditor_id, name=current, email=f"compta-{index}@example.org")
            )
            events.append(recorded(event, subject=creditor_id, tenant=creditor_id, clock=clock))
        latest[creditor_id] = names[-1]
    return events, latest


def test_the_directory_ends_with_each_creditors_latest_name_whatever_the_interleaving(settings_for, clock):
    settings = settings_for("portal")
    engine = make_engine(settings.database_url)
    try:
        events, latest = _flow(clock)

        projection = Convergence(
            engine=engine, settings=settings, handlers=DIRECTORY_HANDLERS, clock=clock, snapshot=projection_tables
        ).check(events, runs=RUNS)

        names = {str(row[0]): row[1] for row in projection["creditor_directory"]}
        assert {creditor_id: names[creditor_id] for creditor_id in latest} == latest
    finally:
        engine.dispose()


def test_dunning_ends_with_each_creditors_latest_name_and_e_mail_whatever_the_interleaving(settings_for, clock):
    settings = settings_for("dunning")
    engine = make_engine(settings.database_url)
    try:
        events, latest = _flow(clock)
        handlers = {cls: DUNNING_HANDLERS[cls] for cls in (CreditorRegistered, CreditorUpdated)}

        projection = Convergence(
            engine=engine, settings=settings, handlers=handlers, clock=clock, snapshot=projection_tables
        ).check(events, runs=RUNS)

        rows = {str(row[0]): (row[1], row[2]) for row in projection["dunning_creditors"]}
        expected = {creditor_id: (name, "compta-2@example.org") for creditor_id, name in latest.items()}
        assert {creditor_id: rows[creditor_id] for creditor_id in latest} == expected
    finally:
        engine.dispose()
