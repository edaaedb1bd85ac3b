"""The whole platform started the way `make run` starts it (the `recouvra-dev run` command, in a process of
its own, on free ports and a temporary data folder), once for every end-to-end test module.

The browser journeys' visitors (test_web_*.py): headless Chromium, the Debian package, driven by Playwright with
the system browser (Playwright's own browser download is never used). A `Visitor` fails its test on any console
error and on any serious or critical accessibility violation (axe-core) of a page it looked at. Screenshots are
test artefacts, kept in var/test-artifacts/browser/ of the checkout (RECOUVRA_E2E_SCREENSHOTS, when set, names
another folder), one PNG per page looked at, named <visitor>-<nn>-<what>.png.

`make test` installs Chromium first when it can (`make browser`: apt-get, as root). Without Chromium or Playwright
the journeys are skipped with the reason, unless RECOUVRA_REQUIRE_BROWSER is set (CI sets it): then they fail."""

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import httpx
import psutil
import pytest

from shared.clock import PARIS
from workbench.stack.broker import free_port

SERVICES = ("portal", "intake", "scoring", "dunning", "legal")


class Platform:
    def __init__(self, var_dir: Path) -> None:
        base = free_port()
        while any(_busy(base + i) for i in range(1, 5)):
            base = free_port()
        self.ports = {name: base + i for i, name in enumerate(SERVICES)}
        chosen = set(self.ports.values())
        self.kafka_port, self.pg_port, self.smtp_port, self.provider_port = (_another(chosen) for _ in range(4))
        self.var_dir = var_dir
        self.maildir = var_dir / "mail"  # what the mail server received (workbench.stack.mail.MailDir reads it)
        self.provider_url = f"http://127.0.0.1:{self.provider_port}"  # the fake SMS and postal provider
        self.process: subprocess.Popen[str] | None = None
        self.startup_seconds = 0.0

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    def url(self, service: str = "portal") -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def start(self) -> float:
        env = {
            **os.environ,
            "RECOUVRA_VAR_DIR": str(self.var_dir),
            "RECOUVRA_PORT_BASE": str(self.ports["portal"]),
            "RECOUVRA_KAFKA_PORT": str(self.kafka_port),
            "RECOUVRA_PG_PORT": str(self.pg_port),
            "RECOUVRA_SMTP_PORT": str(self.smtp_port),
            "RECOUVRA_PROVIDER_PORT": str(self.provider_port),
        }
        started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "workbench.stack.cli", "run"],
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = started + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.process.stdout.read()
                taken = "address already in use" in output or "something already listens" in output
                error = PortTaken if taken else AssertionError
                raise error("the platform exited at start:\n" + output)
            if all(_ready(self.url(s)) for s in SERVICES):
                return time.monotonic() - started
            time.sleep(0.3)
        raise AssertionError("the platform was not ready within 120 s")

    def stop(self) -> str:
        assert self.process is not None
        self.process.send_signal(signal.SIGINT)
        output, _ = self.process.communicate(timeout=60)
        return output

    def kill(self, service: str, *, meanwhile: Callable[[], object] | None = None, timeout_s: float = 60.0) -> float:
        """SIGKILL the service's uvicorn process, as a crash would; the launcher starts it again (`Stack.watch`).
        `meanwhile` runs once the process is gone, before its successor starts. Returns the seconds until the new
        process answers /readyz."""
        [victim] = self._service_processes(service)
        started = time.monotonic()
        victim.kill()
        victim.wait(timeout=10)  # gone (a zombie until the launcher reaps it, which is enough)
        if meanwhile is not None:
            meanwhile()
        while time.monotonic() < started + timeout_s:
            fresh = [p.pid for p in self._service_processes(service)]
            if fresh and victim.pid not in fresh and _ready(self.url(service)):
                return time.monotonic() - started
            time.sleep(0.2)
        raise AssertionError(f"{service} was not started again within {timeout_s:.0f} s of its kill")

    def _service_processes(self, service: str) -> list[psutil.Process]:
        assert self.process is not None
        found = []
        for child in psutil.Process(self.process.pid).children():
            try:
                if f"{service}.main:create_app" in child.cmdline() and child.status() != psutil.STATUS_ZOMBIE:
                    found.append(child)
            except psutil.Error:  # gone, or a zombie the launcher has not reaped yet
                continue
        return found

    def sign_in(self, username: str, password: str = "demo-password") -> dict[str, str]:
        response = httpx.post(
            f"{self.url()}/api/v1/auth/token",
            data={"grant_type": "password", "username": username, "password": password},
        )
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    @staticmethod
    def eventually(check, timeout_s: float = 15.0):
        """Polls `check` until it returns something truthy or the time is up (the platform works in the
        background: events travel through the broker)."""
        deadline = time.monotonic() + timeout_s
        while True:
            result = check()
            if result or time.monotonic() > deadline:
                return result
            time.sleep(0.1)


