"""k8s/ rendered (base and both overlays) and read against the code: each service's API and worker Deployments,
its autoscaler, disruption budgets, migration Job and Secret keys; the network policies; the Ingress against the
portal's gateway table; the Secret template."""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deploy_readers import (
    JWKS_PATH,
    K8S,
    OVERLAYS,
    SERVICES,
    container_env,
    k8s,
    k8s_all,
    pod_containers,
    pod_environment,
    rendered,
    secret_key_of,
)
from k8sgen.settings_env import SECRET_ENV

from shared.auth import SigningKey
from shared.config import SERVICE_PORTS

from portal.routes.gateway import ROUTES, families_shared_with_the_portal, owner_of


@cache
def portal_public_paths() -> tuple[str, ...]:
    """Paths the portal serves itself (the gateway's catch-all is not in its schema)."""
    from portal.config import Settings
    from portal.main import create_app

    app = create_app(Settings(profile="test", database_url="postgresql+psycopg://nobody@127.0.0.1:1/none"))
    return tuple(app.openapi()["paths"])


def ingress_paths() -> list[tuple[str, str, int]]:
    rows = []
    for rule in k8s("Ingress", "recouvra")["spec"]["rules"]:
        for entry in rule["http"]["paths"]:
            assert entry["pathType"] == "Prefix", f"{entry['path']}: use pathType Prefix, as the gateway does"
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


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("service", SERVICES)
def test_each_service_has_an_api_and_a_worker_deployment_from_one_image(service, overlay):
    port = SERVICE_PORTS[service]
    images = set()
    for name, workers in ((service, "false"), (f"{service}-worker", "true")):
        deployment = k8s("Deployment", name, overlay)
        (container,) = pod_containers(deployment)
        environment = pod_environment(container, overlay)
        assert (environment["SERVICE"], environment["PORT"]) == (service, str(port))
        assert environment["RECOUVRA_RUN_WORKERS"] == workers, f"{name}: RECOUVRA_RUN_WORKERS"
        assert [(p["name"], p["containerPort"]) for p in container["ports"]] == [("http", port)]
        assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
        assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
        resources = container["resources"]
        assert {"cpu", "memory"} <= set(resources["requests"]) and {"cpu", "memory"} <= set(resources["limits"])
        annotations = deployment["spec"]["template"]["metadata"]["annotations"]
        assert annotations["prometheus.io/port"] == str(port) and annotations["prometheus.io/path"] == "/metrics"
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] == 10001
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        secrets = {n: secret_key_of(item) for n, item in container_env(container).items() if "valueFrom" in item}
        assert secrets == {variable: key for variable, (key, _) in SECRET_ENV[service].items()}
        budget = k8s("PodDisruptionBudget", name, overlay)
        assert (
            budget["spec"]["selector"]["matchLabels"].items()
            <= deployment["spec"]["template"]["metadata"]["labels"].items()
        )
        images.add(container["image"])
    job = k8s("Job", f"migrate-{service}", overlay)
    (migrate,) = pod_containers(job)
    assert migrate["command"] == ["recouvra", "migrate", service]
    assert secret_key_of(container_env(migrate)[f"{service.upper()}_DATABASE_URL"]) == f"{service}-database-url"
    images.add(migrate["image"])
    assert len(images) == 1, f"{service}: one image for API, worker and migration ({images})"


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("service", SERVICES)
def test_only_the_api_is_behind_the_service_and_scaled_by_the_autoscaler(service, overlay):
    selector = k8s("Service", service, overlay)["spec"]["selector"]
    api = k8s("Deployment", service, overlay)["spec"]["template"]["metadata"]["labels"]
    worker = k8s("Deployment", f"{service}-worker", overlay)["spec"]["template"]["metadata"]["labels"]
    assert selector.items() <= api.items() and not selector.items() <= worker.items()
    assert [(p["port"], p["targetPort"]) for p in k8s("Service", service, overlay)["spec"]["ports"]] == [
        (SERVICE_PORTS[service], "http")
    ]
    hpa = k8s("HorizontalPodAutoscaler", service, overlay)["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": service}
    assert 1 <= hpa["minReplicas"] <= hpa["maxReplicas"]
    assert "replicas" not in k8s("Deployment", service, overlay)["spec"], "the autoscaler owns the API's replicas"
    assert not [
        h
        for h in k8s_all("HorizontalPodAutoscaler", overlay)
        if h["spec"]["scaleTargetRef"]["name"].endswith("-worker")
    ]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_intake_documents_are_on_a_claim_every_intake_pod_mounts(overlay):
    claim = k8s("PersistentVolumeClaim", "intake-documents", overlay)
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"], "several pods share the folder"
    for name in ("intake", "intake-worker"):
        deployment = k8s("Deployment", name, overlay)
        (container,) = pod_containers(deployment)
        folder = pod_environment(container, overlay)["INTAKE_DOCUMENTS_DIR"]
        volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
        (mount,) = [m for m in container["volumeMounts"] if m["mountPath"] == folder]
        assert volumes[mount["name"]]["persistentVolumeClaim"]["claimName"] == "intake-documents"


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_overlays_change_namespace_image_and_sizes_but_not_the_shape(overlay):
    namespaces = {doc["metadata"].get("namespace") for doc in rendered(overlay) if doc["kind"] != "Namespace"}
    assert len(namespaces) == 1
    if overlay != "base":
        (namespace,) = [doc for doc in rendered(overlay) if doc["kind"] == "Namespace"]
        assert namespaces == {namespace["metadata"]["name"]}
        images = {
            c["image"]
            for doc in rendered(overlay)
            for c in doc.get("spec", {}).get("template", {}).get("spec", {}).get("containers", [])
            if "recouvra" in c["image"]
        }
        assert len(images) == 1 and next(iter(images)).startswith("registry.example.com/recouvra:")
    base_shape = {(d["kind"], d["metadata"]["name"]) for d in rendered("base")}
    assert base_shape <= {(d["kind"], d["metadata"]["name"]) for d in rendered(overlay)}


