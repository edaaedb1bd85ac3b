"""The bare FastAPI app the API benchmark compares with: one route returning a constant, run by the benchmark
with the same uvicorn as the services (`python -m uvicorn bench.bare_app:app`, one worker)."""

from __future__ import annotations

from fastapi import FastAPI

app = FastAPI()


@app.get("/constant")
def constant() -> dict[str, str]:
    return {"status": "ok"}
