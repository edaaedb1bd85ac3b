"""Base class of every event: an immutable, past-tense fact with a versioned type and a home topic."""

from __future__ import annotations

from typing import ClassVar, Unpack

from pydantic import BaseModel, ConfigDict

_REGISTRY: dict[str, type[Event]] = {}


class Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    type: ClassVar[str]
    """`recouvra.<service>.<aggregate>.<fact>.v<N>`"""
    topic: ClassVar[str]
    """topic of the producing service and aggregate, without the deployment prefix"""
    supersedes: ClassVar[tuple[str, ...]] = ()
    """older types of the same fact whose payload this class reads (a version that moved topic, say): consumers
    apply them with this class's handler, and a replay publishes them on this class's topic"""

    def __init_subclass__(cls, **kwargs: Unpack[ConfigDict]) -> None:
        super().__init_subclass__(**kwargs)
        event_type = cls.__dict__.get("type")
        if isinstance(event_type, str):
            if event_type in _REGISTRY and _REGISTRY[event_type] is not cls:
                raise TypeError(f"event type {event_type} is declared twice")
            _REGISTRY[event_type] = cls
            for older in cls.__dict__.get("supersedes", ()):
                _REGISTRY[older] = cls

    @classmethod
    def source(cls) -> str:
        return "/" + cls.type.split(".")[1]


def event_class_for(event_type: str) -> type[Event] | None:
    """The class that reads `event_type` today (the newer version for a superseded type)."""
    return _REGISTRY.get(event_type)


def current_topic(event_type: str, recorded_topic: str) -> str:
    """Where an event recorded on `recorded_topic` is published today: a superseded version that moved follows
    its successor, so a replayed old event reaches the consumers in its case's order."""
    cls = _REGISTRY.get(event_type)
    return cls.topic if cls is not None else recorded_topic


def registered_events() -> dict[str, type[Event]]:
    return dict(_REGISTRY)