def test_staging_sends_mail_to_its_own_catcher_and_production_to_the_relay():
    assert (
        pod_environment(pod_containers(k8s("Deployment", "dunning-worker", "overlays/staging"))[0], "overlays/staging")[
            "DUNNING_SMTP_HOST"
        ]
        == "mailpit"
    )
    assert k8s("Deployment", "mailpit", "overlays/staging")
    production = pod_environment(
        pod_containers(k8s("Deployment", "dunning-worker", "overlays/production"))[0], "overlays/production"
    )
    assert production["DUNNING_SMTP_HOST"] == "smtp-relay"
    assert not [d for d in rendered("overlays/production") if d["metadata"]["name"] == "mailpit"]


def test_network_policies_deny_by_default_and_let_each_service_reach_only_its_own_database():
    policies = {p["metadata"]["name"]: p["spec"] for p in k8s_all("NetworkPolicy")}
    deny = policies["default-deny"]
    assert deny["podSelector"] == {} and deny["policyTypes"] == ["Ingress", "Egress"]
    assert not deny.get("ingress") and not deny.get("egress")
    for service in SERVICES:
        api = policies[f"{service}-api"]
        assert api["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "api"
        sources = [peer for rule in api["ingress"] for peer in rule["from"]]
        outside = [
            p["namespaceSelector"]["matchLabels"]["kubernetes.io/metadata.name"]
            for p in sources
            if "namespaceSelector" in p
        ]
        assert outside == ["ingress-nginx"], f"{service}: only the ingress controller from outside"
        egress = policies[f"{service}-egress"]
        databases = [
            peer["podSelector"]["matchLabels"]
            for rule in egress["egress"]
            if {"protocol": "TCP", "port": 5432} in rule["ports"]
            for peer in rule["to"]
        ]
        assert databases == [{"recouvra.io/database": service}], f"{service} reaches its own database only"
    ingress_selectors = [
        p["podSelector"] for p in policies.values() if "Ingress" in p["policyTypes"] and p.get("ingress")
    ]
    workers_open = [
        s for s in ingress_selectors if s.get("matchLabels", {}).get("app.kubernetes.io/component") == "worker"
    ]
    assert not workers_open, "nothing reaches the workers but the metrics scraper"


def test_every_gateway_route_has_an_ingress_path_to_the_same_service():
    by_path = {path: (service, port) for path, service, port in ingress_paths()}
    shared = families_shared_with_the_portal()
    for prefix, service in ROUTES:
        entry = "portal" if prefix in shared else service
        assert by_path.get(prefix) == (entry, SERVICE_PORTS[entry]), f"{prefix}: Ingress and gateway disagree"
        for path in (prefix, prefix + "/0f8a/statement"):
            assert ingress_owner(path) == entry and owner_of(path) == service


def test_every_ingress_path_goes_where_the_portal_would_send_it():
    services = {doc["metadata"]["name"] for doc in k8s_all("Service")}
    shared = families_shared_with_the_portal()
    for path, service, port in ingress_paths():
        expected = "portal" if path in shared else owner_of(path) or "portal"
        assert service == expected, f"Ingress sends {path} to {service}; the portal sends it to {expected}"
        assert port == SERVICE_PORTS[service] and service in services


def test_the_portal_keeps_its_own_routes_and_the_web_ui_behind_the_ingress():
    own = [path for path in portal_public_paths() if path.startswith(("/api/", "/.well-known"))]
    assert {"/api/v1/auth/token", "/api/v1/users", "/api/v1/admin/clock", JWKS_PATH} <= set(own)
    for path in [*own, "/", "/login", "/cases/0f8a"]:
        assert ingress_owner(re.sub(r"\{[^}]+\}", "x", path)) == "portal", f"{path} must reach the portal"


def test_the_platform_settings_point_at_the_services_and_the_portal_keys():
    data = k8s("ConfigMap", "recouvra-platform")["data"]
    assert data["RECOUVRA_PROFILE"] == "production" and data["RECOUVRA_SEED_DEMO"] == "false"
    assert json.loads(data["RECOUVRA_SERVICE_URLS"]) == {s: f"http://{s}:{SERVICE_PORTS[s]}" for s in SERVICES}
    jwks = urlsplit(data["RECOUVRA_JWKS_URL"])
    assert (jwks.hostname, jwks.port, jwks.path) == ("portal", SERVICE_PORTS["portal"], JWKS_PATH)
    assert JWKS_PATH in portal_public_paths()


def test_the_secret_template_holds_only_placeholders_and_every_key_the_manifests_read():
    (template,) = list(yaml.safe_load_all((K8S / "secret.template.yaml").read_text()))
    data = template["stringData"]
    assert template["kind"] == "Secret" and template["metadata"]["name"] == "recouvra-secrets"
    assert all("REPLACE_ME" in value for value in data.values()), "a value looks real"
    for service in SERVICES:
        url = make_url(data[f"{service}-database-url"])
        assert url.database == url.username == f"recouvra_{service}"
    with pytest.raises(ValueError):
        SigningKey.from_pem(data["jwt-private-key-pem"].encode())
    referenced = {
        secret_key_of(item)
        for kind in ("Deployment", "Job")
        for workload in k8s_all(kind)
        for container in pod_containers(workload)
        for item in container.get("env", [])
        if "valueFrom" in item
    }
    assert referenced == set(data), "the Secret template and the keys the manifests read differ"
    assert not [d for o in OVERLAYS for d in rendered(o) if d["kind"] == "Secret"], "no Secret in the manifests"
