"""The branching-scenario player: situation, choices as buttons, feedback, debrief.

Every choice is an event, so a learner resumes mid-scenario in a new kernel and a mentor can
see the paths a cohort took. Choices are buttons built in the kernel: a click can only take a
choice that is offered at this point (the engine refuses anything else).
"""
from __future__ import annotations

import ipywidgets as w

from course import keys
from course.engine.scenarios import Run, Scenario, expert_path
from course.store.stamps import new_key
from course.ui.common import esc, html_box, rejected, save_note, status_html

RATING_TEXT = {"strong": "A strong ending", "mixed": "A mixed ending", "poor": "A poor ending"}


item_id, ending_item = keys.scenario, keys.scenario_ending  # the keys are built in course/keys.py


class ScenarioPlayer(w.VBox):
    def __init__(self, scenario: Scenario, catalog, session):
        super().__init__()
        self.sc, self.catalog, self.session = scenario, catalog, session
        self.stats = catalog.scenario_stats.get(scenario.id)
        self.add_class("course-card")
        self.add_class("course-scenario")
        self.add_class(f"course-scenario-{scenario.id}")
        self.intro = html_box(
            f'<p class="course-eyebrow">Scenario</p>'
            f'<h3 class="course-h3">{esc(scenario.title)}</h3>'
            # in the text's own case, not the eyebrow's capitals: a long list of names reads better so
            f'<p class="course-hint course-frameworks">Frameworks in play: {esc(", ".join(scenario.frameworks))}.</p>'
            f'<p>{esc(scenario.summary)}</p><p><em>{esc(scenario.role)}</em></p>')
        self.where = html_box("", "course-where")
        self.situation = html_box("", "course-situation")
        self.choice_box = w.VBox()
        self.choice_box.add_class("course-choice-buttons")
        self.feedback = html_box("", "course-feedback")
        self.continue_button = w.Button(description="Continue", button_style="primary")
        self.continue_button.on_click(lambda _b: self.show_node())
        self.restart_button = w.Button(description="Start again")
        self.restart_button.on_click(lambda _b: self.restart())
        self.debrief = html_box("", "course-debrief")
        self.run: Run | None = None
        self.run_id = ""
        self._resume()
        session.on_identity(self._on_identity)

    # --- running ------------------------------------------------------------------------------

    def _start_run(self) -> None:
        self.run = Run(self.sc)
        self.run_id = new_key()[:12]
        self._start_recorded = False  # a run is recorded from its first choice: views alone leave no trace

    def restart(self) -> None:
        self._start_run()
        self.feedback.value = ""
        self.show_node()

    def choose(self, choice_id: str) -> None:
        run = self.run
        if run is None or run.finished:
            return
        node_id = run.node_id
        try:
            choice = run.choose(choice_id)
        except ValueError:
            rejected(self.sc.id, choice_id)
            return
        if not self._start_recorded:
            self.session.record(lesson=self.sc.lesson, item=item_id(self.sc.id), kind="scenario",
                                response={"run": self.run_id, "action": "start"})
            self._start_recorded = True
        saved = self.session.record(
            lesson=self.sc.lesson, item=item_id(self.sc.id), kind="scenario", correct=choice.expert,
            response={"run": self.run_id, "action": "choice", "node": node_id, "choice": choice.id,
                      "step": len(run.steps), "deltas": dict(choice.deltas)})
        if run.finished:
            ending = run.node.ending
            self.session.record(
                lesson=self.sc.lesson, item=ending_item(self.sc.id), kind="scenario",
                correct=ending.rating == "strong", score={"strong": 1.0, "mixed": 0.5, "poor": 0.0}[ending.rating],
                response={"run": self.run_id, "action": "end", "ending": run.node_id, "rating": ending.rating,
                          "path": [c for _, c in run.steps], "totals": dict(run.totals)})
        self._show_feedback(choice, saved)

    # --- showing ------------------------------------------------------------------------------

    def _where(self) -> str:
        run = self.run
        span = ""
        if self.stats:
            lo, hi = self.stats.min_depth, self.stats.max_depth
            span = f" (this scenario has {lo} decisions)" if lo == hi else f" (paths have {lo}–{hi} decisions)"
        if run.finished:
            return f'<p class="course-eyebrow">Finished after {len(run.steps)} decisions</p>'
        return f'<p class="course-eyebrow">Decision {len(run.steps) + 1}{span}</p>'

    def show_node(self) -> None:
        run = self.run
        self.where.value = self._where()
        self.feedback.value = ""
        if run.finished:
            self._show_ending()
            return
        paragraphs = "".join(f"<p>{esc(p)}</p>" for p in run.situation())
        picture = ""
        node = run.node
        if node.picture:
            picture = f'<p class="course-hint">Picture: {esc(node.picture_alt)}</p>'
        self.situation.value = picture + paragraphs + '<p><strong>What do you do?</strong></p>'
        buttons = []
        for choice in run.choices():
            button = w.Button(description=choice.text, tooltip=choice.text, layout=w.Layout(width="100%"))
            button.add_class("course-choice")
            button.on_click(lambda _b, cid=choice.id: self.choose(cid))
            buttons.append(button)
        self.choice_box.children = buttons
        self.debrief.value = ""
        self.children = [self.intro, self.where, self.situation, self.choice_box, self.feedback,
                         self._footer(restart=bool(run.steps))]

    def _footer(self, restart: bool, show_continue: bool = False):
        buttons = [self.continue_button] if show_continue else []
        if restart:
            buttons.append(self.restart_button)
        return w.HBox(buttons)

    def _show_feedback(self, choice, saved) -> None:
        moves = ", ".join(f"{self._short(k)} {v:+d}" for k, v in choice.deltas.items() if v)
        self.situation.value = self.situation.value.replace("<p><strong>What do you do?</strong></p>", "")
        self.choice_box.children = []
        note = f'<p class="course-save-note">{esc(save_note(saved))}</p>' if saved else ""
        self.feedback.value = (f'<p><strong>You chose:</strong> {esc(choice.text)}</p>'
                               f'<p class="course-why">{esc(choice.feedback)}</p>'
                               + (f'<p class="course-hint">Competencies: {esc(moves)}</p>' if moves else "")
                               + note)
        self.continue_button.description = "See how it ends" if self.run.finished else "Continue"
        self.children = [self.intro, self.where, self.situation, self.feedback,
                         self._footer(restart=True, show_continue=True)]

    def _short(self, competency_id: str) -> str:
        comp = self.catalog.competencies.get(competency_id)
        return comp.short if comp else competency_id

    def _show_ending(self) -> None:
        run = self.run
        ending = run.node.ending
        kind = {"strong": "ok", "mixed": "info", "poor": "bad"}[ending.rating]
        scene = f"<p>{esc(run.node.situation)}</p>" if run.node.situation else ""
        self.situation.value = ""
        self.debrief.value = (
            status_html(kind, f"{RATING_TEXT[ending.rating]}: {ending.title}")
            + scene
            + f'<h4 class="course-h4">What happened</h4><p>{esc(ending.what_happened)}</p>'
            + f'<h4 class="course-h4">What an experienced manager would do</h4><p>{esc(ending.expert_view)}</p>'
            + f'<h4 class="course-h4">The framework</h4><p>{esc(ending.framework)}</p>'
            + self._chart() + self._paths())
        self.children = [self.intro, self.where, self.debrief, self._footer(restart=True)]

    def _chart(self) -> str:
        """This run's competency changes as a table with bars: the table is the text alternative."""
        rows = []
        for comp in self.catalog.competencies.values():
            value = self.run.totals.get(comp.id, 0)
            width = min(abs(value), 8) * 12
            side = "pos" if value >= 0 else "neg"
            rows.append(f'<tr><th scope="row">{esc(comp.name)}</th><td class="course-num">{value:+d}</td>'
                        f'<td><span class="course-bar course-bar-{side}" style="width:{width}px"></span></td></tr>')
        return ('<table class="course-chart"><caption>Competency changes in this run '
                '(each choice moves a domain by −2 to +2)</caption>'
                '<thead><tr><th scope="col">Domain</th><th scope="col">Change</th><th scope="col">'
                '<span class="course-sr">Bar</span></th></tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table>')

    def _paths(self) -> str:
        def label(node_id, choice_id):
            node = self.sc.node(node_id)
            return next(c.text for c in node.choices if c.id == choice_id)

        mine = [label(n, c) for n, c in self.run.steps]
        expert = [label(n, c) for n, c in (expert_path(self.sc) or []) if c]
        n = max(len(mine), len(expert))
        rows = "".join(
            f'<tr><th scope="row">{i + 1}</th><td>{esc(mine[i]) if i < len(mine) else "—"}</td>'
            f'<td>{esc(expert[i]) if i < len(expert) else "—"}</td></tr>' for i in range(n))
        same = "You took the same path." if mine == expert else ""
        return ('<table class="course-paths"><caption>Your path beside an experienced manager\'s. '
                f'{same}</caption><thead><tr><th scope="col">Decision</th><th scope="col">Your choice</th>'
                f'<th scope="col">An experienced manager\'s choice</th></tr></thead><tbody>{rows}</tbody></table>')

    # --- resuming -----------------------------------------------------------------------------

    def _resume(self) -> None:
        """Replay the learner's latest run from the store: they continue where they left off."""
        history = self.session.history(item_id(self.sc.id)) if self.session.identity else []
        starts = [i for i, e in enumerate(history) if e["response"].get("action") == "start"]
        if not starts:
            self._start_run()
            self.show_node()
            return
        latest = history[starts[-1]]
        self.run = Run(self.sc)
        self.run_id = latest["response"].get("run", "")
        self._start_recorded = True
        for event in history[starts[-1] + 1:]:
            response = event["response"]
            if response.get("action") != "choice" or response.get("run") != self.run_id:
                continue
            try:
                self.run.choose(response.get("choice"))
            except (ValueError, KeyError):
                break  # the scenario changed since: continue from the last valid point
        self.show_node()

    def _on_identity(self) -> None:
        if self.run is None or not self.run.steps:
            self._resume()


