"""The mentor's pages: the live-session console and the dashboard, each behind the mentor gate.
The only pages of the notebook API that reach the mentor modules (tests/unit/test_learner_privacy.py)."""
from __future__ import annotations

from course.pages import common
from course.pages.common import friendly


@friendly
def live_session():
    """The mentor's live-session console, shown only once the mentor gate lets a mentor in."""
    import ipywidgets as w

    from course.ui.mentor.gate import MentorGate
    from course.ui.common import html_box, status_html
    from course.ui.mentor.live_console import LiveConsole

    cat = common.catalog()
    common.theme()
    session = common.session()
    console_area = w.VBox()

    def granted():
        store = session.store()
        if store is None:
            console_area.children = [html_box(status_html("warn", session.store_error or
                                                          "The progress store cannot be opened."))]
            return
        console_area.children = [LiveConsole(cat, store)]

    gate = MentorGate(session, granted)  # on a hub it may call granted() at once
    return w.VBox([gate, console_area])


@friendly
def mentor_dashboard():
    """The mentor dashboard: nothing of a cohort until the mentor gate lets a mentor in.
    `?cohort=<id>` in a Voila link opens that cohort once the mentor is in."""
    from course.ui.mentor.dashboard import Dashboard

    cat = common.catalog()
    common.theme()
    session = common.session()  # waits for the visit in a preheated kernel, so the query string is there
    return Dashboard(cat, session, common.query_value("cohort"))
