"""Progress over every part of a lesson (self-checks, exercises, lesson tools, scenarios, the
reflection), the whole course's progress in one sentence, and where "continue" leads."""
import datetime as dt
import re
from html import unescape


from course import catalog
from course.notebooks import (heading_anchor, heading_text, markdown_headings, notebook_calls, notebook_cells,
                              notebook_references)
from course.paths import NOTEBOOK_DIR
from course.engine.progress import (EXERCISE, PART_CALLS, REFLECTION, SCENARIO, SELF_CHECK, course_progress, lesson_parts,
                             lesson_progress)

# Calls that show something but save nothing a learner does: they are not parts of a lesson.
SHOWS_ONLY = {"start", "fact", "footer", "course_map", "budget_data", "budget_chart", "kpi_dashboard",
              "plan_summary", "plan_export"}
T0 = dt.datetime(2027, 3, 1, 9, 0)


def saved(minute=0, kind="exercise", correct=None, attempts=1):
    return {"kind": kind, "correct": correct, "attempts": attempts, "at": T0 + dt.timedelta(minutes=minute),
            "response": {}, "lesson": "x", "score": None}


def done_state(cat, lesson_id, minute=0, skip=()):
    """Every part of one lesson done (answers right), except the parts whose label or key is in `skip`."""
    state = {}
    for n, part in enumerate(lesson_parts(cat, lesson_id)):
        if part.label in skip or part.keys[0] in skip:
            continue
        for key in part.keys:
            state[key] = saved(minute + n, "answer" if part.max_tries else "exercise", True if part.max_tries else None)
    return state


def test_every_call_in_a_lesson_is_a_part_or_only_shows_something(cat):
    """A new tool in a notebook must get an entry in progress.PART_CALLS, or it would never count."""
    for lesson in cat.published():
        for call in notebook_calls(NOTEBOOK_DIR / lesson.notebook):
            assert call.function in PART_CALLS or call.function in SHOWS_ONLY, (
                f"{lesson.notebook}: course.{call.function}() saves nothing? Add it to progress.PART_CALLS "
                f"(with the item keys that mean it is done) or to SHOWS_ONLY in this test")


def test_lesson_tools_count_towards_their_lesson(cat):
    labels = {lesson.id: [(p.kind, p.label) for p in lesson_parts(cat, lesson.id)] for lesson in cat.published()}
    assert (EXERCISE, "your starting profile") in labels["start-here"]
    assert (EXERCISE, "the pathway planner") in labels["education"]
    assert (EXERCISE, "the leadership experience log") in labels["clinical-experience"]
    assert {(EXERCISE, "the readiness self-assessment"), (EXERCISE, "the certification explorer")} <= set(
        labels["into-management"])
    assert (EXERCISE, "the situational leadership matcher") in labels["leading-teams"]
    assert (EXERCISE, "the SBAR exercise") in labels["communication"]
    assert sum(label.startswith("budget lab:") for _k, label in labels["operations-toolkit"]) == 4
    assert (EXERCISE, "the change plan") in labels["operations-toolkit"]
    assert (EXERCISE, "your development plan") in labels["capstone"]
    for lesson in cat.published():  # the self-checks are the ones its quiz file lists, each once
        checks = [p.keys[0] for p in lesson_parts(cat, lesson.id) if p.kind == SELF_CHECK]
        assert sorted(checks) == sorted(cat.lesson_items(lesson.id))
        assert [k for k, _l in labels[lesson.id]].count(REFLECTION) == 1


def test_parts_are_in_page_order_with_their_section(cat):
    parts = lesson_parts(cat, "education")
    planner = next(p for p in parts if p.label == "the pathway planner")
    assert planner.section == "Your pathway planner" and planner.anchor == "Your-pathway-planner"
    assert parts[-1].kind == REFLECTION and parts[-1].section == "Your turn to reflect"
    first = parts[0]
    first_call = next(ref for fn, ref in notebook_references(NOTEBOOK_DIR / cat.lesson("education").notebook)
                      if fn == "quiz")
    assert first.kind == SELF_CHECK and first.keys == (first_call,)


def test_a_lesson_is_complete_only_with_its_tools(cat):
    state = done_state(cat, "education", skip={"the pathway planner"})
    p = lesson_progress(cat, "education", state)
    assert not p.complete and p.status == "in progress" and p.exercises_done == p.exercises_total - 1
    assert p.next_part.label == "the pathway planner"
    state["education/pathway"] = saved(99)
    p = lesson_progress(cat, "education", state)
    assert p.complete and p.done == p.total and p.next_part is None


def test_graded_tools_count_when_right_or_out_of_tries(cat):
    step = next(p for p in lesson_parts(cat, "operations-toolkit") if p.label.startswith("budget lab:"))
    key, tries = step.keys[0], step.max_tries
    assert tries == 3
    assert not step.done({key: saved(kind="answer", correct=False, attempts=tries - 1)})
    assert step.done({key: saved(kind="answer", correct=False, attempts=tries)})
    assert step.done({key: saved(kind="answer", correct=True, attempts=1)})


def test_the_sbar_exercise_needs_draft_check_and_comparison(cat):
    sbar = next(p for p in lesson_parts(cat, "communication") if p.label == "the SBAR exercise")
    draft, checklist, reveal = sbar.keys
    assert not sbar.done({draft: saved(), checklist: saved()})
    assert sbar.done({draft: saved(), checklist: saved(), reveal: saved()})


