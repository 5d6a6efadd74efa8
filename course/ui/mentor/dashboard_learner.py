"""The dashboard's One learner tab: a learner's work as they wrote it (the SBAR draft part by part,
reflections, plans) each with its feedback thread beside it, then their self-check answers,
scenario runs and live answers, other entries in words (readiness by competency name), and at
the very end, behind "More actions" and a typed confirmation, deletion on request."""
from __future__ import annotations

import logging

import ipywidgets as w

from course.identity import same_name
from course.mentor import learner_record
from course.ui.common import esc, html_box, rejected, status_html
from course.ui.learner.feedback_thread import FeedbackThread
from course.ui.learner.feedback_works import rubric_for, work_of
from course.ui.mentor.dashboard_common import MAX_MATCHES, date_text, demo_tag, learner_options, table
from course.ui.mentor.dashboard_feedback import work_html
from course.ui.mentor.dashboard_readable import readable, response_html

log = logging.getLogger("course.mentor")


def mark(value) -> str:
    return "—" if value is None else ("✓ yes" if value else "✗ no")


class LearnerTab(w.VBox):
    def __init__(self, catalog, store, data, viewer, on_deleted):
        super().__init__()
        self.catalog, self.store, self.data, self.viewer = catalog, store, data, viewer
        self.on_deleted = on_deleted  # the dashboard reads the cohort again after a deletion
        options, total = learner_options(data)
        self.learner_find = w.Text(description="Find a name", placeholder="part of a name",
                                   style={"description_width": "initial"}, continuous_update=False)
        self.learner_pick = w.Dropdown(options=options, value="", description="Learner",
                                       layout=w.Layout(width="100%", max_width="40em"))
        self.learner_note = html_box(self._matches_note(total))
        self.learner_view = html_box()
        self.works = w.VBox()
        self.works.add_class("course-learner-works")
        self.rest = html_box()
        self.delete_part = w.VBox()
        self.learner_find.observe(self._refilter, names="value")
        self.learner_pick.observe(lambda _c: self.show(), names="value")
        self.children = [html_box('<h2 class="course-h2">One learner</h2>'),
                         w.HBox([self.learner_find, self.learner_pick]), self.learner_note, self.learner_view,
                         self.works, self.rest, self.delete_part]

    def show_learner(self, learner_id: str) -> None:
        """Show this learner (a name chosen in the overview's list), whatever the filter."""
        if learner_id not in set(self.data.learners["learner_id"]):
            rejected("dashboard learner link", learner_id)
            return
        name = str(self.data.learners.set_index("learner_id").at[learner_id, "name"])
        self.learner_find.value = name[:100]
        if learner_id not in [v for _, v in self.learner_pick.options]:
            self.learner_pick.options = [("Choose a learner…", ""), (name, learner_id)]
        self.learner_pick.value = learner_id

    def _matches_note(self, total: int) -> str:
        if total > MAX_MATCHES:
            return (f'<p class="course-hint">{total:,} learners: the list shows the first {MAX_MATCHES} by name; '
                    'type part of a name to find anyone else.</p>')
        return f'<p class="course-hint">{total:,} learner{"s" * (total != 1)} to choose from.</p>'

    def _refilter(self, _change=None) -> None:
        needle = self.learner_find.value if isinstance(self.learner_find.value, str) else ""
        options, total = learner_options(self.data, needle[:100].strip())
        current = self.learner_pick.value
        self.learner_pick.options = options
        self.learner_pick.value = current if current in [v for _, v in options] else ""
        self.learner_note.value = self._matches_note(total)

    def show(self) -> None:
        lid = self.learner_pick.value
        self.delete_part.children, self.works.children = [], []
        self.rest.value = ""
        if not lid:
            self.learner_view.value = ""
            return
        people = self.data.learners.set_index("learner_id")
        if lid not in people.index:
            rejected("dashboard learner picker", lid)
            return
        person = people.loc[lid]
        self.learner_view.value = (
            f'<h3 class="course-h3">{esc(person["name"])}{demo_tag(person["is_demo"])}</h3>'
            f'<p class="course-muted">Joined {date_text(person["created_at"])}; last seen '
            f'{date_text(person["last_seen"])}.</p>')
        shown_items = self._show_works(lid, str(person["name"]))
        self.rest.value = self._record_html(lid, shown_items)
        self._offer_more(lid, str(person["name"]))

    # --- the learner's work, each piece with its thread beside it ---------------------------------

    def _show_works(self, lid: str, name: str) -> set[str]:
        state = self.store.latest_state(lid)
        lesson_no = {x.id: x.number for x in self.catalog.course.lessons}
        items = [i for i in state if work_of(self.catalog, i) and work_of(self.catalog, i).kind != "self-check"]
        items.sort(key=lambda i: (lesson_no.get(work_of(self.catalog, i).lesson, -1), i))
        rows = []
        for item in items:
            work = work_of(self.catalog, item)
            view = html_box(work_html(self.catalog, work, state.get(item),
                                      lambda i, r: response_html(readable(self.catalog, i, r))))
            view.add_class("course-work-side")
            thread = FeedbackThread(self.store, self.viewer, lid, work.lesson, work.item, rubrics=self.catalog.rubrics,
                                    rubric=rubric_for(self.catalog, work), title=f"{name}'s {work.title}")
            thread.add_class("course-thread-side")
            pair = w.HBox([view, thread])
            pair.add_class("course-work-pair")
            rows.append(pair)
        head = html_box('<h4 class="course-h4">Work and feedback</h4>' + (
            '<p class="course-hint">Each piece as the learner wrote it, with your feedback beside it.</p>' if rows else
            '<p class="course-muted">No reflections, drafts or plans saved yet.</p>'))
        self.works.children = [head, *rows]
        return set(items)

    # --- answers, runs, live answers, other entries ------------------------------------------------

    def _record_html(self, lid: str, shown_items: set[str]) -> str:
        detail = learner_record.learner_detail(self.data, self.catalog, lid)
        lessons = {lesson.id: lesson for lesson in self.catalog.course.lessons}

        def lesson_no(lesson_id):
            lesson = lessons.get(lesson_id)
            return f"L{lesson.number}" if lesson else esc(lesson_id)

        def tries(a):  # "5 (2 runs)" once the learner used "Try this again"
            return f'{a["tries"]}' + (f' ({a["runs"]} runs)' if a["runs"] > 1 else "")

        a_rows = [f'<tr><td>{lesson_no(a["lesson"])}</td><th scope="row">{esc(a["prompt"])}</th>'
                  f'<td class="course-num">{tries(a)}</td><td class="course-num">{a["hints"] or "—"}</td>'
                  f'<td>{mark(a["first_try_correct"])}</td>'
                  f'<td>{esc(a["answer"])}</td><td>{mark(a["correct"])}</td></tr>' for a in detail["answers"]]
        r_rows = []
        for run in detail["runs"]:
            steps = "".join(f"<li>{esc(c)}</li>" for c in run["choices"])
            ending = (f'{esc(run["ending"]["title"])} ({esc(run["ending"]["rating"])})' if run["ending"]
                      else "not finished")
            r_rows.append(f'<tr><th scope="row">{esc(run["title"])}</th><td><ol class="course-path">{steps}</ol></td>'
                          f'<td>{ending}</td><td>{date_text(run["at"])}</td></tr>')
        others = [p for p in detail["plans"] if p["item"] not in shown_items]
        titles = {**{f"{lesson.id}/reflection": f"Lesson {lesson.number} reflection" for lesson in lessons.values()}}
        assessment = getattr(self.catalog, "self_assessment", None)
        if assessment is not None:
            titles[f"{assessment.lesson}/{assessment.id}"] = assessment.title
        plans = "".join(
            f'<figure class="course-quote"><figcaption>{lesson_no(p["lesson"])} · '
            f'{esc(titles.get(p["item"], p["item"]))} · {date_text(p["at"])}</figcaption>'
            f'{response_html(readable(self.catalog, p["item"], p["response"]))}</figure>'
            for p in others) or '<p class="course-muted">No other exercise entries yet.</p>'
        live = (table("Live-session answers", ["Question", "Answer", "Right", "Code", "Date"], [
            f'<tr><th scope="row">{esc(a["prompt"])}</th><td>{esc(a["answer"])}</td>'
            f'<td>{mark(a["correct"])}</td><td>{esc(a["code"])}</td><td class="course-date">{date_text(a["at"])}</td></tr>'
            for a in detail["live"]]) if detail["live"] else "")
        return (table("Self-check answers (latest answer per self-check)",
                      ["Lesson", "Self-check", "Tries", "Hints used", "Right first time", "Latest answer", "Right"],
                      a_rows)
                + table("Scenario runs", ["Scenario", "Choices in order", "Ending", "Date"], r_rows) + live
                + '<h4 class="course-h4">Other exercise entries</h4>' + plans)

    # --- deletion on request, behind "More actions" --------------------------------------------------

    def _offer_more(self, learner_id: str, name: str) -> None:
        more = w.ToggleButton(value=False, description="More actions…", tooltip="Rarely needed actions for this learner")
        area = w.VBox()
        message = html_box()

        def toggle(_change):
            area.children = self._delete_offer(learner_id, name, message) if more.value else []

        more.observe(toggle, names="value")
        self.delete_part.children = [html_box('<h4 class="course-h4">More actions</h4>'), w.HBox([more]), area, message]

    def _delete_offer(self, learner_id: str, name: str, message) -> list:
        ask = w.Button(description="Delete this learner's data…", button_style="danger",
                       tooltip="Delete every record of this learner, on their request")
        confirm_box = w.VBox()

        def show_confirm(_b):
            typed = w.Text(continuous_update=False, description="Type the learner's name to confirm",
                           style={"description_width": "initial"}, layout=w.Layout(width="100%", max_width="40em"))
            go = w.Button(description="Delete permanently", button_style="danger")
            cancel = w.Button(description="Cancel")
            cancel.on_click(lambda _c: setattr(confirm_box, "children", []))
            go.on_click(lambda _g: self._delete(learner_id, name, typed.value, message, confirm_box))
            confirm_box.children = [html_box(
                status_html("warn", "This deletes every answer, scenario run, reflection and plan of this "
                                    "learner, and the learner record itself. It cannot be undone.")
                + f'<p>To confirm, type the name exactly as shown: <strong>{esc(name)}</strong></p>'),
                typed, w.HBox([go, cancel])]

        ask.on_click(show_confirm)
        return [html_box('<p class="course-hint">Only when the learner asks for their data to be deleted.</p>'),
                w.HBox([ask]), confirm_box]

    def _delete(self, learner_id, name, typed, message, confirm_box) -> None:
        typed = typed if isinstance(typed, str) and len(typed) <= 200 else ""
        if not same_name(typed, name):  # the sign-in's own rule: case, spacing and joiners aside
            message.value = status_html("bad", "The name typed does not match, so nothing was deleted.")
            return
        try:
            counts = self.store.delete_learner(learner_id)
        except Exception:
            log.exception("deleting a learner failed")
            message.value = status_html("warn", "The deletion failed; nothing was changed. The server log has "
                                                "the details.")
            return
        log.info("a mentor deleted a learner's data (%s)", counts)
        confirm_box.children = []
        total = sum(counts.values())
        self.on_deleted(f"Deleted {total} records of {name}: " + ", ".join(f"{n} in {t}" for t, n in counts.items()) + ".")
