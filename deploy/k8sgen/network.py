"""NetworkPolicies: nothing moves unless allowed. From outside the namespace only the ingress controller reaches the
APIs (and the monitoring namespace their metrics); the workers and Jobs accept nothing else; each service's pods
reach their own database, the Kafka cluster, the other services' APIs and DNS, plus what the service talks to
outside (dunning: mail and providers, legal: partners' webhooks)."""

from __future__ import annotations

from typing import Any

from k8sgen.topics import CLUSTER
from k8sgen.workloads import PART_OF, labels
from shared.config import SERVICE_PORTS

Document = dict[str, Any]
INGRESS_NAMESPACE = "ingress-nginx"
MONITORING_NAMESPACE = "monitoring"
KAFKA_NAMESPACE = "kafka"
DATABASE_LABEL = "recouvra.io/database"  # the label of the pods of each service's PostgreSQL (e.g. CloudNativePG)
OUTSIDE: dict[str, list[int]] = {"dunning": [25, 465, 587, 443], "legal": [443]}


def namespace(name: str) -> Document:
    return {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": name}}}


def tcp(*ports: int) -> list[Document]:
    return [{"protocol": "TCP", "port": port} for port in ports]


def policy(name: str, selector: dict[str, str], **rules: list[Document]) -> Document:
    types = [kind for kind in ("Ingress", "Egress") if kind.lower() in rules]
    return {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "NetworkPolicy",
        "metadata": {"name": name, "labels": dict(PART_OF)},
        "spec": {"podSelector": {"matchLabels": selector}, "policyTypes": types, **rules},
    }


def default_deny() -> list[Document]:
    deny = policy("default-deny", {}, ingress=[], egress=[])
    deny["spec"]["podSelector"] = {}
    dns = policy(
        "dns",
        {},
        egress=[
            {
                "to": [{**namespace("kube-system"), "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}],
                "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}],
            }
        ],
    )
    dns["spec"]["podSelector"] = {}
    return [deny, dns]


def api_ingress(service: str) -> Document:
    port = SERVICE_PORTS[service]
    return policy(
        f"{service}-api",
        labels(service, "api"),
        ingress=[
            # the Ingress sends each /api/v1 family to its owner (k8s/base/ingress.yaml), the rest to the portal
            {"from": [namespace(INGRESS_NAMESPACE)], "ports": tcp(port)},
            # the portal's gateway, fresh reads, the token keys (JWKS) and the services' own token requests
            {"from": [{"podSelector": {"matchLabels": PART_OF}}], "ports": tcp(port)},
        ],
    )


def metrics(service: str) -> Document:
    return policy(
        f"{service}-metrics",
        {"app.kubernetes.io/name": service},
        ingress=[{"from": [namespace(MONITORING_NAMESPACE)], "ports": tcp(SERVICE_PORTS[service])}],
    )


def egress(service: str) -> Document:
    rules: list[Document] = [
        {
            "to": [{"namespaceSelector": {}, "podSelector": {"matchLabels": {DATABASE_LABEL: service}}}],
            "ports": tcp(5432),
        },
        {
            "to": [{**namespace(KAFKA_NAMESPACE), "podSelector": {"matchLabels": {"strimzi.io/cluster": CLUSTER}}}],
            "ports": tcp(9092),
        },
        {"to": [{"podSelector": {"matchLabels": PART_OF}}], "ports": tcp(*SERVICE_PORTS.values())},
    ]
    if service in OUTSIDE:
        rules.append({"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}], "ports": tcp(*OUTSIDE[service])})
    return policy(f"{service}-egress", {"app.kubernetes.io/name": service}, egress=rules)


def network_policies() -> list[Document]:
    documents = default_deny()
    for service in SERVICE_PORTS:
        documents += [api_ingress(service), metrics(service), egress(service)]
    return documents