def _another(chosen: set[int]) -> int:
    """A free port not among those already `chosen` (the set grows by it)."""
    port = free_port()
    while port in chosen:
        port = free_port()
    chosen.add(port)
    return port


def _busy(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


class PortTaken(AssertionError):
    """A port chosen free was taken before the platform bound it (by the other test worker's servers, which pick
    theirs from the same range): a race of the harness, not a fault of the platform."""


@pytest.fixture(scope="session")
def platform(tmp_path_factory):
    for attempt in range(3):  # a fresh set of ports each time
        platform = Platform(Path(tmp_path_factory.mktemp("platform")))
        try:
            platform.startup_seconds = platform.start()
            break
        except PortTaken:
            if attempt == 2:
                raise
    yield platform
    if platform.process and platform.process.poll() is None:
        platform.stop()


# -- the browser journeys ----------------------------------------------------------------------------------------

REQUIRED = bool(os.environ.get("RECOUVRA_REQUIRE_BROWSER"))
ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts" / "browser"
TODAY = date(2027, 3, 3)  # a Wednesday: e-mails may leave (mon-sat 08:00-20:00, Paris)
SERIOUS = ("serious", "critical")


def _unavailable(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason} (RECOUVRA_REQUIRE_BROWSER is set: the browser journeys must run)")
    pytest.skip(reason)


def _chromium() -> str | None:
    """The Debian package's binary itself (its /usr/bin/chromium is a shell wrapper), else whatever is on PATH."""
    candidates = ("/usr/lib/chromium/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
    return next((path for path in candidates if path and os.access(path, os.X_OK)), None)


try:
    from axe_playwright_python.sync_playwright import Axe
    from playwright import sync_api
except ImportError:  # pragma: no cover - the dev lock installs both
    sync_api = Axe = None


@pytest.fixture(scope="module")
def browser():
    if sync_api is None or Axe is None:
        _unavailable("Playwright or axe-playwright-python is not installed: make install")
    chromium = _chromium()
    if chromium is None:
        _unavailable("no Chromium at /usr/lib/chromium/chromium: `make browser` (as root) or apt-get install chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def shots() -> Path:
    folder = Path(os.environ.get("RECOUVRA_E2E_SCREENSHOTS") or ARTEFACTS)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def on_a_working_day(platform):
    admin = platform.sign_in("admin@demo.example")
    moment = datetime(TODAY.year, TODAY.month, TODAY.day, 10, 30, tzinfo=PARIS).isoformat()
    assert httpx.put(f"{platform.url()}/api/v1/admin/clock", json={"now": moment}, headers=admin).status_code == 200
    yield admin
    httpx.put(f"{platform.url()}/api/v1/admin/clock", json={"now": None}, headers=admin)


class Visitor:
    """One browser context (its own cookies) that fails the test on any console error or any serious
    accessibility violation of a page it looked at."""

    def __init__(self, browser, base_url: str, shots: Path, name: str, *, phone: bool = False) -> None:
        size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
        self.context = browser.new_context(base_url=base_url, viewport=size, locale="fr-FR")
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.violations: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.shots, self.name, self.count = shots, name, 0
        self.axe = Axe()

    def shot(self, what: str) -> None:
        """A screenshot of the page and its accessibility check (axe-core, injected into the page)."""
        self.count += 1
        self.page.screenshot(path=str(self.shots / f"{self.name}-{self.count:02d}-{what}.png"), full_page=True)
        found = self.axe.run(self.page).response["violations"]
        self.violations += [
            f"{what} ({self.page.url}): {item['id']} [{item['impact']}] {item['help']} "
            + "; ".join(node["target"][0] for node in item["nodes"][:3])
            for item in found
            if item["impact"] in SERIOUS
        ]

    def sign_in(self, email: str) -> None:
        self.page.goto("/sign-in")
        self.shot("sign-in")
        self.page.get_by_label("Adresse e-mail").fill(email)
        self.page.get_by_label("Mot de passe").fill("demo-password")
        self.page.get_by_role("button", name="Se connecter").click()
        self.page.wait_for_url(lambda url: "/sign-in" not in url)
        self.shot("home")

    def close(self) -> None:
        self.context.close()
        assert not self.errors, self.errors
        assert not self.violations, self.violations
