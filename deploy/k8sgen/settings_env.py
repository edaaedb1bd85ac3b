"""Every setting the services read, as the env files behind the ConfigMaps (k8s) and the `env_file`s (compose).

Written from the settings classes themselves, so that a setting added to a service appears here at its default
value the next time `deploy/generate_k8s.py` runs (and `tests/deploy` fails until it has run). Secrets are not
written: they come from the `recouvra-secrets` Secret (`SECRET_ENV`). A setting whose default is "unset" (None)
cannot be written as a value: it appears as a commented line, to be filled in by an overlay.
"""

from __future__ import annotations

import importlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo

from shared.config import SERVICE_PORTS, BaseServiceSettings

SERVICES = tuple(SERVICE_PORTS)
SETTINGS_DIR = "k8s/base/settings"

# Variable -> key in the `recouvra-secrets` Secret, per service: each service receives only what it reads.
# `optional`: the Secret may leave the key out (the feature it enables stays off).
SECRET_ENV: dict[str, dict[str, tuple[str, bool]]] = {
    "portal": {
        "PORTAL_DATABASE_URL": ("portal-database-url", False),
        "PORTAL_JWT_PRIVATE_KEY_PEM": ("jwt-private-key-pem", False),
        "PORTAL_SERVICE_CLIENT_SECRET": ("service-client-secret", False),
        "PORTAL_DEBTOR_LINK_KEY": ("debtor-link-key", False),
    },
    "intake": {
        "INTAKE_DATABASE_URL": ("intake-database-url", False),
        "INTAKE_PSP_SECRET_KEY": ("intake-psp-secret-key", True),
        "INTAKE_PSP_WEBHOOK_SECRET": ("intake-psp-webhook-secret", True),
    },
    "scoring": {"SCORING_DATABASE_URL": ("scoring-database-url", False)},
    "dunning": {
        "DUNNING_DATABASE_URL": ("dunning-database-url", False),
        "DUNNING_SERVICE_CLIENT_SECRET": ("service-client-secret", False),
        "DUNNING_DEBTOR_LINK_KEY": ("debtor-link-key", False),
        "DUNNING_PROVIDER_API_KEY": ("dunning-provider-api-key", True),
        "DUNNING_PROVIDER_WEBHOOK_SECRET": ("dunning-provider-webhook-secret", True),
    },
    "legal": {
        "LEGAL_DATABASE_URL": ("legal-database-url", False),
        "LEGAL_SERVICE_CLIENT_SECRET": ("service-client-secret", False),
    },
}

# Shared secrets a service does not use (its code never reads the field): it receives no copy.
NOT_READ: dict[str, frozenset[str]] = {
    "portal": frozenset(),
    "intake": frozenset({"INTAKE_SERVICE_CLIENT_SECRET", "INTAKE_DEBTOR_LINK_KEY"}),
    "scoring": frozenset({"SCORING_SERVICE_CLIENT_SECRET", "SCORING_DEBTOR_LINK_KEY"}),
    "dunning": frozenset(),
    "legal": frozenset({"LEGAL_DEBTOR_LINK_KEY"}),
}

# Base settings that are secrets: each service that reads one gets it under its own prefix (SECRET_ENV).
SECRET_BASE_FIELDS = frozenset({"database_url", "service_client_secret", "debtor_link_key"})
# Fixed by the service's class, never set from outside.
FIXED_FIELDS = frozenset({"service_name"})
# Embedded and test profiles only (the portal generates its key there); production ignores it.
EMBEDDED_ONLY = frozenset({"PORTAL_JWT_KEY_FILE"})

