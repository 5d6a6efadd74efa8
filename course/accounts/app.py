"""`course serve`: Voila with the course's accounts, and the guards a shared server needs.

- Sign-in before anything (CourseIdentityProvider), kernels their owner's alone (CourseAuthorizer).
- Mentor pages refused before a kernel starts for anyone who is not a mentor.
- At most `COURSE_KERNELS_PER_USER` open pages (kernels) per person: the oldest page with no
  open connection is closed to make room, else the page says why it cannot open.
- Requests whose Host is not in `COURSE_ALLOWED_HOSTS` are refused (DNS rebinding).
- The close-of-page shutdown Voila's JavaScript sends works (it carries no XSRF token; the
  session cookie is SameSite=Lax and the Origin must be this server) but only for the owner.
"""
from __future__ import annotations

import logging
import os
import re
import sys

from jupyter_core.utils import ensure_async
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado import web
from traitlets import default
from voila.app import Voila
from voila.request_info_handler import RequestInfoSocketHandler
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler

from course import settings
from course.accounts import signing
from course.accounts.kernels import (IN_USE_PATH, CourseRequestInfoHandler, KernelInUseHandler, OwnedKernelManager,
                      install_request_info_handler, owners)
from course.accounts.pages import SetupHandler, _env, _needs_setup
from course.accounts.web import CourseAuthorizer, CourseIdentityProvider

log = logging.getLogger("course.server")

MENTOR_PAGES = re.compile(r"^mentor/")
DEFAULT_HOSTS = ("127.0.0.1", "localhost", "::1")


def allowed_hosts() -> set[str]:
    raw = settings.ALLOWED_HOSTS.get() or ""
    hosts = {h.strip().lower() for h in raw.split(",") if h.strip()}
    return hosts or set(DEFAULT_HOSTS)


def host_of(header: str) -> str:
    host = header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def own_addresses() -> set[str]:
    """This machine's own names and addresses: what phones in the room type or scan when the
    course is served on the network (HOST=0.0.0.0). A rebinding attacker's page would carry its
    own domain name as the Host, which is not among these."""
    import socket

    names = {socket.gethostname().lower()}
    names.add(f"{socket.gethostname().lower()}.local")
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None):
            names.add(info[4][0].lower())
    except OSError:
        pass
    try:  # the address used to reach other machines (no packet is sent by a UDP connect)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            names.add(probe.getsockname()[0])
    except OSError:
        pass
    return names


def kernels_per_user() -> int:
    return settings.integer(settings.KERNELS_PER_USER)


def kernels_in_all() -> int:
    """Open pages (kernels, ~90 MB each) the whole server holds at once."""
    return settings.integer(settings.MAX_KERNELS)


WEBSOCKET_MAX_BYTES = 256 * 1024

# As strict as Voila's pages allow: they run inline scripts and widgets, so scripts are not
# restricted; everything else is (no plugins, no <base>, forms and connections to this server only).
CONTENT_SECURITY_POLICY = ("default-src 'self' data: blob: 'unsafe-inline' 'unsafe-eval'; object-src 'none'; "
                           "base-uri 'none'; form-action 'self'; frame-ancestors 'self'; connect-src 'self'")


ERROR_PAGES = {
    400: ("That request was not understood", "The address or the form sent was not complete. Go back, reload the "
                                             "page and try again."),
    403: ("Not open to you", "This page or action is not open to your account. If you think it should be, ask "
                             "your mentor or the course's administrator."),
    404: ("No such page", "There is no page at this address. The course home lists every lesson."),
    405: ("No such page", "There is no page at this address. The course home lists every lesson."),
    500: ("Something went wrong on the server", "The server could not answer just now. Reload the page in a "
                                                "moment; nothing you saved is lost."),
}


def message_page(title: str, body: str, base_url: str) -> str:
    return _env().get_template("message.html.j2").render(
        title=title, body=body, message="", message_kind="info", link=base_url,
        link_text="Go to the course home", form_action="", form_button="", xsrf="")


