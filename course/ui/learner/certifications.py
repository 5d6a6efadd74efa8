"""The certification explorer (lesson 04): the certifications in content/certifications.yaml checked
against the learner's profile and a few extra answers. Answers are checked here and saved, so the explorer
reopens with them; the rules themselves are data (content/certifications.yaml)."""
from __future__ import annotations

import ipywidgets as w

from course import keys
from course.engine.certifications import (AFTER, ELIGIBLE, MEASURE_LIMITS, MEASURE_UNITS, STATUS_TEXT, CertificationFile,
                              EducationCondition, ExperienceCondition, condition_gap, defaults_from, evaluate_all,
                              situation_from, validate_answers)
from course.numbers import format_number, read_number
from course.ui.common import DRAFT_NOTE, Draft, esc, html_box, problems_html, rejected, save_note, status_html
from course.ui.learner.profile_panel import current_profile, profile_html

SYMBOL = {ELIGIBLE: "✓", AFTER: "◔", "needs": "✗"}


def item_id(content: CertificationFile) -> str:
    return keys.certifications(content.lesson)


class CertificationExplorer(w.VBox):
    def __init__(self, content: CertificationFile, catalog, session):
        super().__init__()
        self.content, self.catalog, self.session = content, catalog, session
        self.item = item_id(content)
        self.draft = Draft(session, content.lesson, self.item)
        self.add_class("course-card")
        self.add_class("course-certs")
        self.profile = None
        self.intro = html_box(f'<p class="course-eyebrow">Exercise · checked against your profile</p>'
                              f'<h3 class="course-h3">{esc(content.title)}</h3><p>{esc(content.instructions)}</p>')
        self.profile_line = html_box()
        self.inputs: dict[str, w.Widget] = {}
        rows = []
        for q in content.questions:
            if q.kind == "yes-no":
                widget = w.Checkbox(value=False, description=q.label, indent=False, layout=w.Layout(width="100%"))
            else:  # a text box read by course/numbers.py: "1.5" stays 1.5, "2,000 hours" is 2000, "six" is refused
                unit = MEASURE_UNITS[q.id]
                widget = w.Text(continuous_update=False, value="0", description=f"{q.label} ({unit})",
                                placeholder="e.g. 2,000" if unit == "hours" else "e.g. 6 or 1.5",
                                style={"description_width": "initial"}, layout=w.Layout(width="100%"))
            widget.add_class(f"course-q-{q.id.replace('_', '-')}")
            self.inputs[q.id] = widget
            rows.append(widget)
            if q.hint:
                rows.append(html_box(f'<p class="course-hint course-q-hint">{esc(q.hint)}</p>'))
        self.check_button = w.Button(description="Check my eligibility", button_style="primary")
        self.check_button.on_click(lambda _b: self.check())
        self.status = html_box()
        form = w.VBox([*rows, w.HBox([self.check_button, self.status])])
        form.add_class("course-certs-form")
        self.results = html_box("", "course-certs-results")
        self.children = [self.intro, self.profile_line, form, self.results]
        self._restore()
        session.on_identity(self._restore)

    # --- the page's values, checked -------------------------------------------------------------

    def typed(self) -> dict:
        """The form as it stands (numbers as typed): what a refused check keeps as the draft."""
        return {qid: widget.value for qid, widget in self.inputs.items()}

    def answers(self) -> tuple[dict, list[str]]:
        """(the answers as numbers and booleans, []), or what could not be read, per question."""
        raw, problems = {}, []
        for q in self.content.questions:
            value = self.inputs[q.id].value
            if q.kind == "yes-no":
                if not isinstance(value, bool):
                    rejected(self.item, value)
                raw[q.id] = value
                continue
            unit = MEASURE_UNITS[q.id]
            if not isinstance(value, str):
                rejected(self.item, value)  # a Text box sends text; anything else reads as nothing typed
            reading = read_number(value, unit)
            if not reading.ok:
                problems.append(f"{q.label}: {reading.problem}")
            elif not 0 <= reading.value <= MEASURE_LIMITS[unit]:
                problems.append(f"{q.label}: use a number from 0 to {MEASURE_LIMITS[unit]:,} {unit} "
                                f"(you typed “{reading.typed}”).")
            else:
                raw[q.id] = reading.value
        return raw, problems

    # --- actions ----------------------------------------------------------------------------------

    def check(self) -> None:
        raw, problems = self.answers()
        answers, problem = (None, None) if problems else validate_answers(raw, self.content)
        if problems or problem:
            self.draft.keep(self.typed())
            self.status.value = status_html("info", DRAFT_NOTE) + problems_html(problems or [problem])
            return
        texts = {qid: value.strip() for qid, value in self.typed().items() if isinstance(value, str)}
        saved = self.session.record(lesson=self.content.lesson, item=self.item, kind="exercise",
                                    response={"answers": answers, "texts": texts})  # texts: shown back as typed
        self.draft.clear()
        self.status.value = status_html("ok" if saved == "saved" else "warn", save_note(saved))
        self.results.value = self.results_html(answers)

    # --- showing ----------------------------------------------------------------------------------

    def results_html(self, answers: dict) -> str:
        facts = self.catalog.facts
        situation = situation_from(self.profile, answers)
        verdicts = evaluate_all(self.content, situation, facts)
        rows, details = [], []
        for v in verdicts:
            c = v.certification
            gaps = [g.describe(facts) for g in v.best.gaps]
            if v.status == ELIGIBLE:
                missing = f"Route: {esc(v.best.route.label)}."
            elif v.status == AFTER:
                missing = f"Eligible after {esc(' and '.join(gaps))}."
            else:
                missing = esc(_capital("; ".join(gaps))) + "."
            advice = f'<p class="course-hint">{esc(v.advice)}</p>' if v.advice else ""
            rows.append(
                f'<tr class="course-cert-{esc(c.id)}"><th scope="row">{esc(c.abbreviation)}<br>'
                f'<span class="course-cert-name">{esc(c.name)}</span>'
                f'<p class="course-hint">{esc(c.purpose)}</p></th>'
                f'<td class="course-cert-status course-cert-{v.status}"><p><span aria-hidden="true">{SYMBOL[v.status]}</span> '
                f'<strong>{esc(STATUS_TEXT[v.status])}</strong></p><p>{missing}</p>{advice}</td>'
                f'<td><p class="course-hint">{esc(v.best.route.confirm)} '
                f'<a href="{esc(c.url)}" rel="noopener" target="_blank">{esc(c.body)}</a></p></td></tr>')
            details.append(self._how(v, situation, facts))
        table = ('<table class="course-chart course-certs-table"><caption>Your eligibility, on what you entered '
                 '(a planning aid: confirm with each certifying body)</caption><thead><tr>'
                 '<th scope="col">Certification</th><th scope="col">Your status, and what is missing</th>'
                 '<th scope="col">Confirm with</th>'
                 f'</tr></thead><tbody>{"".join(rows)}</tbody></table>')
        eligible = [v.certification.abbreviation for v in verdicts if v.status == ELIGIBLE]
        lead = (f"On what you entered, you could apply now for: {', '.join(eligible)}." if eligible
                else "On what you entered, none of these is open to you yet; the table shows what each needs.")
        return (status_html("info", lead) + table
                + '<h4 class="course-h4">How each answer was worked out</h4>' + "".join(details))

    def _how(self, verdict, situation, facts) -> str:
        c = verdict.certification
        routes = []
        for route in c.routes:
            conds, met = [], True
            for cond in route.conditions:
                ok = condition_gap(cond, situation, facts) is None
                met = met and ok
                if isinstance(cond, (ExperienceCondition, EducationCondition)):
                    unit = MEASURE_UNITS[cond.measure]
                    have = situation.amounts.get(cond.measure, 0)
                    text = (f"{_amount(facts[cond.fact].value, unit)} {unit} {cond.label} "
                            f"(you entered {_amount(have, unit)})")
                else:
                    text = cond.label
                conds.append(f'<li><span aria-hidden="true">{"✓" if ok else "✗"}</span> '
                             f'<span class="course-sr">{"met:" if ok else "not yet met:"}</span> {esc(_capital(text))}</li>')
            body = f'<ul>{"".join(conds)}</ul>' if conds else "<p>No conditions: open to everyone.</p>"
            routes.append(f'<li><strong>{esc(_capital(route.label))}</strong>'
                          f'{" (met)" if met else ""}{body}'
                          f'<p class="course-hint">{esc(route.confirm)}</p></li>')
        also = ""
        if c.also_required:
            also = ("<p>Also required on every route:</p><ul>"
                    + "".join(f"<li>{esc(x)}</li>" for x in c.also_required) + "</ul>")
        notes = ""
        if c.notes:
            notes = ("<p>Worth knowing:</p><ul>" + "".join(f"<li>{esc(x)}</li>" for x in c.notes) + "</ul>")
        return (f'<details class="course-cert-details"><summary>{esc(c.abbreviation)}: {esc(c.name)} '
                f'({esc(c.body)})</summary><p>For: {esc(c.for_whom)}</p>'
                f'<p>Routes (any one is enough):</p><ol>{"".join(routes)}</ol>{also}{notes}'
                f'<p>Check the current rules: <a href="{esc(c.url)}" rel="noopener" target="_blank">'
                f'{esc(c.body)}</a>.</p></details>')

    # --- restoring --------------------------------------------------------------------------------

    def _restore(self) -> None:
        self.profile = current_profile(self.session)
        self.profile_line.value = profile_html(
            self.profile, self.catalog, self.session, degrees=True, missing=self.content.no_profile,
            extra="To change your degrees or license, update your profile in lesson 00.")
        saved = self.session.state(self.content.lesson).get(self.item) if self.session.identity else None
        answers = None
        if saved and isinstance(saved.get("response"), dict) and isinstance(saved["response"].get("answers"), dict):
            # Questions added since the answers were saved start from their defaults.
            answers, _ = validate_answers(defaults_from(self.profile) | saved["response"]["answers"], self.content)
        start = answers or defaults_from(self.profile)
        texts = saved["response"].get("texts") if answers and isinstance(saved["response"].get("texts"), dict) else {}
        for qid, widget in self.inputs.items():
            if qid not in start:
                continue
            if isinstance(widget, w.Checkbox):
                widget.value = start[qid]
            else:  # the number as the learner typed it ("1000", "2,000 hours"), if it still reads the same
                typed = texts.get(qid)
                same = isinstance(typed, str) and read_number(typed, MEASURE_UNITS[qid]).value == start[qid]
                widget.value = typed if same else format_number(start[qid])
        if answers:
            self.status.value = status_html("ok", "Your saved answers are shown; change any of them and check again.")
            self.results.value = self.results_html(answers)
        draft = self.draft.load()
        if draft is not None:  # a check refused last time: what was typed comes back, with why
            for qid, widget in self.inputs.items():
                value = draft.get(qid)
                if isinstance(value, bool if isinstance(widget, w.Checkbox) else str):
                    widget.value = value
            raw, problems = self.answers()
            if not problems:
                _answers, problem = validate_answers(raw, self.content)
                problems = [problem] if problem else []
            if problems:
                self.status.value = status_html("info", DRAFT_NOTE) + problems_html(problems)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _amount(value, unit: str) -> str:
    return f"{value:,.0f}" if unit == "hours" else f"{value:g}"
