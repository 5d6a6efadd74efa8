"""Load and validate the course content (YAML) into a typed Catalog.

CONTENT_FILES lists every content file: its name (or a folder's `*.yaml`), its model in
course/schema/, and the Catalog field it fills; each model checks what its schema alone cannot
see with `check(context)`. A new content file is one schema module and one entry here. Nothing
else in the package reads YAML. Every problem names the file, the place inside it and the reason,
so a maintainer can fix content without reading a traceback.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError

from course.errors import ContentError
from course import content_cache
from course.notebooks import markdown_cells, notebook_references
from course.paths import CONTENT_DIR, DATA_DIR, NOTEBOOK_DIR, PROJECT_DIR
from course.schema.base import MAX_TRIES, Context  # noqa: F401 (MAX_TRIES: callers import it from here)
from course.schema.certifications import CertificationFile
from course.schema.competencies import Competency, CompetencyFile
from course.schema.course_map import CourseMap, Lesson
from course.schema.development_plan import PlanContent
from course.schema.exercises import SortExercise
from course.schema.experience_log import ExperienceLogContent
from course.schema.facts import Fact, FactFile
from course.schema.glossary import GlossaryFile, GlossaryTerm
from course.schema.operations import OperationsContent
from course.schema.pathways import PathwayContent
from course.schema.quality import QualityContent
from course.schema.quiz import KINDS, Item, Numeric, QuizFile
from course.schema.rubrics import Rubric, check_rubrics
from course.schema.sbar import SbarContent
from course.schema.scenarios import Scenario
from course.schema.self_assessment import SelfAssessment
from course.schema.situational import StyleMatcherContent
from course.schema.staffing import StaffingContent

log = logging.getLogger("course")


@dataclass(frozen=True)
class ContentFile:
    name: str  # a file under content/, or every file of a folder ("quizzes/*.yaml")
    model: type
    field: str  # the Catalog field it fills (a folder's: a dict by id)
    required: bool = False  # the course cannot load without it; other files' tools show a message instead
    check: Callable | None = None  # (content, context) -> [(place, reason)]; default: the model's check()

    @property
    def folder(self) -> bool:
        return "*" in self.name


# In load order: the first three are the context every later check reads.
CONTENT_FILES = [
    ContentFile("course.yaml", CourseMap, "course", required=True),
    ContentFile("competencies.yaml", CompetencyFile, "competencies", required=True),
    ContentFile("facts.yaml", FactFile, "facts", required=True),
    ContentFile("quizzes/*.yaml", QuizFile, "items"),
    ContentFile("exercises/*.yaml", SortExercise, "exercises"),
    ContentFile("scenarios/*.yaml", Scenario, "scenarios"),
    ContentFile("pathways.yaml", PathwayContent, "pathways"),
    ContentFile("experience_log.yaml", ExperienceLogContent, "experience_log"),
    ContentFile("self_assessment.yaml", SelfAssessment, "self_assessment"),
    ContentFile("certifications.yaml", CertificationFile, "certifications"),
    ContentFile("situational_leadership.yaml", StyleMatcherContent, "style_matcher"),
    ContentFile("sbar.yaml", SbarContent, "sbar"),
    ContentFile("operations_toolkit.yaml", OperationsContent, "operations"),
    ContentFile("quality_safety.yaml", QualityContent, "quality"),
    ContentFile("people_staffing.yaml", StaffingContent, "staffing"),
    ContentFile("development_plan.yaml", PlanContent, "development_plan"),
    ContentFile("glossary.yaml", GlossaryFile, "glossary"),
    ContentFile("rubrics/*.yaml", Rubric, "rubrics"),
]


class Catalog(BaseModel):
    # built by model_construct from parts already validated, so it never needs a validator of its own
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, defer_build=True)

    course: CourseMap
    competencies: dict[str, Competency]
    facts: dict[str, Fact]
    items: dict[str, Item]
    item_lesson: dict[str, str]
    exercises: dict[str, SortExercise]
    scenarios: dict[str, Scenario] = {}
    scenario_stats: dict = {}  # id -> schema.scenarios.Analysis
    experience_log: ExperienceLogContent | None = None  # lesson 03's log texts
    self_assessment: SelfAssessment | None = None  # lesson 04's readiness self-assessment
    certifications: CertificationFile | None = None  # lesson 04's explorer
    pathways: PathwayContent | None = None  # lesson 02's pathway planner
    operations: OperationsContent | None = None  # lesson 07's budget lab, KPIs, change plan
    style_matcher: StyleMatcherContent | None = None  # lesson 05's situational leadership matcher
    sbar: SbarContent | None = None  # lesson 06's SBAR exercise
    development_plan: PlanContent | None = None  # the capstone's development plan
    quality: QualityContent | None = None  # lesson 08's run chart and PDSA plan
    staffing: StaffingContent | None = None  # lesson 09's staffing grid
    glossary: tuple[GlossaryTerm, ...] = ()  # in alphabetical order
    rubrics: dict[str, Rubric] = {}  # id -> the rubric a mentor scores one kind of work with
    root: Path
    notebook_dir: Path = NOTEBOOK_DIR  # where the lessons' notebooks are
    _memo: dict = PrivateAttr(default_factory=dict)  # derived look-ups, computed once per catalog

    def memo(self, key, build):
        """A value derived from the content, computed once per catalog (progress asks for every
        learner x lesson on the mentor dashboard)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def lesson(self, lesson_id: str) -> Lesson:
        for lesson in self.course.lessons:
            if lesson.id == lesson_id:
                return lesson
        raise KeyError(f"no lesson '{lesson_id}' in course.yaml")

    def lesson_items(self, lesson_id: str) -> list[str]:
        return [i for i, lesson in self.item_lesson.items() if lesson == lesson_id]

    def published(self) -> list[Lesson]:
        return [lesson for lesson in self.course.lessons if lesson.status == "published"]

    def answer_of(self, item: Numeric) -> float:
        if item.answer is not None:
            return item.answer
        return self.facts[item.answer_fact].value


