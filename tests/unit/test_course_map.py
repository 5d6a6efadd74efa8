"""Lesson 00's course map picture: drawn from course.yaml, described in words, with each learner's
status; and the map section of course.yaml checked like all content."""
import re
import shutil

import pytest
import yaml

from course import catalog
from course.catalog import CONTENT_DIR, NOTEBOOK_DIR, ContentError
from course.widgets.course_map import CourseMapView, layout, svg, svg_tall


@pytest.fixture(scope="module")
def cat():
    return catalog.load()


def test_every_lesson_is_a_stop_in_order_on_a_serpentine(cat):
    placed = layout(cat.course)
    assert [s["lesson"].id for s in placed] == [lesson.id for lesson in cat.course.lessons]
    first_row = [s for s in placed if s["row"] == 0]
    second_row = [s for s in placed if s["row"] == 1]
    assert [s["x"] for s in first_row] == sorted(s["x"] for s in first_row)  # left to right
    assert [s["x"] for s in second_row] == sorted((s["x"] for s in second_row), reverse=True)  # and back
    assert first_row[-1]["x"] == second_row[0]["x"]  # the road turns under the last stop


def test_picture_has_a_title_a_description_and_every_label(cat):
    picture = svg(cat, {}, signed_in=False, here="start-here")
    assert 'role="img"' in picture and re.search(r'aria-labelledby="cm-title-\d+ cm-desc-\d+"', picture)
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", picture).group(1)
    assert desc.startswith("Course map: ") and "you are here" in desc
    for part in cat.course.map:
        assert part.title in picture and part.title in desc
        for stop in part.stops:
            assert f">{stop.label}<" in picture
    planned = [lesson for lesson in cat.course.lessons if lesson.status == "planned"]
    if planned:
        assert "in preparation" in desc


def test_narrow_screens_get_a_tall_drawing_of_the_same_map(cat, session):
    tall = svg_tall(cat, {}, signed_in=False, here="start-here")
    wide_desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg(cat, {}, signed_in=False, here="start-here")).group(1)
    assert re.search(r"<desc[^>]*>(.*?)</desc>", tall).group(1).startswith(wide_desc.split(" The road")[0])
    for part in cat.course.map:
        for stop in part.stops:
            assert f">{stop.label}<" in tall
    html = CourseMapView(cat, session).html.value
    ids = re.findall(r'id="(cm-[a-z]+-\d+)"', html)
    assert len(ids) == 4 and len(set(ids)) == 4  # two drawings, each with its own title and description
    assert 'class="course-map-wide"' in html and 'class="course-map-tall"' in html


def test_status_follows_the_learner(cat, session):
    view = CourseMapView(cat, session, here="start-here")
    assert "not started" in view.html.value or "complete" in view.html.value
    session.record(lesson="the-role", item="the-role/reflection", kind="reflection", response={"text": "hi"})
    assert "in progress" in view.html.value  # redrawn on every change


def test_labels_are_escaped(cat):
    hostile = cat.course.model_copy(update={"map": [
        part.model_copy(update={"title": "<b>Part</b>"}) for part in cat.course.map]})
    picture = svg(cat.model_copy(update={"course": hostile}), {}, signed_in=False)
    assert "<b>" not in picture and "&lt;b&gt;Part&lt;/b&gt;" in picture


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    return root


@pytest.mark.parametrize("change, reason", [
    (lambda m: m[1]["stops"].append({"lesson": "juggling", "label": "Juggling"}), "map: unknown lesson 'juggling'"),
    (lambda m: m[1]["stops"].pop(), "map: list every lesson once, in the order of 'lessons'"),
    (lambda m: m.reverse(), "map: list every lesson once, in the order of 'lessons'"),
    (lambda m: m[0]["stops"][0].update(label=""), "at least 1 character"),
])
def test_bad_map_is_named(content, change, reason):
    path = content / "course.yaml"
    data = yaml.safe_load(path.read_text())
    change(data["map"])
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(ContentError) as info:
        catalog.load(content, NOTEBOOK_DIR)
    assert any(f.endswith("course.yaml") and reason in r for f, p, r in info.value.problems), info.value.problems
