"""Which account each kernel belongs to, and how many kernels anyone may hold.

A kernel id is not a secret a person can be trusted to keep: the course server records the owner
when a kernel is started for a page (or when a preheated kernel is handed to a visit) and refuses
the kernel's websocket, its DELETE and its shutdown to anyone else.
"""
from __future__ import annotations

import hmac
import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta

from jupyter_server._tz import utcnow
from jupyter_server.base.handlers import JupyterHandler
from tornado import web
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from voila.request_info_handler import RequestInfoSocketHandler

from course import settings
from course.accounts import signing

log = logging.getLogger("course.server")


@dataclass
class _Owned:
    account_id: str
    notebook: str
    since: float = field(default_factory=time.monotonic)
    connected: bool = False  # a page's websocket has been seen on it


class Owners:
    """kernel id -> owner, for the kernels this server process started."""

    def __init__(self):
        self._owners: dict[str, _Owned] = {}

    def assign(self, kernel_id: str, account_id: str | None, notebook: str = "") -> None:
        if kernel_id and account_id:
            self._owners[kernel_id] = _Owned(account_id, notebook)

    def owner(self, kernel_id: str | None) -> str | None:
        owned = self._owners.get(kernel_id or "")
        return owned.account_id if owned else None

    def since(self, kernel_id: str) -> float:
        owned = self._owners.get(kernel_id)
        return owned.since if owned else 0.0

    def saw_connected(self, kernel_id: str) -> None:
        if kernel_id in self._owners:
            self._owners[kernel_id].connected = True

    def ever_connected(self, kernel_id: str) -> bool:
        owned = self._owners.get(kernel_id)
        return bool(owned and owned.connected)

    def forget(self, kernel_id: str) -> None:
        self._owners.pop(kernel_id, None)

    def of(self, account_id: str) -> list[tuple[str, float]]:
        """(kernel id, monotonic start) of an account's kernels, oldest first."""
        found = [(kid, o.since) for kid, o in self._owners.items() if o.account_id == account_id]
        return sorted(found, key=lambda pair: pair[1])

    def __len__(self) -> int:
        return len(self._owners)


owners = Owners()


class OwnedKernelManager(AsyncMappingKernelManager):
    """Records the owner of every kernel started for a signed-in visit (not preheated ones: those
    get theirs when a visit takes them, see CourseRequestInfoHandler)."""

    async def start_kernel(self, *args, **kwargs):
        kernel_id = await super().start_kernel(*args, **kwargs)
        env = kwargs.get("env") or {}
        owners.assign(kernel_id, signing.verify(env.get(signing.ENV_HEADER)), env.get("SCRIPT_NAME", ""))
        return kernel_id

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        try:
            return await super().shutdown_kernel(kernel_id, *args, **kwargs)
        finally:
            owners.forget(kernel_id)

    def connections(self, kernel_id: str) -> int:
        return self._kernel_connections.get(kernel_id, 0)

    async def cull_kernel_if_idle(self, kernel_id):
        """Besides jupyter_server's culling (idle pages, connected or not, after cull_idle_timeout):
        a visitor's kernel that no page ever connected to (a script fetching pages, a tab closed
        while loading) is closed after COURSE_UNCONNECTED_KERNEL_SECONDS without activity."""
        kernel = self._kernels.get(kernel_id)
        if kernel is not None and owners.owner(kernel_id):
            if self.connections(kernel_id):
                owners.saw_connected(kernel_id)
            elif not owners.ever_connected(kernel_id) and getattr(kernel, "execution_state", "") != "busy":
                limit = timedelta(seconds=settings.integer(settings.UNCONNECTED_KERNEL_SECONDS))
                if hasattr(kernel, "last_activity") and utcnow() - kernel.last_activity > limit:
                    self.log.warning("Closing kernel %s: no page connected to it.", kernel_id)
                    await self.shutdown_kernel(kernel_id)
                    return
        await super().cull_kernel_if_idle(kernel_id)


class CourseRequestInfoHandler(RequestInfoSocketHandler):
    """Voila's channel on which a preheated kernel waits for its visitor's request.

    Stock Voila lets anyone who knows a pool kernel's id connect and receive the next visitor's
    request (and stop the kernel from getting it). Here only the kernel itself, which can prove
    it knows the server's secret, may connect; and handing a kernel to a visit records its owner.
    """

    def check_origin(self, origin: str) -> bool:
        return True  # the kernel is not a browser; it proves itself with KERNEL_HEADER instead

    def prepare(self):
        kernel_id = self.path_kwargs.get("kernel_id") or (self.path_args[0] if self.path_args else "")
        proof = self.request.headers.get(signing.KERNEL_HEADER, "")
        if not kernel_id or not hmac.compare_digest(proof, signing.kernel_proof(kernel_id)):
            log.warning("refused /voila/query for kernel %s: no kernel proof", kernel_id[:8])
            raise web.HTTPError(403)

    @classmethod
    def send_updates(cls, msg: dict) -> None:
        payload = msg.get("payload") or {}
        owners.assign(msg.get("kernel_id"), signing.verify(payload.get(signing.ENV_HEADER)),
                      payload.get("SCRIPT_NAME", ""))
        super().send_updates(msg)


def install_request_info_handler() -> None:
    """Voila's page handler calls the class it imported; point it at the guarded one."""
    import voila.handler

    voila.handler.RequestInfoSocketHandler = CourseRequestInfoHandler


class KernelInUseHandler(JupyterHandler):
    """The page says its reader is still at work (typing, scrolling, reading) though the kernel has
    had nothing to do: a learner writing a long reflection must not have the page closed under
    them. Idle, for the culler, means the person is idle. 204, or 410 once the kernel is gone (the
    page then says "reload to continue"; a 404 tells it this server takes no such reports)."""

    @web.authenticated
    def post(self, kernel_id):
        if owners.owner(kernel_id) != self.current_user.username or kernel_id not in self.kernel_manager:
            raise web.HTTPError(410)
        self.kernel_manager.get_kernel(kernel_id).last_activity = utcnow()
        self.set_status(204)
        self.finish()


IN_USE_PATH = r"/course/api/in-use/([0-9a-f-]{36})"
