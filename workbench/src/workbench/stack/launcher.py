"""`make run`: the embedded PostgreSQL and broker, databases and migrations, topics, the mail server and the
fake SMS and postal provider, then the five services as uvicorn processes, each with its relay and consumer.
A service that stops unexpectedly (a crash, `kill -9`) is started again, as an orchestrator would; one that keeps
stopping (`Restarts`) stops the platform instead. Ctrl-C stops everything it started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

import httpx

from shared.config import BaseServiceSettings
from shared.db import ensure_database
from shared.demo import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PASSWORD, DEMO_USERS
from shared.kafka import make_admin
from shared.migrations import upgrade
from shared.topics import all_topics, ensure_topics
from workbench.stack.broker import EmbeddedBroker
from workbench.stack.fake_provider import FakeProvider, FakeProviderSettings
from workbench.stack.fake_psp import PspSettings
from workbench.stack.mail import MailServer
from workbench.stack.postgres import EmbeddedPostgres
from workbench.stack.services import (
    CARD_EVENTS_PATH,
    DEMO_PROVIDER_API_KEY,
    DEMO_PROVIDER_WEBHOOK_SECRET,
    DEMO_PSP_SECRET_KEY,
    DEMO_PSP_WEBHOOK_SECRET,
    SERVICES,
    StackLayout,
)


class Restarts:
    """How often a service may be started again: `limit` times within `window_s` seconds. A crash now and then is
    recovered (the service's outbox, inbox and consumer offsets make a restart lose nothing); a service that stops
    again and again (a bad setting, a port taken) is not hidden behind a restart loop."""

    def __init__(self, *, limit: int = 5, window_s: float = 60.0) -> None:
        self.limit = limit
        self.window_s = window_s
        self._times: dict[str, deque[float]] = {}

    def allow(self, service: str, now: float) -> bool:
        times = self._times.setdefault(service, deque())
        while times and now - times[0] > self.window_s:
            times.popleft()
        if len(times) >= self.limit:
            return False
        times.append(now)
        return True


class Stack:
    def __init__(self, layout: StackLayout, *, say: Callable[[str], object] = print) -> None:
        self.layout = layout
        self.say = say
        self.postgres = EmbeddedPostgres(layout.var_dir / "postgres", port=layout.pg_port, host=layout.host)
        (layout.var_dir / "log").mkdir(parents=True, exist_ok=True)
        self.broker = EmbeddedBroker(
            port=layout.kafka_port, host=layout.host, log_path=layout.var_dir / "log" / "broker.log"
        )
        self.mail = MailServer(layout.maildir, port=layout.smtp_port, host=layout.host)
        self.provider = FakeProvider(
            FakeProviderSettings(
                api_key=DEMO_PROVIDER_API_KEY,
                webhook_secret=DEMO_PROVIDER_WEBHOOK_SECRET,
                post_dir=layout.post_dir,
                port=layout.provider_port,
                host=layout.host,
                auto_deliver=True,
                psp=PspSettings(
                    secret_key=DEMO_PSP_SECRET_KEY,
                    webhook_url=layout.url("portal") + CARD_EVENTS_PATH,
                    webhook_secret=DEMO_PSP_WEBHOOK_SECRET,
                ),
            )
        )
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, *, ready_timeout_s: float = 90.0) -> None:
        self.say(f"• PostgreSQL on {self.layout.host}:{self.layout.pg_port} (data in {self.postgres.root})")
        self.postgres.start()
        self.say(f"• Kafka-protocol broker (Tansu, in memory) on {self.layout.bootstrap}")
        self.broker.start()
        for service in SERVICES:
            url = self.layout.database_url(service)
            ensure_database(url)
            upgrade(service, url)
        self.say("• databases migrated: " + ", ".join(f"recouvra_{s}" for s in SERVICES))
        admin = make_admin(BaseServiceSettings(kafka_bootstrap_servers=self.layout.bootstrap, service_name="launcher"))
        try:
            ensure_topics(admin, all_topics(self.layout.topic_prefix))
        finally:
            admin.close()
        self.say(f"• topics created: {len(all_topics(self.layout.topic_prefix))}")
        self.mail.start()
        self.say(f"• mail server (SMTP) on {self.layout.host}:{self.layout.smtp_port}, messages in {self.mail.path}")
        self.provider.start()
        self.say(f"• fake SMS and postal provider on {self.layout.provider_url} (letters in {self.layout.post_dir})")
        for service in SERVICES:
            self._spawn(service)
        self._wait_ready(ready_timeout_s)

    def _spawn(self, service: str) -> None:
        env = {**os.environ, **self.layout.environment(service)}
        log = open(self.layout.var_dir / "log" / f"{service}.log", "ab")  # noqa: SIM115  (the service's stdout)
        self.processes[service] = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                f"{service}.main:create_app",
                "--host",
                self.layout.host,
                "--port",
                str(self.layout.port(service)),
                "--no-access-log",
                "--timeout-graceful-shutdown",
                "10",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def _wait_ready(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        pending = set(SERVICES)
        while pending:
            for service in sorted(pending):
                process = self.processes[service]
                if process.poll() is not None:
                    log = self.layout.var_dir / "log" / (service + ".log")
                    raise RuntimeError(
                        f"{service} exited with code {process.returncode}; see {log}, which ends:\n{_tail(log)}"
                    )
                try:
                    if httpx.get(f"{self.layout.url(service)}/readyz", timeout=2).status_code == 200:
                        pending.discard(service)
                except httpx.HTTPError:
                    pass
            if pending and time.monotonic() > deadline:
                raise RuntimeError(f"not ready after {timeout_s:.0f} s: {', '.join(sorted(pending))}")
            if pending:
                time.sleep(0.2)

    def banner(self) -> str:
        lines = [
            "",
            "Recouvra is running.",
            "",
            f"  Portal and public API   {self.layout.url('portal')}   (API docs: {self.layout.url('portal')}/docs)",
        ]
        lines += [f"  {s:<22}  {self.layout.url(s)}" for s in SERVICES if s != "portal"]
        smtp, provider = f"{self.layout.host}:{self.layout.smtp_port}", self.layout.provider_url
        lines += [
            f"  {'Mail (SMTP)':<22}  {smtp}   (messages: {self.layout.maildir}/new)",
            f"  {'SMS and post (fake)':<22}  {provider}   (sent: {provider}/_control/messages)",
        ]
        lines += ["", "  Demo accounts (embedded profile only):"]
        lines += [f"    {role:<9} {email:<24} {DEMO_PASSWORD}" for email, role, _ in DEMO_USERS]
        lines += [
            f"    {'bailiff':<9} client_id={DEMO_CLIENT_ID}  client_secret={DEMO_CLIENT_SECRET}",
            "",
            f"  Logs: {self.layout.var_dir / 'log'}    Stop: Ctrl-C",
            "",
        ]
        return "\n".join(lines)

    def watch(self, restarts: Restarts | None = None) -> int:
        """Block until we are asked to stop, starting again any service that stopped unexpectedly; returns 1 when
        a service keeps stopping (more than `restarts` allows)."""
        restarts = restarts or Restarts()
        while True:
            for service, process in list(self.processes.items()):
                if process.poll() is None:
                    continue
                log = self.layout.var_dir / "log" / f"{service}.log"
                if not restarts.allow(service, time.monotonic()):
                    self.say(
                        f"{service} keeps stopping (code {process.returncode}, {restarts.limit} restarts within "
                        f"{restarts.window_s:.0f} s); stopping the platform. See {log}"
                    )
                    return 1
                self.say(f"{service} stopped unexpectedly (code {process.returncode}); starting it again. See {log}")
                self._spawn(service)
            time.sleep(0.5)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()
        self.provider.stop()
        self.mail.stop()
        self.broker.stop()
        self.postgres.stop()


def run(layout: StackLayout) -> int:
    stack = Stack(layout)

    def interrupted(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    try:
        stack.start()
        print(stack.banner(), flush=True)
        return stack.watch()
    except KeyboardInterrupt:
        print("\nstopping…", flush=True)
        return 0
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        stack.stop()


def _tail(log: Path, lines: int = 30) -> str:
    """The last lines of a service's log: what a caller that removes the stack's folder (the benchmarks, the tests)
    would otherwise lose with it."""
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError as exc:
        return f"(unreadable: {exc})"
