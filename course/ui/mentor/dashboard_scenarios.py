"""The dashboard's Scenarios tab: who played each scenario and how often runs ended strongly, then
for one scenario its endings, the most traveled paths and how the cohort chose at each decision."""
from __future__ import annotations

import ipywidgets as w

from course.mentor import scenario_stats
from course.ui.common import esc, html_box, rejected
from course.ui.mentor.dashboard_common import DashboardTab, bar, pct, table

RATING_WORD = {"strong": "strong", "mixed": "mixed", "poor": "poor"}


class ScenariosTab(DashboardTab):
    def _build(self):
        summary = scenario_stats.scenario_summary(self.data, self.catalog)
        rows = [f'<tr><th scope="row">{esc(r.title)}</th><td class="course-num">{r.learners}</td>'
                f'<td class="course-num">{r.runs_started}</td><td class="course-num">{r.runs_finished}</td>'
                f'<td class="course-num">{pct(r.strong_share)}</td></tr>' for r in summary.itertuples(index=False)]
        overview = html_box('<h2 class="course-h2">Scenarios: paths and endings</h2>' + table(
            "Every scenario: who played, and how often runs ended strongly",
            ["Scenario", "Learners", "Runs started", "Runs finished", "Strong endings"], rows))
        options = [("Choose a scenario…", "")] + [(sc.title, sid) for sid, sc in self.catalog.scenarios.items()]
        self.scenario_pick = w.Dropdown(options=options, value="", description="Scenario",
                                        layout=w.Layout(width="100%", max_width="40em"))
        detail = html_box()
        endings = scenario_stats.scenario_endings(self.data, self.catalog)
        paths = scenario_stats.scenario_paths(self.data, self.catalog)
        choices = scenario_stats.scenario_choices(self.data, self.catalog)

        def draw(_change=None):
            sid = self.scenario_pick.value
            if not sid:
                detail.value = ""
                return
            if sid not in self.catalog.scenarios:
                rejected("dashboard scenario picker", sid)
                return
            sc = self.catalog.scenarios[sid]
            e_rows = [f'<tr><th scope="row">{esc(r.title)}</th><td>{RATING_WORD.get(r.rating, esc(r.rating))}</td>'
                      f'<td class="course-num">{r.runs}</td><td class="course-num">{pct(r.share)} '
                      f'{bar(r.share, {"strong": "pos", "mixed": "mid"}.get(r.rating, "neg"))}</td></tr>'
                      for r in endings[endings["scenario"] == sid].itertuples(index=False)]
            p_rows = [f'<tr><td><ol class="course-path">{"".join(f"<li>{esc(t)}</li>" for t in r.path)}</ol></td>'
                      f'<td>{esc(r.ending)} ({esc(r.rating)}){" · the expert path" if r.expert else ""}</td>'
                      f'<td class="course-num">{r.runs}</td><td class="course-num">{pct(r.share)}</td></tr>'
                      for r in paths[paths["scenario"] == sid].itertuples(index=False)]
            mine = choices[choices["scenario"] == sid]
            c_rows = []
            for node in sc.nodes:
                at = mine[mine["node"] == node.id]
                if at.empty:
                    continue
                first = True
                for r in at.itertuples(index=False):
                    lead = (f'<th scope="rowgroup" rowspan="{len(at)}">{esc(node.situation[:140])}'
                            f'{"…" if len(node.situation) > 140 else ""}</th>') if first else ""
                    first = False
                    c_rows.append(f'<tr>{lead}<td>{esc(r.text)}{" <strong>(expert)</strong>" if r.expert else ""}</td>'
                                  f'<td class="course-num">{r.picks}</td><td class="course-num">{pct(r.share)}</td></tr>')
            detail.value = (
                table(f"Endings of “{esc(sc.title)}” (finished runs)", ["Ending", "Rating", "Runs", "Share"], e_rows)
                + table("The most traveled paths, from first decision to ending",
                         ["Choices in order", "Ending", "Runs", "Share"], p_rows)
                + table("How the cohort chose at each decision",
                         ["Decision", "Choice", "Times chosen", "Share at this decision"], c_rows))

        self.scenario_pick.observe(draw, names="value")
        if self.catalog.scenarios:
            self.scenario_pick.value = next(iter(self.catalog.scenarios))
        return [overview, self.scenario_pick, detail]
