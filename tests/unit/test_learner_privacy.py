"""Learners cannot reach cohort data from any learner page.

Three checks: (1) no learner-facing module imports the mentor modules (analytics, export, demo
data, the dashboard); (2) every learner-facing function of the `course` facade, rendered for one
learner while a cohort-mate's answers, reflections and scenario runs sit in the same store, asks
the store only about that learner and shows nothing of the cohort-mate; (3) no learner notebook
calls a mentor page."""
import ast
import json
from pathlib import Path

import ipywidgets as w
import pytest

import course
from course import catalog as catalog_mod
from course import session as session_mod
from course.store.core import Store

from ..conftest import ROOT

PACKAGE = ROOT / "course"
MENTOR_MODULES = {"analytics", "export", "demo", "mentor_cli", "mentor_access", "dashboard", "live_console"}
# modules that serve mentors (or the command line) and may use the mentor modules
MENTOR_SIDE = {"course/mentor/analytics.py", "course/mentor/export.py", "course/mentor/demo.py", "course/cli/mentor.py",
               "course/mentor/access.py", "course/cli/main.py", "course/ui/mentor/dashboard.py",
               "course/ui/mentor/live_console.py", "course/__init__.py", "course/pages/mentor.py",
               "course/cli/accounts.py", "course/ui/mentor/invite_panel.py",  # the account commands; the Invite tab
               "course/mentor/feedback_export.py"}  # feedback in the exports
MENTOR_FUNCTIONS = {"live_session", "mentor_dashboard"}  # the facade's mentor pages (behind the gate)
# Store methods that read or change other learners' data: never called from a learner page
MENTOR_STORE_METHODS = {"cohort_list", "learners_named", "delete_learner", "delete_demo_learners",
                        "add_learners_and_events", "learner_tables", "audit_log", "count_events"}
LEARNER_SCOPED = {"load_cohort": "learner_id", "ensure_learner": "learner_id", "learner": "learner_id", "latest_state": "learner_id",
                  "events_for": "learner_id", "record": "learner_id"}

OTHER_NAME = "Blake Cohortmate"
OTHER_KEY = "blake cohortmate"
SECRET = "blake-secret-reflection-7Q"


def imported_modules(tree) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = (node.module or "")
            found |= {module.split(".")[-1]} | {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[-1] for alias in node.names}
    return found


# A learner page may compute its own learner's profile with the mentor code, restricted to them:
# these names only, and load_cohort always with the learner's id (its third argument).
LEARNER_SCOPED_ANALYTICS = {"load_cohort", "scenario_competencies"}


def test_learner_modules_do_not_import_mentor_modules():
    checked = 0
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in MENTOR_SIDE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        used = imported_modules(tree) & MENTOR_MODULES
        if used == {"analytics"}:
            names = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                     and (n.module or "").endswith("analytics") for a in n.names}
            assert names <= LEARNER_SCOPED_ANALYTICS, f"{rel} imports {sorted(names)} from analytics"
            for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
                if getattr(call.func, "id", getattr(call.func, "attr", None)) == "load_cohort":
                    assert len(call.args) >= 3 or any(k.arg == "learner_id" for k in call.keywords), \
                        f"{rel} calls load_cohort without restricting it to one learner"
            used = set()
        assert not used, f"{rel} is learner-facing but imports {sorted(used)}"
        checked += 1
    assert checked >= 10


def test_only_the_mentor_functions_of_the_facade_reach_mentor_modules():
    """The facade's learner calls go to the learner pages (which the test above keeps away from the
    mentor modules); only the mentor calls go to course/pages/mentor.py."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            sources = {n.module for n in ast.walk(node) if isinstance(n, ast.ImportFrom)}
            allowed = {"course.pages.mentor"} if node.name in MENTOR_FUNCTIONS else {"course.pages.lessons",
                                                                                     "course.pages.tools"}
            assert sources and sources <= allowed, f"course.{node.name}() imports from {sorted(sources)}"
    assert MENTOR_FUNCTIONS <= set(course.__all__)


def test_learner_notebooks_do_not_open_mentor_pages():
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):  # notebooks/mentor/ is for mentors
        code = "\n".join("".join(c["source"]) for c in json.loads(nb.read_text())["cells"] if c["cell_type"] == "code")
        for name in MENTOR_FUNCTIONS | {"analytics", "export"}:
            assert f"course.{name}" not in code and f"import {name}" not in code, f"{nb.name} uses {name}"


def texts(obj, seen=None) -> list[str]:
    """Every string a widget tree would send to the browser."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return []
    seen.add(id(obj))
    found = []
    if isinstance(obj, w.Widget):
        for name in obj.keys:
            value = getattr(obj, name, None)
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, (list, tuple)):
                for v in value:
                    if isinstance(v, w.Widget):
                        found += texts(v, seen)
                    else:
                        found.append(repr(v))
            elif isinstance(value, w.Widget):
                found += texts(value, seen)
    else:
        found.append(repr(obj))
        if hasattr(obj, "_repr_html_"):
            found.append(obj._repr_html_() or "")
    return found


