"""Choosing what a live session asks: a saved set for the guide's session plan, or a search over
every prompt (self-checks, scenario decisions, open questions) whose matches are listed whole,
each with its own Add button, then the chosen prompts in order."""
from __future__ import annotations

import ipywidgets as w

from course.mentor.live import MAX_PROMPTS
from course.mentor.live_prompts import MAX_MATCHES, available_prompts, search
from course.mentor.live_sets import prompt_sets
from course.ui.common import esc, html_box, rejected, status_html

NO_SET = ""


class PromptPicker(w.VBox):
    def __init__(self, catalog, on_change=None):
        super().__init__()
        self.catalog, self.on_change = catalog, None  # told of changes once built
        self.all = available_prompts(catalog)
        self.prompts = {p.ref: p for p in self.all}
        self.sets = {s.id: s for s in prompt_sets(catalog)}
        self.chosen: list[str] = []  # prompt refs for the next session, in order
        self.add_class("course-live-picker")
        self.set_pick = w.Dropdown(options=[("Choose a saved set…", NO_SET)] + [(s.title, s.id) for s in self.sets.values()],
                                   value=NO_SET, description="Saved set", style={"description_width": "initial"},
                                   layout=w.Layout(width="100%", max_width="40em"))
        self.set_button = w.Button(description="Add the set", tooltip="Add every prompt of this set, in order")
        self.set_button.on_click(lambda _b: self.add_set(self.set_pick.value))
        self.find = w.Text(description="Find a prompt", placeholder="words from it, e.g. l8 run chart, insulin",
                           continuous_update=False,  # Enter (or leaving the box) lists the matches
                           style={"description_width": "initial"}, layout=w.Layout(width="100%", max_width="40em"))
        self.find.observe(lambda _c: self.show_matches(), names="value")
        self.matches_note = html_box()
        self.matches = w.VBox()
        self.matches.add_class("course-live-matches")
        self.chosen_html = html_box("", "course-live-chosen")
        self.remove_button = w.Button(description="Remove the last", tooltip="Remove the last prompt")
        self.remove_button.on_click(lambda _b: self.remove_last())
        self.clear_button = w.Button(description="Clear the list", tooltip="Remove every prompt chosen")
        self.clear_button.on_click(lambda _b: self.clear())
        self.message = html_box()
        for button in (self.set_button, self.remove_button, self.clear_button):
            button.add_class("course-live-button")
        self.children = [w.HBox([self.set_pick, self.set_button]), self.find, self.matches_note, self.matches,
                         self.message, self.chosen_html, w.HBox([self.remove_button, self.clear_button])]
        self.show_matches()
        self.draw_chosen()
        self.on_change = on_change

    def show_matches(self) -> None:
        typed = self.find.value if isinstance(self.find.value, str) else ""
        if not typed.strip():
            self.matches_note.value = (f'<p class="course-hint">{len(self.all)} prompts to choose from: type words from '
                                       'one (“l5 huddle”, “SBAR”, “former-peers”) to list it, or add a saved set.</p>')
            self.matches.children = []
            return
        found, total = search(self.all, typed)
        more = f" The first {MAX_MATCHES} are listed: type more words to narrow it." if total > MAX_MATCHES else ""
        self.matches_note.value = (f'<p class="course-hint" role="status">{total} prompt{"s" * (total != 1)} '
                                   f'match.{more}</p>')
        rows = []
        for prompt in found:
            add = w.Button(description="Add", tooltip="Add this prompt to the session",
                           layout=w.Layout(width="auto", flex="0 0 auto"))
            add.on_click(lambda _b, ref=prompt.ref: self.add(ref))
            row = w.HBox([add, html_box(f'<span class="course-live-label">{esc(prompt.label)}</span>')])
            row.add_class("course-live-match")
            rows.append(row)
        self.matches.children = rows

    def add(self, ref) -> bool:
        if ref not in self.prompts:
            rejected("live console", ref)
            return False
        if len(self.chosen) >= MAX_PROMPTS:
            self.message.value = status_html("warn", f"A session asks at most {MAX_PROMPTS} prompts.")
            return False
        self.chosen.append(ref)
        self.message.value = ""
        self.draw_chosen()
        return True

    def add_set(self, set_id) -> None:
        if set_id == NO_SET:
            self.message.value = status_html("info", "Choose a saved set first.")
            return
        if set_id not in self.sets:
            rejected("live console set", set_id)
            return
        for ref in self.sets[set_id].refs:
            if not self.add(ref):
                break

    def remove_last(self) -> None:
        if self.chosen:
            self.chosen.pop()
        self.draw_chosen()

    def clear(self) -> None:
        self.chosen = []
        self.draw_chosen()

    def draw_chosen(self) -> None:
        if not self.chosen:
            self.chosen_html.value = '<p class="course-hint">No prompts added yet.</p>'
        else:
            items = "".join(f"<li>{esc(self.prompts[r].label)}</li>" for r in self.chosen)
            self.chosen_html.value = (f'<p><strong>The session will ask, in this order:</strong></p>'
                                      f'<ol class="course-live-list">{items}</ol>')
        self.remove_button.disabled = self.clear_button.disabled = not self.chosen
        if self.on_change is not None:
            self.on_change()
