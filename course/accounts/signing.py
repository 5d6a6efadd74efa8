"""How a kernel learns, unforgeably, which account it serves.

The course server signs the signed-in account's id with a secret it made at start-up and put in
its own environment, which every kernel it starts inherits. The identity provider writes
`X-Course-Account: <id>.<hmac>` onto each authenticated request (after deleting whatever the
browser sent under that name); Voila copies that header into the kernel's environment
(`http_header_envs`), or into a preheated kernel's request info. A visitor can put anything in
the link or in their own headers: without the secret they cannot make a value the kernel accepts.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets

from course import settings

HEADER = "X-Course-Account"
ENV_HEADER = "HTTP_X_COURSE_ACCOUNT"  # what Voila names the header in a kernel's environment
SECRET_ENV = settings.KERNEL_SECRET.name
SERVER_ENV = settings.SERVER.name  # set by the course server: kernels then trust only signed accounts


def ensure_secret() -> str:
    """The server's secret, made once per server process (kernels inherit the environment)."""
    secret = settings.KERNEL_SECRET.get()
    if not secret:
        secret = secrets.token_hex(32)
        settings.put(settings.KERNEL_SECRET, secret)
    settings.put(settings.SERVER, "accounts")
    return secret


def _mac(account_id: str, secret: str) -> str:
    return hmac.new(secret.encode(), account_id.encode("utf-8"), hashlib.sha256).hexdigest()


def sign(account_id: str) -> str:
    return f"{account_id}.{_mac(account_id, ensure_secret())}"


def verify(value: str | None) -> str | None:
    """The account id in a signed value, or None if it is missing, malformed or forged."""
    secret = settings.KERNEL_SECRET.get()
    if not value or not secret or "." not in value or len(value) > 400:
        return None
    account_id, _, mac = value.rpartition(".")
    if account_id and hmac.compare_digest(mac, _mac(account_id, secret)):
        return account_id
    return None


def served_by_course_server() -> bool:
    return settings.SERVER.get() == "accounts"


KERNEL_HEADER = "X-Course-Kernel"  # a preheated kernel proves who it is on /voila/query


def kernel_proof(kernel_id: str) -> str:
    return _mac(f"kernel:{kernel_id}", settings.KERNEL_SECRET.get() or "")


def wait_for_visit() -> None:
    """In a preheated kernel: wait for the visit and take its request info (the visitor's signed
    account among it) into the environment. Voila's own helper connects without proof, which the
    course server refuses: this one sends the kernel's proof."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    import asyncio
    import json
    import threading

    from websockets.asyncio.client import connect

    kernel_id = os.environ.get("VOILA_KERNEL_ID", "")
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    url = f"{protocol}://{host}:{port}{base}voila/query/{kernel_id}"
    received: dict = {}

    async def receive():
        async with connect(url, additional_headers={KERNEL_HEADER: kernel_proof(kernel_id)}, proxy=None,
                           open_timeout=10) as socket:
            received["info"] = await socket.recv()

    # the kernel's own event loop is busy running this cell: use a thread with a loop of its own
    thread = threading.Thread(target=lambda: asyncio.run(receive()), daemon=True)
    thread.start()
    thread.join()
    if "info" in received:
        for key, value in json.loads(received["info"]).items():
            os.environ[key] = value