@pytest.fixture
def spied(monkeypatch):
    calls = []
    for name in dir(Store):
        attr = getattr(Store, name)
        if name.startswith("_") or not callable(attr):
            continue

        def wrapper(self, *args, __name=name, __attr=attr, **kwargs):
            calls.append((__name, args, kwargs))
            return __attr(self, *args, **kwargs)

        monkeypatch.setattr(Store, name, wrapper)
    from course.mentor import analytics

    real_load = analytics.load_cohort

    def load_cohort(store, cohort_id, learner_id=None):
        calls.append(("load_cohort", (cohort_id,), {"learner_id": learner_id}))
        return real_load(store, cohort_id, learner_id)

    monkeypatch.setattr(analytics, "load_cohort", load_cohort)
    return calls


def fill_cohort_mate(store, cat):
    store.ensure_learner(OTHER_KEY, OTHER_NAME, "spring-2027")
    for item_id, item in cat.items.items():
        store.record(learner_id=OTHER_KEY, cohort_id="spring-2027", lesson=cat.item_lesson[item_id], item=item_id,
                     kind="answer", response={"choice": "x", "text": SECRET}, correct=True, score=1.0)
    for lesson in cat.course.lessons:
        store.record(learner_id=OTHER_KEY, cohort_id="spring-2027", lesson=lesson.id, item=f"{lesson.id}/reflection",
                     kind="reflection", response={"text": SECRET})
    for sid, sc in cat.scenarios.items():
        store.record(learner_id=OTHER_KEY, cohort_id="spring-2027", lesson=sc.lesson, item=f"scenario:{sid}",
                     kind="scenario", response={"run": "r1", "action": "start"})


def test_learner_pages_show_and_ask_for_nobody_else(session, spied, monkeypatch):
    cat = catalog_mod.default()
    fill_cohort_mate(session.store(), cat)
    spied.clear()
    monkeypatch.setattr(session_mod, "_current", session)
    me = session.identity.key

    calls = [("home", ()), ("scenario_library", ()), ("course_map", ()), ("starting_profile", ()),
             ("planner", ()), ("experience_log", ()), ("self_assessment", ()), ("certifications", ()),
             ("live_join", ())]
    for lesson in cat.published():
        calls += [("start", (lesson.id,)), ("footer", (lesson.id,))]
        if lesson.reflection:
            calls.append(("reflection", (lesson.id,)))
        if cat.lesson_items(lesson.id):
            calls.append(("quiz", tuple(cat.lesson_items(lesson.id))))
    calls += [("scenario", (sid,)) for sid in cat.scenarios] + [("exercise", (eid,)) for eid in cat.exercises]
    calls += [("fact", (fid,)) for fid in list(cat.facts)[:3]]
    learner_functions = set(course.__all__) - MENTOR_FUNCTIONS
    calls += [(name, ()) for name in sorted(learner_functions - {name for name, _ in calls})]  # pages added later
    shown = []
    for name, args in calls:
        if name not in learner_functions:
            continue
        try:
            shown += texts(getattr(course, name)(*args))
        except TypeError:  # a page added later that needs arguments this test does not know
            continue
    page = "\n".join(shown)
    assert session.identity.name in page  # the pages did render, for Alex
    assert OTHER_NAME not in page and SECRET not in page

    assert spied, "the pages read the store"
    for method, args, kwargs in spied:
        assert method not in MENTOR_STORE_METHODS, f"a learner page called Store.{method}"
        if method in LEARNER_SCOPED:
            who = kwargs.get("learner_id", args[0] if args else None)
            assert who == me, f"Store.{method} was asked about {who!r} from {me!r}'s page"


def test_session_reads_only_its_own_learner(session):
    store = session.store()
    store.ensure_learner(OTHER_KEY, OTHER_NAME, "spring-2027")
    store.record(learner_id=OTHER_KEY, lesson="the-role", item="role-scope", kind="answer",
                 response={"choice": "x"}, correct=False, score=0.0)
    store.record(learner_id=OTHER_KEY, lesson="the-role", item="the-role/reflection", kind="reflection",
                 response={"text": SECRET})
    assert session.state() == {} and session.state("the-role") == {}
    assert session.history("role-scope") == [] and session.history("the-role/reflection") == []
    session.record(lesson="the-role", item="role-scope", kind="answer", response={"choice": "y"})
    assert [e["learner_id"] for e in session.history("role-scope")] == [session.identity.key]
