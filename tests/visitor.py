"""A visitor without a browser: keeps its cookies, signs in through the real login form (with its
XSRF token), and reads whatever the server answers, refusals included. The load test uses it
for thirty learners at once; the security tests use it to try what a stranger would."""
from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar


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
    import json

    found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1)).get("kernelId") if found else None
