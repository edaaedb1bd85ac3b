"""Deeds a bailiff uploads on its mission (the act served, the seizure report): PDF only, read from the content,
size-limited, under a safe name; the same file twice on a mission is the same deed."""

from __future__ import annotations

import hashlib
import uuid
from typing import BinaryIO

from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock

from legal.domain.partners import past_the_end
from legal.errors import DeedNotFound, InvalidReport, MissionEnded
from legal.partners.files import is_pdf, safe_deed_name
from legal.partners.models import MissionDeed
from legal.partners.reports import partner_mission

DEED_KINDS = ("service_deed", "seizure_report", "search_report", "collection_receipt", "other")


def upload_deed(
    *,
    session: Session,
    mission_id: uuid.UUID,
    kind: str,
    source: BinaryIO,
    filename: str | None,
    max_bytes: int,
    principal: Principal,
    clock: Clock,
) -> tuple[MissionDeed, bool]:
    """Returns the deed and whether it is new (False: this file was already uploaded on the mission)."""
    mission = partner_mission(session=session, mission_id=mission_id, principal=principal, lock=True)
    if kind not in DEED_KINDS:
        raise InvalidReport(
            "kind",
            f"kind: '{kind}' is not a kind of deed; use one of {', '.join(DEED_KINDS)}",
            f"kind : « {kind} » n'est pas un type d'acte ; utilisez l'un de : {', '.join(DEED_KINDS)}",
        )
    content = source.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise InvalidReport(
            "file",
            f"file: a deed is at most {max_bytes // (1 << 20)} MB",
            f"file : un acte ne dépasse pas {max_bytes // (1 << 20)} Mo",
        )
    if not content:
        raise InvalidReport("file", "file: the file is empty", "file : le fichier est vide")
    if not is_pdf(content[:1024]):
        raise InvalidReport(
            "file",
            "file: a deed must be a PDF (read from its content)",
            "file : un acte doit être un PDF (lu dans son contenu)",
        )
    sha256 = hashlib.sha256(content).hexdigest()
    existing = session.exec(
        select(MissionDeed).where(MissionDeed.mission_id == mission.id, MissionDeed.sha256 == sha256)
    ).first()
    if existing is not None:
        return existing, False
    if past_the_end(status=mission.status, ended_on=mission.ended_on, occurred_on=None):
        raise MissionEnded(mission.status, mission.ended_on)
    deed = MissionDeed(
        mission_id=mission.id,
        kind=kind,
        filename=safe_deed_name(filename, fallback=f"{kind}-{sha256[:12]}"),
        size=len(content),
        sha256=sha256,
        content=content,
        uploaded_by=principal.subject,
        uploaded_at=clock.now(),
    )
    session.add(deed)
    audit(
        session,
        actor=principal,
        action="deed.uploaded",
        entity="mission",
        entity_id=mission.id,
        clock=clock,
        kind=kind,
        sha256=sha256,
        filename=deed.filename,
    )
    session.commit()
    return deed, True


def deeds_of(session: Session, mission_id: uuid.UUID) -> list[MissionDeed]:
    return list(
        session.exec(
            select(MissionDeed)
            .where(MissionDeed.mission_id == mission_id)
            .order_by(col(MissionDeed.uploaded_at), col(MissionDeed.id))
            .options(defer(MissionDeed.content))  # type: ignore[arg-type]  # a mapped column; SQLModel types it as bytes
        ).all()
    )


def deed_of(session: Session, mission_id: uuid.UUID, deed_id: uuid.UUID) -> MissionDeed:
    deed = session.get(MissionDeed, deed_id)
    if deed is None or deed.mission_id != mission_id:
        raise DeedNotFound(deed_id)
    return deed
