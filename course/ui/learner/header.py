"""The progress header (who is signed in, lesson k of n, what is done, previous and next), the
sign-in form, the lesson footer and the course home page."""
from __future__ import annotations

import os

import ipywidgets as w

from course import identity as ident
from course.engine.progress import course_progress, lesson_progress
from course.ui.common import button, esc, hbox, html_box, shared, status_html
from course.mentor.feedback import MESSAGE_LESSON, MESSAGE_WORK
from course.ui.learner.feedback_thread import WorkFeedback
from course.ui.learner.mentor_notice import header_line, notice_html

HOME = "index.ipynb"
GLOSSARY = "glossary.ipynb"


def link(target: str, session, anchor: str | None = None) -> str:
    """A link to another course page; every one is built here. Who is signed in travels in the
    server's session cookie, never in the link. `anchor` is a heading's id on that page."""
    href = target
    if anchor:  # an id as nbconvert writes it is already safe in a URL
        href += "#" + anchor
    return href


def _nav(catalog, lesson_id, session, where: str) -> str:
    published = catalog.published()
    ids = [lesson.id for lesson in published]
    index = ids.index(lesson_id) if lesson_id in ids else -1
    parts = [f'<a href="{esc(link(HOME, session))}">Course home</a>',
             f'<a href="{esc(link(GLOSSARY, session))}">Glossary</a>']
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


def page_nav_html(session, where: str, here: str | None = None) -> str:
    """The way back from a page that is not a lesson (scenarios, live session, glossary)."""
    parts = [f'<a href="{esc(link(HOME, session))}">Back to the course home</a>']
    if here != GLOSSARY:
        parts.append(f'<a href="{esc(link(GLOSSARY, session))}">Glossary</a>')
    return f'<nav class="course-nav" aria-label="{esc(where)}">{" · ".join(parts)}</nav>'


def sign_out_url() -> str:
    """The course server's sign-out page (it asks before signing out)."""
    return os.environ.get("VOILA_BASE_URL", "/").rstrip("/") + "/logout"


class SignIn(w.VBox):
    """Name and optional cohort code. Validated here; shown escaped everywhere."""

    def __init__(self, session):
        super().__init__(layout=shared("layout"))
        self.session = session
        self.add_class("course-signin")
        self.name = w.Text(continuous_update=False, description="Your name", placeholder="e.g. Sam Rivera",
                           layout=shared("layout"), style=shared("text"))
        self.cohort = w.Text(continuous_update=False, description="Cohort code (optional)", placeholder="from your mentor",
                             layout=shared("layout"), style=shared("text"))
        self.button = button("Start", primary=True)
        self.button.on_click(lambda _b: self.submit())
        self.message = html_box()
        self.children = [
            html_box('<p><strong>Sign in to save your progress.</strong> Use the same name each time '
                     'you come back; add the cohort code if a mentor gave you one.</p>'),
            self.name, self.cohort, hbox([self.button, self.message])]

    def submit(self) -> None:
        try:
            identity = ident.sign_in(self.name.value, self.cohort.value)
        except ValueError as exc:
            self.message.value = status_html("warn", str(exc))
            return
        self.session.set_identity(identity)


