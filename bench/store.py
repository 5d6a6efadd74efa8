"""The 50-writer run (tests/reliability/test_concurrency.py) on SQLite and PostgreSQL, read back
from the numbers it writes."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / ".test-home" / "reliability"


def measure() -> dict:
    env = {**os.environ}
    proc = subprocess.run([str(Path(sys.executable).parent / "pytest"), "-q", "-p", "no:cacheprovider",
                           "tests/reliability/test_concurrency.py"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    out = {"passed": proc.returncode == 0}
    for backend in ("sqlite", "postgresql"):
        path = RESULTS / f"concurrency-{backend}.json"
        if not path.exists():
            out[backend] = {"not_measured": "no result (PostgreSQL missing?)"}
            continue
        data = json.loads(path.read_text())
        out[backend] = {"store_p99_ms_50_writers": data["latency_ms"]["p99"],
                        "p50_ms": data["latency_ms"]["p50"],
                        "lost_events": data["writers"] * data["answers_per_writer"] - data["events_stored"],
                        "writes_per_second": data["writes_per_second"]}
    return out
