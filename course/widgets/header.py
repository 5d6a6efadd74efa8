"""The progress header (who is signed in, lesson k of n, what is done, previous and next), the
sign-in form, the lesson footer and the course home page."""
from __future__ import annotations

import ipywidgets as w

from .. import identity as ident
from ..progress import lesson_progress
from .common import esc, html_box, status_html

HOME = "index.ipynb"


def link(target: str, session) -> str:
    """A link to another page that keeps the learner signed in when served by Voila."""
    if session.identity and ident.in_voila():
        return f"{target}?{session.identity.query()}"
    return target


def _nav(catalog, lesson_id, session, where: str) -> str:
    published = catalog.published()
    ids = [lesson.id for lesson in published]
    index = ids.index(lesson_id) if lesson_id in ids else -1
    parts = [f'<a href="{esc(link(HOME, session))}">Course home</a>']
    if index > 0:
        prev = published[index - 1]
        parts.insert(0, f'<a href="{esc(link(prev.notebook, session))}" rel="prev">← Lesson {prev.number}: {esc(prev.title)}</a>')
    if 0 <= index < len(published) - 1:
        nxt = published[index + 1]
        parts.append(f'<a href="{esc(link(nxt.notebook, session))}" rel="next">Lesson {nxt.number}: {esc(nxt.title)} →</a>')
    else:
        following = [lesson for lesson in catalog.course.lessons if lesson.number > catalog.lesson(lesson_id).number]
        if following:
            parts.append(f'<span class="course-muted">Next: Lesson {following[0].number}, '
                         f'{esc(following[0].title)} (in preparation)</span>')
    return f'<nav class="course-nav" aria-label="{esc(where)}">{" · ".join(parts)}</nav>'


class SignIn(w.VBox):
    """Name and optional cohort code. Validated here; shown escaped everywhere."""

    def __init__(self, session):
        super().__init__()
        self.session = session
        self.add_class("course-signin")
        self.name = w.Text(description="Your name", placeholder="e.g. Sam Rivera",
                           style={"description_width": "initial"})
        self.cohort = w.Text(description="Cohort code (optional)", placeholder="from your mentor",
                             style={"description_width": "initial"})
        self.button = w.Button(description="Start", button_style="primary")
        self.button.on_click(lambda _b: self.submit())
        self.message = html_box()
        self.children = [
            html_box('<p><strong>Sign in to save your progress.</strong> Use the same name each time '
                     'you come back; add the cohort code if a mentor gave you one.</p>'),
            self.name, self.cohort, w.HBox([self.button, self.message])]

    def submit(self) -> None:
        try:
            identity = ident.sign_in(self.name.value, self.cohort.value)
        except ValueError as exc:
            self.message.value = status_html("warn", str(exc))
            return
        self.session.set_identity(identity)


class Header(w.VBox):
    def __init__(self, catalog, lesson_id: str | None, session):
        super().__init__()
        self.catalog, self.lesson_id, self.session = catalog, lesson_id, session
        self.add_class("course-header")
        self.info = html_box()
        self.signin = SignIn(session)
        self.sign_out = w.Button(description="Not you? Sign out", tooltip="Sign out")
        self.sign_out.add_class("course-link-button")
        self.sign_out.on_click(lambda _b: session.sign_out())
        session.on_change(self.render)
        self.render()

    def render(self) -> None:
        s = self.session
        parts = []
        if s.identity_problem:
            parts.append(status_html("warn", s.identity_problem))
        if s.store_error:
            parts.append(status_html("warn", s.store_error))
        if s.identity:
            cohort = f' · cohort <strong>{esc(s.identity.cohort)}</strong>' if s.identity.cohort else ""
            who = f'<p class="course-who">Signed in as <strong>{esc(s.identity.name)}</strong>{cohort}</p>'
            if ident.in_voila() and s.identity.source == "sign-in":
                who += (f'<p class="course-hint">To come back as yourself later, bookmark '
                        f'<a href="?{esc(s.identity.query())}">this link to the page</a>.</p>')
            parts.append(who)
        if self.lesson_id:
            parts.append(self._lesson_line())
            parts.append(_nav(self.catalog, self.lesson_id, s, "Lessons"))
        self.info.value = "".join(parts)
        children = [self.info]
        if not s.identity:
            children.append(self.signin)
        elif s.identity.source in ("sign-in", "remembered"):
            children.append(self.sign_out)
        self.children = children

    def _lesson_line(self) -> str:
        lesson = self.catalog.lesson(self.lesson_id)
        last = max(x.number for x in self.catalog.course.lessons)  # lessons are numbered from 00
        p = lesson_progress(self.catalog, lesson.id, self.session.state(lesson.id))
        done = p.items_answered + p.exercises_done + p.scenarios_done + int(p.reflection_saved)
        total = p.items_total + p.exercises_total + p.scenarios_total + int(p.has_reflection)
        pieces = [f"{p.items_answered} of {p.items_total} self-checks done ({p.items_correct} right)"]
        if p.exercises_total:
            pieces.append(f"exercise {'done' if p.exercises_done == p.exercises_total else 'to do'}")
        if p.scenarios_total:
            pieces.append(f"{p.scenarios_done} of {p.scenarios_total} scenarios played")
        if p.has_reflection:
            pieces.append(f"reflection {'saved' if p.reflection_saved else 'to write'}")
        label = "Lesson complete" if p.complete else "Your progress in this lesson"
        return (f'<div class="course-progress"><p class="course-eyebrow">Lesson {lesson.number} of {last} · '
                f'about {lesson.minutes} minutes</p>'
                f'<progress max="{total}" value="{done}" aria-label="{esc(label)}: {done} of {total} parts">'
                f'</progress> <span>{esc(label)}: {esc("; ".join(pieces))}.</span></div>')


