"""The dashboard's Competencies tab: the five HLA domains, the cohort's average change per scenario
decision beside one learner's (like with like, however many scenarios each has played), and the
readiness self-ratings; a chart and the same numbers as a table."""
from __future__ import annotations

import ipywidgets as w

from course.mentor import scenario_stats
from course.ui.common import esc, html_box, rejected, status_html
from course.ui.mentor.dashboard_common import DashboardTab, chart_png, learner_options, table


class CompetenciesTab(DashboardTab):
    def _build(self):
        options, _ = learner_options(self.data)
        self.profile_pick = w.Dropdown(options=options, value="", description="Compare a learner",
                                       style={"description_width": "initial"},
                                       layout=w.Layout(width="100%", max_width="40em"))
        self.profile_find = w.Text(description="Find a name", placeholder="part of a name",
                                   style={"description_width": "initial"}, continuous_update=False)
        out = html_box()

        def refilter(_change=None):
            needle = self.profile_find.value if isinstance(self.profile_find.value, str) else ""
            opts, _n = learner_options(self.data, needle[:100].strip())
            self.profile_pick.options = opts
            self.profile_pick.value = ""

        def draw(_change=None):
            lid = self.profile_pick.value or None
            known = set(self.data.learners["learner_id"])
            if lid is not None and lid not in known:
                rejected("dashboard profile picker", lid)
                lid = None
            out.value = self._profile_html(lid)

        self.profile_find.observe(refilter, names="value")
        self.profile_pick.observe(draw, names="value")
        draw()
        return [html_box('<h2 class="course-h2">Competency profiles</h2><p class="course-hint">The five HLA '
                         'domains. Scenario scores are the average change per decision over each learner\'s '
                         'latest run of every scenario they played (each choice moves a domain by −2 to +2), so '
                         'a learner who played one scenario and one who played six stand on the same scale. '
                         'Self-ratings (1–5) come from the readiness self-assessment in lesson 4.</p>'),
                w.HBox([self.profile_find, self.profile_pick]), out]

    def _profile_html(self, learner_id) -> str:
        frame = scenario_stats.competency_profile(self.data, self.catalog, learner_id)
        name = ""
        if learner_id:
            name = str(self.data.learners.set_index("learner_id").at[learner_id, "name"])

        def num(v, fmt="{:+.2f}"):
            return "—" if v is None or v != v else fmt.format(v)

        head = ["Domain", "Cohort average (per decision)"] + ([f"{esc(name)} (per decision)"] if learner_id else []) + \
               ["Cohort average (self-rating)"] + ([f"{esc(name)} (self-rating)"] if learner_id else [])
        rows = []
        for r in frame.itertuples(index=False):
            cells = [num(r.cohort_scenario)] + ([num(r.learner_scenario)] if learner_id else []) + \
                    [num(r.cohort_readiness, "{:.1f}")] + ([num(r.learner_readiness, "{:.1f}")] if learner_id else [])
            rows.append(f'<tr><th scope="row">{esc(r.name)}</th>'
                        + "".join(f'<td class="course-num">{c}</td>' for c in cells) + "</tr>")
        note = ""
        if frame["cohort_readiness"].isna().all():
            note = status_html("info", "Nobody in this cohort has taken the readiness self-assessment yet, so "
                                       "there are no self-ratings to show.")
        return self._profile_chart(frame, name) + table("Competency profile", head, rows) + note

    def _profile_chart(self, frame, name: str) -> str:
        if frame["cohort_scenario"].isna().all():
            return ""
        import matplotlib  # lazy: matplotlib loads only when a chart is drawn

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        labels = [self.catalog.competencies[d].short for d in frame["domain"]]
        cohort = frame["cohort_scenario"].fillna(0).tolist()
        fig, ax = plt.subplots(figsize=(6.4, 3.0))
        y = list(range(len(labels)))
        if name:
            mine = frame["learner_scenario"].fillna(0).tolist()
            ax.barh([v + 0.2 for v in y], cohort, height=0.4, color="#5b7a99", label="Cohort average")
            ax.barh([v - 0.2 for v in y], mine, height=0.4, color="#c2691f", label=name[:40])
            ax.legend(loc="lower right", fontsize=8)
        else:
            ax.barh(y, cohort, height=0.5, color="#5b7a99", label="Cohort average")
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.axvline(0, color="#333", linewidth=0.8)
        ax.set_xlabel("Average competency change per scenario decision")
        ax.set_ylabel("HLA domain")
        ax.set_title("Competency profile from scenario choices" + (" (cohort and one learner)" if name else ""))
        png = chart_png(fig)
        alt = "Bar chart of the competency profile; the same numbers are in the table below."
        return f'<img class="course-figure" src="data:image/png;base64,{png}" alt="{esc(alt)}">'