# Values the cluster needs instead of the development defaults (the overlays change them further).
PLATFORM_VALUES: dict[str, str] = {
    "RECOUVRA_PROFILE": "production",
    # Strimzi names the bootstrap Service of a cluster `<cluster>-kafka-bootstrap` (here cluster `recouvra`).
    "RECOUVRA_KAFKA_BOOTSTRAP_SERVERS": "recouvra-kafka-bootstrap.kafka.svc.cluster.local:9092",
    "RECOUVRA_JWKS_URL": f"http://portal:{SERVICE_PORTS['portal']}/.well-known/jwks.json",
    "RECOUVRA_REVOCATIONS_URL": f"http://portal:{SERVICE_PORTS['portal']}/.well-known/revocations.json",
    "RECOUVRA_SERVICE_URLS": json.dumps({s: f"http://{s}:{p}" for s, p in SERVICE_PORTS.items()}),
    "RECOUVRA_SEED_DEMO": "false",
    "RECOUVRA_PUBLIC_BASE_URL": "https://recouvra.example",
}
SERVICE_VALUES: dict[str, dict[str, str]] = {
    "portal": {
        # Behind the Ingress every request comes from the ingress pods: believe their X-Forwarded-For, or one
        # user's typos would slow down sign-in for everybody. Narrow it to the pod network in an overlay.
        "PORTAL_TRUSTED_PROXIES": json.dumps(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]),
    },
    "intake": {"INTAKE_DOCUMENTS_DIR": "/var/lib/recouvra/documents"},
    "dunning": {"DUNNING_SMTP_HOST": "smtp-relay", "DUNNING_SMTP_PORT": "25"},
}


def settings_class(service: str) -> type[BaseServiceSettings]:
    cls: type[BaseServiceSettings] = importlib.import_module(f"{service}.config").Settings
    return cls


def default_of(field: FieldInfo) -> Any:
    if field.default_factory is None:
        return field.default
    return field.default_factory()  # type: ignore[call-arg]  # a factory may take the data; these take none


def as_env(value: Any) -> str | None:
    """The environment spelling pydantic-settings reads back as `value`; None: cannot be written (unset)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    if isinstance(value, (int, float, str, Decimal, Path)):
        return str(value)
    return str(getattr(value, "value", value))


def platform_settings() -> dict[str, str | None]:
    """RECOUVRA_<FIELD> of every base setting the ConfigMap carries, at its cluster value or its default."""
    rows: dict[str, str | None] = {}
    for name, field in BaseServiceSettings.model_fields.items():
        if name in FIXED_FIELDS | SECRET_BASE_FIELDS:
            continue
        variable = f"RECOUVRA_{name.upper()}"
        rows[variable] = PLATFORM_VALUES.get(variable, as_env(default_of(field)))
    return rows


def service_settings(service: str) -> dict[str, str | None]:
    """<SERVICE>_<FIELD> of the service's own settings, and of base settings whose default it changes."""
    base = BaseServiceSettings.model_fields
    secrets = SECRET_ENV[service]
    rows: dict[str, str | None] = {}
    for name, field in settings_class(service).model_fields.items():
        variable = f"{service.upper()}_{name.upper()}"
        if name in FIXED_FIELDS or variable in secrets or variable in EMBEDDED_ONLY:
            continue
        if name in base and (name in SECRET_BASE_FIELDS or default_of(field) == default_of(base[name])):
            continue
        rows[variable] = SERVICE_VALUES.get(service, {}).get(variable, as_env(default_of(field)))
    return rows


def env_file(rows: dict[str, str | None], title: str) -> str:
    lines = [
        f"# {title}",
        "# Generated by deploy/generate_k8s.py from the settings classes: do not edit, change an overlay instead.",
        "# README.md (Settings) says what each one means. A commented line is unset by default: set it in an",
        "# overlay (configMapGenerator, behavior: merge) when the deployment needs it.",
    ]
    for variable, value in rows.items():
        lines.append(f"# {variable}=" if value is None else f"{variable}={value}")
    return "\n".join(lines) + "\n"


def files() -> dict[str, str]:
    """Path (from the repository root) -> content of every settings env file."""
    written = {f"{SETTINGS_DIR}/platform.env": env_file(platform_settings(), "Settings every service shares.")}
    for service in SERVICES:
        written[f"{SETTINGS_DIR}/{service}.env"] = env_file(service_settings(service), f"Settings of {service}.")
    return written


def read_env_file(text: str) -> tuple[dict[str, str], set[str]]:
    """(values, names left unset on a commented `# NAME=` line) of an env file as kustomize and compose read it."""
    values: dict[str, str] = {}
    unset: set[str] = set()
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            body = stripped.lstrip("# ")
            if body.endswith("=") and body[:-1].isidentifier() and body[:-1].isupper():
                unset.add(body[:-1])
            continue
        if stripped:
            name, _, value = stripped.partition("=")
            values[name] = value
    return values, unset