# --- reading one file -----------------------------------------------------------------------

def display_path(path: Path) -> str:
    """A path as a maintainer types it: relative to the project where possible."""
    resolved = Path(path).resolve()
    for base in (PROJECT_DIR, Path.cwd()):
        try:
            return str(resolved.relative_to(base))
        except ValueError:
            continue
    return str(path)


def _read_yaml(path: Path, problems):
    import yaml  # lazy for speed: a kernel starting from the content cache never parses YAML

    rel = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append((rel, "", f"cannot read the file ({exc.__class__.__name__}: {exc})"))
        return rel, None
    try:
        # libyaml's loader (safe, like safe_load) parses the course ~10x faster
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append((rel, where, f"not valid YAML: {reason}"))
        return rel, None
    if not isinstance(data, dict):
        problems.append((rel, "", "expected a mapping at the top of the file"))
        return rel, None
    return rel, data


def _parse(model, path: Path, problems):
    rel, data = _read_yaml(path, problems)
    if data is None:
        return rel, None
    try:
        return rel, model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            # drop pydantic's union tag from the place ("items.3.single.options" -> "items.3.options")
            loc = [str(p) for p in err["loc"] if p not in KINDS]
            problems.append((rel, ".".join(loc), err["msg"].removeprefix("Value error, ")))
        return rel, None


def _read(entry: ContentFile, root: Path, context: Context, problems) -> list[tuple[str, object]]:
    """(file, content) for each valid file of the entry, its own checks run against the context."""
    paths = sorted(root.glob(entry.name)) if entry.folder else [root / entry.name]
    if not entry.folder and not paths[0].exists():
        if entry.required:
            problems.append((display_path(paths[0]), "", "file is missing"))
        return []
    found = []
    for path in paths:
        rel, content = _parse(entry.model, path, problems)
        if content is None:
            continue
        check = entry.check or getattr(entry.model, "check", None)
        problems.extend((rel, place, reason) for place, reason in (check(content, context) if check else []))
        found.append((rel, content))
    return found


# --- the whole course -----------------------------------------------------------------------

def _by_id(entries, noun: str, problems) -> dict:
    """A folder's contents by id; an id used twice names both files."""
    found, files = {}, {}
    for rel, content in entries:
        if content.id in found:
            problems.append((rel, "id", f"duplicate {noun} id '{content.id}' (also in {files[content.id]})"))
            continue
        found[content.id], files[content.id] = content, rel
    return found


def _items(quizzes, facts: dict, problems) -> tuple[dict, dict]:
    """Every self-check item by id (ids are unique across lessons), and the lesson it is in."""
    items, item_lesson, files = {}, {}, {}
    for rel, quiz in quizzes:
        for i, item in enumerate(quiz.items):
            if item.id in items:
                problems.append((rel, f"items.{i}.id", f"duplicate item id '{item.id}' (also in {files[item.id]})"))
                continue
            if isinstance(item, Numeric) and item.answer_fact in facts:
                item = item.resolved(facts)
            items[item.id], item_lesson[item.id], files[item.id] = item, quiz.lesson, rel
    return items, item_lesson


