"""The course server's sign-in: the identity provider and the authorizer Voila asks.

Voila asks the identity provider who is signed in on every request, before any notebook page,
kernel or websocket; nobody is, unless their session cookie names a live session in the store.
The pages around them (sign in, invitation, join, first run) are pages.py.
"""
from __future__ import annotations

import logging
import time

from jupyter_server.auth.authorizer import Authorizer
from jupyter_server.auth.identity import IdentityProvider, User

from course.accounts import signing
from course.accounts.kernels import owners
from course.accounts.pages import InviteHandler, JoinHandler, LoginHandler, LogoutHandler, SetupHandler
from course.accounts.process import accounts
from course.accounts.service import SESSION_LIFETIME
from course.errors import StoreError

log = logging.getLogger("course.server")

COOKIE = "course_session"
_CACHE_SECONDS = 10  # a session looked up this recently is not looked up again


class CourseIdentityProvider(IdentityProvider):
    """Signed-in accounts from the course store; writes the signed account header for kernels."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        signing.ensure_secret()
        self._seen: dict[str, tuple[float, object]] = {}

    @property
    def auth_enabled(self) -> bool:
        return True

    @property
    def login_available(self) -> bool:
        return True

    def validate_security(self, app, ssl_options=None) -> None:
        """Accounts are always on; there is no insecure mode to warn about."""

    def get_handlers(self):
        return [(r"/login", LoginHandler), (r"/logout", LogoutHandler), (r"/invite/([A-Za-z0-9_-]{10,80})", InviteHandler),
                (r"/join", JoinHandler), (r"/setup", SetupHandler)]

    def session_token(self, handler) -> str | None:
        raw = handler.get_secure_cookie(COOKIE, max_age_days=SESSION_LIFETIME.days + 1)
        return raw.decode("utf-8", "replace") if raw else None

    def account_for(self, token: str | None):
        if not token:
            return None
        cached = self._seen.get(token)
        if cached and cached[0] > time.monotonic():
            return cached[1]
        try:
            account = accounts().session_account(token)
        except StoreError as exc:
            log.warning("sign-in check failed: %s", exc)
            return None
        if len(self._seen) > 5000:
            self._seen.clear()
        self._seen[token] = (time.monotonic() + _CACHE_SECONDS, account)
        return account

    def forget(self, token: str | None) -> None:
        self._seen.pop(token or "", None)

    def get_user(self, handler):
        # Whatever the browser sent under the kernel's header is thrown away first.
        handler.request.headers.pop(signing.HEADER, None)
        account = self.account_for(self.session_token(handler))
        if account is None:
            return None
        handler.request.headers[signing.HEADER] = signing.sign(account.id)
        handler._course_account = account
        return User(username=account.id, name=account.display_name, display_name=account.display_name)

    def start_session(self, handler, account) -> None:
        token = accounts().start_session(account.id)
        handler.set_secure_cookie(COOKIE, token, expires_days=SESSION_LIFETIME.days, httponly=True,
                                  samesite="Lax", secure=handler.request.protocol == "https",
                                  path=handler.base_url)

    def end_session(self, handler) -> None:
        token = self.session_token(handler)
        self.forget(token)
        try:
            accounts().end_session(token)
        finally:
            handler.clear_cookie(COOKIE, path=handler.base_url)


def _kernel_id(handler) -> str | None:
    kernel_id = getattr(handler, "kernel_id", None)
    if kernel_id:
        return kernel_id
    if handler.path_kwargs.get("kernel_id"):
        return handler.path_kwargs["kernel_id"]
    return handler.path_args[0] if handler.path_args else None


class CourseAuthorizer(Authorizer):
    """A kernel is its owner's alone: its websocket and its API refuse anyone else."""

    def is_authorized(self, handler, user, action, resource) -> bool:
        if user is None:
            return False
        if resource == "kernels":
            kernel_id = _kernel_id(handler)
            return bool(kernel_id) and owners.owner(kernel_id) == user.username
        return True
