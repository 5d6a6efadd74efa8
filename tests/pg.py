"""A throwaway PostgreSQL server for tests: initdb and pg_ctl in a temporary directory, on
127.0.0.1 and a free port, removed afterwards.

The binaries are found through COURSE_PG_BIN, then `initdb` on the PATH, then Debian's
/usr/lib/postgresql/<version>/bin. Without them (or without psycopg) the PostgreSQL tests
skip with the reason, unless REQUIRE_POSTGRES=1, when they fail. initdb and postgres refuse
to run as root: as root they run as the `postgres` user in a directory it owns.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest


def find_pg_bin() -> Path | None:
    """The directory holding initdb, pg_ctl and postgres, or None."""
    candidates = []
    if os.environ.get("COURSE_PG_BIN"):
        candidates.append(Path(os.environ["COURSE_PG_BIN"]))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)  # /usr/local/bin/initdb may be a link
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                      key=lambda p: [int(x) for x in Path(p).parent.name.split(".") if x.isdigit()],
                      reverse=True)
    candidates += [Path(p) for p in versions]
    for directory in candidates:
        if all((directory / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return directory
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One PostgreSQL cluster in a temporary directory, for the length of a test session."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.port: int | None = None
        self.root: Path | None = None
        self._as_user: list[str] = []

    @property
    def data(self) -> Path:
        return self.root / "data"

    def _run(self, tool: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = self._as_user + [str(self.bindir / tool), *args]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=self.root)
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stdout[-1500:]}{done.stderr[-1500:]}")
        return done

    def start(self) -> "PostgresServer":
        self.root = Path(tempfile.mkdtemp(prefix="course-pg-"))  # short: the socket path is limited
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root, and there is no `postgres` user to run PostgreSQL as")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as_user = ["runuser", "-u", "postgres", "--"]
        # trust on 127.0.0.1 only; no fsync at initdb (a throwaway cluster)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--no-sync", "--locale=C")
        last_error = None
        for _attempt in range(3):  # another process may take the free port first
            self.port = _free_port()
            options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                       "-c max_connections=300 -c shared_buffers=64MB")
            try:
                self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.root / "server.log"),
                          "-w", "-t", "60", "start")
                return self
            except RuntimeError as exc:
                last_error = exc
        raise RuntimeError(f"PostgreSQL did not start: {last_error}\n{self.log_tail()}")

    def log_tail(self) -> str:
        try:
            return (self.root / "server.log").read_text()[-2000:]
        except OSError:
            return ""

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "course") -> str:
        """A new, empty database; returns its SQLAlchemy URL."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.root is None:
            return
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "-t", "30", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        pytest.fail(f"REQUIRE_POSTGRES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server():
    """A running throwaway PostgreSQL server (skips, or fails with REQUIRE_POSTGRES=1, without one)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install 'psycopg[binary]')")
    bindir = find_pg_bin()
    if bindir is None:
        _unavailable("no PostgreSQL server binaries (initdb, pg_ctl) found: set COURSE_PG_BIN "
                     "or install Debian's postgresql")
    server = PostgresServer(bindir)
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
        server.stop()
        _unavailable(f"a throwaway PostgreSQL server could not be started: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(postgres_server):
    """The URL of a fresh, empty database on the throwaway server."""
    return postgres_server.create_database()
