"""Every manifest of every overlay, rendered offline and checked against the Kubernetes API's own schemas
(kubernetes-validate, strict: an unknown or misspelt field fails), the Strimzi topics against the KafkaTopic
schema in kafkatopic.schema.json; the generated files are what the code gives today, the topics are the kernel's
table; and a broken manifest is shown to fail, so that the check is known to bite."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deploy_readers import OVERLAYS, ROOT, k8s, k8s_all, rendered
from k8sgen.files import generated
from k8sgen.topics import MIN_INSYNC_REPLICAS, REPLICAS

from shared.topics import DLQ_SUFFIX, TOPIC_PARTITIONS, all_topics

KUBERNETES_VERSION = "1.37.0"  # a version kubernetes-validate 1.37.0 ships the schemas of
KAFKA_TOPIC_SCHEMA = json.loads((Path(__file__).resolve().parent / "kafkatopic.schema.json").read_text())
CUSTOM_KINDS = {"KafkaTopic"}


def kubernetes_errors(document: dict[str, Any]) -> str | None:
    try:
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)
    except kubernetes_validate.ValidationError as error:
        return f"{document['kind']} {document['metadata'].get('name')}: {error.message} at {list(error.path)}"
    return None


def kafka_topic_errors(document: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(KAFKA_TOPIC_SCHEMA)
    return [f"{document['metadata'].get('name')}: {e.message}" for e in validator.iter_errors(document)]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_manifest_of_the_overlay_is_valid_for_the_kubernetes_api(overlay):
    documents = [doc for doc in rendered(overlay) if doc["kind"] not in CUSTOM_KINDS]
    assert len(documents) >= 60
    errors = [error for doc in documents if (error := kubernetes_errors(doc))]
    assert not errors, "\n".join(errors)
    assert {doc["kind"] for doc in rendered(overlay)} - CUSTOM_KINDS == {doc["kind"] for doc in documents}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_kafka_topic_of_the_overlay_is_valid_for_strimzi(overlay):
    topics = k8s_all("KafkaTopic", overlay)
    errors = [error for doc in topics for error in kafka_topic_errors(doc)]
    assert not errors, "\n".join(errors)


def test_the_kafka_topics_are_the_kernels_table_replicated_three_times_with_two_in_sync():
    topics = {doc["spec"]["topicName"]: doc["spec"] for doc in k8s_all("KafkaTopic")}
    assert {name: spec["partitions"] for name, spec in topics.items()} == all_topics()
    assert len(topics) == 2 * len(TOPIC_PARTITIONS)
    for name, spec in topics.items():
        assert spec["replicas"] == REPLICAS == 3 and spec["config"]["min.insync.replicas"] == MIN_INSYNC_REPLICAS == 2
        assert spec["config"]["retention.ms"] >= 7 * 24 * 3600 * 1000, f"{name}: keep a week at least"
        if name.endswith(DLQ_SUFFIX):
            assert spec["partitions"] == 1
    assert {doc["metadata"]["labels"]["strimzi.io/cluster"] for doc in k8s_all("KafkaTopic")} == {"recouvra"}


def test_the_checked_in_generated_files_are_what_the_code_gives_today():
    stale = [path for path, text in generated().items() if (ROOT / path).read_text() != text]
    assert not stale, f"run .venv/bin/python deploy/generate_k8s.py: {stale} are out of date"
    check = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "generate_k8s.py"), "--check"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout


def test_a_topic_added_to_the_kernel_table_makes_the_checked_in_topics_stale(monkeypatch):
    monkeypatch.setitem(TOPIC_PARTITIONS, "legal.hearings", 6)
    assert (ROOT / "k8s/base/kafka-topics.yaml").read_text() != generated()["k8s/base/kafka-topics.yaml"]


def broken(change: str) -> dict[str, Any]:
    deployment = copy.deepcopy(k8s("Deployment", "intake", "overlays/production"))
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    if change == "misspelt field":
        container["imagePullPolcy"] = container.pop("imagePullPolicy", "IfNotPresent")
    elif change == "string replica count":
        deployment["spec"]["replicas"] = "3"
    elif change == "probe port as a list":
        container["readinessProbe"]["httpGet"]["port"] = ["http"]
    elif change == "no container name":
        del container["name"]
    return deployment


@pytest.mark.parametrize(
    "change", ["misspelt field", "string replica count", "probe port as a list", "no container name"]
)
def test_a_broken_manifest_fails_the_kubernetes_check(change):
    assert kubernetes_errors(k8s("Deployment", "intake", "overlays/production")) is None
    assert kubernetes_errors(broken(change)) is not None, f"a Deployment with a {change} passed"


@pytest.mark.parametrize(
    "spec_change",
    [{"partitions": "6"}, {"partitions": 0}, {"replica": 3}, {"config": {"retention.ms": {"days": 7}}}],
    ids=["string partitions", "no partition", "misspelt replicas", "config value an object"],
)
def test_a_broken_kafka_topic_fails_the_strimzi_check(spec_change):
    topic = copy.deepcopy(k8s_all("KafkaTopic")[0])
    assert not kafka_topic_errors(topic)
    topic["spec"].update(spec_change)
    assert kafka_topic_errors(topic), f"a KafkaTopic with {spec_change} passed"
    unlabelled = copy.deepcopy(k8s_all("KafkaTopic")[0])
    del unlabelled["metadata"]["labels"]["strimzi.io/cluster"]
    assert kafka_topic_errors(unlabelled), "a KafkaTopic naming no cluster passed"


def test_an_overlay_whose_patch_breaks_a_deployment_fails_from_rendering_to_validation(tmp_path):
    """The whole path `make test` takes: a kustomization on top of the real base, rendered, then validated."""
    from k8sgen.render import render

    (tmp_path / "kustomization.yaml").write_text(
        f"resources: [{ROOT / 'k8s' / 'base'}]\npatches:\n  - path: broken.yaml\n"
    )
    (tmp_path / "broken.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: dunning-worker}\nspec:\n  replicas: two\n"
    )
    errors = [error for doc in render(tmp_path) if doc["kind"] not in CUSTOM_KINDS if (error := kubernetes_errors(doc))]
    assert len(errors) == 1 and "dunning-worker" in errors[0] and "replicas" in errors[0]
