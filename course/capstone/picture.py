"""The summary picture: the competency profile (readiness self-assessment, first and latest take;
the net change from scenario choices) above the pathway timeline, as a PNG, and the same picture in
words (its alt text). matplotlib loads only when a picture is drawn.
"""
from __future__ import annotations

import base64
import io
import textwrap

from course.capstone.formatting import rating, signed
from course.capstone.model import Plan

FIRST_COLOUR, LATEST_COLOUR = "#b9c4cf", "#1f5f8b"
GAIN_COLOUR, LOSS_COLOUR = "#2e7d4f", "#b3261e"
GOAL_COLOUR = "#14202b"


def _mpl(text: str) -> str:
    """Text for matplotlib: a `$` would start mathtext."""
    return str(text).replace("$", r"\$")


def summary_picture(plan: Plan, catalog) -> tuple[str, str]:
    """The competency profile (self-assessment first and latest take; net scenario change) above the
    pathway timeline, as a base64 PNG, and its alt text."""
    # matplotlib loads here, when a picture is drawn, and never with the module (it takes a second)
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

    a = plan.self_assessment
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
    a, s, p = plan.self_assessment, plan.scenarios, plan.pathway
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
