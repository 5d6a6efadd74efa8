"""The pathway planner (lesson 02): the learner's own route to a first management role.

It reads the starting profile saved in lesson 00, lets the learner change the choices (clinical
route, graduate degree, pace, years of practice) and redraws the plan at once: a timeline chart
with a text list of the same steps, and a table comparing the graduate options. The chosen plan
is saved as the event "education/pathway". The logic lives in course/engine/pathway.py; this module
only shows it. pandas and matplotlib load here, when the planner is drawn, not on import.
"""
from __future__ import annotations

import base64
import io
import math
import textwrap

import ipywidgets as w

from course.engine.pathway import (NO_DEGREE, PACES, PRACTICE_YEARS, YEARS_LEFT, Choices, Plan, build_plan,
                       check_choices, default_choices, default_graduate, option_rows, parse_choices, plural)
from course.engine.profile import DEGREES, load_profile
from course.ui.common import esc, html_box, rejected, save_note, scroll_table, status_html
from course.ui.learner.header import link

LESSON = "education"
ITEM = "education/pathway"
PROFILE_NOTEBOOK = "00-start-here.ipynb"
GOAL_COLOUR = "#14202b"


def chart_label(label: str) -> str:
    """A step's name on the chart: the part of its label before a colon."""
    return label.split(":")[0]


