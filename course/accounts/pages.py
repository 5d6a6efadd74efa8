"""The course server's own pages: sign in, sign out, an invitation, joining a cohort, the first run.

Plain HTML forms (no kernel starts for them), rendered from Jinja2 templates with autoescape and
posted with Tornado's XSRF token. Signing in and out goes through the identity provider (web.py).
"""
from __future__ import annotations

import asyncio
import secrets
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import jinja2
from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import JupyterHandler
from tornado import web

from course.accounts import throttle
from course.accounts.process import accounts, client_address
from course.accounts.service import AccountError
from course.errors import StoreError

_TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(_TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined)


class _Page(JupyterHandler):
    """A plain course page: rendered from our templates, safe headers, no kernel."""

    def page(self, template: str, status: int = 200, **values) -> None:
        self.set_status(status)
        values.setdefault("message", "")
        values.setdefault("message_kind", "info")
        self.finish(_env().get_template(template).render(
            xsrf=self.xsrf_token.decode(), base_url=self.base_url, **values))

    def safe_next(self, raw: str | None) -> str:
        """Only a path on this server: never another site, never a scheme-relative //host."""
        home = self.base_url + "voila/render/index.ipynb"
        if not raw or not isinstance(raw, str) or len(raw) > 500:
            return home
        parsed = urlparse(raw)
        if parsed.scheme or parsed.netloc or not raw.startswith(self.base_url) or raw.startswith("//") or "\\" in raw:
            return home
        return raw

    @property
    def course_identity(self):  # the CourseIdentityProvider (web.py)
        return self.identity_provider

    async def in_thread(self, fn, *args):
        """Password hashing takes ~0.1 s of CPU: keep the server answering others meanwhile."""
        return await asyncio.get_running_loop().run_in_executor(None, fn, *args)

    def write_error(self, status_code: int, **kwargs) -> None:
        titles = {403: "Not allowed", 404: "Page not found", 429: "Too many attempts"}
        self.finish(_env().get_template("message.html.j2").render(
            title=titles.get(status_code, "Something went wrong"), message="", message_kind="info",
            body="This page cannot be shown.", link=self.base_url, link_text="Go to the course home",
            form_action="", form_button="", xsrf=""))


def _needs_setup() -> bool:
    try:
        return accounts().count("admin") == 0
    except StoreError:
        return False


class LoginHandler(_Page):
    def _form(self, status=200, message="", kind="info", login=""):
        join_open = False
        self.page("login.html.j2", status=status, title="Sign in", action=self.base_url + "login",
                  next=self.safe_next(self.get_argument("next", None)), login=login, message=message,
                  message_kind=kind, join_open=join_open)

    @allow_unauthenticated
    def get(self):
        if _needs_setup():
            return self.redirect(self.base_url + "setup")
        if self.current_user:
            return self.redirect(self.safe_next(self.get_argument("next", None)))
        self._form()

    @allow_unauthenticated
    async def post(self):
        login = self.get_body_argument("login", "")[:200]
        password = self.get_body_argument("password", "")[:400]
        try:
            result = await self.in_thread(accounts().authenticate, login, password, client_address(self))
        except AccountError as exc:
            return self._form(400, str(exc), "bad", login)
        except StoreError:
            return self._form(503, "Signing in is not possible right now: the course's store cannot be opened. "
                                   "Ask whoever runs the course to check it; nothing saved is lost.", "bad", login)
        if result.account is None:
            if result.retry_after:
                self.set_header("Retry-After", str(result.retry_after))
            return self._form(429 if result.retry_after else 401, result.message, "bad", login)
        self.course_identity.start_session(self, result.account)
        self.redirect(self.safe_next(self.get_body_argument("next", None)))


