"""Texts of the reports pages, French then English."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {}
