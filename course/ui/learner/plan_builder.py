"""The capstone (lesson 10): the learner's development plan, in three parts a lesson shows in order.

- PlanSummary (`course.plan_summary()`): what the learner saved, part by part (course/capstone/parts.py),
  each missing part named with a link to the lesson that builds it, and the summary picture (the
  competency profile and the pathway timeline) with its table and list alternative.
- PlanBuilder (`course.development_plan()`): goals for each horizon (30, 60, 90 days; 1, 3, 5 years),
  each tied to a competency domain and a concrete next action, with a suggestion drawn from the
  weakest domains or the saved pathway. Checked horizon by horizon: the complete ones are saved (one
  event holds them all), one filled in part keeps its draft on the page and in the store with what
  it needs. Below it, the mentor's comments to keep in the plan (plan_feedback.py).
- PlanExport (`course.plan_export()`): "Prepare my plan" builds the Markdown and the printable HTML
  page (course/capstone/) and offers both as download links. Typed text is shown through Text
  widgets or escaped.
"""
from __future__ import annotations

import logging

import ipywidgets as w

from course.capstone.gathering import gather
from course.capstone.goals import ACTION_MAX, GOAL_MAX, check_goals, validate_goals
from course.capstone.html import download_links, summary_table_html, to_html
from course.capstone.markdown import to_markdown
from course.capstone.model import Plan
from course.capstone.parts import PARTS
from course.capstone.picture import summary_picture
from course.capstone.plan import goals_item
from course.capstone.suggestions import suggestions
from course.save_limits import REFUSED
from course.ui.common import Draft, esc, html_box, problems_html, rejected, save_note, status_html
from course.ui.learner.header import link
from course.ui.learner.plan_feedback import KeptFeedback

log = logging.getLogger("course")
UNCHOSEN = ""  # the "Choose a domain…" prompt


def _gather(catalog, session) -> tuple[Plan | None, str | None]:
    """The plan, or (None, a message for the page) if it cannot be read."""
    try:
        return gather(catalog, session), None
    except Exception as exc:  # a learner never meets a traceback
        log.exception("the development plan could not be gathered")
        return None, f"Your saved work could not be read just now ({exc.__class__.__name__}). Reload the page to try again."


def _lesson_link(missing, session) -> str:
    href = esc(link(missing.notebook, session))
    return f'<a href="{href}">lesson {missing.number:02d}, {esc(missing.lesson_title)}</a>'