class LogoutHandler(_Page):
    @allow_unauthenticated
    def get(self):
        if not self.current_user:
            return self.page("message.html.j2", title="Signed out", body="You are signed out.",
                             link=self.base_url + "login", link_text="Sign in again", form_action="", form_button="")
        self.page("message.html.j2", title="Sign out?", body="Sign out of the course on this browser. "
                  "Everything you saved stays saved.", form_action=self.base_url + "logout",
                  form_button="Sign out", link=self.base_url, link_text="Stay signed in")

    @allow_unauthenticated
    def post(self):
        self.course_identity.end_session(self)
        self.page("message.html.j2", title="Signed out", body="You are signed out. On a shared computer, "
                  "close the browser window too.", link=self.base_url + "login", link_text="Sign in again",
                  form_action="", form_button="")


def _password_fields(values: dict, problems: dict, ask_login: bool, login_value: str = "") -> list[dict]:
    fields = []
    if ask_login:
        fields.append(dict(name="login", label="Choose a sign-in name", type="text", autocomplete="username",
                           help="What you will type to sign in; any script, case does not matter.",
                           value=values.get("login", login_value), problem=problems.get("login", "")))
    fields.append(dict(name="password", label="Choose a password", type="password", autocomplete="new-password",
                       help="At least 10 characters; a few unrelated words work well.", value="",
                       problem=problems.get("password", "")))
    fields.append(dict(name="confirm", label="Type the password again", type="password",
                       autocomplete="new-password", help="", value="", problem=problems.get("confirm", "")))
    return fields


def _which_field(message: str) -> str:
    return "login" if "sign-in name" in message else "password"


class InviteHandler(_Page):
    def _form(self, token, account, status=200, values=None, problems=None, message="", kind="info"):
        self.page("set_password.html.j2", status=status, title=f"Welcome, {account.display_name}",
                  intro="Set your password to start the course. This link works once.",
                  action=f"{self.base_url}invite/{token}", submit="Set my password and start",
                  fields=_password_fields(values or {}, problems or {}, ask_login=not account.login),
                  message=message, message_kind=kind)

    def _gone(self):
        self.page("message.html.j2", status=410, title="This link no longer works",
                  body="The invitation has been used or has expired. Ask your mentor for a new one.",
                  link=self.base_url + "login", link_text="Sign in", form_action="", form_button="")

    @allow_unauthenticated
    def get(self, token):
        account = accounts().invitation(token)
        if account is None:
            return self._gone()
        self._form(token, account)

    @allow_unauthenticated
    async def post(self, token):
        account = accounts().invitation(token)
        if account is None:
            return self._gone()
        values = {"login": self.get_body_argument("login", "")[:200]}
        password = self.get_body_argument("password", "")[:400]
        if password != self.get_body_argument("confirm", "")[:400]:
            return self._form(token, account, 400, values, {"confirm": "The two passwords are not the same."},
                              "Check the highlighted field.", "bad")
        try:
            claimed = await self.in_thread(accounts().redeem, token, values["login"], password)
        except AccountError as exc:
            return self._form(token, account, 400, values, {_which_field(str(exc)): str(exc)},
                              "Check the highlighted field.", "bad")
        self.course_identity.start_session(self, claimed)
        self.redirect(self.base_url + "voila/render/index.ipynb")


