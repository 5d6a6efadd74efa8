"""Small pieces every widget shares: escaping, status lines and the course's look."""
from __future__ import annotations

import itertools

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from course.kernel_errors import rejected  # noqa: F401  (widgets import it from here too)
from course.paths import CSS_FILE
from course.save_limits import TEXT_MAX_CHARS
from course.text import esc  # noqa: F401  (widgets import it from here too)


# Every widget is a model in the browser, and so are its Layout and its style: a page of forty
# widgets each with its own would send three times as many models as it has controls. Widgets that
# never change their own layout or style share one of each per kernel (see `shared`). Hiding and
# showing then goes through a class (`show`), never through a shared layout.
_SHARED: dict[str, w.Widget] = {}
_MAKERS = {
    "layout": lambda: w.Layout(),
    "wide": lambda: w.Layout(width="100%"),
    "html": lambda: HTMLStyle(),
    "button": lambda: w.ButtonStyle(),
    "description": lambda: DescriptionStyle(),
    "description-initial": lambda: DescriptionStyle(description_width="initial"),
    "checkbox": lambda: CheckboxStyle(),
    "text": lambda: TextStyle(description_width="initial"),
}


def shared(kind: str) -> w.Widget:
    """The kernel's one Layout or style model of this kind (made again if something closed it)."""
    model = _SHARED.get(kind)
    if model is None or model.comm is None:
        model = _SHARED[kind] = _MAKERS[kind]()
    return model


HIDDEN = "course-hidden"  # assets/css/course.css: display none


def show(widget: w.DOMWidget, visible: bool = True) -> None:
    (widget.remove_class if visible else widget.add_class)(HIDDEN)


def shown(widget: w.DOMWidget) -> bool:
    return HIDDEN not in widget._dom_classes


def button(description: str, primary: bool = False, **kwargs) -> w.Button:
    """A button sharing the page's layout and style models."""
    return w.Button(description=description, button_style="primary" if primary else "",
                    layout=shared("layout"), style=shared("button"), **kwargs)


def html_box(value: str = "", *classes: str) -> w.HTML:
    box = w.HTML(value=value, layout=shared("layout"), style=shared("html"))
    for cls in classes:
        box.add_class(cls)
    return box


class LazyHTML:
    """An HTML model made only when it first has something to show: `value` reads and writes as on
    an HTML widget; `added(model)` is called once the model exists, to put it in its place."""

    def __init__(self, added, *classes: str):
        self.widget: w.HTML | None = None
        self._added, self._classes = added, classes

    @property
    def value(self) -> str:
        return self.widget.value if self.widget is not None else ""

    @value.setter
    def value(self, html: str) -> None:
        if self.widget is None:
            if not html:
                return
            self.widget = html_box(html, *self._classes)
            self._added(self.widget)
        else:
            self.widget.value = html


def vbox(children=(), *classes: str) -> w.VBox:
    box = w.VBox(children=list(children), layout=shared("layout"))
    for cls in classes:
        box.add_class(cls)
    return box


def hbox(children=(), *classes: str) -> w.HBox:
    box = w.HBox(children=list(children), layout=shared("layout"))
    for cls in classes:
        box.add_class(cls)
    return box


def card(children, *classes: str) -> w.VBox:
    return vbox(children, "course-card", *classes)


def actions(*children) -> w.HBox:
    """A row of a button and its status line that wraps on a narrow screen (class course-actions)."""
    return hbox(children, "course-actions")


def status_html(kind: str, text: str) -> str:
    """A live status line; the symbol and the words carry the meaning, not the colour alone."""
    symbol = {"ok": "✓", "bad": "✗", "info": "ℹ", "warn": "⚠"}.get(kind, "")
    return (f'<div class="course-status course-status-{kind}" role="status">'
            f'<span aria-hidden="true">{symbol}</span> {esc(text)}</div>')


def save_note(status: str) -> str:
    if status == "saved":
        return "Saved to your progress."
    if status == "too-fast":
        return ("Not saved: that was a lot of saving in a few seconds. Wait a moment and save again; "
                "what you wrote is kept on this page.")
    if status == "too-long":
        return (f"Not saved: one text is longer than {TEXT_MAX_CHARS:,} characters. Shorten it and save "
                "again; what you wrote is kept on this page.")
    return "Not saved yet: it is kept on this page and saved as soon as you sign in or the store is back."