class PlanSummary(w.VBox):
    def __init__(self, catalog, session):
        super().__init__()
        self.catalog, self.session = catalog, session
        self.content = catalog.development_plan
        self.plan: Plan | None = None
        self.add_class("course-card")
        self.add_class("course-plan-summary")
        self.intro = html_box('<p class="course-eyebrow">Your course so far</p>'
                              '<h3 class="course-h3">What you saved across the course</h3>')
        self.parts = html_box("", "course-plan-parts")
        self.picture = html_box("", "course-plan-picture")
        self.again = w.Button(description="Check again", tooltip="Read your saved work again")
        self.again.on_click(lambda _b: self.refresh())
        self.children = [self.intro, self.parts, w.HBox([self.again]), self.picture]
        self._goals_seen = None
        self.refresh()
        session.on_identity(self.refresh)
        session.on_change(self._goals_changed)

    def refresh(self) -> None:
        if not self.session.identity:
            self.plan = None
            self.parts.value = status_html("info", "Sign in at the top of the page to see what you saved in the "
                                                   "earlier lessons: your plan is built from it.")
            self.picture.value = ""
            return
        self.plan, problem = _gather(self.catalog, self.session)
        if self.plan is None:
            self.parts.value, self.picture.value = status_html("warn", problem), ""
            return
        self._goals_seen = self._goals_seen_now()
        self.parts.value = self.parts_html(self.plan)
        self.picture.value = self.picture_html(self.plan)

    def _goals_seen_now(self):
        saved = self.session.state(self.content.lesson).get(goals_item(self.content)) if self.session.identity else None
        return saved["attempts"] if saved else 0

    def _goals_changed(self) -> None:
        """Goals saved further down the page: update the list of parts (the picture does not change)."""
        if not self.session.identity or self.plan is None:
            return
        seen = self._goals_seen_now()
        if seen == self._goals_seen:
            return
        self._goals_seen = seen
        plan, _problem = _gather(self.catalog, self.session)
        if plan is not None:
            self.plan = plan
            self.parts.value = self.parts_html(plan)

    def parts_html(self, plan: Plan) -> str:
        rows = []
        for part in PARTS:
            missing, title = plan.missing_part(part.id), self.content.part(part.id).title
            if plan.has(part.id):
                line = part.summary(plan, plan.parts[part.id])
                rows.append(f'<li class="course-plan-part course-plan-has"><span aria-hidden="true">✓</span> '
                            f'<strong>{esc(title)}</strong>: <span dir="auto">{esc(line)}</span></li>')
            elif missing is not None:
                where = ("set them below, in this lesson" if missing.lesson == self.content.lesson
                         else _lesson_link(missing, self.session))
                rows.append(f'<li class="course-plan-part course-plan-missing"><span aria-hidden="true">○</span> '
                            f'<strong>{esc(title)}</strong>: {esc(missing.message)} — {where}.</li>')
        required = sum(not p.optional for p in PARTS)
        have = required - len(plan.missing)
        notice = status_html("warn", plan.notice) if plan.notice else ""
        still = ("Parts still to do are named with the lesson that builds them: the plan never fills them in "
                 "for you." if plan.missing else "Every part is there: your plan is built from all of it.")
        return (notice + f'<p>{have} of {required} parts of your plan are saved. {still}</p>'
                '<ul class="course-plan-part-list">' + "".join(rows) + "</ul>")

    def picture_html(self, plan: Plan) -> str:
        try:
            png, alt = summary_picture(plan, self.catalog)
        except Exception:  # the table and the list below still carry the picture's content
            log.exception("the summary picture could not be drawn")
            img = status_html("info", "The picture could not be drawn here; the table and list below say the same.")
        else:
            img = (f'<figure class="course-chart-figure"><img class="course-figure" src="data:image/png;base64,{png}" '
                   f'alt="{esc(alt)}" style="max-width:100%;height:auto">'
                   '<figcaption class="course-hint">Panel 1: your readiness self-ratings (first and latest take) and '
                   'the net change from your scenario choices, per HLA domain. Panel 2: your saved pathway, with '
                   'dashed lines where your 1-, 3- and 5-year goals fall. The same figures follow as a table and a '
                   'list.</figcaption></figure>')
        table = summary_table_html(plan, "course-table course-plan-table", "course-num")
        steps = ""
        if plan.pathway:
            steps = ('<p><strong>Your pathway, step by step:</strong></p><ol class="course-plan-steps">'
                     + "".join(f"<li>{esc(line)}</li>" for line in plan.pathway.lines()) + "</ol>")
        return (f'<h4 class="course-h4">The picture: your competencies and your pathway together</h4>'
                f'{img}{table}{steps}')


