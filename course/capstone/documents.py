"""The development plan as documents: Markdown, a self-contained printable HTML page, and the summary
picture (the competency profile beside the pathway timeline) that the lesson and the HTML page show.

Nothing a learner typed can become markup. Every string from a person first loses null bytes,
control characters and bidi overrides (course.text.clean_text); then, in HTML, it is escaped with esc();
in Markdown, `<`, `>` and `&` become entities and the characters that make Markdown syntax are
backslash-escaped (CommonMark), so `<img src=x onerror=…>`, `[x](javascript:…)`, a bare
`https://…` or a line that starts with `#` render as the text they are. The HTML page loads nothing: its CSS is inline, its
picture is a data: URI, and it has no script. matplotlib loads only when the picture is drawn.
"""
from __future__ import annotations

import base64
import io
import textwrap

from course.numbers import format_number
from course.capstone.plan import Plan
from course.text import clean_text
from course.ui.common import esc

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
RATING_WORDS = {"strong": "a strong ending", "mixed": "a mixed ending", "poor": "a poor ending"}
HTML_FILENAME = "my-development-plan.html"
MD_FILENAME = "my-development-plan.md"
FIRST_COLOUR, LATEST_COLOUR = "#b9c4cf", "#1f5f8b"
GAIN_COLOUR, LOSS_COLOUR = "#2e7d4f", "#b3261e"
GOAL_COLOUR = "#14202b"


def _num(value: float) -> str:
    from course.engine.run_rules import fmt

    return fmt(value)


