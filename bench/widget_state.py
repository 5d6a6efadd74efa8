"""How many widget models, and how many bytes of widget state, a page sends to the browser.

Read from a real Voila page in a real Chromium: every frame on the page's kernel websocket is
decoded, and the models the browser receives are counted: the states the widget manager asks
for when it connects (`update_states` on the `jupyter.widget.control` comm) and every widget
comm opened afterwards. The size is that state as JSON, plus its binary buffers.

    .venv/bin/python bench/widget_state.py              # every lesson page
    .venv/bin/python bench/widget_state.py 01-the-role.ipynb
"""
from __future__ import annotations

import json
import struct
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import FIRST_CONTROL, Server, learner_notebooks, site_and_browser  # noqa: E402


def decode(frame) -> tuple[dict, int]:
    """(message, bytes of binary buffers) from a kernel websocket frame: JSON text, or the binary
    v1.kernel.websocket.jupyter.org layout (offsets, then channel, header, parent, metadata, content)."""
    if isinstance(frame, str):
        msg = json.loads(frame)
        return msg, 0
    count = struct.unpack_from("<Q", frame, 0)[0]
    offsets = list(struct.unpack_from(f"<{count}Q", frame, 8))
    offsets.append(len(frame))
    parts = [frame[offsets[i]:offsets[i + 1]] for i in range(count)]
    if len(parts) < 5:
        return {}, 0
    msg = {"channel": parts[0].decode(), "header": json.loads(parts[1]), "content": json.loads(parts[4])}
    return msg, sum(len(p) for p in parts[5:])


class Tally:
    def __init__(self):
        self.models: dict[str, int] = {}  # model id -> bytes of its state
        self.kinds: dict[str, int] = {}

    def add(self, model_id: str, state: dict, extra: int = 0) -> None:
        self.models[model_id] = len(json.dumps(state, separators=(",", ":"))) + extra
        name = state.get("_model_name", "?")
        self.kinds[name] = self.kinds.get(name, 0) + 1

    def frame(self, payload) -> None:
        try:
            msg, buffers = decode(payload)
        except (ValueError, struct.error, UnicodeDecodeError):
            return
        kind = msg.get("header", {}).get("msg_type")
        content = msg.get("content") or {}
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.add(content["comm_id"], content.get("data", {}).get("state", {}), buffers)
        elif kind == "comm_msg":
            data = content.get("data") or {}
            if data.get("method") == "update_states":
                for model_id, entry in (data.get("states") or {}).items():
                    self.add(model_id, entry.get("state", entry), 0)
                if buffers and self.models:  # the buffers of all states travel with this one message
                    first = next(iter(self.models))
                    self.models[first] += buffers

    @property
    def kilobytes(self) -> float:
        return round(sum(self.models.values()) / 1024, 1)


def measure_page(browser, url: str, settle: float = 1.0) -> Tally:
    tally = Tally()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    def watch(ws):
        if "/channels" in ws.url:
            ws.on("framereceived", tally.frame)

    page.on("websocket", watch)
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_function(FIRST_CONTROL, timeout=120_000, polling=100)
    page.wait_for_function("() => !document.querySelector('#loading')", timeout=120_000)
    time.sleep(settle)  # late comms (a widget built after the page connected)
    context.close()
    return tally


def measure(notebooks: list[str] | None = None) -> dict:
    notebooks = notebooks or (learner_notebooks() + ["index.ipynb"])
    out = {}
    with site_and_browser() as (tmp, site, browser):
        server = Server(site, tmp / "state", preheat=False)
        try:
            for nb in notebooks:
                tally = measure_page(browser, server.url(nb, "bench-state"))
                out[nb] = {"models": len(tally.models), "state_kb": tally.kilobytes,
                           "kinds": dict(sorted(tally.kinds.items(), key=lambda kv: -kv[1]))}
        finally:
            server.stop()
            browser.close()
    return out


if __name__ == "__main__":
    result = measure(sys.argv[1:] or None)
    for nb, r in result.items():
        top = ", ".join(f"{k} {v}" for k, v in list(r["kinds"].items())[:6])
        print(f"{nb:<34} {r['models']:>5} models {r['state_kb']:>7} KB   {top}")
