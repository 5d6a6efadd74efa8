"""The course map as a picture (lesson 00): the lessons as stops along one path, in parts.

An inline SVG drawn from course.yaml (`map:`), so a new lesson or a new name shows up without
touching code. It has a title and a description for screen readers, words next to every colour,
and a caption that says the same in a sentence. Each stop shows this learner's status.
"""
from __future__ import annotations

import itertools

import ipywidgets as w

from course.engine.progress import lesson_progress
from course.ui.common import esc, html_box

PART_COLOURS = ("#3d4f61", "#1f5f8b", "#2e7d4f", "#7a4f9a", "#8a4b08")  # white text meets AA on each
HERE = "#a84f00"
WIDTH, ROW_GAP, TOP, LEFT, SPACING = 960, 220, 150, 100, 190
_ids = itertools.count(1)
# A stop's circle in each picture: its radius, the ring around the learner's current stop, the
# number's font size and how far below the centre the number's baseline sits.
WIDE_STOP = dict(radius=30, ring=38, font_size=24, baseline=8)
TALL_STOP = dict(radius=24, ring=31, font_size=20, baseline=7)


def _stop_circle(x, y, lesson, colour: str, here: str | None, radius, ring, font_size, baseline) -> list[str]:
    """A stop's circle and number: filled once published, outlined and dashed while planned, and ringed
    where the learner is now."""
    planned = lesson.status != "published"
    out = [f'<circle cx="{x}" cy="{y}" r="{ring}" fill="none" stroke="{HERE}" stroke-width="4"/>'] if lesson.id == here else []
    fill, ink = ("#ffffff", colour) if planned else (colour, "#ffffff")
    dash = ' stroke-dasharray="5 4"' if planned else ""
    out.append(f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{fill}" stroke="{colour}" stroke-width="3"{dash}/>')
    out.append(f'<text x="{x}" y="{y + baseline}" text-anchor="middle" font-size="{font_size}" font-weight="700" '
               f'fill="{ink}">{lesson.number}</text>')
    return out


def _status_words(status: str) -> tuple[str, str]:
    """A stop's status as the picture writes it (marked where done or current) and its colour."""
    mark = "✓ " if status == "complete" else ("➤ " if status == "you are here" else "")
    return mark + status, HERE if status == "you are here" else "#3d4f61"


def _position(index: int) -> tuple[int, int]:
    """Where the index-th stop sits on the serpentine."""
    row, col = divmod(index, 5)
    x = LEFT + col * SPACING if row % 2 == 0 else LEFT + (4 - col) * SPACING
    return x, TOP + row * ROW_GAP


def layout(course_map) -> list[dict]:
    """Each stop with its position, number, label and part: the picture's geometry, testable alone."""
    lessons = {lesson.id: lesson for lesson in course_map.lessons}
    parts = course_map.map or []
    if parts:
        stops = [(part_index, part.title, stop.lesson, stop.label)
                 for part_index, part in enumerate(parts) for stop in part.stops]
    else:  # no map in course.yaml: one part, the lesson titles
        stops = [(0, "The course", lesson.id, lesson.title) for lesson in course_map.lessons]
    placed = []
    for index, (part_index, part_title, lesson_id, label) in enumerate(stops):
        x, y = _position(index)
        placed.append(dict(x=x, y=y, row=index // 5, part=part_index, part_title=part_title,
                           lesson=lessons[lesson_id], label=label))
    return placed


def _status(lesson, catalog, state, signed_in: bool, here: str | None) -> str:
    if lesson.id == here:
        return "you are here"
    if lesson.status != "published":
        return "in preparation"
    if not signed_in:
        return "open"
    return lesson_progress(catalog, lesson.id, state).status


def describe(placed: list[dict], statuses: dict[str, str]) -> str:
    """The picture in words: the alt text."""
    parts: dict[str, list[str]] = {}
    for stop in placed:
        lesson = stop["lesson"]
        parts.setdefault(stop["part_title"], []).append(
            f"{lesson.number} {stop['label']} ({statuses[lesson.id]})")
    text = "; ".join(f"{title}: {', '.join(stops)}" for title, stops in parts.items())
    return (f"Course map: {len(placed)} lessons, numbered {placed[0]['lesson'].number} to "
            f"{placed[-1]['lesson'].number}, along one path. {text}.")


def svg(catalog, state: dict, signed_in: bool, here: str | None = None) -> str:
    placed = layout(catalog.course)
    statuses = {s["lesson"].id: _status(s["lesson"], catalog, state, signed_in, here) for s in placed}
    uid = next(_ids)
    rows = max(s["row"] for s in placed) + 1
    height = TOP + (rows - 1) * ROW_GAP + 110
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" class="course-map-svg" '
           f'role="img" aria-labelledby="cm-title-{uid} cm-desc-{uid}" '
           f'style="width:100%;max-width:52em;height:auto" font-family="inherit">',
           f'<title id="cm-title-{uid}">The course map</title>',
           f'<desc id="cm-desc-{uid}">{esc(describe(placed, statuses))}'
           f'{" The road ends at your goal: leading a clinical area." if len(placed) % 5 else ""}</desc>']

    # The road: straight along each row, turning at the ends, and on to the goal if there is room.
    points = [(s["x"], s["y"]) for s in placed]
    goal = _position(len(placed)) if len(placed) % 5 else None
    d = f"M{points[0][0]},{points[0][1]}"
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if y0 == y1:
            d += f" L{x1},{y1}"
        else:
            bend = 80 if x0 > WIDTH / 2 else -80
            d += f" C{x0 + bend},{y0} {x1 + bend},{y1} {x1},{y1}"
    if goal:
        d += f" L{goal[0]},{goal[1]}"
    out.append(f'<path d="{d}" fill="none" stroke="#c9d3de" stroke-width="14" stroke-linecap="round"/>')
    out.append(f'<path d="{d}" fill="none" stroke="#ffffff" stroke-width="2" stroke-dasharray="8 10"/>')
    # Arrowheads halfway between neighbours on a row show the direction of travel.
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if y0 != y1:
            continue
        mx, sign = (x0 + x1) / 2, 1 if x1 > x0 else -1
        out.append(f'<path d="M{mx - 7 * sign},{y0 - 8} L{mx + 7 * sign},{y0} L{mx - 7 * sign},{y0 + 8} Z" '
                   f'fill="#6b7a89"/>')

    # Part names over their stretch of road.
    for (row, part), group in itertools.groupby(placed, key=lambda s: (s["row"], s["part"])):
        group = list(group)
        xs = [s["x"] for s in group]
        y = group[0]["y"] - 78
        colour = PART_COLOURS[part % len(PART_COLOURS)]
        x0, x1 = min(xs) - 70, max(xs) + 70
        out.append(f'<line x1="{x0}" y1="{y + 10}" x2="{x1}" y2="{y + 10}" stroke="{colour}" stroke-width="3"/>')
        out.append(f'<text x="{(x0 + x1) / 2}" y="{y}" text-anchor="middle" font-size="17" font-weight="700" '
                   f'fill="{colour}">{esc(group[0]["part_title"])}</text>')

    # The stops.
    for stop in placed:
        x, y, lesson = stop["x"], stop["y"], stop["lesson"]
        colour = PART_COLOURS[stop["part"] % len(PART_COLOURS)]
        status, status_ink = _status_words(statuses[lesson.id])
        out += _stop_circle(x, y, lesson, colour, here, **WIDE_STOP)
        out.append(f'<text x="{x}" y="{y + 56}" text-anchor="middle" font-size="16" font-weight="700" '
                   f'fill="#14202b">{esc(stop["label"])}</text>')
        out.append(f'<text x="{x}" y="{y + 76}" text-anchor="middle" font-size="14" fill="#3d4f61">'
                   f'about {lesson.minutes} min</text>')
        out.append(f'<text x="{x}" y="{y + 95}" text-anchor="middle" font-size="14" font-style="italic" '
                   f'fill="{status_ink}">{esc(status)}</text>')
    if goal:  # a flag where the road ends: what the course leads to
        gx, gy = goal
        out.append(f'<line x1="{gx - 12}" y1="{gy + 22}" x2="{gx - 12}" y2="{gy - 40}" stroke="#14202b" '
                   f'stroke-width="4" stroke-linecap="round"/>')
        out.append(f'<path d="M{gx - 10},{gy - 40} L{gx + 30},{gy - 28} L{gx - 10},{gy - 16} Z" fill="{HERE}"/>')
        out.append(f'<text x="{gx}" y="{gy + 56}" text-anchor="middle" font-size="16" font-weight="700" '
                   f'fill="#14202b">Your goal</text>')
        out.append(f'<text x="{gx}" y="{gy + 76}" text-anchor="middle" font-size="14" fill="#3d4f61">'
                   f'leading a clinical area</text>')
    out.append("</svg>")
    return "".join(out)


