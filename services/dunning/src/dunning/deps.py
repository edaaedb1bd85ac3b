"""Dunning's own FastAPI dependencies (the kernel's are in shared.deps: session, clock, staff, creditor or staff)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role
from shared.deps import require_roles

SupervisorDep = Annotated[Principal, Depends(require_roles(Role.SUPERVISOR, Role.ADMIN))]
"""A supervisor or an admin: who may edit the dunning scenarios."""
