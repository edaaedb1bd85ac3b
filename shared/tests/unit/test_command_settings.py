"""Commands run beside `make run` (`recouvra replay`, `python -m scoring rescore`) find the embedded platform's
settings by themselves; a production migration never guesses a database."""

from pathlib import Path

from shared.stack.services import StackLayout, service_settings


def test_a_command_without_a_database_url_uses_the_embedded_platform(monkeypatch, tmp_path):
    for name in ("INTAKE_DATABASE_URL", "RECOUVRA_DATABASE_URL", "RECOUVRA_PROFILE", "INTAKE_DOCUMENTS_DIR"):
        monkeypatch.delenv(name, raising=False)
    layout = StackLayout(var_dir=Path(tmp_path), pg_port=5544, kafka_port=9192)
    monkeypatch.setattr("os.environ", dict(__import__("os").environ))  # the fallback writes the environment
    settings = service_settings("intake", layout)
    assert settings.database_url == "postgresql+psycopg://postgres@127.0.0.1:5544/recouvra_intake"
    assert settings.kafka_bootstrap_servers == "127.0.0.1:9192" and settings.profile == "embedded"


def test_a_production_migration_never_falls_back(monkeypatch, tmp_path):
    monkeypatch.delenv("INTAKE_DATABASE_URL", raising=False)
    monkeypatch.delenv("RECOUVRA_DATABASE_URL", raising=False)
    layout = StackLayout(var_dir=Path(tmp_path), pg_port=5544)
    assert service_settings("intake", layout, embedded_fallback=False).database_url == ""
