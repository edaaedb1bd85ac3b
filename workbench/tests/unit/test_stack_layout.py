"""`make run` tells every service where its mail server and its SMS and postal provider are."""

from pathlib import Path

from workbench.stack.services import (
    DEMO_PROVIDER_API_KEY,
    DEMO_PROVIDER_WEBHOOK_SECRET,
    SERVICES,
    StackLayout,
    default_layout,
)


def test_every_service_is_given_the_mail_server_and_the_fake_provider(tmp_path):
    layout = StackLayout(var_dir=Path(tmp_path), smtp_port=11025, provider_port=18090)

    for service in SERVICES:
        environment = layout.environment(service)
        assert environment["RECOUVRA_SMTP_HOST"] == "127.0.0.1" and environment["RECOUVRA_SMTP_PORT"] == "11025"
        assert environment["RECOUVRA_SMS_PROVIDER_URL"] == environment["RECOUVRA_POST_PROVIDER_URL"]
        assert environment["RECOUVRA_SMS_PROVIDER_URL"] == "http://127.0.0.1:18090"
        assert environment["RECOUVRA_PROVIDER_API_KEY"] == DEMO_PROVIDER_API_KEY
        assert environment["RECOUVRA_PROVIDER_WEBHOOK_SECRET"] == DEMO_PROVIDER_WEBHOOK_SECRET
    assert layout.maildir == Path(tmp_path) / "mail" and layout.post_dir == Path(tmp_path) / "post"


def test_the_ports_come_from_the_environment_with_their_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("RECOUVRA_VAR_DIR", str(tmp_path))
    monkeypatch.delenv("RECOUVRA_SMTP_PORT", raising=False)
    monkeypatch.delenv("RECOUVRA_PROVIDER_PORT", raising=False)
    assert (default_layout().smtp_port, default_layout().provider_port) == (1025, 8090)

    monkeypatch.setenv("RECOUVRA_SMTP_PORT", "2525")
    monkeypatch.setenv("RECOUVRA_PROVIDER_PORT", "9090")
    assert (default_layout().smtp_port, default_layout().provider_port) == (2525, 9090)