def test_a_new_learner_starts_with_lesson_0(cat):
    overall = course_progress(cat, {})
    assert overall.next.fresh and overall.next.lesson.id == "start-here" and overall.next.part is None
    assert overall.percent == 0 and overall.done == 0
    assert overall.summary().startswith(f"0% of the course: 0 of {len(cat.published())} lessons complete, "
                                        f"0 of {len(cat.items)} self-checks")


def test_continue_leads_past_the_latest_work_and_names_what_was_skipped(cat):
    # Lesson 00 done except one self-check; lesson 01 started (its first two parts), most recently.
    skipped = lesson_parts(cat, "start-here")[2]
    state = done_state(cat, "start-here", skip={skipped.keys[0]})
    first_two = lesson_parts(cat, "the-role")[:2]
    for n, part in enumerate(first_two):
        state[part.keys[0]] = saved(500 + n, "answer", True)
    overall = course_progress(cat, state)
    third = lesson_parts(cat, "the-role")[2]
    assert overall.next.lesson.id == "the-role" and overall.next.part == third and not overall.next.fresh
    assert [p.lesson for p in overall.open_before] == ["start-here"]
    assert overall.open_before[0].next_part == skipped
    # Back in lesson 00, the skipped self-check answered last: continue goes on after it, in lesson 00
    # (nothing left there), so on to the first unfinished part after it: lesson 01's third part.
    state[skipped.keys[0]] = saved(900, "answer", True)
    overall = course_progress(cat, state)
    assert overall.next.part == third and overall.open_before == ()


def test_continue_wraps_to_the_first_gap_when_nothing_is_left_after_the_latest_work(cat):
    state = {}
    for n, lesson in enumerate(cat.published()):
        state.update(done_state(cat, lesson.id, minute=100 * n))
    gap = lesson_parts(cat, "education")[1]
    for key in gap.keys:
        del state[key]
    overall = course_progress(cat, state)
    assert overall.next.lesson.id == "education" and overall.next.part == gap
    assert overall.lessons_complete == len(cat.published()) - 1
    assert 95 <= overall.percent <= 99  # never rounded up to 100 while a part is open
    state[gap.keys[0]] = saved(5000, "answer", True)
    overall = course_progress(cat, state)
    assert overall.next is None and overall.percent == 100
    assert overall.summary().startswith(f"100% of the course: {len(cat.published())} of {len(cat.published())} "
                                        "lessons complete")


def test_answers_waiting_to_be_saved_count_as_the_latest_work(cat):
    part = lesson_parts(cat, "the-role")[4]
    state = done_state(cat, "start-here")
    state[part.keys[0]] = {**saved(kind="answer", correct=True), "at": None}  # still on the page
    assert course_progress(cat, state).next.part == lesson_parts(cat, "the-role")[5]


def test_scenarios_count_when_played_to_an_ending(cat):
    scenario = next(p for p in lesson_parts(cat, "leading-teams") if p.kind == SCENARIO)
    sid = scenario.keys[0].split(":")[1].split("/")[0]
    assert not scenario.done({f"scenario:{sid}": saved()})  # a step taken, no ending yet
    assert scenario.done({scenario.keys[0]: saved()})
    assert scenario.touched_by(f"scenario:{sid}")


def test_summary_names_each_kind_of_part(cat):
    state = done_state(cat, "start-here")
    overall = course_progress(cat, state)
    text = overall.summary()
    p = overall.lessons[0]
    assert re.match(r"\d+% of the course: 1 of \d+ lessons complete, ", text)
    assert f"{p.items_total} of {len(cat.items)} self-checks" in text
    assert "exercises and tools" in text and "scenarios" in text and "reflections" in text
    assert overall.percent == round(100 * p.total / overall.total)


# --- the section anchors continue links to ---------------------------------------------------------

def test_heading_anchors_are_the_ids_the_page_gives_them():
    """The kernel writes links to sections; nbconvert gives headings their ids. They must agree."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    checked = 0
    for nb_path in sorted(NOTEBOOK_DIR.rglob("*.ipynb")):
        for cell in notebook_cells(nb_path):
            if cell.get("cell_type") != "markdown":
                continue
            for level, text in markdown_headings("".join(cell.get("source", ""))):
                html = markdown2html_mistune("#" * level + " " + text)
                rendered = re.search(r'id="([^"]*)"', html).group(1)
                assert heading_anchor(heading_text(text)) == unescape(rendered), (nb_path.name, text)
                checked += 1
    for tricky in ("What O\\*NET says", "Using *emphasis* and `code`", "A [link](https://example.org) & more"):
        html = markdown2html_mistune("## " + tricky)
        assert heading_anchor(heading_text(tricky)) == unescape(re.search(r'id="([^"]*)"', html).group(1))
    assert checked > 100


def test_links_to_a_section_go_to_its_heading_and_name_nobody(monkeypatch):
    from course.identity import Identity
    from course.ui.learner.header import link

    class Session:
        identity = Identity("Zahra M", "spring-2027", "account", account_id="u-zahra")

    monkeypatch.setenv("VOILA_KERNEL_ID", "k")
    href = link("04-into-management.ipynb", Session(), "How-ready-am-I?-The-readiness-self-assessment")
    assert href == "04-into-management.ipynb#How-ready-am-I?-The-readiness-self-assessment"
    anchor = heading_anchor("Session plan 1: lessons 00–02")
    assert anchor == "Session-plan-1:-lessons-00%E2%80%9302"
    assert link("mentor/facilitator-guide.ipynb", Session(), anchor) == "mentor/facilitator-guide.ipynb#" + anchor
