"""Events of legal: insurance. Every legal event about a case travels on `legal.procedures`, keyed by the case id."""

from __future__ import annotations
