"""A reflection prompt whose answer is saved to the store and restored on return."""
from __future__ import annotations

import ipywidgets as w

from .common import esc, html_box, save_note, status_html

MAX_CHARS = 5000


class Reflection(w.VBox):
    def __init__(self, lesson_id: str, prompt: str, session):
        super().__init__()
        self.lesson, self.session = lesson_id, session
        self.item = f"{lesson_id}/reflection"
        self.add_class("course-card")
        self.add_class("course-reflection")
        self.text = w.Textarea(value="", description="Your reflection", placeholder="Write a few sentences…",
                               style={"description_width": "initial"},
                               layout=w.Layout(width="100%", height="10em"))
        self.save_button = w.Button(description="Save reflection", button_style="primary")
        self.save_button.on_click(lambda _b: self.save())
        self.status = html_box()
        self.children = [
            html_box(f'<p class="course-eyebrow">Reflection</p><p class="course-prompt">{esc(prompt)}</p>'
                     f'<p class="course-hint">Only you and, if you join a cohort, your mentor can see it.</p>'),
            self.text, w.HBox([self.save_button, self.status])]
        self._restore()
        session.on_identity(self._restore)

    def save(self) -> None:
        text = self.text.value if isinstance(self.text.value, str) else ""
        text = text.replace("\x00", "").strip()
        if not text:
            self.status.value = status_html("info", "Write something first.")
            return
        if len(text) > MAX_CHARS:
            self.status.value = status_html("warn", f"Please keep it under {MAX_CHARS} characters "
                                                    f"(now {len(text)}).")
            return
        saved = self.session.record(lesson=self.lesson, item=self.item, kind="reflection", response={"text": text})
        self.status.value = status_html("ok" if saved == "saved" else "warn", save_note(saved))

    def _restore(self) -> None:
        if self.text.value:
            return
        saved = self.session.state(self.lesson).get(self.item)
        if saved and isinstance(saved["response"].get("text"), str):
            self.text.value = saved["response"]["text"]
            self.status.value = status_html("ok", "Your saved reflection is shown; edit it and save again any time.")
