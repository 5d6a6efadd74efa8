"""The validated catalog, saved so a learner's kernel starts without reading YAML or validating it.

`course check` (and `make install`, `make serve`, `make test`) loads and checks the content, then
writes the catalog here with a fingerprint of everything it was built from: the content files,
the notebooks the checks read, the sample data, the code of the models and the loader, and the
Python version. A kernel uses the cache only when the fingerprint of what is on disk now is the
same; otherwise it loads the YAML as before (and says so in the log), so an edit is never hidden
by a stale cache. The file is a pickle written by the course's own command next to its code: it
is as trusted as the code itself, and nothing else writes it.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import sys
from pathlib import Path

from course.paths import CONTENT_CACHE, CONTENT_DIR, DATA_DIR, NOTEBOOK_DIR, PACKAGE_DIR

log = logging.getLogger("course")
_MAGIC = b"course-content-cache 1\n"


def _sources(root: Path, notebooks: Path) -> list[tuple[str, Path]]:
    """Every file the catalog is built from, or whose change could change it, in a fixed order."""
    groups = [("content", root, "**/*.yaml"), ("notebooks", notebooks, "*.ipynb"),
              ("notebooks", notebooks, "[!.]*/*.ipynb"), ("data", DATA_DIR, "*.csv"), ("code", PACKAGE_DIR / "schema", "*.py")]
    found = [(f"{name}/{path.relative_to(base).as_posix()}", path)
             for name, base, pattern in groups for path in sorted(base.glob(pattern))]
    found += [(f"code/{name}", PACKAGE_DIR / name) for name in ("catalog.py", "notebooks.py", "paths.py",
                                                                "content_cache.py")]
    return found


def fingerprint(root: Path = CONTENT_DIR, notebooks: Path = NOTEBOOK_DIR) -> str:
    digest = hashlib.sha256(f"{sys.version}\n{Path(root).resolve()}\n{Path(notebooks).resolve()}\n".encode())
    for name, path in _sources(Path(root), Path(notebooks)):
        data = path.read_bytes()
        if name.startswith("notebooks/"):  # what the checks read: running a notebook changes only its outputs
            data = _cell_sources(data)
        digest.update(f"{name}\n{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


def _cell_sources(notebook: bytes) -> bytes:
    try:
        cells = json.loads(notebook).get("cells", [])
    except (ValueError, AttributeError):
        return notebook  # not a notebook the loader can read: its bytes, so any change counts
    return json.dumps([[c.get("cell_type"), c.get("source")] for c in cells if isinstance(c, dict)]).encode()


def write(catalog, path: Path = CONTENT_CACHE) -> Path:
    """Save a freshly loaded catalog (atomically: a kernel reading at that moment sees the old one or the new)."""
    key = fingerprint(catalog.root, catalog.notebook_dir)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(_MAGIC + key.encode() + b"\n" + pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, path)
    return path


def read(root: Path = CONTENT_DIR, notebooks: Path = NOTEBOOK_DIR, path: Path = CONTENT_CACHE):
    """The cached catalog if it was built from exactly what is on disk now, else None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header = len(_MAGIC) + 65  # the magic line, then the sha256 in hex and a newline
    if not data.startswith(_MAGIC) or data[header - 1:header] != b"\n":
        log.warning("The content cache %s is not one this course wrote; loading the content instead.", path)
        return None
    if data[len(_MAGIC):header - 1].decode() != fingerprint(root, notebooks):
        log.info("The content changed since the cache was written; loading it (`course check` rebuilds the cache).")
        return None
    try:
        return pickle.loads(data[header:])
    except Exception as exc:  # a cache from other code (a pydantic upgrade): never fatal, just slower
        log.warning("The content cache could not be read (%s); loading the content instead.", exc)
        return None
