"""A started service leaves what it holds out of the garbage collector's full passes (`shared.web`): a full pass
walked every module, class and schema of the process, and held it still for hundreds of milliseconds under load
(issue 17). What the service allocates afterwards is collected as before; shutting down unfreezes."""

from __future__ import annotations

import gc

from fastapi.testclient import TestClient

from intake.main import create_app


def test_a_started_service_keeps_its_startup_heap_out_of_full_collections(settings_for, clock, verifier, tmp_path):
    gc.unfreeze()  # whatever an earlier test left
    app = create_app(settings_for("intake", documents_dir=tmp_path / "documents"), clock=clock, verifier=verifier)
    assert gc.get_freeze_count() == 0
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        frozen = gc.get_freeze_count()
        gc.collect()
        walked = len(gc.get_objects(generation=2))
        # The process's modules, classes and schemas: far more than what a full pass still walks.
        assert frozen > 100_000, frozen
        assert walked < frozen / 5, (walked, frozen)

        garbage: list[object] = []
        garbage.append(garbage)  # a reference cycle: only the collector frees it
        del garbage
        assert gc.collect() > 0  # what the service allocates once started is still collected
    assert gc.get_freeze_count() == 0
