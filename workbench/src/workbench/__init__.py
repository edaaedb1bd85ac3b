"""The workbench: what `make run` and `make test` need and the production image does not (the embedded stack, the
pytest plugin). Runtime code (shared/src, services/*/src) never imports it; tests/deploy/test_image.py checks."""