class ScenarioLibrary(w.VBox):
    """Every scenario in one place: choose one and play it (a mentor can link to one with
    ?scenario=<id>)."""

    def __init__(self, catalog, session, selected: str | None = None):
        super().__init__()
        self.catalog, self.session = catalog, session
        lessons = {lesson.id: lesson for lesson in catalog.course.lessons}
        options = [("Choose a scenario…", None)] + [
            (f"{sc.title} (lesson {lessons[sc.lesson].number})", sid)
            for sid, sc in sorted(catalog.scenarios.items(), key=lambda kv: (lessons[kv[1].lesson].number, kv[1].title))]
        self.picker = w.Dropdown(options=options, index=0, description="Scenario",
                                 layout=w.Layout(width="100%", max_width="44em"))
        self.area = w.VBox()
        self.players: dict[str, ScenarioPlayer] = {}
        self.picker.observe(self._pick, names="value")
        self.children = [self.picker, self.area]
        if selected in catalog.scenarios:
            self.picker.value = selected

    def _pick(self, change) -> None:
        sid = change["new"]
        if sid is None:
            self.area.children = []
            return
        if sid not in self.catalog.scenarios:
            rejected("scenario library", sid)
            return
        if sid not in self.players:
            self.players[sid] = ScenarioPlayer(self.catalog.scenarios[sid], self.catalog, self.session)
        self.area.children = [self.players[sid]]
