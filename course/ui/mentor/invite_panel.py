"""The dashboard's Invite tab: a mentor brings people into the cohort on screen (names in, one
single-use link each out, as `course cohort invite` does) and gives a learner a new link when
they have lost their password. Only on the course server, and only for a cohort the mentor
looks after: both are checked here, in the kernel, whatever the page sends."""
from __future__ import annotations

import os
from urllib.parse import urlsplit

import ipywidgets as w

from course.mentor import export
from course.mentor.invites import cohort_learners, invite_names, may_invite, new_link
from course.ui.common import esc, html_box, rejected, status_html

MAX_NAMES = 200  # per click: a roster, not a flood


def page_origin() -> str:
    """The address this page was opened at (scheme, host and base path), for links to give out."""
    seen = urlsplit(os.environ.get("VOILA_REQUEST_URL", ""))
    base = os.environ.get("VOILA_BASE_URL", "/")
    if seen.scheme in ("http", "https") and seen.netloc:
        return f"{seen.scheme}://{seen.netloc}{base}"
    return base


class InvitePanel(w.VBox):
    def __init__(self, session, store, cohort_id: str | None):
        super().__init__()
        self.session, self.store, self.cohort_id = session, store, cohort_id
        self.add_class("course-invite")
        self.out = html_box()
        problem = self._why_not()
        if problem:
            self.children = [html_box(status_html("info", problem))]
            return
        self.names = w.Textarea(continuous_update=False, description="Names, one per line",
                                placeholder="Sam Rivera\nزهرا محمد‌زاده", style={"description_width": "initial"},
                                layout=w.Layout(width="100%", max_width="34em", height="8em"))
        self.invite_button = w.Button(description="Make invitation links", button_style="primary",
                                      layout=w.Layout(width="auto"))
        self.invite_button.on_click(lambda _b: self.invite())
        self.learner = w.Dropdown(options=self._learner_options(), value="",
                                  description="Lost their password", style={"description_width": "initial"})
        self.reset_button = w.Button(description="New invitation link", layout=w.Layout(width="auto"))
        self.reset_button.on_click(lambda _b: self.reset())
        self.children = [
            html_box(f'<p>Each person gets their own link to <strong>{esc(cohort_id)}</strong>: it works once, for '
                     '14 days, and lets them choose a sign-in name and a password. Send each link to its person '
                     'only. Someone already in this cohort keeps their work and gets a new link.</p>'),
            self.names, w.HBox([self.invite_button]),
            html_box('<p>A learner who forgot their password: a new link signs them out everywhere and lets '
                     'them set a new one.</p>'),
            w.HBox([self.learner, self.reset_button]), self.out]

    def _learner_options(self) -> list[tuple[str, str]]:
        learners = sorted((a["display_name"], a["id"]) for a in cohort_learners(self.store, self.cohort_id))
        return [("Choose a learner…", "")] + learners

    def _mentor_id(self) -> str | None:
        identity = self.session.identity
        return identity.account_id if identity else None

    def _why_not(self) -> str | None:
        identity = self.session.identity
        if identity is None or identity.source != "account":
            return ("Invitations are made on the course server (make serve). On JupyterHub people sign in "
                    "with the hub; in JupyterLab there is one learner.")
        if not self.cohort_id:
            return "Choose a cohort above to invite people into it."
        if not may_invite(self.store, identity.account_id, self.cohort_id):
            return "You can invite people only into a cohort you look after."
        return None

    def _link(self, token: str) -> str:
        return f"{page_origin()}invite/{token}"

    def _show(self, rows: list[tuple[str, str]], problems: list[str], note: str) -> None:
        parts = [status_html("ok" if rows else "warn", note)]
        if problems:
            parts.append("<ul>" + "".join(f"<li>{esc(p)}</li>" for p in problems) + "</ul>")
        if rows:
            body = "".join(f'<tr><th scope="row"><bdi>{esc(n)}</bdi></th><td><code>{esc(link)}</code></td></tr>'
                           for n, link in rows)
            parts.append('<table class="course-table"><caption>Invitation links</caption><thead><tr>'
                         '<th scope="col">Name</th><th scope="col">Link (single use, 14 days)</th></tr></thead>'
                         f'<tbody>{body}</tbody></table>')
            download = export.download_link(export.invitations_csv(rows), f"{self.cohort_id}-invitations.csv",
                                            "text/csv", "Download these links as CSV")
            if download:
                parts.append(f"<p>{download}</p>")
        self.out.value = "".join(parts)

    def invite(self) -> None:
        if self._why_not():  # the cohort or the mentor's role may have changed since the tab was built
            self.out.value = status_html("warn", self._why_not())
            return
        raw = self.names.value if isinstance(self.names.value, str) else ""
        if not isinstance(self.names.value, str):
            rejected("InvitePanel names", self.names.value)
        lines = [line for line in raw.splitlines() if line.strip()]
        if not lines:
            self.out.value = status_html("info", "Type at least one name, one per line.")
            return
        if len(lines) > MAX_NAMES:
            self.out.value = status_html("warn", f"At most {MAX_NAMES} names at a time; split the list.")
            return
        made, refused = invite_names(self.store, self.cohort_id, lines, by=self._mentor_id())
        rows = [(name, self._link(token)) for name, token in made]
        problems = [f"Line {number} (“{line.strip()[:60]}”): {why}" for number, line, why in refused]
        if made:  # whoever was just invited can be given a new link too, without reloading the page
            self.learner.options = self._learner_options()
        self._show(rows, problems, f"{len(rows)} invitation link{'s' * (len(rows) != 1)} made"
                   + (f"; {len(problems)} line{'s' * (len(problems) != 1)} to fix (below)." if problems else "."))
        if not problems:
            self.names.value = ""  # made: nothing left to lose

    def reset(self) -> None:
        if self._why_not():
            self.out.value = status_html("warn", self._why_not())
            return
        chosen = self.learner.value
        ids = {a["id"]: a["display_name"] for a in cohort_learners(self.store, self.cohort_id)}
        if chosen not in ids:
            if chosen:
                rejected("InvitePanel learner", chosen)
            self.out.value = status_html("info", "Choose the learner first.")
            return
        link = self._link(new_link(self.store, chosen, by=self._mentor_id()))
        self._show([(ids[chosen], link)], [], f"A new link for {ids[chosen]}: they are signed out everywhere "
                                              "until they use it.")