def svg_tall(catalog, state: dict, signed_in: bool, here: str | None = None) -> str:
    """The same map for a narrow screen: the road runs down the page, names beside the stops."""
    placed = layout(catalog.course)
    statuses = {s["lesson"].id: _status(s["lesson"], catalog, state, signed_in, here) for s in placed}
    uid = next(_ids)
    x, y, rows = 44, 20, []
    for stop in placed:
        if not rows or rows[-1][0]["part"] != stop["part"]:
            y += 34  # room for the part's name
            rows.append([])
        y += 42
        rows[-1].append(dict(stop, x=x, y=y))
        y += 42
    goal_y = y + 46
    height = goal_y + 40
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 {height}" class="course-map-svg" '
           f'role="img" aria-labelledby="cm-title-{uid} cm-desc-{uid}" '
           f'style="width:100%;max-width:26em;height:auto" font-family="inherit">',
           f'<title id="cm-title-{uid}">The course map</title>',
           f'<desc id="cm-desc-{uid}">{esc(describe(placed, statuses))} '
           f'The road ends at your goal: leading a clinical area.</desc>']
    first, last = rows[0][0]["y"], goal_y
    out.append(f'<line x1="{x}" y1="{first}" x2="{x}" y2="{last}" stroke="#c9d3de" stroke-width="12" '
               f'stroke-linecap="round"/>')
    out.append(f'<line x1="{x}" y1="{first}" x2="{x}" y2="{last}" stroke="#ffffff" stroke-width="2" '
               f'stroke-dasharray="8 10"/>')
    for group in rows:
        colour = PART_COLOURS[group[0]["part"] % len(PART_COLOURS)]
        out.append(f'<text x="12" y="{group[0]["y"] - 46}" font-size="15" font-weight="700" fill="{colour}">'
                   f'{esc(group[0]["part_title"])}</text>')
        for stop in group:
            lesson, sy = stop["lesson"], stop["y"]
            status, status_ink = _status_words(statuses[lesson.id])
            out += _stop_circle(x, sy, lesson, colour, here, **TALL_STOP)
            out.append(f'<text x="86" y="{sy - 4}" font-size="17" font-weight="700" fill="#14202b">'
                       f'{esc(stop["label"])}</text>')
            out.append(f'<text x="86" y="{sy + 17}" font-size="14" fill="{status_ink}">about {lesson.minutes} min · '
                       f'<tspan font-style="italic">{esc(status)}</tspan></text>')
    out.append(f'<line x1="{x - 10}" y1="{goal_y + 20}" x2="{x - 10}" y2="{goal_y - 30}" stroke="#14202b" '
               f'stroke-width="4" stroke-linecap="round"/>')
    out.append(f'<path d="M{x - 8},{goal_y - 30} L{x + 26},{goal_y - 20} L{x - 8},{goal_y - 10} Z" fill="{HERE}"/>')
    out.append(f'<text x="86" y="{goal_y - 4}" font-size="17" font-weight="700" fill="#14202b">Your goal</text>')
    out.append(f'<text x="86" y="{goal_y + 17}" font-size="14" fill="#3d4f61">leading a clinical area</text>')
    out.append("</svg>")
    return "".join(out)


