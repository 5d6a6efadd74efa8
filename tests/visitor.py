"""A visitor without a browser: keeps its cookies, signs in through the real login form (with its
XSRF token), and reads whatever the server answers, refusals included; and a page's kernel
protocol, enough to drive its widgets. The load test uses them for thirty learners at once; the
security tests use them to try what a stranger or a forged client would."""
from __future__ import annotations

import json
import re
import time
import uuid
from datetime import datetime, timezone
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar

import websocket
from jupyter_server.services.kernels.connection.base import deserialize_binary_message


@dataclass
class Answer:
    status: int
    url: str
    body: str
    headers: dict


class Visitor:
    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _open(self, request, timeout: float) -> Answer:
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return Answer(response.status, response.url, response.read().decode("utf-8", "replace"),
                              dict(response.headers))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.url, error.read().decode("utf-8", "replace"), dict(error.headers))

    def get(self, path: str, headers: dict | None = None, timeout: float = 180) -> Answer:
        return self._open(urllib.request.Request(self.base_url + path, headers=headers or {}), timeout)

    def post(self, path: str, fields: dict, headers: dict | None = None, timeout: float = 60) -> Answer:
        data = urllib.parse.urlencode(fields).encode()
        return self._open(urllib.request.Request(self.base_url + path, data=data, headers=headers or {},
                                                 method="POST"), timeout)

    def form_token(self, path: str) -> str:
        page = self.get(path)
        found = re.search(r'name="_xsrf" value="([^"]+)"', page.body)
        assert found, f"no form on {path}: {page.status} {page.body[:200]}"
        return found.group(1)

    def sign_in(self, login: str, password: str) -> Answer:
        token = self.form_token("/login")
        return self.post("/login", {"_xsrf": token, "login": login, "password": password, "next": ""})

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def kernel_id_of(html: str) -> str | None:
    """The kernel a Voila page was given, from its config script."""
    found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1)).get("kernelId") if found else None


class KernelClient:
    """The kernel protocol over Voila's websocket, enough to drive ipywidgets as the page does."""

    def __init__(self, base_http: str, kernel_id: str, cookie: str):
        self.session = uuid.uuid4().hex
        url = base_http.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels?session_id={self.session}"
        self.ws = websocket.create_connection(url, timeout=120, cookie=cookie,
                                              origin=base_http)  # the page's own origin, as a browser sends
        self.models: dict[str, dict] = {}  # model id -> widget state, kept current from the kernel
        self.finished: set[str] = set()  # ids of our messages the kernel has finished handling

    def close(self):
        self.ws.close()

    def send(self, msg_type: str, content: dict, metadata: dict | None = None) -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "username": "learner", "session": self.session, "msg_type": msg_type,
                       "version": "5.3", "date": datetime.now(timezone.utc).isoformat()},
            "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": "shell",
            "buffers": []}))
        return msg_id

    def _receive(self) -> dict:
        frame = self.ws.recv()
        return deserialize_binary_message(frame) if isinstance(frame, bytes) else json.loads(frame)

    def wait_for(self, done, timeout: float = 120) -> dict | None:
        """Read messages, keeping widget states current, until done(msg) is true."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self._receive()
            kind, content = msg.get("msg_type") or msg["header"]["msg_type"], msg.get("content", {})
            if kind == "stream" and content.get("name") == "stderr" and "Traceback" in content.get("text", ""):
                raise RuntimeError(f"the kernel failed: {content['text'][-1500:]}")
            if kind == "status" and content.get("execution_state") == "idle":
                self.finished.add(msg.get("parent_header", {}).get("msg_id"))
            elif kind in ("comm_open", "comm_msg"):
                data = content.get("data", {})
                if kind == "comm_open" and "state" in data:
                    self.models[content["comm_id"]] = dict(data["state"])
                elif data.get("method") in ("update", "echo_update"):
                    self.models.setdefault(content["comm_id"], {}).update(data.get("state", {}))
            if done(msg):
                return msg
        raise TimeoutError("the kernel did not answer in time")

    def load_widget_states(self):
        control = uuid.uuid4().hex
        self.send("comm_open", {"comm_id": control, "target_name": "jupyter.widget.control", "data": {}},
                  metadata={"version": "1.0.0"})  # ipywidgets' control protocol
        self.send("comm_msg", {"comm_id": control, "data": {"method": "request_states"}})
        msg = self.wait_for(lambda m: m.get("content", {}).get("data", {}).get("method") == "update_states")
        for model_id, model in msg["content"]["data"]["states"].items():
            self.models[model_id] = dict(model["state"])

    def set_state(self, model_id: str, state: dict) -> str:
        self.models[model_id].update(state)
        return self.send("comm_msg", {"comm_id": model_id, "data": {"method": "update", "state": state,
                                                                    "buffer_paths": []}})

    def click(self, model_id: str):
        msg_id = self.send("comm_msg", {"comm_id": model_id, "data": {"method": "custom",
                                                                      "content": {"event": "click"}}})
        self.wait_for(lambda _m: msg_id in self.finished)

    def child(self, model_id: str, n: int) -> str:
        return self.models[model_id]["children"][n].removeprefix("IPY_MODEL_")

    def descendants(self, model_id: str) -> list[str]:
        """Every widget inside this one, in page order (what a person sees inside a card)."""
        found = []
        for child in self.models.get(model_id, {}).get("children", []):
            child = child.removeprefix("IPY_MODEL_")
            found += [child, *self.descendants(child)]
        return found

    def find_in(self, model_id: str, model: str, **state) -> str:
        """The first widget of this kind inside `model_id` whose state has these values (e.g. the
        ButtonModel whose description is "Check"), found as a page's structure shows it, not by position."""
        for child in self.descendants(model_id):
            st = self.models.get(child, {})
            if st.get("_model_name") == model and all(st.get(k) == v for k, v in state.items()):
                return child
        raise LookupError(f"no {model} with {state} inside {model_id}")

    def find_by_class(self, css_class: str) -> str:
        found = [mid for mid, s in self.models.items() if css_class in s.get("_dom_classes", [])]
        if len(found) != 1:
            raise LookupError(f"{len(found)} widgets with class {css_class}")
        return found[0]


