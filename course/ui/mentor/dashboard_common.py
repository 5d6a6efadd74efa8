"""Small pieces every dashboard tab shares: dates in the server's calendar, counts in words,
percentages, bars, tables, and the pager that keeps a 1,000-learner table to 50 rows at a time."""
from __future__ import annotations

import base64
import io
import math

import ipywidgets as w

from course.mentor.analytics import local_date
from course.ui.common import esc, html_box

PAGE_SIZE = 50


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 event', '2 events', '1,000 learners': the count and the noun that agrees with it."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def pct(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:.0%}"


def date_text(stamp) -> str:
    """The calendar date of a stored time, in the server's zone (the same calendar as "today")."""
    day = local_date(stamp)
    return "—" if day is None else day.isoformat()


def ago_text(days) -> str:
    """Calendar days since, in words: 'today', 'yesterday', '3 days ago'."""
    if days is None or days != days:
        return ""
    days = int(days)
    return "today" if days == 0 else ("yesterday" if days == 1 else f"{days} days ago")


def bar(share, kind: str = "pos") -> str:
    if share is None or share != share:  # nothing to show (NaN)
        return ""
    width = int(round(max(0.0, min(1.0, share)) * 80))
    return f'<span class="course-bar course-bar-{kind}" style="width:{width}px" aria-hidden="true"></span>'


def table(caption: str, head: list[str], rows: list[str], cls: str = "course-table") -> str:
    cols = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = "".join(rows) or f'<tr><td colspan="{len(head)}">Nothing yet.</td></tr>'
    return (f'<table class="{cls}"><caption>{caption}</caption><thead><tr>{cols}</tr></thead>'
            f'<tbody>{body}</tbody></table>')


def demo_tag(is_demo) -> str:
    return ' <span class="course-badge course-badge-demo">demo</span>' if is_demo else ""


def chart_png(fig) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt  # lazy: only the competency tab draws a chart

    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def link_button(text: str, tooltip: str, on_click) -> w.Button:
    """A button that looks like a link: a name a mentor clicks to open that learner."""
    button = w.Button(description=text[:80], tooltip=tooltip[:200], layout=w.Layout(width="auto", flex="0 0 auto"))
    button.add_class("course-link-button")
    button.on_click(lambda _b: on_click())
    return button


class Pager(w.VBox):
    """A table shown PAGE_SIZE rows at a time, with previous / next buttons. render_rows(chunk,
    start) returns the markup of one page, or a list of widgets (rows with buttons in them)."""

    def __init__(self, render_rows, label: str, page_size: int = PAGE_SIZE):
        super().__init__()
        self.render_rows, self.label, self.page_size = render_rows, label, page_size
        self.rows: list = []
        self.page = 0
        self.html = html_box()
        self.body = w.VBox([self.html])
        self.prev = w.Button(description="Previous rows", tooltip=f"Previous {page_size} rows of {label}")
        self.next = w.Button(description="Next rows", tooltip=f"Next {page_size} rows of {label}")
        self.where = html_box()
        self.prev.on_click(lambda _b: self.turn(-1))
        self.next.on_click(lambda _b: self.turn(1))
        self.add_class("course-pager")
        self.children = [self.body, w.HBox([self.prev, self.next, self.where])]

    def show(self, rows: list) -> None:
        self.rows, self.page = rows, 0
        self.draw()

    def turn(self, step: int) -> None:
        pages = max(1, math.ceil(len(self.rows) / self.page_size))
        self.page = max(0, min(pages - 1, self.page + step))
        self.draw()

    def draw(self) -> None:
        start = self.page * self.page_size
        chunk = self.rows[start:start + self.page_size]
        drawn = self.render_rows(chunk, start)
        if isinstance(drawn, str):
            self.html.value = drawn
            self.body.children = [self.html]
        else:
            self.html.value = ""
            self.body.children = list(drawn)
        total = len(self.rows)
        self.prev.disabled = self.page == 0
        self.next.disabled = start + self.page_size >= total
        shown = f"{start + 1}–{start + len(chunk)}" if chunk else "0"
        self.where.value = f'<span class="course-muted" role="status">{esc(self.label)}: rows {shown} of {total:,}</span>'


MAX_MATCHES = 200  # learners offered at once in a learner picker


def learner_options(data, needle: str = ""):
    """A learner picker's options (name order, the first MAX_MATCHES whose name holds `needle`)
    and how many matched in all."""
    people = data.learners.sort_values("name", key=lambda s: s.str.casefold())
    if needle:
        people = people[people["name"].str.casefold().str.contains(needle.casefold(), regex=False)]
    shown = people.head(MAX_MATCHES)
    options = [("Choose a learner…", "")] + [(str(r.name), r.learner_id) for r in shown.itertuples(index=False)]
    return options, len(people)


class DashboardTab(w.VBox):
    """One of the dashboard's data tabs: its children are what `_build()` makes of the catalog and
    the cohort's data."""

    def __init__(self, catalog, data):
        super().__init__()
        self.catalog, self.data = catalog, data
        self.children = self._build()

    def _build(self) -> list:
        raise NotImplementedError
