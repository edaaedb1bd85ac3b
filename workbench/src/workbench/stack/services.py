"""The five services, their ports and the environment the embedded launcher gives each of them."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from shared.config import SERVICE_PORTS
from workbench.stack.fake_bodacc import RECORDS

SERVICES = tuple(SERVICE_PORTS)

# The fake provider's credentials in the embedded profile only: fixed demonstration values, known to all, that
# no real provider accepts (production reads its own from the environment).
DEMO_PROVIDER_API_KEY = "demo-provider-api-key"
DEMO_PROVIDER_WEBHOOK_SECRET = "demo-provider-webhook-secret"
# The fake card-payment provider's keys (`fake_psp`), in Stripe's shapes: not secrets, demonstration values.
DEMO_PSP_SECRET_KEY = "sk_test_recouvra_demo"
DEMO_PSP_WEBHOOK_SECRET = "whsec_recouvra_demo"
CARD_EVENTS_PATH = "/api/v1/intake/card-payments/events"


@dataclass(frozen=True)
class StackLayout:
    var_dir: Path
    pg_port: int = 5432
    kafka_port: int = 9092
    port_base: int = 8000
    host: str = "127.0.0.1"
    topic_prefix: str = ""
    smtp_port: int = 1025
    provider_port: int = 8090

    def port(self, service: str) -> int:
        return self.port_base + (SERVICE_PORTS[service] - 8000)

    def url(self, service: str) -> str:
        return f"http://{self.host}:{self.port(service)}"

    def database_url(self, service: str) -> str:
        return f"postgresql+psycopg://postgres@{self.host}:{self.pg_port}/recouvra_{service}"

    @property
    def provider_url(self) -> str:
        return f"http://{self.host}:{self.provider_port}"

    @property
    def maildir(self) -> Path:
        return self.var_dir / "mail"

    @property
    def post_dir(self) -> Path:
        return self.var_dir / "post"

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.kafka_port}"

    def environment(self, service: str) -> dict[str, str]:
        """Settings of one service in the embedded profile, as environment variables."""
        return {
            f"{service.upper()}_DATABASE_URL": self.database_url(service),
            "RECOUVRA_PROFILE": "embedded",
            "RECOUVRA_KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
            "RECOUVRA_KAFKA_TOPIC_PREFIX": self.topic_prefix,
            # The embedded broker holds a group join for about half the session timeout, and holds
            # every fetch for the full fetch wait even when data is there (docs/architecture.md, The embedded broker):
            # short fetches while there is work; idle consumers sleep on the relays' announcements instead
            # (shared.consumer_loop). A heartbeat every 2 s keeps an idle platform quiet (bench idle); a group
            # join then takes about 3 s, once, at start.
            "RECOUVRA_KAFKA_SESSION_TIMEOUT_MS": "6000",
            "RECOUVRA_KAFKA_HEARTBEAT_INTERVAL_MS": "2000",
            "RECOUVRA_KAFKA_FETCH_MAX_WAIT_MS": "20",
            "RECOUVRA_RELAY_INTERVAL_MS": "50",
            "RECOUVRA_SEED_DEMO": "true",
            "RECOUVRA_JWKS_URL": f"{self.url('portal')}/.well-known/jwks.json",
            "RECOUVRA_REVOCATIONS_URL": f"{self.url('portal')}/.well-known/revocations.json",
            "RECOUVRA_SERVICE_URLS": json.dumps({name: self.url(name) for name in SERVICES}),
            "PORTAL_JWT_KEY_FILE": str(self.var_dir / "keys" / "jwt-signing-key.pem"),
            "RECOUVRA_SERVICE_CLIENT_SECRET": kept_secret(self.var_dir / "keys" / "service-client-secret"),
            "RECOUVRA_DEBTOR_LINK_KEY": kept_secret(self.var_dir / "keys" / "debtor-link-key"),
            "RECOUVRA_PUBLIC_BASE_URL": self.url("portal"),
            "INTAKE_DOCUMENTS_DIR": str(self.var_dir / "documents"),
            # A demonstration client-money account (a valid IBAN, no real bank behind it).
            "INTAKE_AGENCY_IBAN": "FR7630006000011234567890189",
            "INTAKE_AGENCY_BIC": "AGRIFRPP",  # the bank of that IBAN (bank code 30006)
            "DUNNING_AGENCY_IBAN": "FR7630006000011234567890189",
            # The embedded mail server (every message lands in var/mail) and the fake SMS and postal provider.
            "RECOUVRA_SMTP_HOST": self.host,
            "RECOUVRA_SMTP_PORT": str(self.smtp_port),
            # the mail server bounces an address in .invalid back to the sender, into the same Maildir
            "DUNNING_BOUNCE_MAILDIR": str(self.maildir),
            "DUNNING_SMTP_RETURN_PATH": "retours@recouvra.example",
            # debtors' replies to reponses+<id>@… are delivered to the same Maildir and read from there
            "DUNNING_REPLY_ADDRESS": "reponses@recouvra.example",
            "RECOUVRA_SMS_PROVIDER_URL": self.provider_url,
            "INTAKE_BODACC_URL": self.provider_url + RECORDS,  # the fake BODACC API on the same server
            "INTAKE_PSP_URL": self.provider_url + "/psp",  # the fake card-payment provider, on the same server
            "INTAKE_PSP_SECRET_KEY": DEMO_PSP_SECRET_KEY,
            "INTAKE_PSP_WEBHOOK_SECRET": DEMO_PSP_WEBHOOK_SECRET,
            "RECOUVRA_POST_PROVIDER_URL": self.provider_url,
            "RECOUVRA_PROVIDER_API_KEY": DEMO_PROVIDER_API_KEY,
            "RECOUVRA_PROVIDER_WEBHOOK_SECRET": DEMO_PROVIDER_WEBHOOK_SECRET,
        }


def kept_secret(path: Path) -> str:
    """A random secret generated once and kept in `path` (0600), so that it survives a restart of `make run`.

    Written aside then linked into place: a process reading at the same moment sees no file or the whole one."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(32))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process kept one first: theirs is the secret
        finally:
            draft.unlink()
    return path.read_text().strip()


def embedded_environment(layout: StackLayout | None = None, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a command run beside `make run` (`recouvra-dev exec recouvra replay intake --since …`,
    `recouvra-dev exec python -m scoring rescore`): the embedded platform's settings for every service
    (`RECOUVRA_VAR_DIR` and ports as for `make run`), under what the environment already sets."""
    layout = layout or default_layout()
    environ = os.environ if environ is None else environ
    embedded: dict[str, str] = {}
    for service in SERVICES:
        embedded.update(layout.environment(service))
    return embedded | dict(environ)


def default_layout() -> StackLayout:
    return StackLayout(
        var_dir=Path(os.environ.get("RECOUVRA_VAR_DIR", "var")).resolve(),
        pg_port=int(os.environ.get("RECOUVRA_PG_PORT", "5432")),
        kafka_port=int(os.environ.get("RECOUVRA_KAFKA_PORT", "9092")),
        port_base=int(os.environ.get("RECOUVRA_PORT_BASE", "8000")),
        smtp_port=int(os.environ.get("RECOUVRA_SMTP_PORT", "1025")),
        provider_port=int(os.environ.get("RECOUVRA_PROVIDER_PORT", "8090")),
    )