def date_text(day) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def rating(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def signed(value) -> str:
    if value is None:
        return "–"
    if abs(value) < 0.05:
        return "0" if float(value).is_integer() else "no change"
    text = f"{abs(value):g}" if float(value).is_integer() else f"{abs(value):.1f}"
    return ("+" if value > 0 else "−") + text


# --- escaping ----------------------------------------------------------------------------------------

_MD_ALWAYS = set("\\`*_[]()!|~$^{}")  # inline syntax: emphasis, code, links, images, tables, math
_MD_LINE_START = set("#+-=>:")  # syntax only at the start of a line: headings, lists, quotes, rules


def md(text, *, single_line: bool = True) -> str:
    """Text from a person, safe inside Markdown: it renders as exactly the text it is."""
    out_lines = []
    for line in clean_text(text, single_line=single_line).split("\n"):
        chars = []
        for i, ch in enumerate(line):
            if ch == "&":
                chars.append("&amp;")
            elif ch == "<":
                chars.append("&lt;")
            elif ch == ">":
                chars.append("&gt;")
            elif ch in _MD_ALWAYS or (i == 0 and ch in _MD_LINE_START):
                chars.append("\\" + ch)
            elif ch in ".)" and line[:i].isdigit():  # "1." or "1)" would start a numbered list
                chars.append("\\" + ch)
            elif ch == "/" and line[i - 1:i] in (":", "/"):  # "http://…" would become a link by itself
                chars.append("\\" + ch)
            else:
                chars.append(ch)
        out_lines.append("".join(chars))
    return "\n".join(out_lines)


def md_paragraphs(text) -> str:
    """Multi-line text from a person as Markdown paragraphs, line breaks kept (a backslash at the
    end of a line is a CommonMark hard break; the text's own backslashes are escaped)."""
    blocks, current = [], []
    for line in md(text, single_line=False).split("\n"):
        if line:
            current.append(line)
        elif current:
            blocks.append("\\\n".join(current))
            current = []
    if current:
        blocks.append("\\\n".join(current))
    return "\n\n".join(blocks)


def h(text) -> str:
    """Single-line text from a person, safe inside HTML."""
    return esc(clean_text(text))


def h_lines(text) -> str:
    """Multi-line text from a person, safe inside HTML, its line breaks kept."""
    return "<br>".join(esc(line) for line in clean_text(text, single_line=False).split("\n"))


# --- the summary picture -----------------------------------------------------------------------------

def _mpl(text: str) -> str:
    """Text for matplotlib: a `$` would start mathtext."""
    return str(text).replace("$", r"\$")


def summary_picture(plan: Plan, catalog) -> tuple[str, str]:
    """The competency profile (self-assessment first and latest take; net scenario change) above the
    pathway timeline, as a base64 PNG, and its alt text."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    domains = list(plan.domains)
    names = [_mpl(plan.short[d]) for d in domains]
    steps = plan.pathway.steps if plan.pathway else ()
    rows = max(len(steps), 2)
    top_h, bottom_h = 3.9, 0.5 * rows + 2.2
    fig = Figure(figsize=(8.6, top_h + bottom_h), dpi=110)
    top, bottom = fig.subfigures(2, 1, height_ratios=[top_h, bottom_h])
    top.set_facecolor("#f6f8fa")
    top.suptitle("1. Competency profile by HLA domain", x=0.02, ha="left", fontsize=13, fontweight="bold")
    ax_self, ax_scen = top.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1.55, 1]})
    ys = list(range(len(domains)))[::-1]  # the first domain at the top

    a = plan.assessment
    ax_self.set_title("Readiness self-assessment", fontsize=11, loc="left")
    ax_self.set_xlim(0, 5.6)
    ax_self.set_xticks([1, 2, 3, 4, 5], ["1\nNovice", "2", "3\nCompetent", "4", "5\nExpert"], fontsize=8.5)
    ax_self.set_xlabel("Average self-rating (1 to 5)", fontsize=9.5)
    ax_self.set_yticks(ys, names, fontsize=9.5)
    ax_self.set_ylabel("HLA domain", fontsize=9.5)
    ax_self.set_ylim(-0.7, len(domains) - 0.3)
    ax_self.grid(axis="x", color="#d5dde5", linewidth=0.8)
    ax_self.set_axisbelow(True)
    if a is None:
        ax_self.text(2.8, (len(domains) - 1) / 2, "Not taken yet\n(lesson 04)", ha="center", va="center",
                     fontsize=11, color="#3d4f61")
    else:
        several = a.takes > 1
        height = 0.36 if several else 0.56
        latest = [a.latest.get(d) for d in domains]
        if several:
            first = [a.first.get(d) for d in domains]
            ax_self.barh([y + height / 2 for y in ys], [v or 0 for v in first], height=height, color=FIRST_COLOUR,
                         edgecolor="#3d4f61", hatch="//", label="First take")
        ax_self.barh([y - (height / 2 if several else 0) for y in ys], [v or 0 for v in latest], height=height,
                     color=LATEST_COLOUR, label="Latest take" if several else "Your take")
        for y, value in zip(ys, latest):
            if value is not None:
                ax_self.text(value + 0.06, y - (height / 2 if several else 0), f"{value:.1f}", va="center",
                             fontsize=8.5)
        ax_self.legend(loc="upper center", bbox_to_anchor=(0.5, -0.33), ncol=2, fontsize=8.5, frameon=False)

    s = plan.scenarios
    ax_scen.set_title("Scenario choices", fontsize=11, loc="left")
    ax_scen.set_xlabel("Net change from your choices", fontsize=9.5)
    ax_scen.axvline(0, color="#3d4f61", linewidth=0.9)
    ax_scen.grid(axis="x", color="#d5dde5", linewidth=0.8)
    ax_scen.set_axisbelow(True)
    ax_scen.tick_params(axis="y", left=False)
    if s is None:
        ax_scen.set_xlim(-4, 4)
        ax_scen.text(0, (len(domains) - 1) / 2, "No scenario\nplayed yet\n(lessons 05–07)", ha="center",
                     va="center", fontsize=11, color="#3d4f61", backgroundcolor="#f6f8fa")
    else:
        values = [s.totals.get(d, 0.0) for d in domains]
        reach = max([abs(v) for v in values] + [2]) * 1.35
        ax_scen.set_xlim(-reach, reach)
        ax_scen.barh(ys, values, height=0.56, color=[GAIN_COLOUR if v >= 0 else LOSS_COLOUR for v in values],
                     hatch=None)
        for y, value in zip(ys, values):
            ax_scen.text(value + (0.08 * reach if value >= 0 else -0.08 * reach), y, signed(value), va="center",
                         ha="left" if value >= 0 else "right", fontsize=9)
        ax_scen.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True, symmetric=True))
    for ax in (ax_self, ax_scen):
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    top.subplots_adjust(left=0.23, right=0.97, top=0.83, bottom=0.3, wspace=0.1)

    bottom.suptitle("2. Pathway timeline", x=0.02, ha="left", fontsize=13, fontweight="bold")
    ax = bottom.subplots()
    p = plan.pathway
    content = catalog.pathways
    far = [hz for hz in catalog.development_plan.horizons if hz.days >= 365]
    if p is None:
        ax.set_xlim(0, 6)
        ax.set_ylim(0, 1)
        ax.set_yticks([])
        ax.text(3, 0.5, "No pathway saved yet (lesson 02)", ha="center", va="center", fontsize=11, color="#3d4f61")
        ax.set_xlabel("Years from now", fontsize=9.5)
    else:
        for row, step in enumerate(steps):
            colour = content.kinds[step.kind].colour if content and step.kind in content.kinds else "#3d4f61"
            if step.id == "apply":
                ax.scatter([step.start], [row], marker="*", s=300, color=GOAL_COLOUR, zorder=3)
            elif step.milestone:
                ax.scatter([step.start], [row], marker="D", s=110, color=colour, edgecolors=GOAL_COLOUR,
                           linewidths=0.8, zorder=3)
            else:
                ax.barh(row, step.years, left=step.start, height=0.56, color=colour, edgecolor=GOAL_COLOUR,
                        linewidth=0.6, zorder=2)
                if step.years_high > step.years:
                    ax.barh(row, step.years_high - step.years, left=step.end, height=0.56, color="white",
                            edgecolor=colour, hatch="///", linewidth=1.1, zorder=2)
        labels = [textwrap.fill(_mpl(st.label.split(":")[0]) + (" (in progress)" if st.status == "in-progress"
                                                                 else ""), 36) for st in steps]
        ax.set_yticks(range(len(steps)), labels=labels, fontsize=9)
        ax.set_ylim(len(steps) - 0.4, -0.9)
        end = max([st.start + st.years_high for st in steps] + [far[-1].days / 365 if far else 0])
        ax.set_xlim(0, int(end) + 1)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlabel(f"Years {_mpl(p.origin)} (typical US lengths; your choices where marked)", fontsize=9.5)
        ax.set_title(_mpl(f"{p.route}: about {p.years_text} {p.origin}"), fontsize=11, loc="left")
        for hz in far:  # where the long-range goals fall on the timeline
            x = hz.days / 365
            ax.axvline(x, color="#6b7785", linestyle="--", linewidth=1, zorder=1)
            ax.text(x, -0.75, _mpl(f"{hz.short} goal"), ha="center", va="center", fontsize=8.5, color="#27333f",
                    backgroundcolor="white")
        shown = {st.kind for st in steps if st.id != "apply"}  # only the kinds this pathway has
        handles = [Patch(facecolor=style.colour, edgecolor=GOAL_COLOUR, label=_mpl(style.label))
                   for kind, style in (content.kinds.items() if content else []) if kind != "licensure"
                   and kind in shown]
        if content and "licensure" in content.kinds and "licensure" in shown:
            handles.append(Line2D([], [], marker="D", linestyle="none", markersize=8,
                                  color=content.kinds["licensure"].colour, markeredgecolor=GOAL_COLOUR,
                                  label=_mpl(content.kinds["licensure"].label)))
        handles.append(Line2D([], [], marker="*", linestyle="none", markersize=13, color=GOAL_COLOUR,
                              label="Your goal: the management application"))
        handles.append(Line2D([], [], color="#6b7785", linestyle="--", label="Your 1-, 3- and 5-year goals"
                              if len(far) == 3 else "Your long-range goals"))
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.45, -0.5 / max(len(steps), 2) - 0.12),
                  ncol=3, frameon=False, fontsize=8.5)
        ax.grid(axis="x", color="#d5dde5", zorder=0)
        ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    bottom.subplots_adjust(left=0.3, right=0.97, top=0.78, bottom=0.3 if p else 0.25)

    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return base64.b64encode(buf.getvalue()).decode("ascii"), summary_alt(plan)


def summary_alt(plan: Plan) -> str:
    """The picture in words: its alt text."""
    parts = ["Summary picture in two panels."]
    a, s, p = plan.assessment, plan.scenarios, plan.pathway
    if a is None:
        parts.append("Panel 1, competency profile: the readiness self-assessment is not taken yet.")
    elif a.takes > 1:
        parts.append("Panel 1, competency profile. Self-assessment, first take to latest take (1 to 5): "
                     + "; ".join(f"{plan.short[d]} {rating(a.first.get(d))} to {rating(a.latest.get(d))}"
                                 for d in plan.domains) + ".")
    else:
        parts.append("Panel 1, competency profile. Self-assessment (1 to 5): "
                     + "; ".join(f"{plan.short[d]} {rating(a.latest.get(d))}" for d in plan.domains) + ".")
    if s is None:
        parts.append("No scenario played yet.")
    else:
        parts.append("Net change from scenario choices: "
                     + "; ".join(f"{plan.short[d]} {signed(s.totals.get(d))}" for d in plan.domains) + ".")
    if p is None:
        parts.append("Panel 2, pathway timeline: no pathway saved yet.")
    else:
        parts.append(f"Panel 2, pathway timeline on the {p.route} route, about {p.years_text} {p.origin}: "
                     + "; ".join(p.lines()) + ".")
    return " ".join(parts)


def summary_table_html(plan: Plan, table_class: str = "plan-table stack", num_class: str = "num") -> str:
    """The picture's competency panel as a table (its text alternative; the pathway list is the other)."""
    a, s = plan.assessment, plan.scenarios
    head = ['<th scope="col">Domain</th>']
    if a is not None and a.takes > 1:
        head += ['<th scope="col">Self-rating, first take</th>', '<th scope="col">Latest take</th>',
                 '<th scope="col">Change</th>']
    elif a is not None:
        head += ['<th scope="col">Self-rating</th>']
    if s is not None:
        head += ['<th scope="col">Net change from scenario choices</th>']
    rows = []
    for d, name in plan.domains.items():
        cells = [f'<th scope="row">{esc(name)}</th>']
        if a is not None and a.takes > 1:
            cells += [f'<td class="{num_class}" data-label="First take">{rating(a.first.get(d))}</td>',
                      f'<td class="{num_class}" data-label="Latest take">{rating(a.latest.get(d))}</td>',
                      f'<td class="{num_class}" data-label="Change">{signed(a.change.get(d))}</td>']
        elif a is not None:
            cells += [f'<td class="{num_class}" data-label="Self-rating">{rating(a.latest.get(d))}</td>']
        if s is not None:
            cells += [f'<td class="{num_class}" data-label="Scenario choices">{signed(s.totals.get(d))}</td>']
        rows.append(f"<tr>{''.join(cells)}</tr>")
    if a is None and s is None:
        return ""
    return (f'<table class="{table_class}"><caption>Competency profile by HLA domain (self-ratings from 1 = Novice '
            f'to 5 = Expert; scenario choices move a domain by −2 to +2 each)</caption>'
            f'<thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


# --- Markdown ----------------------------------------------------------------------------------------

def to_markdown(plan: Plan, catalog) -> str:
    content = catalog.development_plan
    out = [f"# My development plan: {md(plan.learner or 'not signed in')}", ""]
    meta = [f"Made on {date_text(plan.made_on)} in the course *{md(catalog.course.title)}*."]
    if plan.cohort:
        meta.append(f"Cohort: {md(plan.cohort)}.")
    if plan.goals:
        meta.append(f"Review this plan by {date_text(plan.goals.review_by)}.")
    out += [" ".join(meta), ""]
    if plan.notice:
        out += [f"**Note:** {md(plan.notice)}", ""]

    out += ["## My goals", ""]
    if plan.goals:
        for g in plan.goals.goals:
            out += [f"### {md(g.label)} · {md(plan.domains.get(g.domain, g.domain))}", "",
                    f"- **Goal:** {md(g.goal)}", f"- **Next action:** {md(g.action)}", ""]
        if plan.goals.supporters:
            out += [f"**Who will help me:** {md(plan.goals.supporters)}", ""]
    else:
        out += [md(plan.missing_part("goals").text()), ""]

    out += ["## Where I start", ""]
    if plan.profile is not None:
        out += [f"- {line}" for line in (md(x) for x in _profile_lines(plan))] + [""]
    else:
        out += [md(plan.missing_part("profile").text()), ""]

    out += ["## My pathway", ""]
    if plan.pathway:
        p = plan.pathway
        out += [f"{md(p.route)}: about {md(p.years_text)} {md(p.origin)}.", ""]
        out += [f"{i}. {md(line)}" for i, line in enumerate(p.lines(), 1)] + [""]
        if p.done:
            out += [f"Already behind me: {md('; '.join(p.done))}.", ""]
    else:
        out += [md(plan.missing_part("pathway").text()), ""]

    out += ["## Competency profile", ""]
    a, s = plan.assessment, plan.scenarios
    if a:
        out += [f"Readiness self-assessment, {a.takes} {'take' if a.takes == 1 else 'takes'} "
                "(1 = Novice, 3 = Competent, 5 = Expert).", ""]
    if a or s:
        head = ["Domain"] + (["First take", "Latest take", "Change"] if a and a.takes > 1 else
                             ["Self-rating"] if a else []) + (["Scenario choices (net)"] if s else [])
        out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for d, name in plan.domains.items():
            cells = [md(name)]
            if a and a.takes > 1:
                cells += [rating(a.first.get(d)), rating(a.latest.get(d)), md(signed(a.change.get(d)))]
            elif a:
                cells += [rating(a.latest.get(d))]
            if s:
                cells += [md(signed(s.totals.get(d)))]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    if a and a.weakest:
        out += [f"Weakest domains in my latest take: {md(', '.join(plan.domains[d] for d in a.weakest))}.", ""]
    if not a:
        out += [md(plan.missing_part("self-assessment").text()), ""]
    if s and s.runs:
        out += ["Scenarios I played (latest ending):", ""]
        out += [f"- {md(r.title)} (lesson {r.lesson_number:02d}): {md(RATING_WORDS.get(r.rating, 'unfinished'))}"
                + (f", {md(r.ending)}" if r.ending else "") for r in s.runs] + [""]
    if not s:
        out += [md(plan.missing_part("scenarios").text()), ""]

    out += ["## Evidence: my experience log", ""]
    if plan.experience:
        for e in plan.experience:
            note = f" {md(e.note, single_line=True)}" if e.note else ""
            out.append(f"- **{md(e.what)}** ({MONTHS[e.month - 1]} {e.year}, "
                       f"{md(plan.domains.get(e.domain, e.domain))}).{note}")
        out.append("")
    else:
        out += [md(plan.missing_part("experience-log").text()), ""]

    if plan.certifications:
        out += ["## Certifications I checked", ""]
        out += [f"- **{md(c.abbreviation)}** ({md(c.name)}): {md(c.status)}. {md(c.summary)}"
                for c in plan.certifications]
        out += ["", "Confirm every rule with the certifying body before planning around it.", ""]

    practice = []
    if plan.sbar:
        practice += [f"### My SBAR draft: {md(plan.sbar_case)}", ""]
        for label, text in plan.sbar:
            practice += [f"**{md(label)}**", "", md_paragraphs(text), ""]
    if plan.budget_lab:
        right, answered, total = plan.budget_lab
        practice += ["### Budget lab", "", f"{answered} of {total} steps worked through, {right} right.", ""]
    if plan.change_plan:
        practice += [f"### My change plan: {md(plan.change_policy)}", ""]
        for label, text in plan.change_plan:
            practice += [f"**{md(label)}**", "", md_paragraphs(text), ""]
    if plan.run_chart:
        r = plan.run_chart
        sample = " (the sample unit's fictional data)" if r.sample else ""
        practice += [f"### My run chart: {md(r.indicator)}{sample}", "",
                     f"{r.points} months, {r.first} to {r.last}; median {md(_num(r.median))}. {md(r.summary)}", ""]
        practice += [f"- {md(line)}" for line in r.findings] + [""]
    if plan.pdsa_plan:
        practice += ["### My PDSA cycle", ""]
        for label, text in plan.pdsa_plan:
            practice += [f"**{md(label)}**", "", md_paragraphs(text), ""]
    if plan.staffing_grid:
        g = plan.staffing_grid
        practice += [f"### My staffing grid{': ' + md(g.unit) if g.unit else ''}", ""]
        practice += [f"{i}. {md(line)}" for i, line in enumerate(g.steps, 1)] + [""]
    if practice:
        out += ["## Practice work", ""] + practice

    out += ["## My reflections", ""]
    if plan.reflections:
        for r in plan.reflections:
            out += [f"### Lesson {r.number:02d}: {md(r.title)}", "", md_paragraphs(r.text), ""]
    else:
        out += [md(plan.missing_part("reflections").text()), ""]

    if plan.missing:
        out += ["## Still to do", ""] + [f"- {md(m.text())}" for m in plan.missing] + [""]
    if content.discussion_prompts:
        out += ["## For the conversation with my mentor", ""]
        out += [f"- {md(q)}" for q in content.discussion_prompts] + [""]
    out += ["---", "", md(content.export_note), ""]
    return "\n".join(out)


def _profile_lines(plan: Plan) -> list[str]:
    from course.engine.profile import DEGREES

    p = plan.profile
    lines = [p.describe() + ".",
             "Degrees: " + ("; ".join(DEGREES[d] for d in p.degrees) or "none yet") + ".",
             f"Clinical license: {'yes' if p.licensed else 'not yet'}. "
             f"Leadership roles so far: {'yes' if p.leadership_roles else 'not yet'}.",
             f"Time for my development: about {format_number(p.hours_per_week)} hours a week."]
    if p.goals:
        lines.append(f"In my own words, when I started: {p.goals}")
    return lines


# --- HTML ---------------------------------------------------------------------------------------------

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #14202b; background: #ffffff; line-height: 1.5; margin: 0; }
.page { max-width: 58rem; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
.doc-head { border-bottom: 3px solid #1f5f8b; padding-bottom: 0.8rem; margin-bottom: 1.2rem; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.8rem; color: #3d4f61; margin: 0; }
h1 { font-size: 1.9rem; margin: 0.2rem 0 0.3rem; }
h2 { font-size: 1.3rem; margin: 1.8rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 1px solid #c9d3de; }
h3 { font-size: 1.05rem; margin: 1.1rem 0 0.3rem; }
.who { font-size: 1.05rem; margin: 0.2rem 0; }
.meta, .hint { color: #3d4f61; font-size: 0.92rem; }
.notice { background: #fff5d6; border: 1px solid #d9b64f; padding: 0.5rem 0.8rem; border-radius: 4px; }
.print-hint { background: #e8f0fb; border: 1px solid #9db8de; color: #1b3d66; padding: 0.4rem 0.8rem;
  border-radius: 4px; display: inline-block; font-size: 0.92rem; }
table.plan-table { border-collapse: collapse; width: 100%; margin: 0.6rem 0 1rem; font-size: 0.95rem; }
.plan-table caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
.plan-table th, .plan-table td { border-bottom: 1px solid #d5dde5; padding: 0.35rem 0.55rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
.plan-table thead th { background: #eef2f6; }
.plan-table .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.goals th[scope="row"] { width: 8.5rem; }
.goals td:nth-child(2) { width: 34%; }
.goals td:nth-child(4) { width: 40%; }
.domain { display: inline-block; border: 1px solid #8a99a8; border-radius: 999px; padding: 0 0.5rem;
  font-size: 0.85rem; background: #f4f7fa; white-space: nowrap; }
figure { margin: 0.8rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #d5dde5; }
figcaption { color: #3d4f61; font-size: 0.9rem; }
ol.steps li, ul.plain li { margin: 0.2rem 0; }
.learner-text { white-space: normal; overflow-wrap: break-word; word-break: break-word; }
blockquote { margin: 0.3rem 0 0.8rem; padding: 0.2rem 0 0.2rem 0.9rem; border-left: 3px solid #c9d3de; }
dl.fields dt { font-weight: 600; margin-top: 0.5rem; }
dl.fields dd { margin: 0.1rem 0 0 0; }
.missing li { margin: 0.2rem 0; }
footer { margin-top: 2.5rem; border-top: 1px solid #c9d3de; padding-top: 0.6rem; color: #3d4f61;
  font-size: 0.88rem; }
@media (max-width: 40rem) {  /* a phone: tables become one block per row, each cell with its name */
  .page { padding: 1rem; }
  table.stack, table.stack tbody, table.stack tr, table.stack th, table.stack td { display: block;
    width: auto !important; text-align: left; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack tr { border-bottom: 1px solid #c9d3de; padding: 0.4rem 0; }
  table.stack th, table.stack td { border: none; padding: 0.1rem 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  table.stack caption { display: block; }
  .plan-table.stack td.num { text-align: left; }
  .domain { white-space: normal; }
}
@page { margin: 15mm 14mm; }
@media print {
  body { font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  .print-hint { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  section.keep, figure, tr, blockquote, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  figure img { border: none; }
  .plan-table thead th { background: #eef2f6 !important; -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


def _missing_line(plan: Plan, part: str) -> str:
    m = plan.missing_part(part)
    return f'<p class="hint">{esc(m.text())}</p>' if m else ""


def to_html(plan: Plan, catalog, picture: tuple[str, str] | None = None) -> str:
    """The plan as one self-contained, printable HTML page. `picture` is summary_picture()'s result
    (drawn here when not given)."""
    content = catalog.development_plan
    png, alt = picture if picture is not None else summary_picture(plan, catalog)
    name = plan.learner or "not signed in"
    meta = [f"Made on {date_text(plan.made_on)}"]
    if plan.cohort:
        meta.append(f'cohort <span dir="auto">{h(plan.cohort)}</span>')
    if plan.goals:
        meta.append(f"review by <strong>{date_text(plan.goals.review_by)}</strong>")
    body = []

    # Goals first: they are what the conversation is about.
    goals = ['<section id="goals"><h2>My goals</h2>']
    if plan.goals:
        rows = "".join(
            f'<tr><th scope="row">{esc(g.label)}</th><td class="learner-text" dir="auto" data-label="Goal">'
            f'{h(g.goal)}</td><td data-label="Domain"><span class="domain">{esc(plan.short.get(g.domain, g.domain))}'
            f'</span></td><td class="learner-text" dir="auto" data-label="Next action">{h(g.action)}</td></tr>'
            for g in plan.goals.goals)
        goals.append('<table class="plan-table goals stack"><caption>Each goal with the HLA domain it builds and the '
                     'next action</caption><thead><tr><th scope="col">When</th><th scope="col">Goal</th>'
                     '<th scope="col">Domain</th><th scope="col">Next action</th></tr></thead>'
                     f'<tbody>{rows}</tbody></table>')
        if plan.goals.supporters:
            goals.append(f'<p><strong>Who will help me:</strong> <span class="learner-text" dir="auto">'
                         f'{h(plan.goals.supporters)}</span></p>')
        goals.append(f'<p class="hint">Review this plan by {date_text(plan.goals.review_by)}, '
                     f'{content.review_days} days after the goals were saved.</p>')
    else:
        goals.append(_missing_line(plan, "goals"))
    body.append("".join(goals) + "</section>")

    # The picture and its text alternative.
    pathway_list = ""
    if plan.pathway:
        pathway_list = ('<ol class="steps">' + "".join(f"<li>{esc(line)}</li>" for line in plan.pathway.lines())
                        + "</ol>")
    body.append(
        '<section id="picture"><h2>The picture: my competencies and my pathway</h2>'
        f'<figure><img src="data:image/png;base64,{png}" alt="{esc(alt)}">'
        '<figcaption>Panel 1: the readiness self-assessment (first and latest take) and the net change from '
        'scenario choices per HLA domain. Panel 2: the saved pathway, with the 1-, 3- and 5-year goals marked. '
        'The same figures are in the table and the pathway list below.</figcaption></figure>'
        + summary_table_html(plan) + "</section>")

    start = ['<section id="start" class="keep"><h2>Where I start</h2>']
    if plan.profile is not None:
        start.append('<ul class="plain">' + "".join(
            f'<li class="learner-text" dir="auto">{h(line)}</li>' for line in _profile_lines(plan)) + "</ul>")
    else:
        start.append(_missing_line(plan, "profile"))
    body.append("".join(start) + "</section>")

    path = ['<section id="pathway"><h2>My pathway</h2>']
    if plan.pathway:
        p = plan.pathway
        path.append(f"<p><strong>{esc(p.route)}</strong>: about {esc(p.years_text)} {esc(p.origin)} "
                    "(typical US lengths and my own choices; check each program).</p>" + pathway_list)
        if p.done:
            path.append(f"<p>Already behind me: {esc('; '.join(p.done))}.</p>")
    else:
        path.append(_missing_line(plan, "pathway"))
    body.append("".join(path) + "</section>")

    comp = ['<section id="competencies"><h2>Competency profile</h2>']
    a, s = plan.assessment, plan.scenarios
    if a:
        taken = f"{a.takes} {'take' if a.takes == 1 else 'takes'}"
        when = ""
        if a.first_at and a.latest_at and a.takes > 1:
            first_day, latest_day = a.first_at.date(), a.latest_at.date()
            when = (f", both on {date_text(first_day)}" if first_day == latest_day
                    else f", from {date_text(first_day)} to {date_text(latest_day)}")
        comp.append(f"<p>Readiness self-assessment: {taken}{when}. The table is with the picture above.</p>")
        if a.weakest:
            comp.append(f"<p>Weakest domains in the latest take: <strong>"
                        f"{esc(', '.join(plan.domains[d] for d in a.weakest))}</strong>.</p>")
    else:
        comp.append(_missing_line(plan, "self-assessment"))
    if s and s.runs:
        comp.append("<h3>Scenarios played</h3><ul class='plain'>" + "".join(
            f"<li>{esc(r.title)} (lesson {r.lesson_number:02d}): {esc(RATING_WORDS.get(r.rating, 'unfinished'))}"
            + (f", “{esc(r.ending)}”" if r.ending else "") + "</li>" for r in s.runs) + "</ul>")
    if not s:
        comp.append(_missing_line(plan, "scenarios"))
    body.append("".join(comp) + "</section>")

    ev = ['<section id="evidence"><h2>Evidence: my experience log</h2>']
    if plan.experience:
        rows = "".join(
            f'<tr><td class="num">{MONTHS[e.month - 1][:3]} {e.year}</td>'
            f'<td class="learner-text" dir="auto"><strong>{h(e.what)}</strong>'
            + (f'<br>{h_lines(e.note)}' if e.note else "")
            + f'</td><td data-label="Domain"><span class="domain">{esc(plan.short.get(e.domain, e.domain))}</span>'
            f'</td></tr>' for e in plan.experience)
        ev.append('<table class="plan-table stack"><caption>Leadership experiences, newest first</caption><thead><tr>'
                  '<th scope="col">When</th><th scope="col">What I did</th><th scope="col">Domain</th></tr></thead>'
                  f'<tbody>{rows}</tbody></table>')
    else:
        ev.append(_missing_line(plan, "experience-log"))
    body.append("".join(ev) + "</section>")

    if plan.certifications:
        rows = "".join(f'<tr><th scope="row">{esc(c.abbreviation)}</th><td data-label="Status">{esc(c.status)}</td>'
                       f'<td>{esc(c.summary)}</td></tr>' for c in plan.certifications)
        body.append('<section id="certifications" class="keep"><h2>Certifications I checked</h2>'
                    '<table class="plan-table stack"><caption>On what I entered in lesson 04; confirm every rule with the '
                    'certifying body</caption><thead><tr><th scope="col">Certification</th><th scope="col">Status</th>'
                    f'<th scope="col">What it takes</th></tr></thead><tbody>{rows}</tbody></table></section>')

    practice = []
    if plan.sbar:
        items = "".join(f'<dt>{esc(label)}</dt><dd class="learner-text" dir="auto">{h_lines(text)}</dd>'
                        for label, text in plan.sbar)
        practice.append(f'<h3>My SBAR draft: {esc(plan.sbar_case)}</h3><dl class="fields">{items}</dl>')
    if plan.budget_lab:
        right, answered, total = plan.budget_lab
        practice.append(f"<h3>Budget lab</h3><p>{answered} of {total} steps worked through, {right} right.</p>")
    if plan.change_plan:
        items = "".join(f'<dt>{esc(label)}</dt><dd class="learner-text" dir="auto">{h_lines(text)}</dd>'
                        for label, text in plan.change_plan)
        practice.append(f'<h3>My change plan: {esc(plan.change_policy)}</h3><dl class="fields">{items}</dl>')
    if plan.run_chart:
        r = plan.run_chart
        sample = " (the sample unit's fictional data)" if r.sample else ""
        practice.append(f'<h3>My run chart: <span class="learner-text" dir="auto">{h(r.indicator)}</span>{sample}</h3>'
                        f'<p>{r.points} months, {esc(r.first)} to {esc(r.last)}; median {esc(_num(r.median))}. '
                        f'{esc(r.summary)}</p><ul class="plain">'
                        + "".join(f"<li>{h(line)}</li>" for line in r.findings) + "</ul>")
    if plan.pdsa_plan:
        items = "".join(f'<dt>{esc(label)}</dt><dd class="learner-text" dir="auto">{h_lines(text)}</dd>'
                        for label, text in plan.pdsa_plan)
        practice.append(f'<h3>My PDSA cycle</h3><dl class="fields">{items}</dl>')
    if plan.staffing_grid:
        g = plan.staffing_grid
        unit = f': <span class="learner-text" dir="auto">{h(g.unit)}</span>' if g.unit else ""
        practice.append(f'<h3>My staffing grid{unit}</h3><ol class="steps">'
                        + "".join(f"<li>{h(line)}</li>" for line in g.steps) + "</ol>")
    if practice:
        body.append('<section id="practice"><h2>Practice work</h2>' + "".join(practice) + "</section>")

    refl = ['<section id="reflections"><h2>My reflections</h2>']
    if plan.reflections:
        for r in plan.reflections:
            refl.append(f'<h3>Lesson {r.number:02d}: {esc(r.title)}</h3>'
                        f'<blockquote class="learner-text" dir="auto"><p>{h_lines(r.text)}</p></blockquote>')
    else:
        refl.append(_missing_line(plan, "reflections"))
    body.append("".join(refl) + "</section>")

    if plan.missing:
        body.append('<section id="missing" class="keep"><h2>Still to do</h2><ul class="missing">'
                    + "".join(f"<li>{esc(m.text())}</li>" for m in plan.missing) + "</ul></section>")
    if content.discussion_prompts:
        body.append('<section id="discuss" class="keep"><h2>For the conversation with my mentor</h2><ul class="plain">'
                    + "".join(f"<li>{esc(q)}</li>" for q in content.discussion_prompts) + "</ul></section>")

    notice = f'<p class="notice" role="note">{esc(plan.notice)}</p>' if plan.notice else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>Development plan: {h(name)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<div class="page">\n'
        f'<header class="doc-head"><p class="eyebrow">{esc(catalog.course.title)} · personal development plan</p>'
        f'<h1>My development plan</h1><p class="who"><span dir="auto">{h(name)}</span></p>'
        f'<p class="meta">{" · ".join(meta)}</p>'
        '<p class="print-hint">To keep a PDF copy, use your browser\'s Print command and choose “Save as PDF”.</p>'
        f'{notice}</header>\n<main>\n' + "\n".join(body) + '\n</main>\n'
        f'<footer><p>{esc(content.export_note)}</p><p>Made with the course “{esc(catalog.course.title)}”. '
        'Only the learner and, in a cohort, their mentor can see the answers it is built from.</p></footer>\n'
        '</div>\n</body>\n</html>\n')


# --- download links --------------------------------------------------------------------------------------

def download_links(markdown: str, html_page: str) -> str:
    """Two download links with the documents inline as data: URIs (nothing leaves the kernel)."""
    html_b64 = base64.b64encode(html_page.encode("utf-8")).decode("ascii")
    md_b64 = base64.b64encode(markdown.encode("utf-8")).decode("ascii")
    return (f'<ul class="course-downloads">'
            f'<li><a class="course-download" download="{HTML_FILENAME}" href="data:text/html;base64,{html_b64}">'
            f'Download my plan as a web page ({HTML_FILENAME})</a> <span class="course-hint">— opens in any browser; '
            f'print it or “Save as PDF” from there.</span></li>'
            f'<li><a class="course-download" download="{MD_FILENAME}" '
            f'href="data:text/markdown;charset=utf-8;base64,{md_b64}">Download my plan as Markdown ({MD_FILENAME})</a>'
            f' <span class="course-hint">— plain text to edit or paste into a document.</span></li></ul>')
