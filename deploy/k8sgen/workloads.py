"""Each service's workloads: the API Deployment (no worker threads, behind a Service, scaled by an HPA), the worker
Deployment (the outbox relay, the event consumer and the service's timed jobs, reached by nothing), their
disruption budgets, and the Job that migrates the service's own database. One image; the command chooses."""

from __future__ import annotations

from typing import Any

from k8sgen.settings_env import SECRET_ENV
from shared.config import SERVICE_PORTS

Document = dict[str, Any]
IMAGE = "recouvra"
PART_OF = {"app.kubernetes.io/part-of": "recouvra"}
DOCUMENTS_DIR = "/var/lib/recouvra/documents"

# requests, limits. One process serves on one core at most (one event loop, sync handlers behind the GIL):
# a CPU limit of one core costs nothing and keeps a runaway pod from starving its neighbours.
API_RESOURCES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "portal": ({"cpu": "250m", "memory": "256Mi"}, {"cpu": "1", "memory": "512Mi"}),
    "intake": ({"cpu": "250m", "memory": "384Mi"}, {"cpu": "1", "memory": "768Mi"}),
    "scoring": ({"cpu": "250m", "memory": "384Mi"}, {"cpu": "1", "memory": "768Mi"}),
    "dunning": ({"cpu": "250m", "memory": "512Mi"}, {"cpu": "1", "memory": "1Gi"}),
    "legal": ({"cpu": "200m", "memory": "256Mi"}, {"cpu": "1", "memory": "512Mi"}),
}
WORKER_RESOURCES = ({"cpu": "250m", "memory": "384Mi"}, {"cpu": "1", "memory": "1Gi"})
JOB_RESOURCES = ({"cpu": "50m", "memory": "128Mi"}, {"cpu": "500m", "memory": "256Mi"})
HPA_RANGE = (2, 6)  # the overlays change it
WORKER_REPLICAS = 2  # one relay publishes (it holds the lease), the other waits; consumers share the partitions


def labels(service: str, component: str) -> dict[str, str]:
    return {"app.kubernetes.io/name": service, "app.kubernetes.io/component": component}


def pod_security() -> Document:
    return {
        "runAsNonRoot": True,
        "runAsUser": 10001,
        "runAsGroup": 10001,
        "fsGroup": 10001,
        "seccompProfile": {"type": "RuntimeDefault"},
    }


def container_security() -> Document:
    return {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True, "capabilities": {"drop": ["ALL"]}}


def secret_env(service: str) -> list[Document]:
    rows = []
    for variable, (key, optional) in SECRET_ENV[service].items():
        ref: Document = {"name": "recouvra-secrets", "key": key}
        if optional:
            ref["optional"] = True
        rows.append({"name": variable, "valueFrom": {"secretKeyRef": ref}})
    return rows


def settings_from() -> list[Document]:
    return [{"configMapRef": {"name": "recouvra-platform"}}]


def server_container(service: str, *, workers: bool) -> Document:
    port = SERVICE_PORTS[service]
    requests, limits = WORKER_RESOURCES if workers else API_RESOURCES[service]
    mounts = [{"name": "tmp", "mountPath": "/tmp"}]
    if service == "intake":
        mounts.append({"name": "documents", "mountPath": DOCUMENTS_DIR})
    return {
        "name": service if not workers else f"{service}-worker",
        "image": IMAGE,
        "env": [
            {"name": "SERVICE", "value": service},
            {"name": "PORT", "value": str(port)},
            {"name": "RECOUVRA_RUN_WORKERS", "value": "true" if workers else "false"},
            *secret_env(service),
        ],
        "envFrom": [*settings_from(), {"configMapRef": {"name": f"{service}-settings"}}],
        "ports": [{"name": "http", "containerPort": port}],
        "readinessProbe": {
            "httpGet": {"path": "/readyz", "port": "http"},
            "periodSeconds": 5,
            "timeoutSeconds": 3,
            "failureThreshold": 3,
        },
        "livenessProbe": {
            "httpGet": {"path": "/healthz", "port": "http"},
            "initialDelaySeconds": 15,
            "periodSeconds": 10,
            "timeoutSeconds": 3,
            "failureThreshold": 6,
        },
        "resources": {"requests": requests, "limits": limits},
        "securityContext": container_security(),
        "volumeMounts": mounts,
    }


