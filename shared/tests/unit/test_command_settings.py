"""The runtime commands (`recouvra migrate`, `recouvra replay`, `python -m scoring rescore`) read their settings
from the environment alone: a production migration never guesses a database."""

from shared.config import service_settings


def test_a_command_reads_the_services_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("INTAKE_DATABASE_URL", "postgresql+psycopg://intake@db:5432/recouvra_intake")
    monkeypatch.setenv("RECOUVRA_KAFKA_BOOTSTRAP_SERVERS", "broker:9092")
    settings = service_settings("intake")
    assert type(settings).__module__ == "intake.config"
    assert settings.database_url == "postgresql+psycopg://intake@db:5432/recouvra_intake"
    assert settings.kafka_bootstrap_servers == "broker:9092"


def test_a_production_command_never_falls_back_on_the_embedded_platform(monkeypatch):
    monkeypatch.delenv("INTAKE_DATABASE_URL", raising=False)
    monkeypatch.delenv("RECOUVRA_DATABASE_URL", raising=False)
    assert service_settings("intake").database_url == ""
