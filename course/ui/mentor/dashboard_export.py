"""The dashboard's Export tab: the events CSV and xAPI statements (with feedback, rubric scores,
questions and check-ins: course/mentor/feedback_export.py) and the roster, prepared on request as
download links; and the same exports from a terminal."""
from __future__ import annotations

import logging
import time

import ipywidgets as w

from course.mentor import analytics, export, feedback_export
from course.ui.common import esc, html_box, status_html
from course.ui.mentor.dashboard_common import plural

log = logging.getLogger("course.mentor")


def export_section(store, catalog, data, cohort) -> list:
    label = "learners without a cohort" if cohort is None else cohort
    out = html_box()

    def prepare(kind):
        started = time.perf_counter()
        out.value = status_html("info", "Preparing the file… a large cohort can take a little while.")
        try:
            if kind == "csv":
                text, n = feedback_export.cohort_csv(store, cohort, catalog)  # with feedback
                link = export.download_link(text, f"{label}-events.csv", "text/csv",
                                            f"Download the CSV ({plural(n, 'event')})")
            elif kind == "xapi":
                text, n = feedback_export.cohort_xapi_json(store, cohort, None, catalog)
                link = export.download_link(text, f"{label}-xapi.json", "application/json",
                                            f"Download the xAPI statements ({plural(n, 'statement')})")
            else:
                progress = analytics.learner_progress(data, catalog)
                link = export.download_link(export.roster_csv(progress), f"{label}-roster.csv", "text/csv",
                                            f"Download the roster ({plural(len(progress), 'learner')})")
        except Exception:
            log.exception("export failed")
            out.value = status_html("warn", "The export failed; the server log has the details.")
            return
        store.audit("export", f"{kind} of {label}")
        took = time.perf_counter() - started
        if link is None:
            out.value = status_html("info", "This export is too large for a download link from the page. "
                                            "Use the command shown below instead.")
        else:
            out.value = f'<p>{link} <span class="course-muted">prepared in {took:.1f} s</span></p>'

    buttons = []
    for kind, text in (("csv", "Prepare events CSV"), ("xapi", "Prepare xAPI statements"),
                       ("roster", "Prepare roster CSV")):
        button = w.Button(description=text)
        button.on_click(lambda _b, k=kind: prepare(k))
        buttons.append(button)
    flag = "" if cohort is None else f" --cohort {esc(cohort)}"
    return [html_box(
        '<h2 class="course-h2">Export</h2><p>The <strong>events CSV</strong> has one row per answer, '
        'scenario step, reflection or exercise entry (responses as JSON), then one per feedback message '
        'and question (with rubric scores). The <strong>xAPI statements</strong> (a JSON array, ADL verbs '
        'answered, completed, experienced, passed, failed, commented and asked; rubric scores in the result) '
        'can be posted to a learning record store. The <strong>roster CSV</strong> is the '
        'overview table. Exports hold personal data: store and share them as your organization\'s '
        'rules require.</p>'
        f'<p class="course-hint">From a terminal on the server: <code>course export --format csv '
        f'--out cohort.csv{flag}</code> or <code>course export --format xapi --out cohort.json{flag}</code>.</p>'),
        w.HBox(buttons), out]
