"""Charts of the sample data are drawn once and kept; a learner's chart never is; a damaged or
unwritable cache only means drawing again."""
import base64
import json
import re
import subprocess
import sys

import pytest

from course.engine import budget
from course.paths import PROJECT_DIR
from course.ui import figure_cache
from course.ui.common import drawn_png
from course.ui.learner.budget_lab import BudgetChart, chart_html


@pytest.fixture
def cache(tmp_path, monkeypatch):
    path = tmp_path / "figures.cache"
    monkeypatch.setattr(figure_cache, "FIGURE_CACHE", path)
    return path


@pytest.fixture(scope="module")
def content(cat):
    return cat.operations


def picture(html: str) -> str:
    """The chart's image, as the page embeds it (the rest of the card numbers its tables afresh)."""
    return re.search(r'src="(data:image/png;base64,[^"]+)"', html).group(1)


def entries(path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}


def test_the_sample_chart_is_drawn_once_then_read(cache, content, monkeypatch):
    frame = budget.load_budget()
    first = picture(chart_html(frame, content, keep=True))
    assert len(entries(cache)) == 1

    def no_drawing(*_args, **_kwargs):
        raise AssertionError("the kept chart was drawn again")

    monkeypatch.setattr("matplotlib.figure.Figure", no_drawing)
    assert picture(chart_html(frame, content, keep=True)) == first  # the same picture, from the file


def test_the_lesson_card_keeps_the_sample_chart_and_not_a_given_frame(cache, content):
    frame = budget.load_budget()
    BudgetChart(content, frame.head(3))  # a frame of its own (a test's, a tampered file's): drawn, not kept
    assert entries(cache) == {}
    BudgetChart(content)
    assert len(entries(cache)) == 1


def test_other_numbers_or_words_draw_afresh(cache, content):
    frame = budget.load_budget()
    chart_html(frame, content, keep=True)
    changed = frame.copy()
    changed.loc[0, "actual_worked_labor_cost"] += 1000
    chart_html(changed, content, keep=True)
    renamed = content.model_copy(update={"unit": content.unit.model_copy(update={"name": "5 West"})})
    chart_html(frame, renamed, keep=True)
    assert len(entries(cache)) == 3


def test_a_chart_without_sample_inputs_is_never_kept(cache):
    png = drawn_png(lambda ax: ax.bar([0, 1], [3, 4]), (4, 3))  # e.g. a learner's own ratings
    assert png.startswith(b"\x89PNG") and not cache.exists()


@pytest.mark.parametrize("damage", ["not json", json.dumps(["a list"]),
                                    None])  # None: an entry that is not a PNG
def test_a_damaged_cache_means_drawing_again(cache, content, damage):
    frame = budget.load_budget()
    good = picture(chart_html(frame, content, keep=True))
    if damage is None:
        cache.write_text(json.dumps({k: base64.b64encode(b"<script>").decode() for k in entries(cache)}))
    else:
        cache.write_text(damage)
    assert picture(chart_html(frame, content, keep=True)) == good


def test_an_unwritable_cache_still_draws(tmp_path, monkeypatch, content):
    monkeypatch.setattr(figure_cache, "FIGURE_CACHE", tmp_path / "missing-folder" / "figures.cache")
    assert "data:image/png;base64," in chart_html(budget.load_budget(), content, keep=True)


def test_course_check_draws_the_sample_chart_ahead_so_a_lesson_kernel_needs_no_matplotlib():
    subprocess.run([sys.executable, "-m", "course.cli.main", "check"], cwd=PROJECT_DIR, check=True,
                   capture_output=True)
    code = ("import sys; from course.pages import tools; tools.budget_chart(); "
            "print('matplotlib' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, check=True, capture_output=True,
                           text=True)
    assert shown.stdout.strip() == "False", shown.stderr[-2000:]


def test_old_entries_give_way_to_new_ones(cache):
    png = drawn_png(lambda ax: ax.bar([0], [1]), (2, 2))
    for n in range(figure_cache.KEEP + 3):
        figure_cache.put(f"entry-{n}", png)
    kept = list(entries(cache))
    assert kept == [f"entry-{n}" for n in range(3, figure_cache.KEEP + 3)]  # the newest, the oldest gone
