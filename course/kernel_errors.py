"""In a served page, what goes wrong in the kernel is told to whoever runs the server, not to the
browser: a failing widget callback or comm message is logged to the server's own log (the kernel
process's real stderr, which Voila writes to its log), never sent to the page as a traceback
with the server's paths. Widgets show learners their own plain-words messages."""
from __future__ import annotations

import logging
import sys
import traceback

_installed = False
_log = logging.getLogger("course")  # the logger the widgets used for this before


class _ServerLog(logging.StreamHandler):
    """Writes to the process's real stderr; ipykernel sends sys.stderr to the browser."""

    def __init__(self):
        super().__init__(sys.__stderr__)
        self.setFormatter(logging.Formatter("[course kernel] %(levelname)s %(name)s: %(message)s"))


def _to_server_log(*_args, **_kwargs) -> None:
    print("[course kernel] a page action failed:\n" + traceback.format_exc(), file=sys.__stderr__, flush=True)


def install() -> None:
    """Once per kernel, in Voila only (JupyterLab keeps its tracebacks for whoever runs the cells)."""
    global _installed
    if _installed:
        return
    _installed = True
    root = logging.getLogger()
    if not any(isinstance(h, _ServerLog) for h in root.handlers):
        root.addHandler(_ServerLog())  # so no logger falls back to sys.stderr, which is the page
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is not None:
        shell.showtraceback = _to_server_log  # what ipywidgets calls when a callback raises


def rejected(widget: str, value) -> None:
    """A value that no honest page could send (a tampered client): ignore it and log it."""
    _log.warning("ignored a value from the browser that %s does not offer: %r", widget, str(value)[:200])