class PlanBuilder(w.VBox):
    def __init__(self, catalog, session):
        super().__init__()
        self.catalog, self.session = catalog, session
        self.content = catalog.development_plan
        self.item = goals_item(self.content)
        self.domains = {cid: c.name for cid, c in catalog.competencies.items()}
        self.suggested: dict = {}
        self.add_class("course-card")
        self.add_class("course-plan-builder")
        self.add_class("course-form")
        c = self.content
        self.intro = html_box(f'<p class="course-eyebrow">Exercise · your own plan</p>'
                              f'<h3 class="course-h3">{esc(c.title)}</h3><p>{esc(c.instructions)}</p>')
        wide = {"description_width": "initial"}
        domain_options = [("Choose a domain…", UNCHOSEN)] + [(n, cid) for cid, n in self.domains.items()]
        self.draft = Draft(session, c.lesson, self.item)
        self.goal, self.domain, self.action, self.hint, self.use, self.needs = {}, {}, {}, {}, {}, {}
        groups = []
        for hz in c.horizons:
            self.goal[hz.id] = w.Text(continuous_update=False, description=f"Goal, {hz.short}", placeholder="What you want to have done",
                                      style=wide, layout=w.Layout(width="100%"))
            self.domain[hz.id] = w.Dropdown(options=domain_options, index=0, description=f"Domain, {hz.short}",
                                            style=wide)
            self.action[hz.id] = w.Text(continuous_update=False, description=f"Next action, {hz.short}",
                                        placeholder="What you will do first, with whom, by when",
                                        style=wide, layout=w.Layout(width="100%"))
            self.hint[hz.id] = html_box("", "course-plan-suggestion")
            self.use[hz.id] = w.Button(description="Use this suggestion", tooltip=f"Use the suggestion for {hz.label}")
            self.use[hz.id].on_click(lambda _b, hid=hz.id: self.use_suggestion(hid))
            self.needs[hz.id] = html_box("", "course-plan-needs")  # what this horizon still needs, if anything
            group = w.VBox([html_box(f'<h4 class="course-h4">{esc(hz.label)}</h4>'
                                     f'<p class="course-hint">{esc(hz.hint)}</p>'),
                            self.goal[hz.id], self.domain[hz.id], self.action[hz.id], self.needs[hz.id],
                            w.HBox([self.hint[hz.id], self.use[hz.id]])])
            group.add_class("course-plan-horizon")
            group.add_class(f"course-plan-horizon-{hz.id}")
            groups.append(group)
        self.supporters = w.Text(continuous_update=False, description=c.supporters_label, style=wide, layout=w.Layout(width="100%"))
        self.save_button = w.Button(description="Save my plan", button_style="primary")
        self.save_button.on_click(lambda _b: self.save())
        self.status = html_box("", "course-plan-status")
        self.kept = KeptFeedback(catalog, session)  # which of the mentor's comments go into the plan
        self.children = [self.intro, *groups, self.supporters,
                         html_box(f'<p class="course-hint">{esc(c.supporters_hint)}</p>'),
                         w.HBox([self.save_button, self.status]), self.kept]
        self._restore()
        session.on_identity(self._restore)

    # --- the page's values, checked -------------------------------------------------------------

    def values(self) -> dict:
        goals = {}
        for hid in self.goal:
            domain = self.domain[hid].value
            if domain == UNCHOSEN:
                domain = None
            elif domain not in self.domains:
                rejected("development plan", domain)
                domain = "refused"  # validate_goals refuses it: nothing tampered is saved
            goals[hid] = {"goal": self.goal[hid].value, "domain": domain, "action": self.action[hid].value}
        return {"goals": goals, "supporters": self.supporters.value}

    # --- actions ----------------------------------------------------------------------------------

    def _saved(self) -> dict:
        """The goals and supporters saved so far ({"goals": {}, "supporters": ""} if none)."""
        saved = self.session.state(self.content.lesson).get(self.item)
        clean, _ = validate_goals(saved.get("response"), self.content, set(self.domains), stored=True) \
            if saved else (None, [])
        return clean or {"goals": {}, "supporters": ""}

    def save(self) -> None:
        """Save every complete horizon; keep a horizon filled in part as a draft, saying what it needs."""
        values = self.values()
        try:
            checked = check_goals(values, self.content, set(self.domains))
        except ValueError as exc:
            self.status.value = status_html("warn", f"Not saved: {exc} Reload the page and try again.")
            return
        before = self._saved()
        goals = {}
        for hz in self.content.horizons:
            if hz.id in checked.complete:
                goals[hz.id] = checked.complete[hz.id]
            elif hz.id in checked.incomplete and hz.id in before["goals"]:
                goals[hz.id] = before["goals"][hz.id]  # what was saved stays until the new text is complete
        supporters = checked.supporters if checked.supporters is not None else before["supporters"]
        self._show_needs(checked)
        if not goals and not checked.incomplete and not checked.supporters_problem:
            self.status.value = status_html("info", "Set at least one goal first: a goal, its domain and the "
                                                    "next action.")
            return
        saved = None
        if goals and {"goals": goals, "supporters": supporters} != before:
            saved = self.session.record(lesson=self.content.lesson, item=self.item, kind="exercise",
                                        response={"goals": goals, "supporters": supporters})
        if checked.problems or saved in REFUSED:
            self.draft.keep(values)
        else:
            self.draft.clear()
        self.status.value = self._saved_message(len(goals), saved, checked)
        if goals:
            self.save_button.description = "Save changes"

    def _show_needs(self, checked) -> None:
        """Beside each horizon filled in part: that it is not saved yet, and what it needs."""
        for hz in self.content.horizons:
            problems = checked.incomplete.get(hz.id)
            self.needs[hz.id].value = (status_html("warn", "Not saved yet: what you typed is kept.")
                                       + problems_html(problems)) if problems else ""

    def _saved_message(self, n: int, saved: str | None, checked) -> str:
        if saved in REFUSED:
            return status_html("warn", save_note(saved))
        head = f"{n} {'goal' if n == 1 else 'goals'} saved." if n else "No goal saved yet."
        note = f" {save_note(saved)}" if saved else (" No change since you last saved." if n else "")
        if not checked.problems:
            return status_html("ok" if saved != "waiting" else "warn",
                               f"{head}{note} Prepare your plan below to download it.")
        drafts = len(checked.incomplete)
        what = (f"{drafts} {'horizon is' if drafts == 1 else 'horizons are'} not saved yet"
                if drafts else "“Who will help” is not saved yet")
        return (status_html("warn", f"{head}{note} {what}: what you typed is kept on this page and comes back "
                                    "if you reload. Please fix:") + problems_html(checked.problems))

    def use_suggestion(self, horizon_id: str) -> None:
        """Copy the suggestion into the horizon: the domain, and the goal and action where they are empty."""
        picked = self.suggested.get(horizon_id)
        if picked is None:
            return
        kept = []
        self.domain[horizon_id].value = picked.domain
        for box, text, name in ((self.goal[horizon_id], picked.goal[:GOAL_MAX], "goal"),
                                (self.action[horizon_id], picked.action[:ACTION_MAX], "next action")):
            if box.value.strip() and box.value.strip() != text:
                kept.append(name)  # never overwrite what the learner typed
            else:
                box.value = text
        mine = f" Your own {' and '.join(kept)} {'was' if len(kept) == 1 else 'were'} kept." if kept else ""
        self.status.value = status_html("info", "Suggestion copied: make it yours (a person, a place, a date), "
                                                f"in your own words, then save.{mine}")

    # --- restoring --------------------------------------------------------------------------------

    def _restore(self) -> None:
        plan, _problem = _gather(self.catalog, self.session) if self.session.identity else (None, None)
        self.suggested = suggestions(plan, self.catalog) if plan is not None else {}
        for hz in self.content.horizons:
            picked = self.suggested.get(hz.id)
            if picked is None:
                text = self.content.no_suggestion_far if hz.draws_on == "pathway" else self.content.no_suggestion_near
                self.hint[hz.id].value = f'<p class="course-hint">{esc(text)}</p>'
                self.use[hz.id].layout.display = "none"
            else:
                self.hint[hz.id].value = (f'<p class="course-hint"><strong>Suggestion</strong> '
                                          f'({esc(self.domains.get(picked.domain, picked.domain))}): '
                                          f'{esc(picked.action)}<br>{esc(picked.why)}</p>')
                self.use[hz.id].layout.display = None
        typing = any(x.value for x in (*self.goal.values(), *self.action.values(), self.supporters))
        if typing or plan is None:
            return  # never overwrite what the learner is typing
        if plan.goals is not None:
            for g in plan.goals.goals:
                self.goal[g.horizon].value, self.action[g.horizon].value = g.goal, g.action
                self.domain[g.horizon].value = g.domain
            self.supporters.value = plan.goals.supporters
            self.save_button.description = "Save changes"
            self.status.value = status_html("ok", "Your saved plan is shown: change it and save again any time.")
        draft = self.draft.load()
        if draft is not None:  # a save refused in part last time: what was typed comes back, with what it needs
            self._apply_draft(draft)
            try:
                checked = check_goals(self.values(), self.content, set(self.domains))
            except ValueError:
                return
            n = len(plan.goals.goals) if plan.goals else 0
            self._show_needs(checked)
            if checked.problems:
                self.status.value = self._saved_message(n, None, checked)

    def _apply_draft(self, draft: dict) -> None:
        goals = draft.get("goals") if isinstance(draft.get("goals"), dict) else {}
        for hid, entry in goals.items():
            if hid not in self.goal or not isinstance(entry, dict):
                continue
            for box, key in ((self.goal[hid], "goal"), (self.action[hid], "action")):
                if isinstance(entry.get(key), str):
                    box.value = entry[key]
            domain = entry.get("domain")
            self.domain[hid].value = domain if domain in self.domains else UNCHOSEN
        if isinstance(draft.get("supporters"), str):
            self.supporters.value = draft["supporters"]