class CourseMapView(w.VBox):
    """The picture, redrawn when the learner signs in or finishes something."""

    def __init__(self, catalog, session, here: str | None = None):
        super().__init__()
        self.catalog, self.session, self.here = catalog, session, here
        self.add_class("course-map-figure")
        self.html = html_box()
        self.children = [self.html]
        session.on_change(self.render)
        self.render()

    def render(self) -> None:
        signed_in = bool(self.session.identity)
        state = self.session.state() if signed_in else {}
        parts = self.catalog.course.map
        lessons = self.catalog.course.lessons
        caption = (f"Read the map from stop {lessons[0].number} along the road to stop {lessons[-1].number}: "
                   + "; then ".join(f"{esc(p.title.lower())} ({', '.join(esc(s.label) for s in p.stops)})"
                                    for p in parts) + ". "
                   if parts else "")
        # Two drawings of one map: CSS shows the wide one or, on a narrow screen, the tall one
        # (the hidden one is display:none, so screen readers meet the map once).
        pictures = (f'<div class="course-map-wide">{svg(self.catalog, state, signed_in, self.here)}</div>'
                    f'<div class="course-map-tall">{svg_tall(self.catalog, state, signed_in, self.here)}</div>')
        self.html.value = (f'<figure class="course-map-picture">{pictures}'
                           f'<figcaption class="course-hint">{caption}Filled circles are lessons you can open '
                           f'now; dashed ones are in preparation. Under each stop: its time and '
                           f'{"your status" if signed_in else "whether it is open"}.</figcaption></figure>')
