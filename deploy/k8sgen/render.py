"""Renders a Kustomize base or overlay the way `kustomize build` does, for the subset `k8s/` uses, offline.

No kustomize binary is available where the tests run; this covers exactly what the kustomizations here write and
refuses anything else (an unknown field is an error, not silently ignored), so that a kustomization using a
feature this renderer lacks fails the tests instead of rendering wrongly. Supported:

- `resources`: YAML files (several documents each) and folders holding a kustomization.yaml;
- `namespace`: set on every namespaced resource;
- `configMapGenerator` (`envs`, `literals`, `behavior` create, merge or replace) with the name suffix hash
  disabled (`generatorOptions.disableNameSuffixHash: true`);
- `patches` (a `path` or an inline `patch`): strategic merge, lists of containers, env, volumes, ports and
  volume mounts merged by their key, other lists replaced;
- `images` (`newName`, `newTag`, `digest`) and `replicas` (`name`, `count`).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

Document = dict[str, Any]

KNOWN_FIELDS = {
    "apiVersion",
    "kind",
    "resources",
    "namespace",
    "configMapGenerator",
    "generatorOptions",
    "patches",
    "images",
    "replicas",
}
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass"}
# strategic merge keys of the lists `k8s/` patches (the Kubernetes API's x-kubernetes-patch-merge-key)
MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "env": "name",
    "volumes": "name",
    "ports": "containerPort",
    "volumeMounts": "mountPath",
}


class RenderError(ValueError):
    pass


def render(folder: Path) -> list[Document]:
    """Every resource of the kustomization in `folder`, transformed, in order."""
    kustomization = _load_kustomization(folder)
    documents: list[Document] = []
    for entry in kustomization.get("resources", []):
        path = (folder / entry).resolve()
        if path.is_dir():
            documents.extend(render(path))
        elif path.is_file():
            documents.extend(doc for doc in yaml.safe_load_all(path.read_text()) if doc)
        else:
            raise RenderError(f"{folder}/kustomization.yaml: resource {entry} does not exist")
    documents = _generate_config_maps(folder, kustomization, documents)
    for entry in kustomization.get("patches", []):
        _apply_patch(folder, entry, documents)
    for image in kustomization.get("images", []):
        _set_image(image, documents)
    for replica in kustomization.get("replicas", []):
        _target(documents, "Deployment", replica["name"])["spec"]["replicas"] = replica["count"]
    if "namespace" in kustomization:
        for document in documents:
            if document["kind"] not in CLUSTER_SCOPED:
                document.setdefault("metadata", {})["namespace"] = kustomization["namespace"]
    _refuse_duplicates(folder, documents)
    return documents


def _load_kustomization(folder: Path) -> Document:
    path = folder / "kustomization.yaml"
    if not path.is_file():
        raise RenderError(f"{folder} holds no kustomization.yaml")
    kustomization: Document = yaml.safe_load(path.read_text())
    unknown = set(kustomization) - KNOWN_FIELDS
    if unknown:
        raise RenderError(f"{path}: this renderer does not support {sorted(unknown)}")
    return kustomization


def _generate_config_maps(folder: Path, kustomization: Document, documents: list[Document]) -> list[Document]:
    generators = kustomization.get("configMapGenerator", [])
    if generators and not kustomization.get("generatorOptions", {}).get("disableNameSuffixHash"):
        raise RenderError(f"{folder}: set generatorOptions.disableNameSuffixHash: true (no hashed names here)")
    for generator in generators:
        unknown = set(generator) - {"name", "behavior", "envs", "literals"}
        if unknown:
            raise RenderError(f"{folder}: configMapGenerator {generator.get('name')}: unsupported {sorted(unknown)}")
        data: dict[str, str] = {}
        for env in generator.get("envs", []):
            data.update(_read_env((folder / env).read_text()))
        data.update(_read_env("\n".join(generator.get("literals", []))))
        behavior = generator.get("behavior", "create")
        existing = [d for d in documents if d["kind"] == "ConfigMap" and d["metadata"]["name"] == generator["name"]]
        if behavior == "create":
            if existing:
                raise RenderError(f"{folder}: ConfigMap {generator['name']} exists already: use behavior merge")
            documents.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": generator["name"]}})
            documents[-1]["data"] = data
        elif behavior in ("merge", "replace") and len(existing) == 1:
            merged = existing[0].get("data", {}) if behavior == "merge" else {}
            existing[0]["data"] = {**merged, **data}
        else:
            raise RenderError(f"{folder}: ConfigMap {generator['name']}: cannot {behavior} (found {len(existing)})")
    return documents


def _read_env(text: str) -> dict[str, str]:
    values = {}
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            name, separator, value = stripped.partition("=")
            if not separator:
                raise RenderError(f"env line without '=': {stripped}")
            values[name] = value
    return values


def _apply_patch(folder: Path, entry: Document, documents: list[Document]) -> None:
    unknown = set(entry) - {"path", "patch"}
    if unknown:
        raise RenderError(f"{folder}: patches support path or patch only (strategic merge), not {sorted(unknown)}")
    text = (folder / entry["path"]).read_text() if "path" in entry else entry["patch"]
    for patch in (doc for doc in yaml.safe_load_all(text) if doc):
        target = _target(documents, patch["kind"], patch["metadata"]["name"])
        merged = strategic_merge(target, patch)
        target.clear()
        target.update(merged)


def strategic_merge(target: Any, patch: Any, key: str = "") -> Any:
    """`patch` merged into a copy of `target`: maps key by key, lists of known kinds item by merge key."""
    if isinstance(target, dict) and isinstance(patch, dict):
        merged = copy.deepcopy(target)
        for name, value in patch.items():
            if value is None:
                merged.pop(name, None)
            else:
                merged[name] = strategic_merge(target.get(name), value, name) if name in target else value
        return merged
    if isinstance(target, list) and isinstance(patch, list) and key in MERGE_KEYS:
        merge_key = MERGE_KEYS[key]
        items = copy.deepcopy(target)
        for item in patch:
            index = next((i for i, old in enumerate(items) if old.get(merge_key) == item.get(merge_key)), None)
            if index is None:
                items.append(item)
            else:
                items[index] = strategic_merge(items[index], item, key)
        return items
    return copy.deepcopy(patch)


def _target(documents: list[Document], kind: str, name: str) -> Document:
    found = [d for d in documents if d["kind"] == kind and d["metadata"]["name"] == name]
    if len(found) != 1:
        raise RenderError(f"{len(found)} {kind} named {name} to patch; exactly one expected")
    return found[0]


def _set_image(image: Document, documents: list[Document]) -> None:
    unknown = set(image) - {"name", "newName", "newTag", "digest"}
    if unknown:
        raise RenderError(f"images: unsupported {sorted(unknown)}")
    for document in documents:
        pod = document.get("spec", {}).get("template", {}).get("spec", {})
        for container in [*pod.get("containers", []), *pod.get("initContainers", [])]:
            name = container["image"].split("@")[0]
            bare = name.rsplit(":", 1)[0] if ":" in name.rsplit("/", 1)[-1] else name
            if bare != image["name"]:
                continue
            new = image.get("newName", bare)
            if "digest" in image:
                container["image"] = f"{new}@{image['digest']}"
            else:
                tag = image.get("newTag") or (name.rsplit(":", 1)[1] if bare != name else "")
                container["image"] = f"{new}:{tag}" if tag else new


def _refuse_duplicates(folder: Path, documents: list[Document]) -> None:
    seen = set()
    for document in documents:
        identity = (document["kind"], document["metadata"].get("namespace"), document["metadata"]["name"])
        if identity in seen:
            raise RenderError(f"{folder}: {identity} appears twice")
        seen.add(identity)