class HostGuard:
    """Refuse any request whose Host header is not one this server answers to; safe headers on all."""

    @property
    def content_security_policy(self) -> str:
        return CONTENT_SECURITY_POLICY

    def set_default_headers(self):
        super().set_default_headers()
        self.set_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        # same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null" on the sign-in
        # form's POST, which the server must refuse; other sites still learn nothing of our addresses.
        self.set_header("Referrer-Policy", "same-origin")
        self.set_header("X-Content-Type-Options", "nosniff")

    def write_error(self, status_code, **kwargs):
        """Error pages in the course's own words. (jupyter_server's error template cannot render
        under Voila, which has no static_path: every error page failed a second time.)"""
        if isinstance(self, APIHandler):  # the page's scripts read these as JSON
            return super().write_error(status_code, **kwargs)
        title, body = ERROR_PAGES.get(status_code, ERROR_PAGES[500])
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(message_page(title, body, self.settings.get("base_url", "/")))

    def prepare(self):
        if host_of(self.request.host) not in allowed_hosts():
            log.warning("refused a request for host %r", self.request.host[:100])
            raise web.HTTPError(403, "unknown host")
        return super().prepare()


def _guarded(handler_class):
    if issubclass(handler_class, HostGuard):
        return handler_class
    return type(handler_class.__name__, (HostGuard, handler_class), {})


class CourseRenderHandler(TornadoVoilaHandler):
    """A notebook page: mentor pages for mentors only; a limit on open pages per person."""

    async def get(self, path=None):
        if not self.current_user:  # @authenticated on the parent does this too; say it before any work
            return self.redirect(self.get_login_url() + "?next=" + web.escape.url_escape(self.request.uri))
        account = getattr(self, "_course_account", None)
        if path and MENTOR_PAGES.match(path) and not (account and account.is_mentor):
            return self._refuse(403, "For mentors only",
                                "This page is for the course's mentors. If you are one, ask the "
                                "course's administrator to give your account the mentor role.")
        if not await self._room_for_a_page(self.current_user.username):
            return self._refuse(429, "Too many course pages open",
                                f"You have {kernels_per_user()} course pages open in this browser or "
                                "another. Close one of them (or wait a minute), then reload this page.")
        if not await self._room_on_the_server():
            self.set_header("Retry-After", "60")
            return self._refuse(503, "The course is full right now",
                                "Every place on this server is taken by an open page. Wait a minute, then "
                                "reload this page; nothing you saved is lost.")
        return await super().get(path)

    async def _room_on_the_server(self) -> bool:
        running = list(self.kernel_manager.list_kernel_ids())
        if len(running) < kernels_in_all():
            return True
        # a visitor's page nobody is looking at, oldest first (the preheated pool has no owner yet)
        idle = sorted((owners.since(kid), kid) for kid in running
                      if owners.owner(kid) and self.kernel_manager.connections(kid) == 0)
        if not idle:
            return False
        _since, oldest = idle[0]
        log.info("server full: closing idle kernel %s to open a page", oldest[:8])
        await ensure_async(self.kernel_manager.shutdown_kernel(oldest))
        return True

    async def _room_for_a_page(self, account_id: str) -> bool:
        held = [(kid, t) for kid, t in owners.of(account_id) if kid in self.kernel_manager]
        if len(held) < kernels_per_user():
            return True
        for kernel_id, _since in held:  # oldest first: close a page nobody is looking at
            if self.kernel_manager.connections(kernel_id) == 0:
                log.info("closing idle kernel %s to open a new page for %s", kernel_id[:8], account_id)
                await ensure_async(self.kernel_manager.shutdown_kernel(kernel_id))
                return True
        return False

    def _refuse(self, status: int, title: str, body: str) -> None:
        self.set_status(status)
        self.finish(message_page(title, body, self.base_url))


