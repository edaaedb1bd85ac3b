"""docker-compose.yml read against the code it deploys: per service an API and a worker container from the image,
each service's own database, the mail catcher dunning sends to, health checks and health-conditioned start order,
and no secret with a default. No docker here: the file is parsed, the settings classes read what it sets."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deploy_readers import (
    INTERPOLATION,
    JWKS_PATH,
    ROOT,
    SECRET_WORDS,
    SERVICES,
    compose,
    compose_env,
    compose_service,
    resolved,
)

from shared.config import SERVICE_PORTS

PINNED = re.compile(r"^[a-z0-9./-]+:v?\d+(\.\d+)*$")
ONE_SHOT = {"topics", *(f"migrate-{s}" for s in SERVICES)}


def servers(service: str) -> list[str]:
    return [service, f"{service}-worker"]


def test_compose_runs_the_expected_containers_each_from_a_pinned_image_or_the_build():
    expected = {"postgres", "kafka", "mailpit", *ONE_SHOT, *(n for s in SERVICES for n in servers(s))}
    assert set(compose()["services"]) == expected
    for name, service in compose()["services"].items():
        image = service["image"]
        if "build" in service:
            assert service["build"]["context"] == "." and image == compose_service("topics")["image"]
        else:
            assert PINNED.match(image), f"{name}: pin {image} by an exact version tag"


def test_every_long_running_container_has_a_health_check_and_waits_on_health_or_completion():
    for name, service in compose()["services"].items():
        if name not in ONE_SHOT:
            assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"
        for dependency, condition in service.get("depends_on", {}).items():
            wanted = "service_completed_successfully" if dependency in ONE_SHOT else "service_healthy"
            assert condition == {"condition": wanted}, f"{name} waits on {dependency} with {condition}"


@pytest.mark.parametrize("service", SERVICES)
def test_each_service_runs_as_an_api_without_workers_and_as_a_worker_on_its_port(service):
    port = SERVICE_PORTS[service]
    for name, workers in ((service, "false"), (f"{service}-worker", "true")):
        env = compose_env(name)
        assert env["SERVICE"] == service and env["PORT"] == str(port), name
        assert env["RECOUVRA_PROFILE"] == "production" and env["RECOUVRA_RUN_WORKERS"] == workers, name
        definition = compose_service(name)
        assert f"127.0.0.1:{port}/readyz" in " ".join(definition["healthcheck"]["test"])
        dependencies = definition["depends_on"]
        assert {f"migrate-{service}", "topics", "kafka"} <= set(dependencies)
        assert compose_env(name, files=False) == {
            **compose_env(service, files=False),
            "RECOUVRA_RUN_WORKERS": workers,
        }, f"{name} and {service} differ in more than RECOUVRA_RUN_WORKERS"
    assert "ports" not in compose_service(f"{service}-worker") and "expose" not in compose_service(f"{service}-worker")
    published = [p for s in SERVICES for p in compose_service(s).get("ports", [])]
    assert published == ["8000:8000"], "only the portal is published"


def test_dunning_sends_to_the_mail_catcher_and_waits_for_it():
    mailpit = compose_service("mailpit")
    assert mailpit["image"].startswith("axllent/mailpit:v")
    assert mailpit["ports"] == ["127.0.0.1:8025:8025"], "the catcher's web UI on this machine only"
    for name in servers("dunning"):
        env = compose_env(name)
        assert (env["DUNNING_SMTP_HOST"], env["DUNNING_SMTP_PORT"]) == ("mailpit", "1025")
        assert compose_service(name)["depends_on"]["mailpit"] == {"condition": "service_healthy"}


@pytest.mark.parametrize("service", SERVICES)
def test_compose_migrates_each_service_database_with_its_own_job(service):
    job = compose_service(f"migrate-{service}")
    assert job["command"] == ["recouvra", "migrate", service] and job["restart"] == "no"
    variable = f"{service.upper()}_DATABASE_URL"
    assert compose_env(f"migrate-{service}")[variable] == compose_env(service)[variable]
    assert job["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_compose_gives_each_service_its_own_database_and_role_created_by_the_init_script():
    for service in SERVICES:
        for name in servers(service):
            env = compose_env(name)
            others = [n for n in env if n.endswith("_DATABASE_URL") and n != f"{service.upper()}_DATABASE_URL"]
            assert not others, f"{name} must not receive another service's database URL: {others}"
            url = make_url(resolved(env[f"{service.upper()}_DATABASE_URL"]))
            assert url.drivername == "postgresql+psycopg" and url.host == "postgres" and url.port == 5432
            assert url.database == url.username == f"recouvra_{service}"
    postgres = compose_service("postgres")
    assert postgres["image"].split(":")[1].split(".")[0] == "16"
    assert "./deploy/postgres:/docker-entrypoint-initdb.d:ro" in postgres["volumes"]
    script = (ROOT / "deploy" / "postgres" / "create-databases.sh").read_text()
    listed = re.search(r'^SERVICES="([^"]*)"$', script, re.MULTILINE)
    assert listed is not None and sorted(listed.group(1).split()) == SERVICES
    assert {f"{s.upper()}_DB_PASSWORD" for s in SERVICES} <= set(compose_env("postgres"))


def test_compose_settings_parse_into_each_service_settings(monkeypatch):
    import importlib

    for service in SERVICES:
        for name in servers(service):
            for variable, value in compose_env(name).items():
                monkeypatch.setenv(variable, resolved(value))
            settings = importlib.import_module(f"{service}.config").Settings()
            assert settings.profile == "production" and settings.service_name == service
            assert settings.kafka_bootstrap_servers == "kafka:9092" and settings.seed_demo is False
            assert settings.run_workers is name.endswith("-worker")
            assert settings.service_urls == {s: f"http://{s}:{SERVICE_PORTS[s]}" for s in SERVICES}
            assert settings.jwks_url == f"http://portal:{SERVICE_PORTS['portal']}{JWKS_PATH}"
            assert settings.database_url.endswith(f"/recouvra_{service}")
            for variable in compose_env(name):
                monkeypatch.delenv(variable)


def test_compose_kafka_is_a_single_kraft_node_that_does_not_auto_create_topics():
    kafka = compose_service("kafka")
    env = {key: str(value) for key, value in kafka["environment"].items()}
    assert kafka["image"].startswith("apache/kafka:")
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert "PLAINTEXT://kafka:9092" in env["KAFKA_ADVERTISED_LISTENERS"]
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert compose_service("topics")["command"] == ["python", "/app/deploy/create_topics.py"]
    assert compose_env("topics")["RECOUVRA_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"


def test_compose_gives_no_secret_a_default():
    text = (ROOT / "docker-compose.yml").read_text()
    secret_refs = [m for m in INTERPOLATION.finditer(text) if any(w in m["name"].upper() for w in SECRET_WORDS)]
    assert secret_refs, "docker-compose.yml reads no secret from the environment"
    for match in secret_refs:
        assert match["rest"].startswith(":?"), f"${{{match['name']}{match['rest']}}}: required (:?), never defaulted"
    for name in compose()["services"]:
        for variable, value in compose_env(name, files=False).items():
            if any(word in variable for word in SECRET_WORDS):
                assert INTERPOLATION.search(value), f"{name}: {variable} is written in the file; use secrets.env"
            if variable.endswith("_DATABASE_URL"):
                password = value.split("://", 1)[1].rsplit("@", 1)[0].partition(":")[2]
                assert INTERPOLATION.fullmatch(password), f"{name}: {variable} holds a literal password"

    example = (ROOT / "deploy" / "secrets.env.example").read_text()
    assignments = dict(line.split("=", 1) for line in example.splitlines() if line and not line.startswith("#"))
    assert assignments and all(value == "" for value in assignments.values()), "the example must hold no value"
    required = {m["name"] for m in secret_refs}
    assert required <= set(assignments), f"deploy/secrets.env.example does not list {required - set(assignments)}"


def test_every_folder_a_service_writes_is_on_a_volume_shared_by_its_api_and_worker():
    variable, folder = "INTAKE_DOCUMENTS_DIR", "/var/lib/recouvra/documents"
    for name in servers("intake"):
        assert compose_env(name)[variable] == folder
        (volume,) = compose_service(name)["volumes"]
        assert volume == f"intake-documents:{folder}" and "intake-documents" in compose()["volumes"]
