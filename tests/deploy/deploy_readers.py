"""Readers of the deployment files shared by the tests of tests/deploy (not a test module itself).

Each test module puts this folder and deploy/ on sys.path (pytest runs with --import-mode=importlib)."""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))

from k8sgen.render import render  # noqa: E402
from k8sgen.settings_env import read_env_file  # noqa: E402

K8S = ROOT / "k8s"
OVERLAYS = ("base", "overlays/staging", "overlays/production")
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").is_file())
JWKS_PATH = "/.well-known/jwks.json"
SECRET_WORDS = ("PASSWORD", "SECRET", "PEM", "PRIVATE", "DATABASE_URL", "_KEY")
INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<rest>[^}]*)\}")
Document = dict[str, Any]


# -- docker-compose.yml ---------------------------------------------------------------------------------


@cache
def compose() -> Document:
    document: Document = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return document


def compose_service(name: str) -> Document:
    services = compose()["services"]
    assert name in services, f"docker-compose.yml has no `{name}` service"
    service: Document = services[name]
    return service


def compose_env(name: str, *, files: bool = True) -> dict[str, str]:
    """What the container's environment holds: its env_files in order, then `environment` over them."""
    service = compose_service(name)
    merged: dict[str, str] = {}
    if files:
        for env_file in service.get("env_file", []):
            merged.update(read_env_file((ROOT / env_file).read_text())[0])
    environment = service.get("environment", {})
    assert isinstance(environment, dict), f"compose service {name}: write `environment` as a mapping"
    merged.update({key: str(value) for key, value in environment.items()})
    return merged


def resolved(value: str) -> str:
    """A compose value with every `${...}` replaced by a stand-in, to parse the URL around it."""
    return INTERPOLATION.sub("interpolated", value)


# -- k8s/ -------------------------------------------------------------------------------------------------


@cache
def rendered(overlay: str = "base") -> tuple[Document, ...]:
    return tuple(render(K8S / overlay))


def k8s(kind: str, name: str, overlay: str = "base") -> Document:
    matches = [doc for doc in rendered(overlay) if doc["kind"] == kind and doc["metadata"]["name"] == name]
    assert len(matches) == 1, f"k8s/{overlay} should render exactly one {kind} named {name}, found {len(matches)}"
    return matches[0]


def k8s_all(kind: str, overlay: str = "base") -> list[Document]:
    return [doc for doc in rendered(overlay) if doc["kind"] == kind]


def pod_containers(workload: Document) -> list[Document]:
    containers: list[Document] = workload["spec"]["template"]["spec"]["containers"]
    return containers


def container_env(container: Document) -> dict[str, Document]:
    return {item["name"]: item for item in container.get("env", [])}


def secret_key_of(env_item: Document) -> str:
    ref = env_item.get("valueFrom", {}).get("secretKeyRef")
    assert ref, f"{env_item['name']} must come from a Secret (valueFrom.secretKeyRef), not a literal value"
    assert ref["name"] == "recouvra-secrets"
    key: str = ref["key"]
    return key


def configmap(name: str, overlay: str = "base") -> dict[str, str]:
    data: dict[str, str] = k8s("ConfigMap", name, overlay).get("data", {})
    return data


def pod_environment(container: Document, overlay: str = "base") -> dict[str, str]:
    """The variables a container sees with a literal value: its ConfigMaps in order, then its own `env`."""
    merged: dict[str, str] = {}
    for source in container.get("envFrom", []):
        merged.update(configmap(source["configMapRef"]["name"], overlay))
    merged.update({n: item["value"] for n, item in container_env(container).items() if "value" in item})
    return merged
