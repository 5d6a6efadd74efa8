"""The poll thread behind a live session's pages: the mentor's chart and each learner's page look at
the store about once a second, so a mentor's move (next, reveal, close) and new answers show
within about two seconds without a reload."""
from __future__ import annotations

import logging
import threading

POLL_SECONDS = 1.0  # how often pages look for news; the chart refreshes within about two seconds
log = logging.getLogger("course")


class Poller:
    """Calls tick() every `interval` seconds on a daemon thread until stop(), or until tick()
    returns False (the session closed). A daemon thread ends with its kernel."""

    def __init__(self, tick, interval: float = POLL_SECONDS, name: str = "live-poll"):
        self.tick, self.interval = tick, interval
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> "Poller":
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    @property
    def running(self) -> bool:
        return self.thread.is_alive() and not self._stop.is_set()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                if self.tick() is False:
                    break
            except Exception:  # a broken tick must not end the page's updates for good
                log.exception("a live-session update failed")
        self._stop.set()
