"""What the course home tells a learner from their mentor: new comments on their work (with a link
to each lesson they are in) until the learner has seen them."""
from __future__ import annotations

import logging

import jinja2

from ..mentor.feedback import Feedback, learner_viewer

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
    for lesson_id, _work, n in unread:
        if lesson_id in lessons:
            by_lesson[lesson_id] = by_lesson.get(lesson_id, 0) + n
    places = [(lessons[lid], n) for lid, n in sorted(by_lesson.items(), key=lambda kv: lessons[kv[0]].number)]
    return sum(n for _l, n in places), places


def notice_html(catalog, session, lesson_href) -> str:
    """The notice, or "" when there is nothing new; `lesson_href(lesson)` links to a lesson."""
    total, places = new_comments(catalog, session)
    if not total:
        return ""
    return NOTICE.render(total=total, places=places, lesson_href=lesson_href)
