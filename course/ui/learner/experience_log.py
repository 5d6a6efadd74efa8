"""The leadership experience log (lesson 03): what the learner did, when, and which HLA domain it built.

Every change is an event (add, edit, delete) on one item, so the log is rebuilt by replaying the
learner's history: nothing is overwritten, and two open tabs cannot lose each other's entries.
Every value from the page is checked here; typed text is shown escaped.
"""
from __future__ import annotations

import datetime as dt

import ipywidgets as w

from course.store.stamps import new_key
from course.ui.common import KEPT_NOTE, Draft, esc, html_box, rejected, save_note, status_html
from course.ui.learner.profile_panel import current_profile, profile_html
from course.engine.experience_log import MAX_ENTRIES, YEARS_BACK, item_id, load_entries, summarise, validate_entry

UNCHOSEN = (0, "")  # the "Month…", "Year…" and "Choose a domain…" prompts (ipywidgets treats None as no option)
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]



def _sorted(entries: dict[str, dict]) -> list[tuple[str, dict]]:
    return sorted(entries.items(), key=lambda kv: (kv[1]["year"], kv[1]["month"]), reverse=True)


class ExperienceLog(w.VBox):
    def __init__(self, content, catalog, session, today: dt.date | None = None):
        super().__init__()
        self.content, self.catalog, self.session = content, catalog, session
        self.lesson, self.item = content.lesson, item_id(content.lesson)
        self.draft = Draft(session, self.lesson, self.item)
        self.today = today or dt.date.today()
        self.domains = {cid: c.name for cid, c in catalog.competencies.items()}
        self.short = {cid: c.short for cid, c in catalog.competencies.items()}
        self.entries: dict[str, dict] = {}
        self.editing: str | None = None
        self.last_deleted: tuple[str, dict] | None = None
        self.add_class("course-card")
        self.add_class("course-log")

        self.intro = html_box()
        self.form_title = html_box('<h4 class="course-h4">Add an experience</h4>')
        self.what = w.Text(continuous_update=False, description="What did you do?", placeholder="e.g. Charge nurse on nights for three months",
                           style={"description_width": "initial"}, layout=w.Layout(width="100%"))
        self.month = w.Dropdown(options=[("Month…", 0)] + [(m, i) for i, m in enumerate(MONTHS, 1)],
                                index=0, description="Month", style={"description_width": "initial"})
        years = list(range(self.today.year, self.today.year - YEARS_BACK - 1, -1))
        self.year = w.Dropdown(options=[("Year…", 0)] + [(str(y), y) for y in years], index=0,
                               description="Year", style={"description_width": "initial"})
        self.domain = w.Dropdown(options=[("Choose a domain…", "")] + [(n, cid) for cid, n in self.domains.items()],
                                 index=0, description="Competency domain it built most",
                                 style={"description_width": "initial"}, layout=w.Layout(width="100%"))
        self.note = w.Textarea(continuous_update=False, description="Note (optional)", placeholder="What happened as a result? What did you learn?",
                               rows=3, style={"description_width": "initial"}, layout=w.Layout(width="100%"))
        self.save_button = w.Button(description="Add to my log", button_style="primary")
        self.save_button.on_click(lambda _b: self.save())
        self.cancel_button = w.Button(description="Cancel editing")
        self.cancel_button.on_click(lambda _b: self.cancel_edit())
        self.cancel_button.layout.display = "none"
        self.undo_button = w.Button(description="Undo delete")
        self.undo_button.on_click(lambda _b: self.undo_delete())
        self.undo_button.layout.display = "none"
        self.status = html_box()
        form = w.VBox([self.form_title, self.what, w.HBox([self.month, self.year]), self.domain, self.note,
                       w.HBox([self.save_button, self.cancel_button, self.undo_button, self.status])])
        form.add_class("course-log-form")
        self.list_box = w.VBox()
        self.list_box.add_class("course-log-list")
        self.summary = html_box("", "course-log-summary")
        self.children = [self.intro, form, self.list_box, self.summary]
        self._restore()
        session.on_identity(self._restore)

    # --- the page's values, checked -------------------------------------------------------------

    def form_values(self) -> dict:
        """The form as validate_entry expects it: a prompt still showing counts as not chosen."""
        values = {}
        for key, widget, allowed in (("month", self.month, set(range(1, 13))), ("year", self.year, None),
                                     ("domain", self.domain, set(self.domains))):
            value = widget.value
            if value is None or (value in UNCHOSEN and type(value) in (int, str)):
                value = None
            elif allowed is not None and value not in allowed:
                rejected("experience log", value)
            values[key] = value
        return values | {"what": self.what.value, "note": self.note.value}

    # --- actions ----------------------------------------------------------------------------------

    def save(self) -> None:
        entry, problem = validate_entry(self.form_values(), self.domains, self.today)
        if problem:
            self.draft.keep(self.form_values() | {"editing": self.editing})
            self.status.value = status_html("info", f"Not saved yet: {problem} {KEPT_NOTE}")
            return
        if self.editing is None and len(self.entries) >= MAX_ENTRIES:
            self.status.value = status_html("warn", f"The log holds up to {MAX_ENTRIES} entries; delete some first.")
            return
        if self.editing is not None and self.editing in self.entries:
            entry_id, action = self.editing, "edit"
        else:
            entry_id, action = new_key()[:12], "add"
        saved = self.session.record(lesson=self.lesson, item=self.item, kind="exercise",
                                    response={"action": action, "id": entry_id, "entry": entry})
        self.draft.clear()
        self.entries[entry_id] = entry
        self.last_deleted = None
        self._reset_form()
        self._render()  # the list first, then the status line that announces it
        verb = "Updated" if action == "edit" else "Added"
        self.status.value = status_html("ok" if saved == "saved" else "warn",
                                        f"{verb} “{entry['what']}”. {save_note(saved)}")

    def start_edit(self, entry_id: str) -> None:
        entry = self.entries.get(entry_id)
        if entry is None:
            return
        self.editing = entry_id
        self.what.value, self.note.value = entry["what"], entry["note"]
        self.month.value, self.year.value = entry["month"], entry["year"]
        self.domain.value = entry["domain"]
        number = [eid for eid, _ in _sorted(self.entries)].index(entry_id) + 1
        self.form_title.value = f'<h4 class="course-h4">Editing entry {number}</h4>'
        self.save_button.description = "Save changes"
        self.cancel_button.layout.display = None
        self.undo_button.layout.display = "none"
        self.status.value = status_html("info", f"Editing “{entry['what']}”: change it above, then save.")

    def cancel_edit(self) -> None:
        self._reset_form()
        self.status.value = ""

    def delete(self, entry_id: str) -> None:
        entry = self.entries.get(entry_id)
        if entry is None:
            return
        saved = self.session.record(lesson=self.lesson, item=self.item, kind="exercise",
                                    response={"action": "delete", "id": entry_id})
        del self.entries[entry_id]
        if self.editing == entry_id:
            self._reset_form()
        self.last_deleted = (entry_id, entry)
        self.undo_button.layout.display = None
        self._render()
        self.status.value = status_html("ok" if saved == "saved" else "warn",
                                        f"Deleted “{entry['what']}”. {save_note(saved)}")

    def undo_delete(self) -> None:
        if not self.last_deleted:
            return
        entry_id, entry = self.last_deleted
        saved = self.session.record(lesson=self.lesson, item=self.item, kind="exercise",
                                    response={"action": "add", "id": entry_id, "entry": entry})
        self.entries[entry_id] = entry
        self.last_deleted = None
        self.undo_button.layout.display = "none"
        self._render()
        self.status.value = status_html("ok" if saved == "saved" else "warn",
                                        f"Restored “{entry['what']}”. {save_note(saved)}")

    def _reset_form(self) -> None:
        self.editing = None
        self.what.value = self.note.value = ""
        self.month.value, self.year.value, self.domain.value = 0, 0, ""  # the prompts again
        self.form_title.value = '<h4 class="course-h4">Add an experience</h4>'
        self.save_button.description = "Add to my log"
        self.cancel_button.layout.display = "none"

    # --- showing ----------------------------------------------------------------------------------

    def _intro_html(self) -> str:
        c = self.content
        profile = current_profile(self.session)
        prompt = c.stage_prompts.get(profile.stage, "") if profile else ""
        situation = profile_html(profile, self.catalog, self.session, extra=prompt, missing=c.no_profile)
        return (f'<p class="course-eyebrow">Exercise · uses your own experience</p>'
                f'<h3 class="course-h3">{esc(c.title)}</h3><p>{esc(c.instructions)}</p>{situation}')

    def _render(self) -> None:
        rows = []
        ordered = _sorted(self.entries)
        for number, (entry_id, entry) in enumerate(ordered, 1):
            note = f'<br><span class="course-why">{esc(entry["note"])}</span>' if entry["note"] else ""
            text = html_box(
                f'<p class="course-log-entry"><strong>{number}. {esc(entry["what"])}</strong><br>'
                f'<span class="course-hint">{MONTHS[entry["month"] - 1]} {entry["year"]} · '
                f'{esc(self.domains.get(entry["domain"], entry["domain"]))}</span>{note}</p>')
            edit = w.Button(description=f"Edit entry {number}", tooltip=f"Edit: {entry['what'][:60]}")
            edit.on_click(lambda _b, eid=entry_id: self.start_edit(eid))
            delete = w.Button(description=f"Delete entry {number}", tooltip=f"Delete: {entry['what'][:60]}")
            delete.on_click(lambda _b, eid=entry_id: self.delete(eid))
            text.layout = w.Layout(flex="1 1 auto")
            row = w.HBox([text, w.VBox([edit, delete])])
            row.add_class("course-log-row")
            rows.append(row)
        if ordered:
            heading = html_box(f'<h4 class="course-h4">Your log ({len(ordered)} '
                               f'{"entry" if len(ordered) == 1 else "entries"}, newest first)</h4>')
        else:
            heading = html_box('<h4 class="course-h4">Your log</h4>'
                               '<p class="course-hint">Nothing logged yet: add your first experience above.</p>')
        self.list_box.children = [heading, *rows]
        self.summary.value = self._summary_html()

    def _summary_html(self) -> str:
        counts, empty = summarise(self.entries, self.domains)
        most = max(counts.values()) or 1
        rows = "".join(
            f'<tr><th scope="row">{esc(self.domains[d])}</th><td class="course-num">{n}</td>'
            f'<td><span class="course-bar course-bar-pos" style="width:{round(8 * n / most, 2)}em"></span></td></tr>'
            for d, n in counts.items())
        table = (f'<table class="course-chart course-log-table"><caption>Your log by competency domain</caption>'
                 f'<thead><tr><th scope="col">Domain</th><th scope="col">Entries</th>'
                 f'<th scope="col"><span class="course-sr">Bar</span></th></tr></thead><tbody>{rows}</tbody></table>')
        if not self.entries:
            gaps = ""
        elif empty:
            ideas = {g.competency: g.ideas for g in self.content.ideas}
            items = "".join(
                f'<li><strong>{esc(self.domains[d])}</strong>: for example '
                f'{esc("; ".join(i[0].lower() + i[1:] for i in ideas.get(d, [])[:2]))}.</li>' for d in empty)
            names = ", ".join(self.short[d] for d in empty)
            gaps = (status_html("info", f"Nothing logged yet in: {names}.")
                    + f'<p>Experiences that could fill these gaps:</p><ul>{items}</ul>')
        else:
            gaps = status_html("ok", "Every domain has at least one entry. Look for depth next: "
                                     "a second, bigger experience in your thinnest domain.")
        return table + gaps

    # --- restoring --------------------------------------------------------------------------------

    def _restore(self) -> None:
        self.intro.value = self._intro_html()
        self.entries = load_entries(self.session, self.lesson, self.domains)
        self._render()
        draft = self.draft.load()
        if draft is None or self.what.value or self.note.value:
            return  # nothing refused last time, or the learner is already typing
        if draft.get("editing") in self.entries:
            self.start_edit(draft["editing"])
        for box, key in ((self.what, "what"), (self.note, "note")):
            box.value = draft[key] if isinstance(draft.get(key), str) else ""
        for box, key in ((self.month, "month"), (self.year, "year"), (self.domain, "domain")):
            if draft.get(key) in {value for _label, value in box.options}:
                box.value = draft[key]
        _entry, problem = validate_entry(self.form_values(), self.domains, self.today)
        if problem:
            self.status.value = status_html("info", f"Your entry from last time is not saved yet: {problem}")