def problems_html(problems) -> str:
    """What to fix, one line per field, as a list (escaped)."""
    return '<ul class="course-form-problems">' + "".join(f"<li>{esc(p)}</li>" for p in problems) + "</ul>"


class Draft:
    """What a learner typed before a refused save, kept as its own event (kind "draft", item
    "<item>/draft") so it comes back after a reload or a kernel crash. The next save that goes
    through clears it; the saved item itself only ever holds what was accepted."""

    def __init__(self, session, lesson: str, item: str):
        from course.keys import DRAFT as DRAFT_SUFFIX

        self.session, self.lesson, self.item = session, lesson, item + DRAFT_SUFFIX
        self._held: bool | None = None  # unknown until read or written
        self._kept: dict | None = None

    def keep(self, values: dict) -> str | None:
        if self._held and values == self._kept:
            return None  # the same refused text again: stored once
        self._held, self._kept = True, values
        return self.session.record(lesson=self.lesson, item=self.item, kind="draft", response={"values": values})

    def clear(self) -> None:
        if self._held is None:
            self.load()
        if self._held:
            self.session.record(lesson=self.lesson, item=self.item, kind="draft", response={"values": None})
            self._held = False

    def load(self) -> dict | None:
        saved = self.session.state(self.lesson).get(self.item)
        response = saved.get("response") if saved else None
        values = response.get("values") if isinstance(response, dict) else None
        self._held = isinstance(values, dict)
        return values if self._held else None


CHOOSE = "Choose…"  # a dropdown's first option: nothing is chosen for the learner


def choice_dropdown(options, description: str, **kwargs) -> w.Dropdown:
    """A dropdown of (label, value) options that starts on “Choose…” (value None)."""
    return w.Dropdown(options=[(CHOOSE, None), *options], index=0, description=description, **kwargs)


KEPT_NOTE = "What you typed is kept here, also if you reload."  # after a save refused for something to fix
DRAFT_NOTE = ("Not saved yet: what you typed is kept here, and comes back if you reload, until you "
              "save it. Please fix:")
_table_ids = itertools.count(1)


def scroll_table(title: str, table: str, hint: str = "") -> str:
    """A table with its title above it, in a focusable region that scrolls sideways when the table is
    wider than the screen; the page then shows the hint above it (the page template decides)."""
    hint = hint or "Wider than your screen: swipe the table sideways, or select it and use the arrow keys."
    title_id = f"course-table-{next(_table_ids)}"
    table = table.replace("<table ", f'<table aria-labelledby="{title_id}" ', 1)
    return (f'<div class="course-table-wrap"><p class="course-table-title" id="{title_id}">{esc(title)}</p>'
            f'<p class="course-table-hint"><span aria-hidden="true">↔</span> {esc(hint)}</p>'
            f'<div class="course-table-scroll" role="region" aria-labelledby="{title_id}" tabindex="0">'
            f'{table}</div></div>')


def theme_css() -> str:
    try:
        return CSS_FILE.read_text(encoding="utf-8")
    except OSError:
        return ""


def drawn_png(draw, figsize: tuple[float, float], sample_inputs=None) -> bytes:
    """A chart as PNG bytes: `draw(ax)` draws on a new figure's axes.
    matplotlib is imported here, when a chart is drawn (deliberately lazy: it is slow to import),
    and without pyplot: a Figure of its own needs no global figure manager to import or to close.
    A chart of the course's own sample data passes what it draws as `sample_inputs`: it is then
    drawn once and kept (course/ui/figure_cache.py). Never pass a learner's data."""
    if sample_inputs is not None:
        from course.ui import figure_cache

        name = figure_cache.key([draw.__code__.co_filename, __file__], figsize, sample_inputs)
        png = figure_cache.get(name)
        if png is None:
            png = drawn_png(draw, figsize)
            figure_cache.put(name, png)
        return png
    import io

    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=110)
    draw(fig.subplots())
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")  # drawn by the Agg canvas Figure brings
    return buffer.getvalue()
