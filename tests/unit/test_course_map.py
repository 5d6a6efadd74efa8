"""Lesson 00's course map picture: drawn from course.yaml, described in words, with each learner's
status; and the map section of course.yaml checked like all content."""
import re

import pytest

from course.ui.learner.course_map import CourseMapView, layout, svg, svg_tall

from .content_edits import edit_yaml, named, problems


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


@pytest.mark.parametrize("change, reason", [
    (lambda m: m[1]["stops"].append({"lesson": "juggling", "label": "Juggling"}), "map: unknown lesson 'juggling'"),
    (lambda m: m[1]["stops"].pop(), "map: list every lesson once, in the order of 'lessons'"),
    (lambda m: m.reverse(), "map: list every lesson once, in the order of 'lessons'"),
    (lambda m: m[0]["stops"][0].update(label=""), "at least 1 character"),
])
def test_bad_map_is_named(content_dir, change, reason):
    edit_yaml(content_dir / "course.yaml", lambda data: change(data["map"]))
    found = problems(content_dir)
    assert named(found, "course.yaml", reason), found