class PlanExport(w.VBox):
    def __init__(self, catalog, session):
        super().__init__()
        self.catalog, self.session = catalog, session
        self.add_class("course-card")
        self.add_class("course-plan-export")
        self.intro = html_box(
            '<p class="course-eyebrow">Export · take it with you</p><h3 class="course-h3">Prepare my plan</h3>'
            '<p>This gathers everything you saved, with your goals, into one document: a web page you can '
            'open in any browser, print, or save as a PDF (Print, then “Save as PDF”), and the same plan as '
            'Markdown, plain text you can edit. Save your goals above first: the plan uses what is saved.</p>')
        self.button = w.Button(description="Prepare my plan", button_style="primary")
        self.button.on_click(lambda _b: self.prepare())
        self.status = html_box("", "course-plan-export-status")
        self.links = html_box("", "course-plan-downloads")
        self.children = [self.intro, w.HBox([self.button]), self.status, self.links]
        session.on_identity(self._clear)

    def _clear(self) -> None:
        self.status.value = self.links.value = ""

    def _drafts(self) -> int:
        """How many horizons the goals form holds as drafts (filled in part, not saved)."""
        content = self.catalog.development_plan
        draft = Draft(self.session, content.lesson, goals_item(content)).load()
        try:
            return len(check_goals(draft, content, set(self.catalog.competencies)).incomplete) if draft else 0
        except ValueError:
            return 0

    def prepare(self) -> None:
        if not self.session.identity:
            self.status.value = status_html("info", "Sign in at the top of the page first: the plan is built from "
                                                    "the work you saved.")
            return
        plan, problem = _gather(self.catalog, self.session)
        if plan is None:
            self.status.value = status_html("warn", problem)
            return
        try:
            picture = summary_picture(plan, self.catalog)
            page = to_html(plan, self.catalog, picture)
            markdown = to_markdown(plan, self.catalog)
        except Exception as exc:
            log.exception("the development plan could not be exported")
            self.status.value = status_html("warn", f"The plan could not be prepared ({exc.__class__.__name__}). "
                                                    "Your saved work is safe; try again in a moment.")
            return
        goals = len(plan.goals.goals) if plan.goals else 0
        todo = len(plan.missing)
        drafts = self._drafts()
        self.status.value = status_html(
            "ok", f"Your plan is ready: {goals} {'goal' if goals == 1 else 'goals'}"
                  + (f", and {todo} {'part' if todo == 1 else 'parts'} still to do (named in the plan)." if todo
                     else ", and every part of the course is in it.")
                  + (f" {drafts} {'horizon' if drafts == 1 else 'horizons'} above {'is' if drafts == 1 else 'are'} "
                     "still a draft, not in the plan: finish and save it to add it." if drafts else ""))
        self.links.value = download_links(markdown, page)