class Footer(w.VBox):
    def __init__(self, catalog, lesson_id: str, session):
        super().__init__()
        self.catalog, self.lesson_id, self.session = catalog, lesson_id, session
        self.add_class("course-footer")
        self.html = html_box()
        self.children = [self.html]
        session.on_change(self.render)
        self.render()

    def render(self) -> None:
        self.html.value = _nav(self.catalog, self.lesson_id, self.session, "Lesson navigation, end of lesson")


class Home(w.VBox):
    """The course map: every lesson with its time, questions and this learner's status."""

    def __init__(self, catalog, session):
        super().__init__()
        self.catalog, self.session = catalog, session
        self.add_class("course-home")
        self.header = Header(catalog, None, session)
        self.lessons = html_box()
        self.children = [self.header, self.lessons]
        session.on_change(self.render)
        self.render()

    def render(self) -> None:
        state = self.session.state() if self.session.identity else {}
        rows = []
        for lesson in self.catalog.course.lessons:
            questions = "".join(f"<li>{esc(q)}</li>" for q in lesson.questions)
            head = f"Lesson {lesson.number}: {esc(lesson.title)}"
            if lesson.status == "published":
                p = lesson_progress(self.catalog, lesson.id, state)
                badge = p.status if self.session.identity else "open"
                title = f'<a href="{esc(link(lesson.notebook, self.session))}">{head}</a>'
                status = f'<span class="course-badge course-badge-{badge.replace(" ", "-")}">{esc(badge)}</span>'
            else:
                title = head
                status = '<span class="course-badge course-badge-planned">in preparation</span>'
            rows.append(f'<li class="course-lesson"><h3 class="course-h3">{title}</h3>'
                        f'<p class="course-eyebrow">About {lesson.minutes} minutes · {status}</p>'
                        f'<ul class="course-questions">{questions}</ul></li>')
        extras = []
        if self.catalog.scenarios:
            extras.append(f'<li><a href="{esc(link("scenarios.ipynb", self.session))}">Practice scenarios</a>: '
                          f'all {len(self.catalog.scenarios)} scenarios from the lessons in one place, to play or replay '
                          f'at any time.</li>')
        # mentors' pages ask for the mentor passcode before showing anything of a cohort
        extras.append('<li><a href="mentor/dashboard.ipynb">For mentors</a>: the cohort dashboard and live '
                      'sessions (a mentor passcode is needed).</li>')
        more = f'<h2 class="course-h2">More</h2><ul class="course-more">{"".join(extras)}</ul>' if extras else ""
        live = (f'<p class="course-live-entry">In a live session with your mentor? '
                f'<a href="{esc(link("live.ipynb", self.session))}">Join a live session</a> '
                f'with the code your mentor shows.</p>')
        self.lessons.value = (live + f'<h2 class="course-h2">Course map</h2>'
                              f'<ol class="course-map" aria-label="Lessons">{"".join(rows)}</ol>{more}')
