"""The offline renderer of the Kustomize subset (deploy/k8sgen/render.py), on small kustomizations of its own:
what each supported field does, and that an unsupported one is refused rather than ignored."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import deploy_readers  # noqa: F401  (puts deploy/ on the path)
from k8sgen.render import RenderError, render, strategic_merge

DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "web"},
    "spec": {
        "replicas": 1,
        "selector": {"matchLabels": {"app": "web"}},
        "template": {
            "metadata": {"labels": {"app": "web"}},
            "spec": {
                "containers": [
                    {
                        "name": "web",
                        "image": "recouvra",
                        "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                        "args": ["--one"],
                    }
                ]
            },
        },
    },
}


def write(folder: Path, kustomization: dict, **files: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kustomization.yaml").write_text(yaml.safe_dump(kustomization))
    for name, content in files.items():
        path = folder / name.replace("__", ".")
        path.write_text(content if isinstance(content, str) else yaml.safe_dump(content))
    return folder


def base(tmp_path: Path) -> Path:
    return write(
        tmp_path / "base",
        {
            "namespace": "one",
            "resources": ["web.yaml"],
            "generatorOptions": {"disableNameSuffixHash": True},
            "configMapGenerator": [{"name": "settings", "envs": ["settings.env"]}],
        },
        web__yaml=DEPLOYMENT,
        settings__env='# a comment\nA=1\nJSON={"a": [1, 2]}\nEMPTY=\n# UNSET=\n',
    )


def test_a_base_renders_its_resources_and_generated_config_maps_in_its_namespace(tmp_path):
    deployment, config_map = render(base(tmp_path))
    assert deployment["metadata"] == {"name": "web", "namespace": "one"}
    assert config_map == {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "settings", "namespace": "one"},
        "data": {"A": "1", "JSON": '{"a": [1, 2]}', "EMPTY": ""},
    }


def test_an_overlay_merges_settings_patches_sets_images_replicas_and_its_own_namespace(tmp_path):
    base(tmp_path)
    patch = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web"},
        "spec": {
            "template": {
                "spec": {"containers": [{"name": "web", "env": [{"name": "B", "value": "3"}], "args": ["--two"]}]}
            }
        },
    }
    overlay = write(
        tmp_path / "overlay",
        {
            "namespace": "two",
            "resources": ["../base"],
            "generatorOptions": {"disableNameSuffixHash": True},
            "configMapGenerator": [{"name": "settings", "behavior": "merge", "literals": ["A=2", "NEW=x"]}],
            "patches": [{"path": "patch.yaml"}],
            "images": [{"name": "recouvra", "newName": "registry.example.com/recouvra", "newTag": "1.2.3"}],
            "replicas": [{"name": "web", "count": 4}],
        },
        patch__yaml=patch,
    )
    deployment, config_map = render(overlay)
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    assert container["env"] == [{"name": "A", "value": "1"}, {"name": "B", "value": "3"}]
    assert container["args"] == ["--two"], "a list without a merge key is replaced"
    assert container["image"] == "registry.example.com/recouvra:1.2.3"
    assert deployment["spec"]["replicas"] == 4 and deployment["metadata"]["namespace"] == "two"
    assert config_map["data"] == {"A": "2", "JSON": '{"a": [1, 2]}', "EMPTY": "", "NEW": "x"}


def test_an_image_can_be_pinned_by_digest():
    folder_documents = [{"kind": "Deployment", "metadata": {"name": "x"}, **{"spec": DEPLOYMENT["spec"]}}]
    from k8sgen.render import _set_image

    _set_image({"name": "recouvra", "newName": "r.example/recouvra", "digest": "sha256:" + "a" * 64}, folder_documents)
    assert (
        folder_documents[0]["spec"]["template"]["spec"]["containers"][0]["image"]
        == "r.example/recouvra@sha256:" + "a" * 64
    )


def test_a_null_in_a_patch_removes_the_field():
    assert strategic_merge({"a": 1, "b": {"c": 2}}, {"b": None}) == {"a": 1}


@pytest.mark.parametrize(
    "kustomization",
    [
        {"resources": ["web.yaml"], "namePrefix": "x-"},
        {"resources": ["web.yaml"], "configMapGenerator": [{"name": "s", "literals": ["A=1"]}]},
        {"resources": ["web.yaml"], "patches": [{"path": "p.yaml", "target": {"kind": "Deployment"}}]},
        {"resources": ["missing.yaml"]},
        {"resources": ["web.yaml", "web.yaml"]},
    ],
    ids=["unknown field", "hashed generator", "patch with a target", "missing resource", "duplicate"],
)
def test_what_the_renderer_does_not_support_is_refused(tmp_path, kustomization):
    folder = write(tmp_path / "k", kustomization, web__yaml=DEPLOYMENT, p__yaml=DEPLOYMENT)
    with pytest.raises(RenderError):
        render(folder)
