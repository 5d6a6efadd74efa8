"""What the course home tells a learner from their mentor: new comments on their work (with a link
to each lesson they are in) until the learner has seen them, and the lessons due next in their
cohort's schedule (overdue ones first)."""
from __future__ import annotations

import logging

import jinja2

from course.mentor.feedback import MESSAGE_WORK, Feedback, learner_viewer
from course.mentor.schedule import Schedule, due_for, today

log = logging.getLogger("course")

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
NOTICE = _ENV.from_string("""
<section class="course-mentor-notice" aria-labelledby="course-mentor-notice-title">
<h2 class="course-h2" id="course-mentor-notice-title">{{ total }} new comment{{ "s" if total != 1 }} from your mentor</h2>
<ul>
{% for lesson, n in places %}
<li><a href="{{ lesson_href(lesson) }}">Lesson {{ lesson.number }}: {{ lesson.title }}</a> ({{ n }} new)</li>
{% endfor %}
</ul></section>
""")
DUE = _ENV.from_string("""
<section class="course-due" aria-labelledby="course-due-title">
<h2 class="course-h2" id="course-due-title">Due next in your cohort</h2>
<ul>
{% for d in due %}
<li><a href="{{ lesson_href(d.lesson) }}">Lesson {{ d.lesson.number }}: {{ d.lesson.title }}</a>
 by {{ date(d.due_on) }} (<span class="{{ 'course-overdue' if d.overdue else '' }}">{{ d.words }}</span>)</li>
{% endfor %}
</ul></section>
""")
HEADER = _ENV.from_string('<p class="course-mentor-count"><a href="{{ href }}">{{ total }} new comment'
                           '{{ "s" if total != 1 }} from your mentor</a></p>')
SHOWN_DUE = 3  # the next few; the rest follow as lessons are done


def new_comments(catalog, session) -> tuple[int, list]:
    """How many of the mentors' messages this learner has not seen, and where: [(lesson, count)]."""
    viewer = learner_viewer(session.identity)
    store = session.store() if viewer else None
    if store is None:
        return 0, []
    try:
        unread = Feedback(store).unread(viewer)
    except Exception:  # the home page works without it
        log.exception("new feedback could not be counted")
        return 0, []
    lessons = {lesson.id: lesson for lesson in catalog.course.lessons}
    by_lesson: dict[str, int] = {}
    for lesson_id, work, n in unread:
        if lesson_id in lessons and work != MESSAGE_WORK:  # a message is shown on the home itself
            by_lesson[lesson_id] = by_lesson.get(lesson_id, 0) + n
    places = [(lessons[lid], n) for lid, n in sorted(by_lesson.items(), key=lambda kv: lessons[kv[0]].number)]
    return sum(n for _l, n in places), places


def header_line(catalog, session, home_href: str, lesson_href) -> str:
    """For the progress header on every page: "2 new comments from your mentor", linking to the
    lesson they are in (or the home, which lists them, when they are in several)."""
    total, places = new_comments(catalog, session)
    if not total:
        return ""
    href = lesson_href(places[0][0]) if len(places) == 1 else home_href
    return HEADER.render(total=total, href=href)


def due_next(catalog, session, complete: set[str]) -> list:
    """The learner's cohort's scheduled lessons that they have not completed, soonest first."""
    identity = session.identity
    store = session.store() if identity is not None and identity.cohort else None
    if store is None:
        return []
    try:
        return due_for(catalog, Schedule(store).dates(identity.cohort), complete, today())
    except Exception:  # the home page works without it
        log.exception("the cohort's schedule could not be read")
        return []


def notice_html(catalog, session, lesson_href, complete: set[str] = frozenset()) -> str:
    """New comments from the mentor and what is due next, or "" when there is neither.
    `lesson_href(lesson)` links to a lesson; `complete` are the lessons this learner has done."""
    total, places = new_comments(catalog, session)
    parts = [NOTICE.render(total=total, places=places, lesson_href=lesson_href)] if total else []
    due = due_next(catalog, session, complete)[:SHOWN_DUE]
    if due:
        parts.append(DUE.render(due=due, lesson_href=lesson_href,
                                date=lambda d: f"{d:%A}, {d:%B} {d.day}, {d.year}"))
    return "".join(parts)