def pod_volumes(service: str) -> list[Document]:
    volumes: list[Document] = [{"name": "tmp", "emptyDir": {}}]
    if service == "intake":
        volumes.append({"name": "documents", "persistentVolumeClaim": {"claimName": "intake-documents"}})
    return volumes


def deployment(service: str, *, workers: bool) -> Document:
    component = "worker" if workers else "api"
    name = f"{service}-worker" if workers else service
    port = SERVICE_PORTS[service]
    spec: Document = {
        "selector": {"matchLabels": labels(service, component)},
        "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}},
        "template": {
            "metadata": {
                "labels": {**labels(service, component), **PART_OF},
                "annotations": {
                    "prometheus.io/scrape": "true",
                    "prometheus.io/port": str(port),
                    "prometheus.io/path": "/metrics",
                },
            },
            "spec": {
                "automountServiceAccountToken": False,
                # the worker stops its relay, consumer and jobs (up to 15 s for the dunning scheduler)
                "terminationGracePeriodSeconds": 45 if workers else 30,
                "securityContext": pod_security(),
                "containers": [server_container(service, workers=workers)],
                "volumes": pod_volumes(service),
            },
        },
    }
    if workers:  # the API's replicas belong to its HorizontalPodAutoscaler
        spec = {"replicas": WORKER_REPLICAS, **spec}
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "labels": {**labels(service, component), **PART_OF}},
        "spec": spec,
    }


def service_object(service: str) -> Document:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": service, "labels": {"app.kubernetes.io/name": service, **PART_OF}},
        "spec": {
            "selector": labels(service, "api"),
            "ports": [{"name": "http", "port": SERVICE_PORTS[service], "targetPort": "http"}],
        },
    }


def autoscaler(service: str) -> Document:
    low, high = HPA_RANGE
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": service, "labels": {**labels(service, "api"), **PART_OF}},
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": service},
            "minReplicas": low,
            "maxReplicas": high,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}},
                }
            ],
        },
    }


def disruption_budget(service: str, component: str) -> Document:
    name = service if component == "api" else f"{service}-worker"
    return {
        "apiVersion": "policy/v1",
        "kind": "PodDisruptionBudget",
        "metadata": {"name": name, "labels": {**labels(service, component), **PART_OF}},
        "spec": {"maxUnavailable": 1, "selector": {"matchLabels": labels(service, component)}},
    }


def migration_job(service: str) -> Document:
    variable = f"{service.upper()}_DATABASE_URL"
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": f"migrate-{service}", "labels": {**labels(service, "migration"), **PART_OF}},
        "spec": {
            "backoffLimit": 4,
            # A Job's pod template cannot change once created: the finished Job goes after a day, so that the
            # next apply creates it again (an already migrated database is left as it is).
            "ttlSecondsAfterFinished": 86400,
            "template": {
                "metadata": {"labels": {**labels(service, "migration"), **PART_OF}},
                "spec": {
                    "restartPolicy": "OnFailure",
                    "automountServiceAccountToken": False,
                    "securityContext": pod_security(),
                    "containers": [
                        {
                            "name": "migrate",
                            "image": IMAGE,
                            "command": ["recouvra", "migrate", service],
                            "env": [row for row in secret_env(service) if row["name"] == variable],
                            "resources": {"requests": JOB_RESOURCES[0], "limits": JOB_RESOURCES[1]},
                            "securityContext": container_security(),
                            "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"}],
                        }
                    ],
                    "volumes": [{"name": "tmp", "emptyDir": {}}],
                },
            },
        },
    }


def documents_claim() -> Document:
    # Every intake pod (API and worker) reads and writes the documents: ReadWriteMany (NFS, CephFS, EFS…).
    return {
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": {"name": "intake-documents", "labels": {"app.kubernetes.io/name": "intake", **PART_OF}},
        "spec": {"accessModes": ["ReadWriteMany"], "resources": {"requests": {"storage": "50Gi"}}},
    }


def service_documents(service: str) -> list[Document]:
    documents = [
        service_object(service),
        deployment(service, workers=False),
        autoscaler(service),
        disruption_budget(service, "api"),
        deployment(service, workers=True),
        disruption_budget(service, "worker"),
        migration_job(service),
    ]
    if service == "intake":
        documents.append(documents_claim())
    return documents