class JoinHandler(_Page):
    """Self sign-up with a cohort's join code, when its mentor has turned it on."""

    def _form(self, status=200, values=None, problems=None, message="", kind="info"):
        values = values or {}
        problems = problems or {}
        fields = [dict(name="code", label="Join code", type="text", autocomplete="off", value=values.get("code", ""),
                       help="From your mentor.", problem=problems.get("code", "")),
                  dict(name="name", label="Your name", type="text", autocomplete="name", value=values.get("name", ""),
                       help="As your mentor and cohort will see it.", problem=problems.get("name", ""))]
        fields += _password_fields(values, problems, ask_login=True)
        self.page("set_password.html.j2", status=status, title="Join a cohort", action=self.base_url + "join",
                  intro="If your mentor gave you a join code, create your account here.", submit="Create my account",
                  fields=fields, message=message, message_kind=kind)

    @allow_unauthenticated
    def get(self):
        self._form()

    @allow_unauthenticated
    async def post(self):
        values = {k: self.get_body_argument(k, "")[:200] for k in ("code", "name", "login")}
        password = self.get_body_argument("password", "")[:400]
        reservation = throttle.reserve(accounts().store, f"join:{client_address(self)}", throttle.PER_CLIENT)
        if not reservation.allowed:
            self.set_header("Retry-After", str(reservation.retry_after))
            return self._form(429, values, {}, "Too many attempts. Wait a few minutes, then try again.", "bad")
        cohort = accounts().cohort_for_join_code(values["code"])
        if cohort is None:
            return self._form(400, values, {"code": "That join code is not open. Check it with your mentor."},
                              "Check the highlighted field.", "bad")
        if password != self.get_body_argument("confirm", "")[:400]:
            return self._form(400, values, {"confirm": "The two passwords are not the same."},
                              "Check the highlighted field.", "bad")
        try:
            account = await self.in_thread(lambda: accounts().create(values["name"], "learner", login=values["login"],
                                                                     password=password, cohort=cohort))
        except AccountError as exc:
            text = str(exc)
            field = "name" if "your name" in text.lower() else _which_field(text)
            return self._form(400, values, {field: text}, "Check the highlighted field.", "bad")
        self.course_identity.start_session(self, account)
        self.redirect(self.base_url + "voila/render/index.ipynb")


class SetupHandler(_Page):
    """The first run on an empty store: the person at the terminal creates the admin account.
    The setup code printed in the terminal proves they are that person, not someone on the network."""

    code = secrets.token_hex(4).upper()

    def _form(self, status=200, values=None, problems=None, message="", kind="info"):
        values = values or {}
        problems = problems or {}
        fields = [dict(name="code", label="Setup code", type="text", autocomplete="off", value="",
                       help="Printed in the terminal where the course server was started.",
                       problem=problems.get("code", "")),
                  dict(name="name", label="Your name", type="text", autocomplete="name", value=values.get("name", ""),
                       help="", problem=problems.get("name", ""))]
        fields += _password_fields(values, problems, ask_login=True)
        self.page("set_password.html.j2", status=status, title="Set up the course", action=self.base_url + "setup",
                  intro="No one can sign in yet. Create the administrator account: it can add mentors, who "
                        "create cohorts and invite learners.", submit="Create the administrator account",
                  fields=fields, message=message, message_kind=kind)

    @allow_unauthenticated
    def get(self):
        if not _needs_setup():
            return self.redirect(self.base_url + "login")
        self._form()

    @allow_unauthenticated
    async def post(self):
        if not _needs_setup():
            return self.redirect(self.base_url + "login")
        values = {k: self.get_body_argument(k, "")[:200] for k in ("name", "login")}
        reservation = throttle.reserve(accounts().store, f"setup:{client_address(self)}", throttle.PER_ACCOUNT_AND_CLIENT)
        if not reservation.allowed:
            return self._form(429, values, {}, "Too many attempts. Wait a few minutes, then try again.", "bad")
        if not secrets.compare_digest(self.get_body_argument("code", "").strip().upper(), self.code):
            return self._form(400, values, {"code": "That is not the code in the terminal."},
                              "Check the highlighted field.", "bad")
        password = self.get_body_argument("password", "")[:400]
        if password != self.get_body_argument("confirm", "")[:400]:
            return self._form(400, values, {"confirm": "The two passwords are not the same."},
                              "Check the highlighted field.", "bad")
        try:
            admin = await self.in_thread(lambda: accounts().create(values["name"], "admin", login=values["login"],
                                                                   password=password))
        except AccountError as exc:
            text = str(exc)
            return self._form(400, values, {"name" if "your name" in text.lower() else _which_field(text): text},
                              "Check the highlighted field.", "bad")
        self.course_identity.start_session(self, admin)
        self.redirect(self.base_url + "voila/render/index.ipynb")
