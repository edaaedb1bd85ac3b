"""Settings from the environment (pydantic-settings). One class per service extends `BaseServiceSettings`."""

from __future__ import annotations

import importlib
from enum import StrEnum

from pydantic import Field
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict

SERVICE_PORTS = {"portal": 8000, "intake": 8001, "scoring": 8002, "dunning": 8003, "legal": 8004}


class Profile(StrEnum):
    EMBEDDED = "embedded"
    TEST = "test"
    PRODUCTION = "production"


class BaseServiceSettings(BaseSettings):
    """What every service reads. A service's own prefix (`INTAKE_`, `PORTAL_` …) comes first; the
    platform-wide `RECOUVRA_` names are the fallback, so one variable can point all services at a broker."""

    model_config = SettingsConfigDict(env_prefix="RECOUVRA_", extra="ignore")

    service_name: str = "service"
    profile: Profile = Profile.PRODUCTION
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL of this service's own database, e.g. postgresql+psycopg://user:pw@host:5432/recouvra_intake",
    )
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    kafka_topic_prefix: str = Field(
        default="", description="prepended to every topic name (test isolation, shared clusters)"
    )
    kafka_group_instance: str = Field(
        default="",
        description="this replica's name in its consumer groups (static membership), unique among the service's "
        "replicas; empty: the host name (a pod's name on Kubernetes)",
    )
    kafka_session_timeout_ms: int = 10_000
    kafka_heartbeat_interval_ms: int = 3_000
    kafka_fetch_max_wait_ms: int = 500
    consumer_max_attempts: int = 5
    consumer_backoff_ms: int = 200
    waiting_room_patience_h: float = Field(
        default=24.0, description="hours (of the platform clock) an event waits for its prerequisite before the DLQ"
    )
    waiting_room_sweep_s: float = Field(default=5.0, description="seconds between two retries of every parked event")
    relay_interval_ms: int = 200
    relay_gap_ms: int = Field(
        default=30,
        ge=0,
        description="least time between two passes of the outbox relay while events keep coming: a flow of commits "
        "goes out in a few larger passes (a lone event after a quiet spell goes out at once)",
    )
    relay_batch_size: int = 500
    # Overload (issue 11): a burst beyond capacity is answered 503 + Retry-After within about a second, never
    # left to stall. Requests in flight stay below the API pool, so the pool's own wait is only a backstop.
    db_pool_size: int = Field(default=10, ge=1, description="database connections the API keeps open")
    kept_answers_mb: int = Field(
        default=32,
        ge=0,
        description="MiB of rendered answers each kind of read may keep in each process (shared.kept_answers); "
        "0 renders every answer",
    )
    db_max_overflow: int = Field(default=10, ge=0, description="extra API connections opened under load")
    db_pool_timeout_s: float = Field(
        default=2.0, gt=0, description="longest wait for an API connection before the request is answered 503"
    )
    worker_db_pool_size: int = Field(
        default=4,
        ge=2,
        description="connections of the relay, the consumer and the background jobs (a pool of "
        "their own, so that a flood of reads cannot starve them)",
    )
    worker_db_max_overflow: int = Field(default=4, ge=0)
    db_ping_after_idle_s: float = Field(
        default=1.0,
        ge=0,
        description="a pooled connection idle this long is checked before use; one used a moment before is not",
    )
    # Sync handlers share one GIL and two or so cores: more requests at once add waiting, not throughput.
    max_in_flight: int = Field(default=8, ge=1, description="HTTP requests one process answers at once")
    # 64 waiting, not 16: a wait is bounded in time below and costs no CPU, while a 503 answered at once is retried
    # at once. With 16, 32 clients reading cases (the API benchmark) had 8 of them looping on 503s, some 5,000 a
    # second, which took more of the core than the reads that got through (issue 17).
    max_waiting: int = Field(default=64, ge=0, description="requests that wait for a place; the rest get 503 at once")
    # 1 s, not less: sixteen clients at once (the proof's load run) are not a burst to shed, and with 0.25 s a
    # statement read that waited behind eight slow ones got a 503 (11 to 22 a minute); with 1 s, none.
    admission_wait_s: float = Field(default=1.0, ge=0, description="longest wait for a place before 503")
    overload_retry_after_s: int = Field(default=1, ge=1, description="Retry-After (seconds) of an overload 503")
    run_workers: bool = Field(
        default=True, description="run the outbox relay and the event consumer inside the web process"
    )
    jwks_url: str = "http://127.0.0.1:8000/.well-known/jwks.json"
    jwks_cache_ttl_s: float = Field(
        default=300.0,
        gt=0,
        description="how long a service keeps the portal's token keys before fetching them again: a key rotation "
        "waits this long between publishing the next key and signing with it (docs/operations.md)",
    )
    revocations_url: str = Field(
        default="http://127.0.0.1:8000/.well-known/revocations.json",
        description="the portal's list of accounts whose access was withdrawn (shared.revocations); empty: none read",
    )
    revocations_refresh_s: float = Field(
        default=10.0, gt=0, description="how often a service reads that list again: a deactivation's longest delay"
    )
    jwt_issuer: str = "recouvra-portal"
    jwt_audience: str = "recouvra"
    seed_demo: bool = False
    log_level: str = "INFO"
    service_client_secret: str = Field(
        default="",
        description="secret of the platform services' own API clients (dunning, legal) at the portal's token "
        "endpoint; the portal seeds those clients with it, empty seeds none",
    )
    debtor_link_key: str = Field(
        default="", description="HMAC key of the debtor's self-service links (docs/architecture.md); empty: no links"
    )
    public_base_url: str = Field(
        default="http://127.0.0.1:8000", description="the portal's public address, as debtors' links start"
    )
    debtor_link_days: int = Field(default=60, ge=1, description="days a debtor's self-service link stays valid")
    service_urls: dict[str, str] = Field(
        default_factory=lambda: {name: f"http://127.0.0.1:{port}" for name, port in SERVICE_PORTS.items()},
        description="base URL of each service (JSON), used by the portal gateway and fresh synchronous reads",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        platform_wide = EnvSettingsSource(settings_cls, env_prefix="RECOUVRA_")
        return init_settings, env_settings, platform_wide, dotenv_settings, file_secret_settings

    @property
    def clock_is_settable(self) -> bool:
        return self.profile in (Profile.EMBEDDED, Profile.TEST)


def service_settings(service: str) -> BaseServiceSettings:
    """A service's own Settings (`<service>.config.Settings`), read from the environment alone: what a command
    run in the service's pod sees (beside `make run`, `recouvra-dev exec` gives it the embedded platform's)."""
    module = importlib.import_module(f"{service}.config")
    settings: BaseServiceSettings = module.Settings()
    return settings