def _notebook_problems(course_map: CourseMap, notebooks: Path, root: Path, known: dict, problems) -> None:
    """Every published lesson has its notebook, and every id a notebook passes to course.*() exists."""
    for i, lesson in enumerate(course_map.lessons):
        if lesson.status != "published":
            continue
        nb_path = notebooks / lesson.notebook
        if not nb_path.exists():
            problems.append((display_path(root / "course.yaml"), f"lessons.{i}.notebook",
                             f"notebook '{lesson.notebook}' does not exist"))
            continue
        for kind, ref in notebook_references(nb_path):
            if kind in known and ref not in known[kind][0]:
                problems.append((display_path(nb_path), f'course.{kind}("{ref}")', f"unknown {known[kind][1]} '{ref}'"))


def load(root: Path | str | None = None, notebooks: Path | str | None = None) -> Catalog:
    """Load every content file under `root`, check cross-references, or raise ContentError."""
    root = Path(root) if root else CONTENT_DIR
    notebooks = Path(notebooks) if notebooks else NOTEBOOK_DIR
    problems: list[tuple[str, str, str]] = []
    parsed: dict[str, list] = {}
    context = Context(data_dir=DATA_DIR)
    for entry in CONTENT_FILES:
        parsed[entry.field] = _read(entry, root, context, problems)
        if entry.required and parsed[entry.field]:  # later checks read course, competencies and facts
            context = _grown(context, entry.field, parsed[entry.field][0][1], notebooks)

    def one(field):
        return parsed[field][0][1] if parsed[field] else None

    tools = {e.field: one(e.field) for e in CONTENT_FILES if not e.folder and not e.required}
    tools["glossary"] = tools["glossary"].in_order() if tools["glossary"] else ()
    scenarios = _by_id(parsed["scenarios"], "scenario", problems)
    exercises = _by_id(parsed["exercises"], "exercise", problems)
    rubrics = _by_id(parsed["rubrics"], "rubric", problems)
    problems.extend(check_rubrics({r.id: (rel, r) for rel, r in parsed["rubrics"] if rubrics.get(r.id) is r},
                                  [c.id for c in tools["sbar"].checklist] if tools["sbar"] else None))
    items, item_lesson = _items(parsed["items"], context.facts, problems)
    course_map = one("course")
    if course_map:
        known = {"quiz": (items, "quiz id"), "fact": (context.facts, "fact id"),
                 "exercise": (exercises, "exercise id"), "scenario": (scenarios, "scenario id")}
        if tools["operations"]:  # without it, lesson 07's budget lab shows a message instead
            known["budget_lab"] = (tools["operations"].step_ids(), "budget lab step")
        _notebook_problems(course_map, notebooks, root, known, problems)
    if problems:
        raise ContentError(problems)
    # every part is validated already: construct, do not validate the whole again
    return Catalog.model_construct(course=course_map, competencies=context.competencies, facts=context.facts,
                                   items=items, item_lesson=item_lesson, exercises=exercises, scenarios=scenarios,
                                   scenario_stats={sid: sc.analysis for sid, sc in scenarios.items()},
                                   rubrics=rubrics, root=root, notebook_dir=notebooks, **tools)


def _grown(context: Context, field: str, content, notebooks: Path) -> Context:
    """The context once course.yaml, competencies.yaml or facts.yaml has loaded."""
    if field == "competencies":
        return replace(context, competencies=content.by_id())
    if field == "facts":
        return replace(context, facts=content.by_id())
    lessons = {lesson.id: lesson for lesson in content.lessons}

    @functools.lru_cache(maxsize=None)  # the glossary asks once per term
    def lesson_markdown(lesson_id):
        lesson = lessons[lesson_id]
        path = notebooks / lesson.notebook
        return markdown_cells(path) if lesson.status == "published" and path.exists() else None

    return replace(context, lessons=lessons, lesson_markdown=lesson_markdown)


@functools.lru_cache(maxsize=1)
def default() -> Catalog:
    """The installed course's catalog, once per kernel: from the content cache when it was built from
    exactly the content on disk now (course/content_cache.py), else from the YAML."""
    cached = content_cache.read()
    return cached if cached is not None else load()


def load_and_cache() -> Catalog:
    """load() the installed course, then save it for kernels to start from (`course check`)."""
    catalog = load()
    try:
        content_cache.write(catalog)
    except OSError as exc:  # a read-only install: kernels then load the YAML, as before
        log.warning("The content cache could not be written (%s); kernels will load the YAML.", exc)
    return catalog