class Header(w.VBox):
    """`page_nav`: on a page that is neither a lesson nor the home, the page's notebook (or True):
    the header then links back to the home."""

    def __init__(self, catalog, lesson_id: str | None, session, page_nav: bool | str = False):
        super().__init__(layout=shared("layout"))
        self.catalog, self.lesson_id, self.session, self.page_nav = catalog, lesson_id, session, page_nav
        self.add_class("course-header")
        self.info = html_box()
        self._signin: SignIn | None = None  # the form and the button are built when a page shows them
        self._sign_out: w.Button | None = None
        session.on_change(self.render)
        self.render()

    @property
    def signin(self) -> SignIn:
        if self._signin is None:
            self._signin = SignIn(self.session)
        return self._signin

    @property
    def sign_out(self) -> w.Button:
        if self._sign_out is None:
            self._sign_out = button("Not you? Sign out", tooltip="Sign out")
            self._sign_out.add_class("course-link-button")
            self._sign_out.on_click(lambda _b: self.session.sign_out())
        return self._sign_out

    def render(self) -> None:
        s = self.session
        parts = []
        if s.identity_problem:
            parts.append(status_html("warn", s.identity_problem))
        if s.store_error:
            parts.append(status_html("warn", s.store_error))
        if s.identity:
            cohort = f' · cohort <strong>{esc(s.identity.cohort)}</strong>' if s.identity.cohort else ""
            # <bdi>: a right-to-left name keeps its own direction and leaves the sentence around it alone
            out = ""
            if s.identity.source == "account":  # a form on a plain page, so no other site can sign you out
                out = f' · <a class="course-sign-out" href="{esc(sign_out_url())}">Sign out</a>'
            parts.append(f'<p class="course-who">Signed in as <strong><bdi>{esc(s.identity.name)}</bdi></strong>'
                         f'{cohort}{out}</p>')
            if self.lesson_id or self.page_nav:  # the home lists them in full
                parts.append(header_line(self.catalog, s, link(HOME, s), lambda lesson: link(lesson.notebook, s)))
        elif not ident.saves_here():
            parts.append(status_html("info", ident.PREVIEW))
        if self.lesson_id:
            parts.append(self._lesson_line())
            parts.append(_nav(self.catalog, self.lesson_id, s, "Lessons"))
        elif self.page_nav:
            parts.append(page_nav_html(s, "Course pages", self.page_nav if isinstance(self.page_nav, str) else None))
        self.info.value = "".join(parts)
        children = [self.info]
        if not s.identity and not ident.in_voila():  # JupyterLab; a server signs people in itself
            children.append(self.signin)
        elif s.identity and s.identity.source in ("sign-in", "remembered"):
            children.append(self.sign_out)
        self.children = children

    def _lesson_line(self) -> str:
        lesson = self.catalog.lesson(self.lesson_id)
        last = max(x.number for x in self.catalog.course.lessons)  # lessons are numbered from 00
        # every lesson's events: a part may be saved under another lesson (a scenario played elsewhere)
        p = lesson_progress(self.catalog, lesson.id, self.session.state())
        pieces = [f"{p.items_answered} of {p.items_total} self-checks done ({p.items_correct} right)"]
        if p.exercises_total:
            pieces.append(f"{p.exercises_done} of {p.exercises_total} exercises and tools done")
        if p.scenarios_total:
            pieces.append(f"{p.scenarios_done} of {p.scenarios_total} scenarios played")
        if p.has_reflection:
            pieces.append(f"reflection {'saved' if p.reflection_saved else 'to write'}")
        label = "Lesson complete" if p.complete else "Your progress in this lesson"
        return (f'<div class="course-progress"><p class="course-eyebrow">Lesson {lesson.number} of {last} · '
                f'about {lesson.minutes} minutes</p>'
                f'<progress max="{p.total}" value="{p.done}" aria-label="{esc(label)}: {p.done} of {p.total} parts">'
                f'</progress> <span>{esc(label)}: {esc("; ".join(pieces))}.</span></div>')


class Footer(w.HTML):
    """The end of a lesson (previous, home, next), or of another page (back to the home): one HTML model."""

    def __init__(self, catalog, lesson_id: str | None, session, here: str | None = None):
        super().__init__(layout=shared("layout"), style=shared("html"))
        self.catalog, self.lesson_id, self.session, self.here = catalog, lesson_id, session, here
        self.add_class("course-footer")
        session.on_change(self.render)
        self.render()

    @property
    def html(self) -> w.HTML:  # the footer is its own HTML
        return self

    def render(self) -> None:
        if self.lesson_id is None:
            self.html.value = page_nav_html(self.session, "Course pages, end of page", self.here)
        else:
            self.html.value = _nav(self.catalog, self.lesson_id, self.session, "Lesson navigation, end of lesson")


