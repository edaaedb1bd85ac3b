"""Intake's background work (imports, resuming them at start, the daily remittance alerts) runs on the worker
engine: a long import or a flood of API reads never makes the other wait for a connection."""

from __future__ import annotations

import io
import threading

from fastapi.testclient import TestClient
from sqlalchemy import event

from workbench import samples

from intake import main as intake_main
from intake.main import create_app


def test_an_import_runs_on_the_worker_engine_never_on_a_connection_the_api_waits_for(api):
    runtime = api.client.app.state.runtime
    checkouts: list[object] = []

    def checked_out(*args: object) -> None:
        checkouts.append(args)

    event.listen(runtime.worker_engine, "checkout", checked_out)
    try:
        content = io.BytesIO(samples.french_csv(samples.good_rows()))
        submitted = api.client.post("/api/v1/imports", files={"file": ("export.csv", content)}, headers=api.creditor)
        assert submitted.status_code == 202, submitted.text
    finally:
        event.remove(runtime.worker_engine, "checkout", checked_out)
    report = api.client.get(f"/api/v1/imports/{submitted.json()['id']}", headers=api.creditor).json()
    assert report["status"] == "done" and checkouts


def test_resuming_imports_and_the_daily_alerts_run_on_the_worker_engine(
    settings_for, clock, verifier, monkeypatch, tmp_path
):
    engines: dict[str, object] = {}
    alerts, resume = intake_main.daily_remittance_alerts, intake_main.resume_unfinished_imports

    def recorded_alerts(**kwargs):
        engines["alerts"] = kwargs["engine"]
        return alerts(**kwargs)

    def recorded_resume(**kwargs):
        engines["resume"] = kwargs["engine"]
        return resume(**kwargs)

    monkeypatch.setattr(intake_main, "daily_remittance_alerts", recorded_alerts)
    monkeypatch.setattr(intake_main, "resume_unfinished_imports", recorded_resume)
    settings = settings_for(
        "intake", run_workers=True, documents_dir=tmp_path / "documents", daily_check_interval_s=3600
    )
    with TestClient(create_app(settings, clock=clock, verifier=verifier)) as client:
        runtime = client.app.state.runtime
        for thread in [t for t in threading.enumerate() if t.name == "intake-import-resume"]:
            thread.join(timeout=10)
        assert engines == {"alerts": runtime.worker_engine, "resume": runtime.worker_engine}