class CourseShutdownHandler(VoilaShutdownKernelHandler):
    """The page's "I am closing" request: its owner only, from this server's own pages."""

    def check_xsrf_cookie(self):
        # Voila's page sends this without an XSRF token. A cross-site page cannot: the session
        # cookie is SameSite=Lax (not sent on cross-site POSTs), and the Origin must be ours.
        origin = self.request.headers.get("Origin")
        if origin and host_of(origin.split("://", 1)[-1]) not in allowed_hosts():
            raise web.HTTPError(403, "cross-site shutdown")

    @web.authenticated
    async def post(self, kernel_id):
        if owners.owner(kernel_id) != self.current_user.username:
            raise web.HTTPError(403)
        await ensure_async(self.kernel_manager.shutdown_kernel(kernel_id))
        self.set_status(204)
        self.finish()


class CourseTemplateFileHandler(TemplateStaticFileHandler):
    """Voila's template files (<template>/static/<file>): any other path is a plain 404, where
    Voila's own handler fails on it with a 500."""

    def parse_url_path(self, path):
        parts = os.path.normpath(path).split(os.sep, 2)
        if len(parts) != 3 or parts[1] != "static" or parts[0] in ("", ".", "..") or not parts[2]:
            raise web.HTTPError(404)
        return super().parse_url_path(path)


REPLACEMENTS = {TornadoVoilaHandler: CourseRenderHandler, VoilaShutdownKernelHandler: CourseShutdownHandler,
                RequestInfoSocketHandler: CourseRequestInfoHandler, TemplateStaticFileHandler: CourseTemplateFileHandler}


def persistent_cookie_secret() -> bytes:
    """The key that signs session cookies, kept (owner-only) beside the store, so that restarting
    the server does not sign everyone out."""
    path = settings.data_dir() / "cookie_secret"
    try:
        return bytes.fromhex(path.read_text().strip())
    except (OSError, ValueError):
        secret = os.urandom(32)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secret.hex())
        except OSError:
            log.warning("could not keep the cookie key in %s: a restart will sign everyone out", path)
        return secret


class CourseVoila(Voila):
    """Voila as the course serves it (`course serve`, which `make serve` runs)."""

    @default("cookie_secret")
    def _default_cookie_secret(self):
        return persistent_cookie_secret()

    def initialize(self, argv=None):
        super().initialize(argv)
        signing.ensure_secret()
        install_request_info_handler()
        self.identity_provider_class = CourseIdentityProvider
        self.authorizer_class = CourseAuthorizer
        conf = self.voila_configuration
        conf.multi_kernel_manager_class = OwnedKernelManager
        if signing.HEADER not in conf.http_header_envs:
            conf.http_header_envs = [*conf.http_header_envs, signing.HEADER]
        if not settings.ALLOWED_HOSTS.is_set():
            on_network = self.ip in ("", "0.0.0.0", "::")
            hosts = {*DEFAULT_HOSTS, *(own_addresses() if on_network else {self.ip.lower()})}
            settings.put(settings.ALLOWED_HOSTS, ",".join(sorted(hosts)))  # kernels read it too

    def init_settings(self):
        settings = super().init_settings()
        settings["xsrf_cookie_kwargs"] = {"samesite": "Lax", "path": self.base_url}
        # what one browser may send the server in one websocket message (Tornado's default is 10 MiB):
        # a widget's new value is a few KB; 5,000 characters of text is at most 20 KB.
        settings["websocket_max_message_size"] = WEBSOCKET_MAX_BYTES
        return settings

    def init_handlers(self):
        handlers = []
        for spec in super().init_handlers():
            pattern, handler_class, *rest = spec
            handlers.append((pattern, _guarded(REPLACEMENTS.get(handler_class, handler_class)), *rest))
        handlers.append((url_path_join(self.server_url, IN_USE_PATH), _guarded(KernelInUseHandler)))
        return handlers

    def start(self):
        if self.ip in ("", "0.0.0.0", "::"):
            lan = sorted(h for h in allowed_hosts() if h.count(".") == 3 and not h.startswith("127."))
            for address in lan:
                print(f"  On this network: http://{address}:{self.port}/", file=sys.stderr, flush=True)
        if _needs_setup():
            print(f"\n  First run: open the course in a browser and create the administrator account.\n"
                  f"  Setup code: {SetupHandler.code}\n", file=sys.stderr, flush=True)
        super().start()


main = CourseVoila.launch_instance


if __name__ == "__main__":
    main()
