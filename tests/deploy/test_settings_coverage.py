"""Every setting a service reads is documented once (README.md, Settings) and present where it runs: in the k8s
ConfigMaps or Secret of every overlay and in the compose containers, at a value that reads back as the service's
default unless the deployment means otherwise. A setting added to a service fails here until it is in all three."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deploy_readers import (
    OVERLAYS,
    ROOT,
    SERVICES,
    compose_env,
    k8s,
    pod_containers,
    pod_environment,
    resolved,
)
from k8sgen.settings_env import (
    EMBEDDED_ONLY,
    NOT_READ,
    PLATFORM_VALUES,
    SECRET_ENV,
    SERVICE_VALUES,
    SETTINGS_DIR,
    read_env_file,
)

from shared.config import BaseServiceSettings

# Secrets compose leaves out: it runs without SMS and postal providers (those channels stay off) and without a
# card-payment provider (the debtor's page offers the bank transfer only).
COMPOSE_WITHOUT = {
    "DUNNING_PROVIDER_API_KEY",
    "DUNNING_PROVIDER_WEBHOOK_SECRET",
    "INTAKE_PSP_SECRET_KEY",
    "INTAKE_PSP_WEBHOOK_SECRET",
}
SECRET_LIKE = re.compile(r"(PASSWORD|_SECRET$|_PEM$|PRIVATE|_KEY$|DATABASE_URL$)")


def settings_names(service: str) -> set[str]:
    """Every variable the service reads: its own prefix for every field, RECOUVRA_ for the shared ones."""
    fields = importlib.import_module(f"{service}.config").Settings.model_fields
    names = {f"{service.upper()}_{name.upper()}" for name in fields} | {
        f"RECOUVRA_{name.upper()}" for name in BaseServiceSettings.model_fields
    }
    return names - {f"{service.upper()}_SERVICE_NAME", "RECOUVRA_SERVICE_NAME"}


def one_of_each(service: str, names: set[str]) -> set[str]:
    """Settings named by either spelling: the field behind `<SERVICE>_X` or `RECOUVRA_X`."""
    return {re.sub(rf"^({service.upper()}|RECOUVRA)_", "", name) for name in names}


def unset_in_files(service: str) -> set[str]:
    unset = set()
    for name in ("platform", service):
        unset |= read_env_file((ROOT / SETTINGS_DIR / f"{name}.env").read_text())[1]
    return unset


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("service", SERVICES)
def test_every_setting_a_service_reads_is_in_its_config_maps_or_secret(service, overlay):
    wanted = one_of_each(service, settings_names(service)) - one_of_each(service, EMBEDDED_ONLY | NOT_READ[service])
    for name in (service, f"{service}-worker"):
        (container,) = pod_containers(k8s("Deployment", name, overlay))
        present = set(pod_environment(container, overlay)) | set(SECRET_ENV[service]) | unset_in_files(service)
        missing = wanted - one_of_each(service, present)
        assert not missing, f"{overlay} {name}: no value for {sorted(missing)} (run deploy/generate_k8s.py)"


@pytest.mark.parametrize("service", SERVICES)
def test_every_setting_a_service_reads_is_in_its_compose_containers(service):
    left_out = EMBEDDED_ONLY | NOT_READ[service] | COMPOSE_WITHOUT
    wanted = one_of_each(service, settings_names(service)) - one_of_each(service, left_out)
    for name in (service, f"{service}-worker"):
        present = set(compose_env(name)) | unset_in_files(service)
        missing = wanted - one_of_each(service, present)
        assert not missing, f"docker-compose.yml {name}: no value for {sorted(missing)}"


@pytest.mark.parametrize("service", SERVICES)
def test_the_config_maps_read_back_as_the_service_defaults_but_where_the_cluster_means_otherwise(service, monkeypatch):
    """A value written in a form pydantic reads differently (a list, a Decimal, a bool) would change behaviour."""
    settings_class = importlib.import_module(f"{service}.config").Settings
    default = settings_class(database_url="stand-in")  # before the environment below
    (container,) = pod_containers(k8s("Deployment", service))
    environment = pod_environment(container)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    for variable in SECRET_ENV[service]:
        monkeypatch.setenv(variable, "stand-in")
    read = settings_class()
    assert read.run_workers is False and read.profile == "production" and read.service_name == service
    meant = {**PLATFORM_VALUES, **SERVICE_VALUES.get(service, {}), "RECOUVRA_RUN_WORKERS": "false"}
    for field in settings_class.model_fields:
        if f"RECOUVRA_{field.upper()}" in meant or f"{service.upper()}_{field.upper()}" in meant:
            continue
        if f"{service.upper()}_{field.upper()}" in SECRET_ENV[service] or field == "database_url":
            continue
        assert getattr(read, field) == getattr(default, field), f"{service}.{field} reads back differently"


def test_secrets_are_in_the_secret_only_and_a_service_gets_only_those_it_reads():
    for service in SERVICES:
        own_spelling = {re.sub(r"^RECOUVRA_", f"{service.upper()}_", n) for n in settings_names(service)}
        secret_like = {n for n in own_spelling if SECRET_LIKE.search(n)} - EMBEDDED_ONLY
        assert secret_like == set(SECRET_ENV[service]) | NOT_READ[service], f"{service}: which secrets does it read?"
        source = " ".join(p.read_text() for p in (ROOT / "services" / service / "src").rglob("*.py"))
        for variable in NOT_READ[service]:
            field = variable.split("_", 1)[1].lower()
            assert f".{field}" not in source, f"{service} reads {field}: give it {variable} from the Secret"
        for name in (service, f"{service}-worker"):
            (container,) = pod_containers(k8s("Deployment", name))
            assert not {n for n in pod_environment(container) if SECRET_LIKE.search(n)}, (
                f"{name}: a secret in a ConfigMap"
            )


def test_the_readme_documents_every_setting_and_nothing_that_does_not_exist():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Settings") : readme.index("## Production")]
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]*)`", section))
    names = {f"RECOUVRA_{field.upper()}" for field in BaseServiceSettings.model_fields} - {
        "RECOUVRA_SERVICE_NAME",
        "RECOUVRA_DATABASE_URL",
    }  # fixed per service; one database per service
    for service in SERVICES:
        own = set(importlib.import_module(f"{service}.config").Settings.model_fields) - set(
            BaseServiceSettings.model_fields
        )
        names |= {f"{service.upper()}_{field.upper()}" for field in own} | {f"{service.upper()}_DATABASE_URL"}
    missing = names - documented
    assert not missing, f"README.md, Settings: document {sorted(missing)}"
    deployment_text = "".join(
        (ROOT / path).read_text()
        for path in (
            "workbench/src/workbench/stack/launcher.py",
            "workbench/src/workbench/stack/services.py",
            "deploy/create_topics.py",
            "Dockerfile",
            "docker-compose.yml",
        )
    )
    stale = [name for name in documented - names if name not in deployment_text]
    assert not stale, f"README.md, Settings: {stale} are read by nothing"


def test_the_only_folder_a_service_writes_is_intakes_document_store():
    """A folder setting with a relative default writes into the image (read-only in k8s, lost on restart): the
    intake document store is on a volume in compose and k8s (test_compose, test_k8s_manifests); a new one must be."""
    found = set()
    for service in SERVICES:
        for name, field in importlib.import_module(f"{service}.config").Settings.model_fields.items():
            if isinstance(field.default, Path) and not field.default.is_absolute():
                found.add(f"{service.upper()}_{name.upper()}")
    assert found == {"INTAKE_DOCUMENTS_DIR"}
    assert resolved(compose_env("intake")["INTAKE_DOCUMENTS_DIR"]).startswith("/")
