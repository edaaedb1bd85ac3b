from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from shared.config import BaseServiceSettings
from shared.webhooks import WebhookSettings


class Settings(BaseServiceSettings, WebhookSettings):
    model_config = SettingsConfigDict(env_prefix="PORTAL_", extra="ignore")

    service_name: str = "portal"
    jwt_private_key_pem: str = Field(default="", description="PEM of the RSA signing key (required in production)")
    jwt_key_file: Path | None = Field(
        default=None, description="embedded/test: where the generated signing key is kept"
    )
    jwt_also_published: str = Field(
        default="",
        description="public key(s) (PEM, '-----BEGIN PUBLIC KEY-----') published in the JWKS next to the signing "
        "key's, never used to sign: the next key before a rotation's switch, the previous one after it",
    )
    token_lifetime_s: int = 3600
    login_max_failures: int = 5
    login_window_s: int = 900
    login_max_failures_per_address: int = Field(
        default=50, description="failed sign-ins from one address (all accounts) before it is slowed down"
    )
    trusted_proxies: list[str] = Field(
        default_factory=list, description="proxies (IPs or CIDR networks) whose X-Forwarded-For is believed"
    )
    gateway_timeout_s: float = Field(
        default=30.0, description="longest wait for an upstream service's answer (a slow export, an import upload)"
    )
    gateway_connect_timeout_s: float = Field(
        default=2.0,
        description="longest wait of the portal's pages to reach an upstream service (a forwarded request waits at "
        "most gateway_pool_timeout_s for a connection, free or new)",
    )
    gateway_max_connections: int = Field(
        default=16,
        description="connections to each upstream service: twice what a service works on at once, so "
        "that it always has the next requests waiting",
    )
    gateway_pool_timeout_s: float = Field(
        default=0.25, description="longest wait for a free connection to a service before answering 503"
    )
    gateway_keepalive_s: float = Field(
        default=2.0,
        description="idle upstream connections are closed before the service closes them (uvicorn: "
        "5 s), so a request is never written to a connection being closed",
    )
    # The gateway forwards at most as many requests as it has connections to a service, and lets many more wait
    # (a waiting request costs no CPU) for a place, 0.5 s at most: a burst of readers who ask again at once is
    # paced by that wait instead of being answered 503 thousands of times a second, which took the CPU the
    # answered requests needed (issue 11: 2,400 503s a second, 20 reads; now 60 to 70 reads a second, every
    # answer within 1.5 s; docs/benchmarks.md, Overload). Each service sheds its own overload too.
    max_in_flight: int = 16
    max_waiting: int = 256
    admission_wait_s: float = 0.5
    fresh_read_timeout_s: float = Field(
        default=2.0, description="how long a fresh read of another service's record waits (creditor confirmation)"
    )
    fresh_read_retry_after_s: int = Field(
        default=5, description="Retry-After (seconds) of the 503 given when such a read fails"
    )
    # Creditors' webhooks (webhooks/, docs/webhooks.md): how deliveries are tried and retried are the kernel's
    # `WebhookSettings`, as PORTAL_WEBHOOK_*.