class Home(w.VBox):
    """The course home: where to continue, the whole course's progress, and the map of lessons with
    this learner's status."""

    def __init__(self, catalog, session):
        super().__init__(layout=shared("layout"))
        self.catalog, self.session = catalog, session
        self.add_class("course-home")
        self.header = Header(catalog, None, session)
        self.lessons = html_box()
        self.messages = WorkFeedback(session, MESSAGE_LESSON, MESSAGE_WORK, catalog.rubrics, "your mentor's messages",
                                     heading="Messages from your mentor", only_if_any=True)
        self.children = [self.header, self.messages, self.lessons]
        session.on_change(self.render)
        self.render()

    def render(self) -> None:
        signed_in = bool(self.session.identity)
        overall = course_progress(self.catalog, self.session.state() if signed_in else {})
        by_lesson = {p.lesson: p for p in overall.lessons}
        rows = []
        for lesson in self.catalog.course.lessons:
            questions = "".join(f"<li>{esc(q)}</li>" for q in lesson.questions)
            head = f"Lesson {lesson.number}: {esc(lesson.title)}"
            if lesson.status == "published":
                badge = by_lesson[lesson.id].status if signed_in else "open"
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
        extras.append(f'<li><a href="{esc(link(GLOSSARY, self.session))}">Glossary</a>: every abbreviation and '
                      f'term the course uses (FTE, HPPD, SBAR…), in plain words, with the lesson that teaches it.</li>')
        # mentors' pages ask for the mentor passcode before showing anything of a cohort
        extras.append(f'<li><a href="{esc(link("mentor/dashboard.ipynb", self.session))}">For mentors</a>: the '
                      f'cohort dashboard and live sessions (a mentor passcode is needed).</li>')
        more = f'<h2 class="course-h2">More</h2><ul class="course-more">{"".join(extras)}</ul>'
        live = (f'<p class="course-live-entry">In a live session with your mentor? '
                f'<a href="{esc(link("live.ipynb", self.session))}">Join a live session</a> '
                f'with the code your mentor shows.</p>')
        mentor = notice_html(self.catalog, self.session, lambda lesson: link(lesson.notebook, self.session),
                             {p.lesson for p in overall.lessons if p.complete}) if signed_in else ""
        self.lessons.value = (mentor + self._continue(overall, signed_in) + live + f'<h2 class="course-h2">Course map</h2>'
                              f'<ol class="course-map" aria-label="Lessons">{"".join(rows)}</ol>{more}')

    def _continue(self, overall, signed_in: bool) -> str:
        """The one link to the next unfinished thing, and the whole course's progress in words."""
        nxt = overall.next
        if nxt is None and signed_in:
            plan = self.catalog.development_plan
            lesson = self.catalog.lesson(plan.lesson) if plan else self.catalog.published()[-1]
            title = "You have done every part of the course"
            action = (f'<a class="course-continue-link" href="{esc(link(lesson.notebook, self.session))}">'
                      f'Open lesson {lesson.number}, {esc(lesson.title)}</a>'
                      f'<p class="course-hint">Keep your development plan up to date there, and replay any '
                      f'scenario from the practice page below.</p>')
        elif nxt is None:
            return ""
        elif nxt.fresh:
            title = "Start here"
            action = (f'<a class="course-continue-link" href="{esc(link(nxt.lesson.notebook, self.session))}">'
                      f'Start with lesson {nxt.lesson.number}: {esc(nxt.lesson.title)}</a>')
            if not signed_in:
                action += ('<p class="course-hint">Sign in above to save your progress: next time this '
                           'place shows where to continue.</p>')
        else:
            title = "Continue where you left off"
            part = nxt.part
            where = f', in “{esc(part.section)}”' if part.section else ""
            href = link(nxt.lesson.notebook, self.session, part.anchor)
            action = (f'<a class="course-continue-link" href="{esc(href)}">Continue with lesson '
                      f'{nxt.lesson.number}: {esc(nxt.lesson.title)}'
                      f'<span class="course-continue-where">Next: {esc(part.label)}{where}</span></a>')
            if overall.open_before:
                earlier = ", ".join(
                    f'<a href="{esc(link(self.catalog.lesson(p.lesson).notebook, self.session, _anchor(p)))}">'
                    f'lesson {self.catalog.lesson(p.lesson).number}</a> ({p.total - p.done} left)'
                    for p in overall.open_before)
                action += f'<p class="course-hint">Still open in earlier lessons: {earlier}.</p>'
        figure = ""
        if signed_in:
            figure = (f'<p class="course-overall"><progress max="{overall.total}" value="{overall.done}" '
                      f'aria-hidden="true"></progress> <span>{esc(overall.summary())}</span></p>')
        return (f'<section class="course-continue" aria-labelledby="course-continue-title">'
                f'<h2 class="course-h2" id="course-continue-title">{title}</h2>{figure}{action}</section>')


def _anchor(p) -> str | None:
    return p.next_part.anchor if p.next_part else None
