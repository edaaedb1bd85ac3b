"""Scoring administration: model versions and retraining, full rescoring, the credit insurer's file."""

from __future__ import annotations

from pathlib import PurePath

from fastapi import APIRouter, Request, UploadFile, status
from sqlmodel import col, select

from shared.deps import AdminDep, ClockDep, SessionDep, StaffDep

from scoring.domain import expert
from scoring.errors import InvalidQuery
from scoring.insurance.cover import import_insurer_cover
from scoring.insurance.schemas import ImportReportPublic, LineErrorPublic
from scoring.scorecard.models import ModelVersion
from scoring.scorecard.schemas import ModelPublic, ModelsPublic
from scoring.scores.retraining import decision, rescore_all, retrain
from scoring.scores.schemas import RescorePublic

router = APIRouter(prefix="/api/v1/scoring", tags=["scoring administration"])

MAX_FILE_BYTES = 10_000_000
CSV_SUFFIXES = frozenset({"", ".csv", ".txt"})

EXPERT_MODEL = ModelPublic(
    version=expert.VERSION, kind="expert_scorecard", trained_at=None, training_rows=0, metrics={}, active=False
)


def _model_out(row: ModelVersion) -> ModelPublic:
    why = decision(row.metrics, active=row.active)
    return ModelPublic(
        version=row.version,
        kind=row.kind,
        trained_at=row.trained_at,
        training_rows=row.training_rows,
        metrics=row.metrics,
        active=row.active,
        decision=why[0] if why else None,
        decision_fr=why[1] if why else None,
    )


@router.get("/models", summary="every model version; the expert scorecard is used when none is active")
def list_models(session: SessionDep, staff: StaffDep) -> ModelsPublic:
    rows = session.exec(select(ModelVersion).order_by(col(ModelVersion.trained_at).desc())).all()
    active = next((row.version for row in rows if row.active), None)
    items = [_model_out(row) for row in rows]
    return ModelsPublic(
        items=[*items, EXPERT_MODEL.model_copy(update={"active": active is None})], in_use=active or expert.VERSION
    )


@router.post("/models/retrain", status_code=status.HTTP_201_CREATED, summary="fit a new scorecard on closed cases")
def post_retrain(request: Request, session: SessionDep, admin: AdminDep, clock: ClockDep) -> ModelPublic:
    settings = request.app.state.runtime.settings
    return _model_out(retrain(session=session, clock=clock, min_rows=settings.min_training_cases, actor=admin))


@router.post("/rescore", summary="rescore every debtor with an open case")
def post_rescore(session: SessionDep, admin: AdminDep, clock: ClockDep) -> RescorePublic:
    return RescorePublic(debtors=rescore_all(session=session, clock=clock))


@router.post("/insurer-limits", summary="import a credit insurer's grades and limits (CSV)")
def post_insurer_limits(file: UploadFile, session: SessionDep, staff: StaffDep, clock: ClockDep) -> ImportReportPublic:
    suffix = PurePath(file.filename or "").suffix.lower()
    if suffix not in CSV_SUFFIXES:  # a file whose name claims another type is a disguised file
        raise InvalidQuery(
            "file",
            f"file: the insurer file must be a CSV file (.csv), not a {suffix} file",
            f"file : le fichier de l'assureur doit être un fichier CSV (.csv), pas un fichier {suffix}",
        )
    content = file.file.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise InvalidQuery(
            "file",
            f"file: the insurer file must be at most {MAX_FILE_BYTES // 1_000_000} MB",
            f"file : le fichier de l'assureur fait au plus {MAX_FILE_BYTES // 1_000_000} Mo",
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidQuery(
            "file", "file: the insurer file must be a UTF-8 CSV", "file : le fichier de l'assureur est un CSV en UTF-8"
        ) from exc
    report = import_insurer_cover(session=session, text=text, clock=clock, actor=staff)
    return ImportReportPublic(
        rows=report.rows,
        accepted=report.accepted,
        rejected=report.rejected,
        errors=[LineErrorPublic(line=e.line, column=e.column, reason=e.reason) for e in report.errors],
    )
