"""Charts of the course's fixed sample data, drawn once and kept, so a lesson's kernel shows them
without importing matplotlib (lesson 07's budget chart: about 1 s of CPU and 30 MB a kernel).

`course check` draws them ahead (it runs in `make install`, `make serve` and `make test`); a kernel
that finds no entry draws the chart and keeps it. An entry's key is everything the picture depends
on: the words and numbers drawn, the size, the source of the modules that draw it and the
matplotlib version, so a change to any of them draws afresh. Only charts of the sample data go
here, never a learner's: the file is shared by every kernel on the machine. Entries are PNG bytes
(data, not code), checked to be a PNG when read.
"""
from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
from importlib import metadata
from pathlib import Path

from course.paths import FIGURE_CACHE

log = logging.getLogger("course")
_PNG = b"\x89PNG\r\n\x1a\n"
KEEP = 8  # entries kept, newest last: the course has one sample chart, so room for a few versions


def key(sources: list[str], figsize, inputs) -> str:
    """The entry's name: a hash of the drawing code (these source files), the size and the inputs
    (anything json can write, e.g. the labels, the numbers and the title)."""
    digest = hashlib.sha256(json.dumps([list(figsize), inputs], sort_keys=True, default=str).encode())
    digest.update(metadata.version("matplotlib").encode())
    for source in sources:
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()


def _entries(path: Path) -> dict:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return entries if isinstance(entries, dict) else {}


def get(name: str, path: Path | None = None) -> bytes | None:
    try:
        png = base64.b64decode(_entries(path or FIGURE_CACHE).get(name) or "", validate=True)
    except ValueError:
        return None
    return png if png.startswith(_PNG) else None


def put(name: str, png: bytes, path: Path | None = None) -> None:
    """Keep a drawn chart (atomically: a kernel reading at that moment sees the old file or the new).
    A read-only install keeps nothing; its kernels draw each time, as before."""
    path = path or FIGURE_CACHE
    entries = _entries(path)
    entries.pop(name, None)
    entries[name] = base64.b64encode(png).decode("ascii")
    while len(entries) > KEEP:  # an edit of the sample data or the drawing code leaves an old entry
        entries.pop(next(iter(entries)))  # the oldest kept first
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(entries), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        log.info("A sample chart could not be kept in %s (%s); it is drawn each time.", path, exc)