def timeline_png(plan: Plan, content, narrow: bool = False) -> tuple[str, str]:
    """The plan as a horizontal-bar timeline (PNG, base64) and its alt text. `narrow` draws it for a
    phone: each step's name above its bar, larger type and the legend in one column."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    steps = plan.steps
    names = [chart_label(s.label) + (" (in progress)" if s.status == "in-progress" else "") for s in steps]
    if narrow:  # each row makes room for its name, written above the bar
        wrapped = [textwrap.fill(n, 31) for n in names]
        gaps = [0.95 + 0.3 * w.count("\n") for w in wrapped]
        rows = [sum(gaps[1:i + 1]) for i in range(len(steps))]
        size = (3.5, 1.5 + 0.95 * (rows[-1] + 1.6))
    else:
        rows = list(range(len(steps)))
        size = (9, 1.9 + 0.62 * len(steps))
    fig = Figure(figsize=size, dpi=100)
    ax = fig.add_subplot()
    height = 0.36 if narrow else 0.56
    for row, step in zip(rows, steps):
        colour = content.kinds[step.kind].colour
        if step.source == "goal":
            ax.scatter([step.start], [row], marker="*", s=320, color=GOAL_COLOUR, zorder=3)
            continue
        if step.milestone:
            ax.scatter([step.start], [row], marker="D", s=130, color=colour, edgecolors="#14202b",
                       linewidths=0.8, zorder=3)
            continue
        ax.barh(row, step.years, left=step.start, height=height, color=colour, edgecolor="#14202b",
                linewidth=0.6, zorder=2)
        if step.years_high > step.years:  # how much longer the step typically can take
            ax.barh(row, step.years_high - step.years, left=step.end, height=height, color="white",
                    edgecolor=colour, hatch="///", linewidth=1.2, zorder=2)
    if narrow:  # the names above the bars, across the whole width
        ax.set_yticks([])
        for row, name in zip(rows, wrapped):
            ax.text(0, row - height / 2 - 0.08, name, fontsize=11.5, va="bottom", ha="left", color="#14202b")
        ax.set_ylim(rows[-1] + 0.5, -(0.55 + 0.3 * wrapped[0].count("\n")))
    else:
        ax.set_yticks(range(len(steps)), labels=[textwrap.fill(n, 34) for n in names], fontsize=10)
        ax.set_ylim(len(steps) - 0.4, -0.6)
    ax.set_xlim(0, math.ceil(max(plan.total_high, max((s.start + s.years_high for s in steps), default=0))) + 0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(axis="x", labelsize=11 if narrow else 10)
    ax.grid(axis="x", color="#d5dde5", zorder=0)
    ax.set_axisbelow(True)
    xlabel = f"Years {plan.origin} (typical US lengths; your choices where marked)"
    title = f"Your pathway: {plan.route.label}, about {plan.years_text()} {plan.origin}"
    ax.set_xlabel(textwrap.fill(xlabel, 36) if narrow else xlabel, fontsize=11)
    ax.set_title(textwrap.fill(title, 32) if narrow else title, fontsize=13, loc="left")
    handles = [Patch(facecolor=style.colour, edgecolor="#14202b", label=style.label)
               for kind, style in content.kinds.items() if kind != "licensure"]
    handles.append(Line2D([], [], marker="D", linestyle="none", markersize=9, color=content.kinds["licensure"].colour,
                          markeredgecolor="#14202b", label=content.kinds["licensure"].label))
    handles.append(Line2D([], [], marker="*", linestyle="none", markersize=15, color=GOAL_COLOUR,
                          label="Your goal: the management application"))
    handles.append(Patch(facecolor="white", edgecolor="#3d4f61", hatch="///", label="May take up to (typical range)"))
    if narrow:  # below the axis label, the same distance whatever the chart's height
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(-0.02, -1.0 / (0.77 * size[1])),
                  ncol=1, frameon=False, fontsize=11)
    else:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.42, -0.1 - 0.25 / max(len(steps), 1)),
                  ncol=3, frameon=False, fontsize=9.5)
    for side in ("top", "right") + (("left",) if narrow else ()):
        ax.spines[side].set_visible(False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    alt = (f"Timeline chart of your pathway on the {plan.route.label} route, about {plan.years_text()} "
           f"{plan.origin}. " + " ".join(f"{chart_label(s.label)}: "
                                         + (f"year {s.start:g}." if s.milestone else
                                            f"years {s.start:g} to {s.end:g}"
                                            + (f", up to {s.start + s.years_high:g}." if s.years_high > s.years
                                               else "."))
                                         for s in steps))
    return base64.b64encode(buf.getvalue()).decode("ascii"), alt


def options_table(content, facts, choices: Choices) -> str:
    """The graduate options compared: a pandas table, written out as an accessible HTML table."""
    import pandas as pd

    route = content.route(choices.route)
    df = pd.DataFrame(option_rows(content, facts)).set_index("id")

    def in_plan(option_id: str) -> str:
        option = content.option(option_id)
        if option_id == choices.graduate:
            return "✓ Your choice"
        if route.id in option.routes:
            return "You can choose it above"
        if set(option.steps) & set(route.entry):
            return "Part of this clinical route"
        return "Belongs to another route"

    df["In your plan"] = [in_plan(i) for i in df.index]
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in df.columns)
    body = []
    for option_id, row in df.iterrows():
        cells = [f'<th scope="row">{esc(row["Option"])}</th>'] + [f"<td>{esc(v)}</td>" for v in row.iloc[1:]]
        mine = ' class="course-row-chosen"' if option_id == choices.graduate else ""
        body.append(f"<tr{mine}>{''.join(cells)}</tr>")
    # On a narrow screen the table scrolls sideways inside a focusable, labelled region.
    return scroll_table("Graduate options compared (US; typical full-time lengths from the sources in this "
                        "lesson; check each program)",
                        f'<table class="course-table course-options-table">'
                        f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')


class Planner(w.VBox):
    def __init__(self, catalog, session):
        super().__init__()
        self.catalog, self.session = catalog, session
        self.content, self.facts = catalog.pathways, catalog.facts
        self.profile = None
        self.plan: Plan | None = None
        self._quiet = False  # True while the code sets controls, so observers do not redraw
        self.add_class("course-card")
        self.add_class("course-planner")
        wide = {"description_width": "initial"}

        self.intro = html_box('<p class="course-eyebrow">Exercise · your pathway planner</p>'
                              '<h3 class="course-h3">From where you are to a first management role</h3>')
        self.profile_line = html_box("", "course-planner-profile")
        self.check_profile = w.Button(description="I saved it: check again",
                                      tooltip="Read your starting profile again")
        self.check_profile.on_click(lambda _b: self.reload())
        self.missing = w.VBox([html_box("", "course-planner-missing"), self.check_profile])

        self.route = w.Dropdown(options=[(r.label, r.id) for r in self.content.routes],
                                description="Clinical route", style=wide, layout=w.Layout(width="100%"))
        self.graduate = w.Dropdown(options=[("No graduate degree", NO_DEGREE)], description="Graduate degree",
                                   style=wide, layout=w.Layout(width="100%"))
        self.pace = w.RadioButtons(options=[(v, k) for k, v in PACES.items()], description="Pace of study",
                                   style=wide)
        self.practice = w.Dropdown(options=[(f"{n} {plural(n)}", n) for n in PRACTICE_YEARS], value=3,
                                   description="Years of clinical practice before you apply (in all)", style=wide)
        self.years_left = w.Dropdown(options=[(f"{x:g} {plural(x)}", x) for x in YEARS_LEFT], value=2.0,
                                     description="Years left in the program you are in now (your estimate)",
                                     style=wide)
        for control in (self.route, self.graduate, self.pace, self.practice, self.years_left):
            control.observe(self._changed, names="value")
        self.controls = w.VBox([self.route, self.graduate, self.pace, self.practice, self.years_left])
        self.controls.add_class("course-form")
        self.message = html_box("", "course-planner-message")
        self.chart = html_box("", "course-planner-chart")
        self.steps_html = html_box("", "course-planner-steps")
        self.table = html_box("", "course-planner-table")
        self.save_button = w.Button(description="Save this plan", button_style="primary")
        self.save_button.on_click(lambda _b: self.save())
        self.status = html_box("", "course-planner-status")
        self.plan_part = w.VBox([self.controls, self.message, self.chart, self.steps_html,
                                 w.HBox([self.save_button, self.status]), self.table])
        self.children = [self.intro, self.profile_line, self.missing, self.plan_part]
        self.reload()
        session.on_identity(self.reload)

    # --- the profile ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the profile (and any saved plan) again: on opening, on sign-in, or on request."""
        self.profile = load_profile(self.session)
        profile_href = esc(link(PROFILE_NOTEBOOK, self.session))
        if self.profile is None:
            who = "" if self.session.identity else " Sign in at the top of the page if you have saved one before."
            self.missing.children[0].value = (
                status_html("info", "The planner starts from your starting profile, and there is none saved "
                                    "for you yet." + who)
                + f'<p>Fill it in in <a href="{profile_href}">lesson 00, Start here</a> (it takes a few '
                  f'minutes), then come back and choose “I saved it: check again”, or reload this page.</p>')
            self.missing.layout.display = None
            self.plan_part.layout.display = "none"
            self.profile_line.value = ""
            return
        self.missing.layout.display = "none"
        self.plan_part.layout.display = None
        p = self.profile
        degrees = ", ".join(DEGREES[d] for d in p.degrees) or "no degree yet"
        self.profile_line.value = (
            f'<p><strong>Built from your starting profile:</strong> {esc(p.describe())}; degrees: {esc(degrees)}; '
            f'clinical license: {"yes" if p.licensed else "not yet"}; leadership roles so far: '
            f'{"yes" if p.leadership_roles else "not yet"}. '
            f'<a href="{profile_href}">Change your profile in lesson 00</a>.</p>'
            f'<p>Change the choices below and the plan redraws at once. Save the plan you want to keep.</p>')
        choices, restored = self._saved_choices()
        self._apply(choices or default_choices(self.content, p))
        self.update()
        if restored:
            self.status.value = status_html("ok", "Your saved plan is shown: change the choices and save again "
                                                  "any time.")

    def _saved_choices(self) -> tuple[Choices | None, bool]:
        saved = self.session.state(LESSON).get(ITEM)
        if not saved or not isinstance(saved.get("response"), dict):
            return None, False
        choices = parse_choices(saved["response"].get("choices"))
        if choices is None or check_choices(self.content, choices):
            return None, False  # the content changed since: start from the defaults
        return choices, True

    # --- the controls ---------------------------------------------------------------------------

    def _graduate_options(self, route_id: str) -> list[tuple[str, str]]:
        return [("No graduate degree", NO_DEGREE)] + [(g.name, g.id) for g in self.content.options_for(route_id)]

    def _apply(self, choices: Choices) -> None:
        self._quiet = True
        try:
            self.route.value = choices.route
            self.graduate.options = self._graduate_options(choices.route)
            self.graduate.value = choices.graduate
            self.pace.value = choices.pace
            self.practice.value = choices.practice_years
            self.years_left.value = choices.years_left
        finally:
            self._quiet = False
        self._show_controls()

    def _show_controls(self) -> None:
        student = self.profile is not None and self.profile.stage in ("undergraduate", "graduate")
        self.years_left.layout.display = None if student else "none"
        self.pace.layout.display = "none" if self.graduate.value == NO_DEGREE else None

    def _changed(self, change) -> None:
        if self._quiet:
            return
        if change["owner"] is self.route and self.route.value:
            options = self._graduate_options(self.route.value)
            values = {v for _, v in options}
            wanted = self.graduate.value if self.graduate.value in values else \
                default_graduate(self.content, self.profile, self.route.value)
            self._quiet = True
            try:
                self.graduate.options = options
                self.graduate.value = wanted if wanted in values else NO_DEGREE
            finally:
                self._quiet = False
        self._show_controls()
        self.status.value = ""
        self.update()

    def choices(self) -> Choices | None:
        """The controls' values, checked here: a value the page did not offer is refused."""
        offered = {
            "route": {r.id for r in self.content.routes},
            "graduate": {v for _, v in self._graduate_options(self.route.value)} if self.route.value else set(),
            "pace": set(PACES), "practice_years": set(PRACTICE_YEARS), "years_left": set(YEARS_LEFT),
        }
        values = {"route": self.route.value, "graduate": self.graduate.value, "pace": self.pace.value,
                  "practice_years": self.practice.value, "years_left": self.years_left.value}
        for name, value in values.items():
            if value not in offered[name] or isinstance(value, bool):
                rejected("pathway planner", value)
                return None
        return Choices(**values)

    # --- the plan -------------------------------------------------------------------------------

    def update(self) -> None:
        if self.profile is None:
            return
        choices = self.choices()
        if choices is None:
            self.message.value = status_html("warn", "Please choose again from the lists.")
            return
        try:
            plan = build_plan(self.profile, choices, self.content, self.facts)
        except ValueError as exc:
            self.message.value = status_html("warn", str(exc))
            return
        self.plan = plan
        self.message.value = ""
        try:
            # Two drawings of one chart: CSS shows the wide one, or on a narrow screen the tall one
            # (the hidden one is display:none, so a screen reader meets the chart once).
            wide, alt = timeline_png(plan, self.content)
            tall, _alt = timeline_png(plan, self.content, narrow=True)
            self.chart.value = (f'<figure class="course-chart-figure">'
                                f'<img class="course-chart-wide" src="data:image/png;base64,{wide}" '
                                f'alt="{esc(alt)}" style="max-width:100%;height:auto">'
                                f'<img class="course-chart-tall" src="data:image/png;base64,{tall}" '
                                f'alt="{esc(alt)}" style="max-width:100%;height:auto">'
                                f'<figcaption class="course-hint">Each bar starts at the earliest typical time. '
                                f'A hatched end shows how much longer a step typically can take, which would '
                                f'push the later steps back. The same steps are listed in words below.'
                                f'</figcaption></figure>')
        except Exception:  # the text list below carries the plan if the chart cannot be drawn
            self.chart.value = status_html("info", "The chart could not be drawn here; the steps are listed below.")
        self.steps_html.value = self._steps(plan)
        self.table.value = (f'<h4 class="course-h4">The graduate options side by side</h4>'
                            f'{options_table(self.content, self.facts, choices)}')

    def _steps(self, plan: Plan) -> str:
        items = []
        for step, line in zip(plan.steps, plan.lines()):
            note = f'<br><span class="course-hint">{esc(step.note)}</span>' if step.note else ""
            style = self.content.kinds[step.kind]  # the chart's colour, with its words
            items.append(f'<li><span class="course-kind" style="background:{esc(style.colour)}">'
                         f'{esc(style.label)}</span> {esc(line)}{note}</li>')
        done = ""
        if plan.done:
            done = ('<p><strong>Already behind you</strong> (from your profile):</p><ul class="course-done-list">'
                    + "".join(f"<li>✓ {esc(d.label)} <span class=\"course-hint\">({esc(d.why)})</span></li>"
                              for d in plan.done) + "</ul>")
        notes = "".join(f"<li>{esc(n)}</li>" for n in (*plan.notes, self.content.caveat))
        return (f'<h4 class="course-h4">Your steps, in order: about {esc(plan.years_text())} {esc(plan.origin)}</h4>'
                f'<ol class="course-plan-steps">{"".join(items)}</ol>{done}'
                f'<p><strong>Read the plan with care:</strong></p><ul class="course-plan-notes">{notes}</ul>')

    def save(self) -> None:
        if self.profile is None or self.plan is None:
            self.status.value = status_html("info", "Save your starting profile in lesson 00 first.")
            return
        choices = self.choices()
        if choices is None or choices != self.plan.choices:
            self.update()
            if self.plan is None or choices is None:
                return
        saved = self.session.record(lesson=LESSON, item=ITEM, kind="exercise",
                                    response={"choices": self.plan.choices.model_dump(mode="json"),
                                              "plan": self.plan.summary(), "profile": self.profile.describe()})
        self.status.value = status_html("ok" if saved == "saved" else "warn", save_note(saved))
