"""The readiness self-assessment (lesson 04): statements per HLA domain rated 1-5, a profile chart,
the weakest domains with the lessons and actions that address them, and change between takes.

Every take is an event, so the first take stays for comparison however often the learner
retakes. Ratings are checked here: only the statements the assessment holds, only 1 to 5.
"""
from __future__ import annotations

import base64

import ipywidgets as w

from course.capstone.formatting import rating
from course.schema.self_assessment import SelfAssessment
from course.ui.common import drawn_png, esc, html_box, rejected, save_note, status_html
from course.engine.experience_log import load_entries
from course.ui.learner.header import link
from course.ui.learner.profile_panel import current_profile, profile_html
from course.engine.self_assessment import (SCALE, UNRATED, change, domain_scores, item_id, load_takes, validate_ratings,
                                           weakest_domains)

LOG_LESSON = "clinical-experience"


# --- scoring (pure functions, tested directly) ------------------------------------------------


# --- the chart -------------------------------------------------------------------------------

def chart_png(names: list[str], latest: list[float], first: list[float] | None = None) -> bytes:
    """A horizontal bar chart of domain scores; the first take beside the latest when given."""

    def draw(ax):
        ys = list(range(len(names)))[::-1]  # the first domain at the top
        height = 0.38 if first else 0.6
        if first:
            ax.barh([y + height / 2 for y in ys], [v or 0 for v in first], height=height, color="#b9c4cf",
                    edgecolor="#3d4f61", hatch="//", label="First take")
            ax.barh([y - height / 2 for y in ys], [v or 0 for v in latest], height=height, color="#1f5f8b",
                    label="Latest take")
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, fontsize=8, frameon=False)
        else:
            ax.barh(ys, [v or 0 for v in latest], height=height, color="#1f5f8b")
        for y, value in zip(ys, latest):
            if value is not None:
                ax.text(value + 0.05, y - (height / 2 if first else 0), f"{value:.1f}", va="center", fontsize=8)
        ax.set_yticks(ys, names, fontsize=9)
        ax.set_xlim(0, 5.5)
        ax.set_xticks([1, 2, 3, 4, 5], ["1\nNovice", "2", "3\nCompetent", "4", "5\nExpert"], fontsize=8)
        ax.set_xlabel("Average self-rating (1 = Novice, 3 = Competent, 5 = Expert)", fontsize=9)
        ax.set_ylabel("HLA competency domain", fontsize=9)
        ax.set_title("Your readiness self-ratings by HLA domain", fontsize=11)
        ax.grid(axis="x", color="#d5dde5", linewidth=0.8)
        ax.set_axisbelow(True)

    return drawn_png(draw, (7.2, 0.62 * len(names) + 1.9))


# --- the widget ------------------------------------------------------------------------------

