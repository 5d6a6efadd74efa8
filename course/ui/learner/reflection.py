"""A reflection prompt whose answer is saved to the store and restored on return."""
from __future__ import annotations

import ipywidgets as w

from course import keys
from course.save_limits import REFUSED, TEXT_MAX_CHARS
from course.ui.common import Draft, LazyHTML, button, html_box, save_note, shared, status_html
from course.ui.html import render

MAX_CHARS = TEXT_MAX_CHARS  # the one rule for every text a learner sends


class Reflection(w.VBox):
    def __init__(self, lesson_id: str, prompt: str, session):
        super().__init__(layout=shared("layout"))
        self.lesson, self.session = lesson_id, session
        self.item = keys.reflection(lesson_id)
        self.draft = Draft(session, lesson_id, self.item)
        self.add_class("course-card")
        self.add_class("course-reflection")
        self.text = w.Textarea(continuous_update=False, value="", description="Your reflection", placeholder="Write a few sentences…",
                               style=shared("text"),
                               layout=w.Layout(width="100%", height="10em"))
        self.save_button = button("Save reflection", primary=True)
        self.save_button.on_click(lambda _b: self.save())
        # the status line is made when there is something to say; it then follows the button
        self.status = LazyHTML(lambda line: setattr(self, "children", (*self.children, line)))
        self.children = [html_box(render("reflection_intro.html.j2", prompt=prompt)), self.text, self.save_button]
        self._restore()
        session.on_identity(self._restore)

    def problem(self) -> str | None:
        text = self.text.value.replace("\x00", "").strip() if isinstance(self.text.value, str) else ""
        if not text:
            return "Write something first."
        if len(text) > MAX_CHARS:
            return f"Not saved yet: please keep it under {MAX_CHARS} characters (now {len(text)}). What you wrote is kept here."
        return None

    def save(self) -> None:
        problem = self.problem()
        if problem:
            if isinstance(self.text.value, str) and self.text.value.strip():
                self.draft.keep({"text": self.text.value})  # a refused save keeps what was written
            self.status.value = status_html("info" if problem.startswith("Write") else "warn", problem)
            return
        text = self.text.value.replace("\x00", "").strip()
        saved = self.session.record(lesson=self.lesson, item=self.item, kind="reflection", response={"text": text})
        if saved in REFUSED:
            self.draft.keep({"text": self.text.value})
        else:
            self.draft.clear()
        self.status.value = status_html("ok" if saved == "saved" else "warn", save_note(saved))

    def _restore(self) -> None:
        if self.text.value:
            return
        saved = self.session.state(self.lesson).get(self.item)
        if saved and isinstance(saved["response"].get("text"), str):
            self.text.value = saved["response"]["text"]
            self.status.value = status_html("ok", "Your saved reflection is shown; edit it and save again any time.")
        draft = self.draft.load()
        if draft is not None and isinstance(draft.get("text"), str):
            self.text.value = draft["text"]
            self.status.value = status_html("warn", f"Your text from last time is shown. {self.problem() or ''}")
