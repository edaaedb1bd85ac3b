"""The five services in-process on fresh databases with seeded records: the security suite's platform
(tests/security/conftest.py), loaded from its file so that both folders build the same one."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "security_platform", Path(__file__).parent.parent / "security" / "conftest.py"
)
assert _spec is not None and _spec.loader is not None
_security = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _security  # dataclasses look their module up there
_spec.loader.exec_module(_security)

Platform = _security.Platform
SERVICES = _security.SERVICES
platform = _security.platform
security_databases = _security.security_databases
