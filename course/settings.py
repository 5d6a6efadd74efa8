"""Every setting the course reads from its environment, named once, with what it does.

Read through the functions below (never `os.environ` elsewhere), so a setting is documented in
one place and a test can change it with monkeypatch.setenv. Values are read when asked for, not
at import, because kernels and tests set them after `import course`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str

    def get(self) -> str | None:
        value = os.environ.get(self.name)
        return value if value not in (None, "") else self.default

    def is_set(self) -> bool:
        """Whoever runs the course gave a value (rather than leaving the default)."""
        return os.environ.get(self.name) not in (None, "")


HOME = Setting("COURSE_HOME", None, "The data directory (store, remembered sign-in). Default: the user's data dir.")
DB_URL = Setting("COURSE_DB_URL", None, "The store as an SQLAlchemy URL (PostgreSQL for a shared server); "
                 "default: a SQLite file in COURSE_HOME.")
COHORT = Setting("COURSE_COHORT", None, "On JupyterHub: the cohort a hub user belongs to.")
MENTOR_USERS = Setting("COURSE_MENTOR_USERS", "", "On JupyterHub: comma-separated hub users who are mentors.")
XAPI_BASE_IRI = Setting("COURSE_XAPI_BASE_IRI", "https://example.org/clinical-ops-course",
                        "The IRI under which xAPI exports name the course's activities.")
ALLOWED_HOSTS = Setting("COURSE_ALLOWED_HOSTS", "127.0.0.1,localhost,::1",
                        "Host names the course server answers to (others get 403: DNS rebinding).")
KERNELS_PER_USER = Setting("COURSE_KERNELS_PER_USER", "4", "Open pages (kernels) one person may hold at once.")
MAX_KERNELS = Setting("COURSE_MAX_KERNELS", "60", "Kernels the whole server may run at once; beyond, pages wait.")
SAVES_PER_SECOND = Setting("COURSE_SAVES_PER_SECOND", "5", "Saves one page may make each second, after a "
                           "burst of 30 (a person never needs more; a script is refused and told).")
UNCONNECTED_KERNEL_SECONDS = Setting("COURSE_UNCONNECTED_KERNEL_SECONDS", "180",
                                     "A kernel no page ever connected to is closed after this long idle "
                                     "(connected pages: MappingKernelManager.cull_idle_timeout in voila.json).")
TRUST_PROXY = Setting("COURSE_TRUST_PROXY", "0", "1 behind a reverse proxy that sets X-Real-IP (for throttling).")

# Set by the course server for the kernels it starts (they inherit its environment); never by hand.
KERNEL_SECRET = Setting("COURSE_KERNEL_SECRET", None, "The secret the course server signs accounts with; made "
                        "at start-up (set it only to share one secret between server processes).")
SERVER = Setting("COURSE_SERVER", None, "Set to 'accounts' by the course server: its kernels then trust only "
                 "signed accounts.")

ALL = [HOME, DB_URL, COHORT, MENTOR_USERS, XAPI_BASE_IRI, ALLOWED_HOSTS, KERNELS_PER_USER, MAX_KERNELS, SAVES_PER_SECOND,
       UNCONNECTED_KERNEL_SECONDS, TRUST_PROXY, KERNEL_SECRET, SERVER]


def integer(setting: Setting, minimum: int = 1) -> int:
    try:
        return max(minimum, int(setting.get()))
    except (TypeError, ValueError):
        return max(minimum, int(setting.default))


def put(setting: Setting, value: str) -> None:
    """Set a variable for this process and the kernels it starts (the server hands settings down)."""
    os.environ[setting.name] = value


def data_dir() -> Path:
    home = HOME.get()
    if home:
        return Path(home)
    import platformdirs  # only where the default is needed

    return Path(platformdirs.user_data_dir("clinical-ops-course", appauthor=False))


def names() -> set[str]:
    return {setting.name for setting in ALL}