class SelfAssessmentWidget(w.VBox):
    def __init__(self, assessment: SelfAssessment, catalog, session):
        super().__init__()
        self.assessment, self.catalog, self.session = assessment, catalog, session
        self.item = item_id(assessment)
        self.takes: list[dict] = []
        self.add_class("course-card")
        self.add_class("course-assessment")
        self.names = {d.competency: catalog.competencies[d.competency].name for d in assessment.domains}
        self.short = {d.competency: catalog.competencies[d.competency].short for d in assessment.domains}

        fact = catalog.facts.get(assessment.scale_fact)
        scale_note = (f'<p class="course-hint">The scale follows the {esc(fact.source)}: {esc(fact.display)}. '
                      f'Ratings 2 and 4 sit between those anchors.</p>') if fact else ""
        self.intro = html_box(
            f'<p class="course-eyebrow">Exercise · your own readiness</p><h3 class="course-h3">{esc(assessment.title)}</h3>'
            f'<p>{esc(assessment.instructions)}</p>{scale_note}')
        self.profile_line = html_box()
        options = [("Choose a rating…", UNRATED)] + [(level.label, level.value) for level in assessment.scale]
        self.selects: dict[str, w.Dropdown] = {}
        parts = []
        for domain in assessment.domains:
            comp = catalog.competencies[domain.competency]
            parts.append(html_box(f'<h4 class="course-h4">{esc(comp.name)}</h4>'
                                  f'<p class="course-hint">{esc(comp.description)}</p>'))
            for statement in domain.statements:
                select = w.Dropdown(options=options, index=0, description=statement.text,
                                    style={"description_width": "initial"}, layout=w.Layout(width="100%"))
                select.add_class(f"course-rate-{statement.id}")
                self.selects[statement.id] = select
                parts.append(select)
        self.save_button = w.Button(description="Save my ratings", button_style="primary")
        self.save_button.on_click(lambda _b: self.save())
        self.form_status = html_box()
        self.form = w.VBox([*parts, w.HBox([self.save_button, self.form_status])])
        self.form.add_class("course-rating")
        self.retake_button = w.Button(description="Take it again")
        self.retake_button.on_click(lambda _b: self.retake())
        self.results = html_box("", "course-assessment-results")
        self.results_box = w.VBox([self.results, self.retake_button])
        self.results_box.layout.display = "none"
        self.children = [self.intro, self.profile_line, self.form, self.results_box]
        self._restore()
        session.on_identity(self._restore)

    # --- the page's values, checked -------------------------------------------------------------

    def ratings(self) -> dict:
        raw = {}
        for sid, select in self.selects.items():
            value = select.value
            if value == UNRATED and type(value) is int:
                value = None
            if value is not None and (type(value) is not int or value not in SCALE):
                rejected(self.item, value)
                value = "refused"  # makes the take invalid: nothing tampered is saved
            raw[sid] = value
        return raw

    # --- actions ----------------------------------------------------------------------------------

    def save(self) -> None:
        ratings, problem = validate_ratings(self.ratings(), self.assessment)
        if problem:
            self.form_status.value = status_html("info", problem)
            return
        scores = domain_scores(ratings, self.assessment)
        overall = sum(scores.values()) / len(scores)
        saved = self.session.record(lesson=self.assessment.lesson, item=self.item, kind="exercise",
                                    response={"ratings": ratings}, score=round(overall / 5, 3))
        self.takes.append({"ratings": ratings, "scores": scores, "at": None})
        self.form_status.value = ""
        self._show_results(save_note(saved), saved == "saved")

    def retake(self) -> None:
        latest = self.takes[-1]["ratings"] if self.takes else {}
        for sid, select in self.selects.items():
            _choose(select, latest.get(sid))
        self.form.layout.display = None
        self.results_box.layout.display = "none"
        self.save_button.description = "Save as a new take"
        self.form_status.value = status_html(
            "info", "Your last ratings are filled in: change the ones that have changed, then save. "
                    "Your first take is kept for comparison.")

    # --- showing ----------------------------------------------------------------------------------

    def _show_results(self, note: str | None = None, ok: bool = True) -> None:
        self.form.layout.display = "none"
        self.results_box.layout.display = None
        self.results.value = self.results_html(note, ok)

    def results_html(self, note: str | None = None, ok: bool = True) -> str:
        first, latest = self.takes[0]["scores"], self.takes[-1]["scores"]
        several = len(self.takes) > 1
        order = list(self.names)
        names = [self.short[d] for d in order]
        png = chart_png(names, [latest[d] for d in order], [first[d] for d in order] if several else None)
        alt = ("Bar chart of your average self-rating in each HLA domain, on a scale from 1 (Novice) to 5 (Expert). "
               + ("Latest take: " if several else "")
               + "; ".join(f"{self.short[d]} {rating(latest[d])}" for d in order) + "."
               + (" First take: " + "; ".join(f"{self.short[d]} {rating(first[d])}" for d in order) + "."
                  if several else ""))
        img = (f'<img class="course-figure" src="data:image/png;base64,{base64.b64encode(png).decode()}" '
               f'alt="{esc(alt)}">')
        parts = [f'<h4 class="course-h4">Your readiness profile</h4>']
        if note:
            parts.append(status_html("ok" if ok else "warn", note))
        parts.append(f'<p class="course-hint">'
                     + (f'Take {len(self.takes)}, shown beside your first take.' if several
                        else 'Your first take. Take it again later to see what changed.') + '</p>')
        parts.append(img)
        parts.append(self._table(first, latest, several))
        parts.append(self._weakest_html(latest))
        return "".join(parts)

    def _table(self, first, latest, several) -> str:
        if several:
            delta = change(first, latest)
            head = ('<tr><th scope="col">Domain</th><th scope="col">First take</th><th scope="col">Latest take</th>'
                    '<th scope="col">Change</th></tr>')
            rows = "".join(
                f'<tr><th scope="row">{esc(self.names[d])}</th><td class="course-num">{rating(first[d])}</td>'
                f'<td class="course-num">{rating(latest[d])}</td><td class="course-num">{_delta(delta[d])}</td></tr>'
                for d in self.names)
            caption = "First take vs latest: average rating per domain (1 = Novice, 5 = Expert)"
        else:
            head = '<tr><th scope="col">Domain</th><th scope="col">Average rating</th></tr>'
            rows = "".join(f'<tr><th scope="row">{esc(self.names[d])}</th><td class="course-num">{rating(latest[d])}</td></tr>'
                           for d in self.names)
            caption = "Your average rating per domain (1 = Novice, 5 = Expert)"
        return (f'<table class="course-chart course-assessment-table"><caption>{caption}</caption>'
                f'<thead>{head}</thead><tbody>{rows}</tbody></table>')

    def _weakest_html(self, scores) -> str:
        weakest = weakest_domains(scores)
        if not weakest:
            return status_html("info", "Your ratings are close together across the five domains (within half a point), "
                                       "so no domain stands out as weakest. Start with the domain that matters most "
                                       "for the role you want, and retake the assessment as you gain experience.")
        profile = current_profile(self.session)
        log_counts = self._log_counts()
        names = " and ".join(self.names[d] for d in weakest) if len(weakest) <= 2 else \
            ", ".join(self.names[d] for d in weakest[:-1]) + " and " + self.names[weakest[-1]]
        parts = [status_html("info", f"Your weakest {'domain is' if len(weakest) == 1 else 'domains are'}: {names}."),
                 f'<h4 class="course-h4">What to work on next</h4>']
        domains = {d.competency: d for d in self.assessment.domains}
        for comp in weakest:
            domain = domains[comp]
            actions = [a for a in domain.actions if not a.stages or profile is None or profile.stage in a.stages]
            lessons = []
            for lesson_id in domain.lessons:
                lesson = self.catalog.lesson(lesson_id)
                title = f"Lesson {lesson.number:02d}: {lesson.title}"
                if lesson.status == "published":
                    lessons.append(f'<a href="{esc(link(lesson.notebook, self.session))}">{esc(title)}</a>')
                else:
                    lessons.append(f'{esc(title)} <span class="course-muted">(in preparation)</span>')
            logged = log_counts.get(comp)
            log_line = ""
            if logged is not None:
                log_line = (f'<p class="course-hint">Your experience log (lesson 03) has {logged} '
                            f'{"entry" if logged == 1 else "entries"} in this domain.</p>')
            parts.append(
                f'<div class="course-weak-domain"><p><strong>{esc(self.names[comp])}</strong> '
                f'(average {rating(scores[comp])})</p>'
                f'<p>Lessons that build it: {", ".join(lessons)}.</p>'
                f'<p>Actions to take:</p><ul>{"".join(f"<li>{esc(a.text)}</li>" for a in actions)}</ul>{log_line}</div>')
        return "".join(parts)

    def _log_counts(self) -> dict[str, int]:
        if not self.session.identity:
            return {}
        try:
            entries = load_entries(self.session, LOG_LESSON, set(self.names))
        except Exception:
            return {}
        counts = {d: 0 for d in self.names}
        for entry in entries.values():
            counts[entry["domain"]] = counts.get(entry["domain"], 0) + 1
        return counts

    # --- restoring --------------------------------------------------------------------------------

    def _restore(self) -> None:
        profile = current_profile(self.session)
        extra = ("The actions suggested for your weakest domains are chosen for your stage."
                 if profile else "")
        self.profile_line.value = profile_html(profile, self.catalog, self.session, extra=extra,
                                               missing=self.assessment.no_profile)
        self.takes = load_takes(self.session, self.assessment)
        if self.takes:
            latest = self.takes[-1]["ratings"]
            for sid, select in self.selects.items():
                _choose(select, latest.get(sid))
            self.save_button.description = "Save as a new take"
            self._show_results()
        else:
            self.form.layout.display = None
            self.results_box.layout.display = "none"


def _delta(value) -> str:
    if value is None:
        return "–"
    if abs(value) < 0.05:
        return "no change"
    return f"{'+' if value > 0 else '−'}{abs(value):.1f}"


def _choose(select: w.Dropdown, value) -> None:
    """Show a saved rating, or the "Choose…" prompt when there is none."""
    select.value = UNRATED if value is None else value
