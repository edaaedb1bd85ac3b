"""Commands run beside `make run` (`recouvra-dev exec recouvra replay …`, `recouvra-dev exec python -m scoring
rescore`) are given the embedded platform's settings, under what the environment already sets."""

from pathlib import Path

import pytest

from workbench.stack.cli import main as recouvra_dev
from workbench.stack.services import StackLayout, embedded_environment


def test_a_command_beside_make_run_is_given_the_embedded_platforms_settings(tmp_path):
    layout = StackLayout(var_dir=Path(tmp_path), pg_port=5544, kafka_port=9192)
    environment = embedded_environment(layout, {"PATH": "/usr/bin"})
    assert environment["INTAKE_DATABASE_URL"] == "postgresql+psycopg://postgres@127.0.0.1:5544/recouvra_intake"
    assert environment["SCORING_DATABASE_URL"] == "postgresql+psycopg://postgres@127.0.0.1:5544/recouvra_scoring"
    assert environment["RECOUVRA_KAFKA_BOOTSTRAP_SERVERS"] == "127.0.0.1:9192"
    assert environment["RECOUVRA_PROFILE"] == "embedded" and environment["PATH"] == "/usr/bin"


def test_what_the_environment_sets_wins(tmp_path):
    layout = StackLayout(var_dir=Path(tmp_path), pg_port=5544)
    environment = embedded_environment(layout, {"INTAKE_DATABASE_URL": "postgresql+psycopg://elsewhere/intake"})
    assert environment["INTAKE_DATABASE_URL"] == "postgresql+psycopg://elsewhere/intake"


def test_exec_needs_a_command():
    with pytest.raises(SystemExit) as exit_info:
        recouvra_dev(["exec"])
    assert exit_info.value.code == 2
