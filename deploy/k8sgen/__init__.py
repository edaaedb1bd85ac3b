"""Kubernetes manifests written from the code (settings, topics, workloads) and a renderer of the Kustomize
subset that `k8s/` uses. `deploy/generate_k8s.py` writes the files; `deploy/render_k8s.py` renders an overlay."""
