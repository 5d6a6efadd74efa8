"""Load and validate the course content (YAML) into typed objects.

Nothing else in the package reads YAML. Every error names the file, the place inside it
and the reason, so a maintainer can fix content without reading a traceback.
"""
from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Annotated, Literal, Union

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from course.errors import ContentError
from course.paths import CONTENT_DIR, PROJECT_DIR
from course.schema.rubrics import Rubric, check_rubrics

NOTEBOOK_DIR = PROJECT_DIR / "notebooks"

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- competencies and facts -----------------------------------------------------------

class Competency(Strict):
    id: Slug
    name: Text
    short: Text
    description: Text


class CompetencyFile(Strict):
    competencies: list[Competency] = Field(min_length=1)


class Fact(Strict):
    id: Slug
    label: Text
    display: Text  # the figure as a learner reads it, e.g. "$110,680 a year"
    value: float | None = None  # the number behind it, where quizzes or charts need one
    low: float | None = None  # a range's two ends ("2 to 3 years"), for the pathway planner
    high: float | None = None
    region: Text = "United States"
    source: Text
    url: Annotated[str, Field(pattern=r"^https://")]
    as_of: Text
    check_live: bool = False  # tell the learner to check the live source for a newer edition
    note: str | None = None

    @model_validator(mode="after")
    def _range(self):
        if (self.low is None) != (self.high is None):
            raise ValueError("give both 'low' and 'high', or neither")
        if self.low is not None and self.low > self.high:
            raise ValueError("'low' must not be greater than 'high'")
        return self


class FactFile(Strict):
    facts: list[Fact] = Field(min_length=1)


# --- the course map -------------------------------------------------------------------

class Lesson(Strict):
    id: Slug
    number: int = Field(ge=0, le=99)
    title: Text
    notebook: Annotated[str, Field(pattern=r"^[A-Za-z0-9_./-]+\.ipynb$")]
    minutes: int = Field(ge=5, le=600)
    questions: list[Text] = Field(min_length=1)
    objectives: list[Text] = Field(min_length=2, max_length=5)
    status: Literal["published", "planned"] = "published"
    reflection: str | None = None  # the reflection prompt, shown by course.reflection()


class MapStop(Strict):
    lesson: Slug
    label: Annotated[str, Field(min_length=1, max_length=40)]  # the stop's short name on the picture


class MapPart(Strict):
    title: Annotated[str, Field(min_length=1, max_length=40)]  # "Getting there"
    stops: list[MapStop] = Field(min_length=1)


class CourseMap(Strict):
    title: Text
    subtitle: Text
    lessons: list[Lesson] = Field(min_length=1)
    map: list[MapPart] = []  # the course map picture (lesson 00): parts of the path, in order

    @model_validator(mode="after")
    def _ordered_and_unique(self):
        numbers = [lesson.number for lesson in self.lessons]
        if numbers != sorted(set(numbers)):
            raise ValueError("lesson numbers must be unique and in ascending order")
        ids = [lesson.id for lesson in self.lessons]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate lesson id: {_first_duplicate(ids)}")
        if self.map:
            on_map = [stop.lesson for part in self.map for stop in part.stops]
            unknown = [i for i in on_map if i not in ids]
            if unknown:
                raise ValueError(f"map: unknown lesson '{unknown[0]}'")
            if on_map != ids:
                raise ValueError("map: list every lesson once, in the order of 'lessons'")
        return self


# --- self-check items -----------------------------------------------------------------

class Option(Strict):
    id: Slug
    text: Text
    correct: bool = False
    feedback: Text  # why this option is right or wrong; shown after answering


MAX_TRIES = 3  # the course's one rule: every self-check and budget-lab step allows 3 tries, then shows the answer
HINT_MAX = 400


class _Item(Strict):
    id: Slug
    prompt: Text
    max_tries: int = Field(default=MAX_TRIES, ge=1, le=5)  # the answer is shown after this many tries
    competency: Slug | None = None
    hint: Annotated[str, Field(min_length=1, max_length=HINT_MAX)] | None = None  # guides, never gives the answer


def _unique_option_ids(options):
    ids = [o.id for o in options]
    if len(ids) != len(set(ids)):
        raise ValueError(f"duplicate option id: {_first_duplicate(ids)}")


class SingleChoice(_Item):
    kind: Literal["single"]
    options: list[Option] = Field(min_length=2, max_length=8)

    @model_validator(mode="after")
    def _one_correct(self):
        _unique_option_ids(self.options)
        if sum(o.correct for o in self.options) != 1:
            raise ValueError("a single-choice item needs exactly one correct option")
        return self


class MultipleChoice(_Item):
    kind: Literal["multiple"]
    options: list[Option] = Field(min_length=3, max_length=10)

    @model_validator(mode="after")
    def _some_correct(self):
        _unique_option_ids(self.options)
        if not any(o.correct for o in self.options):
            raise ValueError("a multiple-select item needs at least one correct option")
        return self


class NumericFeedback(Strict):
    correct: Text
    too_low: Text
    too_high: Text


class Numeric(_Item):
    kind: Literal["numeric"]
    answer: float | None = None
    answer_fact: Slug | None = None  # take the answer from facts.yaml so a figure lives once
    tolerance: float = Field(default=0, ge=0)
    unit: Text
    feedback: NumericFeedback
    explanation: Text  # how the answer is worked out; shown once answered

    @model_validator(mode="after")
    def _one_answer(self):
        if (self.answer is None) == (self.answer_fact is None):
            raise ValueError("give exactly one of 'answer' or 'answer_fact'")
        return self


class Step(Strict):
    id: Slug
    text: Text
    why: Text  # why this step sits where it does


class OrderingFeedback(Strict):
    correct: Text
    incorrect: Text


class Ordering(_Item):
    kind: Literal["ordering"]
    steps: list[Step] = Field(min_length=3, max_length=8)  # in the correct order
    feedback: OrderingFeedback

    @model_validator(mode="after")
    def _unique_steps(self):
        _unique_option_ids(self.steps)
        return self


Item = Annotated[Union[SingleChoice, MultipleChoice, Numeric, Ordering], Field(discriminator="kind")]


class QuizFile(Strict):
    lesson: Slug
    items: list[Item] = Field(min_length=1)


# --- exercises ------------------------------------------------------------------------

class Category(Strict):
    id: Slug
    label: Text


class Card(Strict):
    id: Slug
    text: Text
    answer: Slug
    feedback: Text


class SortExercise(Strict):
    """Sort cards into categories, then mark the ones the learner already does today."""

    id: Slug
    lesson: Slug
    kind: Literal["sort"]
    title: Text
    instructions: Text
    categories: list[Category] = Field(min_length=2, max_length=5)
    cards: list[Card] = Field(min_length=4, max_length=16)
    inventory_prompt: Text  # the "which of these do you already do?" question
    inventory_category: Slug  # the category whose cards the inventory asks about

    @model_validator(mode="after")
    def _answers_known(self):
        cats = {c.id for c in self.categories}
        _unique_option_ids(self.cards)
        for card in self.cards:
            if card.answer not in cats:
                raise ValueError(f"card '{card.id}' answers unknown category '{card.answer}'")
        if self.inventory_category not in cats:
            raise ValueError(f"inventory_category '{self.inventory_category}' is not a category")
        return self


# --- lesson 03: the leadership experience log ------------------------------------------

class LogIdeas(Strict):
    competency: Slug
    ideas: list[Text] = Field(min_length=1, max_length=6)  # experiences that build this domain


class ExperienceLogContent(Strict):
    """Texts of the experience log; the entries themselves are the learner's, in the store."""

    lesson: Slug
    title: Text
    instructions: Text
    stage_prompts: dict[str, Text]  # profile stage -> where someone at that stage might look
    no_profile: Text
    ideas: list[LogIdeas] = Field(min_length=1)


# --- lesson 04: the readiness self-assessment ------------------------------------------

class ScaleLevel(Strict):
    value: int = Field(ge=1, le=5)
    label: Text


class Statement(Strict):
    id: Slug
    text: Text


class Action(Strict):
    text: Text
    stages: list[str] = []  # the profile stages it suits; empty means everyone


class AssessmentDomain(Strict):
    competency: Slug
    statements: list[Statement] = Field(min_length=4, max_length=8)
    lessons: list[Slug] = Field(min_length=1)  # lessons that build this domain
    actions: list[Action] = Field(min_length=2)  # concrete things to do about it


class SelfAssessment(Strict):
    id: Slug
    lesson: Slug
    title: Text
    instructions: Text
    scale_fact: Slug  # the fact that names the scale's source (ACHE's Novice-Competent-Expert)
    no_profile: Text  # said when the learner has no starting profile (actions are then not filtered)
    scale: list[ScaleLevel]
    domains: list[AssessmentDomain] = Field(min_length=1)

    @field_validator("scale")
    @classmethod
    def _five_levels(cls, scale):
        if [level.value for level in scale] != [1, 2, 3, 4, 5]:
            raise ValueError("the scale must list the values 1, 2, 3, 4, 5 in order")
        return scale

    @field_validator("domains")
    @classmethod
    def _unique_domains(cls, domains):
        comps = [d.competency for d in domains]
        if len(comps) != len(set(comps)):
            raise ValueError(f"domain '{_first_duplicate(comps)}' is listed twice")
        ids = [s.id for d in domains for s in d.statements]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate statement id: {_first_duplicate(ids)}")
        return domains


# --- the glossary (glossary.yaml) --------------------------------------------------------

class GlossaryTerm(Strict):
    term: Annotated[str, Field(min_length=1, max_length=40)]  # as the text writes it: "FTE", "huddle"
    expansion: Annotated[str, Field(min_length=2, max_length=120)] | None = None  # what the letters stand for
    explanation: Annotated[str, Field(min_length=40, max_length=600)]  # 1-3 plain sentences
    us: bool = False  # a US body, law, program or credential: labelled "US" wherever it is shown
    lesson: Slug | None = None  # the lesson that teaches it; its text must use the term
    related: list[Annotated[str, Field(min_length=1)]] = []  # other terms in the glossary
    forms: list[Annotated[str, Field(min_length=1, max_length=60)]] = []  # other spellings in the text

    @field_validator("explanation")
    @classmethod
    def _one_to_three_sentences(cls, text):
        from course.engine.glossary import sentences

        found = sentences(text)
        if not 1 <= found <= 3:
            raise ValueError(f"explain the term in 1 to 3 sentences (found {found})")
        return text


class GlossaryFile(Strict):
    terms: list[GlossaryTerm] = Field(min_length=1)


# --- the whole catalog ----------------------------------------------------------------

class Catalog(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    course: CourseMap
    competencies: dict[str, Competency]
    facts: dict[str, Fact]
    items: dict[str, Item]
    item_lesson: dict[str, str]
    exercises: dict[str, SortExercise]
    scenarios: dict = {}  # id -> scenarios.Scenario
    scenario_stats: dict = {}  # id -> scenarios.Analysis
    experience_log: ExperienceLogContent | None = None  # lesson 03's log texts
    self_assessment: SelfAssessment | None = None  # lesson 04's readiness self-assessment
    certifications: object = None  # certification_rules.CertificationFile (lesson 04's explorer)
    pathways: object = None  # pathway.PathwayContent (lesson 02's pathway planner)
    operations: object = None  # operations.OperationsContent (lesson 07's budget lab, KPIs, change plan)
    style_matcher: object = None  # situational.StyleMatcherContent (lesson 05's situational leadership matcher)
    sbar: object = None  # sbar_draft.SbarContent (lesson 06's SBAR exercise)
    development_plan: object = None  # plan.PlanContent (the capstone's development plan)
    quality: object = None  # quality_content.QualityContent (lesson 08's run chart and PDSA plan)
    staffing: object = None  # staffing_content.StaffingContent (lesson 09's staffing grid)
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


def _first_duplicate(values):
    seen = set()
    for v in values:
        if v in seen:
            return v
        seen.add(v)
    return None


def _display_path(path: Path) -> str:
    """A path as a maintainer types it: relative to the project where possible."""
    resolved = Path(path).resolve()
    for base in (PROJECT_DIR, Path.cwd()):
        try:
            return str(resolved.relative_to(base))
        except ValueError:
            continue
    return str(path)


def _place(loc) -> str:
    return ".".join(str(p) for p in loc) if loc else ""


def _read_yaml(path: Path, root: Path, problems):
    rel = _display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append((rel, "", f"cannot read the file ({exc.__class__.__name__}: {exc})"))
        return rel, None
    try:
        # libyaml's loader (safe, like safe_load) parses the course ~10x faster: every kernel loads it
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


def _parse(model, path, root, problems):
    rel, data = _read_yaml(path, root, problems)
    if data is None:
        return rel, None
    try:
        return rel, model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = list(err["loc"])
            # drop pydantic's union tag from the place ("items.3.single.options" -> "items.3.options")
            loc = [p for p in loc if p not in ("single", "multiple", "numeric", "ordering")]
            reason = err["msg"].removeprefix("Value error, ")
            problems.append((rel, _place(loc), reason))
        return rel, None


def _load_lesson_tools(root: Path, competencies, facts, course_map, problems) -> dict:
    """The optional one-file contents of lessons 03 and 04, with their cross-references checked."""
    from course.engine.certifications import CertificationFile, check_references
    from course.engine.profile import STAGES

    lesson_ids = {lesson.id for lesson in course_map.lessons} if course_map else set()
    found = {}
    for name, key, model in (("experience_log.yaml", "experience_log", ExperienceLogContent),
                             ("self_assessment.yaml", "self_assessment", SelfAssessment),
                             ("certifications.yaml", "certifications", CertificationFile)):
        if not (root / name).exists():
            continue
        rel, parsed = _parse(model, root / name, root, problems)
        if parsed is None:
            continue
        found[key] = parsed
        if course_map and parsed.lesson not in lesson_ids:
            problems.append((rel, "lesson", f"unknown lesson '{parsed.lesson}'"))

        def unknown_competency(place, comp_id):
            if competencies and comp_id not in competencies:
                problems.append((rel, place, f"unknown competency '{comp_id}'"))

        if isinstance(parsed, ExperienceLogContent):
            for stage in parsed.stage_prompts:
                if stage not in STAGES:
                    problems.append((rel, f"stage_prompts.{stage}", f"unknown profile stage '{stage}'"))
            for i, group in enumerate(parsed.ideas):
                unknown_competency(f"ideas.{i}.competency", group.competency)
        elif isinstance(parsed, SelfAssessment):
            if parsed.scale_fact not in facts:
                problems.append((rel, "scale_fact", f"unknown fact '{parsed.scale_fact}'"))
            for i, domain in enumerate(parsed.domains):
                unknown_competency(f"domains.{i}.competency", domain.competency)
                for j, lesson_id in enumerate(domain.lessons):
                    if course_map and lesson_id not in lesson_ids:
                        problems.append((rel, f"domains.{i}.lessons.{j}", f"unknown lesson '{lesson_id}'"))
                for j, action in enumerate(domain.actions):
                    for stage in action.stages:
                        if stage not in STAGES:
                            problems.append((rel, f"domains.{i}.actions.{j}.stages",
                                             f"unknown profile stage '{stage}'"))
            missing = [c for c in competencies if c not in {d.competency for d in parsed.domains}]
            if missing:
                problems.append((rel, "domains", f"no statements for competency '{missing[0]}'"))
        else:
            problems.extend((rel, place, reason) for place, reason in check_references(parsed, facts))
    return found


def _load_pathways(root: Path, facts, problems):
    """Lesson 02's pathway planner content, if present, with its facts and profile ids checked."""
    path = root / "pathways.yaml"
    if not path.exists():
        return None
    from course.engine.pathway import PathwayContent, check_content

    rel, content = _parse(PathwayContent, path, root, problems)
    if content is None:
        return None
    found = check_content(content, facts)
    problems.extend((rel, place, reason) for place, reason in found)
    return None if found else content


def _load_operations(root: Path, facts, course_map, notebooks: Path, problems):
    """Lesson 07's budget lab, KPI dashboard and change plan, if present, with their references checked."""
    from course.schema import operations

    path = root / operations.CONTENT_FILE
    if not path.exists():
        return None
    rel, content = _parse(operations.OperationsContent, path, root, problems)
    if content is None:
        return None
    found = operations.check_content(content, facts)
    lesson = next((l for l in course_map.lessons if l.id == content.lesson), None) if course_map else None
    if course_map and lesson is None:
        found.append(("lesson", f"unknown lesson '{content.lesson}'"))
    problems.extend((rel, place, reason) for place, reason in found)
    if lesson is not None and (notebooks / lesson.notebook).exists():
        nb_path = notebooks / lesson.notebook
        calls = [ref for fn, ref in notebook_references(nb_path) if fn == "budget_lab"]
        for step in operations.unknown_steps(content, calls):
            problems.append((_display_path(nb_path), f'course.budget_lab("{step}")', f"unknown budget lab step '{step}'"))
            found.append(step)
    return None if found else content


def _load_development_plan(root: Path, competencies, lesson_ids: set, problems):
    """The capstone's development plan texts, if present, with their lessons and domains checked."""
    from course.capstone import plan

    path = root / plan.CONTENT_FILE
    if not path.exists():
        return None
    rel, content = _parse(plan.PlanContent, path, root, problems)
    if content is None:
        return None
    found = plan.check_content(content, competencies, lesson_ids)
    problems.extend((rel, place, reason) for place, reason in found)
    return None if found else content


def _load_lessons_08_09(root: Path, facts, lesson_ids: set, problems) -> dict:
    """Lesson 08's run chart and PDSA plan and lesson 09's staffing grid, if present, with their
    facts, sample data and lesson checked."""
    from course.schema import quality as quality_content
    from course.schema import staffing as staffing_content
    from course.engine.run_rules import DATA_DIR

    found = {}
    for key, module, model, check in (
            ("quality", quality_content, quality_content.QualityContent,
             lambda c: quality_content.check_content(c, facts, DATA_DIR)),
            ("staffing", staffing_content, staffing_content.StaffingContent,
             lambda c: staffing_content.check_content(c, facts))):
        path = root / module.CONTENT_FILE
        if not path.exists():
            continue
        rel, parsed = _parse(model, path, root, problems)
        if parsed is None:
            continue
        found_here = check(parsed)
        if lesson_ids and parsed.lesson not in lesson_ids:
            found_here.append(("lesson", f"unknown lesson '{parsed.lesson}'"))
        problems.extend((rel, place, reason) for place, reason in found_here)
        if not found_here:
            found[key] = parsed
    return found


def _load_lessons_05_06(root: Path, lesson_ids: set, problems) -> dict:
    """Lesson 05's style matcher and lesson 06's SBAR exercise, if present, with their lesson checked."""
    from course.engine import sbar as sbar_draft
    from course.engine import situational

    found = {}
    for name, key, module, model in (
            ("situational_leadership.yaml", "style_matcher", situational, situational.StyleMatcherContent),
            ("sbar.yaml", "sbar", sbar_draft, sbar_draft.SbarContent)):
        if not (root / name).exists():
            continue
        rel, parsed = _parse(model, root / name, root, problems)
        if parsed is None:
            continue
        found_here = module.check_content(parsed)
        if lesson_ids and parsed.lesson not in lesson_ids:
            found_here.append(("lesson", f"unknown lesson '{parsed.lesson}'"))
        problems.extend((rel, place, reason) for place, reason in found_here)
        if not found_here:
            found[key] = parsed
    return found


def _load_glossary(root: Path, course_map, notebooks: Path, problems) -> tuple:
    """The glossary, if present: terms unique, related terms and lessons known, and each term used
    in the text of the lesson said to teach it."""
    from course.engine.glossary import first_match, markdown_text, term_id

    path = root / "glossary.yaml"
    if not path.exists():
        return ()
    rel, parsed = _parse(GlossaryFile, path, root, problems)
    if parsed is None:
        return ()
    found: list[tuple[str, str]] = []
    lessons = {lesson.id: lesson for lesson in course_map.lessons} if course_map else {}
    seen: dict[str, int] = {}
    for i, entry in enumerate(parsed.terms):
        for form in (entry.term, *entry.forms):
            other = seen.get(term_id(form))
            if other is not None and other != i:  # one entry may spell a form two ways
                found.append((f"terms.{i}.term", f"duplicate term '{form}' (also terms.{other})"))
            seen.setdefault(term_id(form), i)
    known = {term_id(e.term) for e in parsed.terms}
    texts: dict[str, str] = {}
    for i, entry in enumerate(parsed.terms):
        for j, related in enumerate(entry.related):
            if term_id(related) not in known:
                found.append((f"terms.{i}.related.{j}", f"unknown term '{related}'"))
        if entry.lesson is None or not lessons:
            continue
        lesson = lessons.get(entry.lesson)
        if lesson is None:
            found.append((f"terms.{i}.lesson", f"unknown lesson '{entry.lesson}'"))
            continue
        nb_path = notebooks / lesson.notebook
        if lesson.status != "published" or not nb_path.exists():
            continue
        if lesson.id not in texts:
            texts[lesson.id] = "\n".join(markdown_text("".join(c.get("source", "")))
                                         for c in notebook_cells(nb_path) if c.get("cell_type") == "markdown")
        if not first_match(entry, texts[lesson.id]):
            found.append((f"terms.{i}.lesson", f"'{entry.term}' does not appear in the text of lesson "
                                               f"{lesson.number} ({lesson.notebook}), which should teach it"))
    problems.extend((rel, place, reason) for place, reason in found)
    if found:
        return ()
    return tuple(sorted(parsed.terms, key=lambda e: e.term.casefold()))


def _load_rubrics(root: Path, sbar, problems) -> dict:
    """course/content/rubrics/*.yaml (schema/rubrics.py), checked against each other and the SBAR checklist."""
    found: dict[str, tuple[str, Rubric]] = {}
    for path in sorted((root / "rubrics").glob("*.yaml")):
        rel, rubric = _parse(Rubric, path, root, problems)
        if rubric is None:
            continue
        if rubric.id in found:
            problems.append((rel, "id", f"duplicate rubric id '{rubric.id}' (also in {found[rubric.id][0]})"))
            continue
        found[rubric.id] = (rel, rubric)
    problems.extend(check_rubrics(found, [c.id for c in sbar.checklist] if sbar else None))
    return {rubric_id: rubric for rubric_id, (_rel, rubric) in found.items()}


def load(root: Path | str | None = None, notebooks: Path | str | None = None) -> Catalog:
    """Load every content file under `root`, check cross-references, or raise ContentError."""
    root = Path(root) if root else CONTENT_DIR
    notebooks = Path(notebooks) if notebooks else NOTEBOOK_DIR
    problems: list[tuple[str, str, str]] = []

    required = {"course.yaml": CourseMap, "competencies.yaml": CompetencyFile, "facts.yaml": FactFile}
    parsed = {}
    for name, model in required.items():
        path = root / name
        if not path.exists():
            problems.append((_display_path(path), "", "file is missing"))
            continue
        parsed[name] = _parse(model, path, root, problems)

    competencies, facts, items, item_lesson, exercises, item_files = {}, {}, {}, {}, {}, {}
    if parsed.get("competencies.yaml", (0, None))[1]:
        rel, comp = parsed["competencies.yaml"]
        for i, c in enumerate(comp.competencies):
            if c.id in competencies:
                problems.append((rel, f"competencies.{i}.id", f"duplicate competency id '{c.id}'"))
            competencies[c.id] = c
    if parsed.get("facts.yaml", (0, None))[1]:
        rel, fact_file = parsed["facts.yaml"]
        for i, f in enumerate(fact_file.facts):
            if f.id in facts:
                problems.append((rel, f"facts.{i}.id", f"duplicate fact id '{f.id}'"))
            facts[f.id] = f
    course_map = parsed.get("course.yaml", (0, None))[1]
    lesson_ids = {lesson.id for lesson in course_map.lessons} if course_map else set()

    for path in sorted((root / "quizzes").glob("*.yaml")):
        rel, quiz = _parse(QuizFile, path, root, problems)
        if quiz is None:
            continue
        if course_map and quiz.lesson not in lesson_ids:
            problems.append((rel, "lesson", f"unknown lesson '{quiz.lesson}'"))
        for i, item in enumerate(quiz.items):
            if item.id in items:
                problems.append((rel, f"items.{i}.id",
                                 f"duplicate item id '{item.id}' (also in {item_files[item.id]})"))
                continue
            if isinstance(item, Numeric) and item.answer_fact:
                fact = facts.get(item.answer_fact)
                if fact is None:
                    problems.append((rel, f"items.{i}.answer_fact", f"unknown fact '{item.answer_fact}'"))
                elif fact.value is None:
                    problems.append((rel, f"items.{i}.answer_fact", f"fact '{item.answer_fact}' has no value"))
            if item.competency and competencies and item.competency not in competencies:
                problems.append((rel, f"items.{i}.competency", f"unknown competency '{item.competency}'"))
            items[item.id], item_lesson[item.id], item_files[item.id] = item, quiz.lesson, rel

    for path in sorted((root / "exercises").glob("*.yaml")):
        rel, ex = _parse(SortExercise, path, root, problems)
        if ex is None:
            continue
        if ex.id in exercises:
            problems.append((rel, "id", f"duplicate exercise id '{ex.id}'"))
        if course_map and ex.lesson not in lesson_ids:
            problems.append((rel, "lesson", f"unknown lesson '{ex.lesson}'"))
        exercises[ex.id] = ex

    from course.engine.scenarios import Scenario, analyse

    scenarios, scenario_stats = {}, {}
    for path in sorted((root / "scenarios").glob("*.yaml")):
        rel, sc = _parse(Scenario, path, root, problems)
        if sc is None:
            continue
        if sc.id in scenarios:
            problems.append((rel, "id", f"duplicate scenario id '{sc.id}'"))
        if course_map and sc.lesson not in lesson_ids:
            problems.append((rel, "lesson", f"unknown lesson '{sc.lesson}'"))
        stats = analyse(sc, set(competencies))
        problems.extend((rel, place, reason) for place, reason in stats.problems)
        scenarios[sc.id], scenario_stats[sc.id] = sc, stats

    tools = _load_lesson_tools(root, competencies, facts, course_map, problems)
    pathways = _load_pathways(root, facts, problems)
    if pathways is not None:
        tools["pathways"] = pathways
    tools.update(_load_lessons_05_06(root, lesson_ids, problems))
    tools.update(_load_lessons_08_09(root, facts, lesson_ids, problems))
    development_plan = _load_development_plan(root, competencies, lesson_ids, problems)
    if development_plan is not None:
        tools["development_plan"] = development_plan
    operations = _load_operations(root, facts, course_map, notebooks, problems)
    if operations is not None:
        tools["operations"] = operations
    tools["glossary"] = _load_glossary(root, course_map, notebooks, problems)
    tools["rubrics"] = _load_rubrics(root, tools.get("sbar"), problems)

    if course_map:
        for i, lesson in enumerate(course_map.lessons):
            if lesson.status != "published":
                continue
            nb_path = notebooks / lesson.notebook
            if not nb_path.exists():
                problems.append((_display_path(root / "course.yaml"), f"lessons.{i}.notebook",
                                 f"notebook '{lesson.notebook}' does not exist"))
                continue
            for kind, ref in notebook_references(nb_path):
                known = {"quiz": items, "fact": facts, "exercise": exercises, "scenario": scenarios}.get(kind)
                if known is not None and ref not in known:
                    problems.append((_display_path(nb_path), f"course.{kind}(\"{ref}\")",
                                     f"unknown {kind} id '{ref}'"))

    if problems:
        raise ContentError(problems)
    return Catalog(course=course_map, competencies=competencies, facts=facts, items=items,
                   item_lesson=item_lesson, exercises=exercises, scenarios=scenarios,
                   scenario_stats=scenario_stats, root=root, notebook_dir=notebooks, **tools)


_CALL = re.compile(r"course\.(\w+)\(([^)]*)\)")
_STRING = re.compile(r"""["']([^"']+)["']""")


def notebook_cells(nb_path: Path) -> list[dict]:
    return json.loads(nb_path.read_text(encoding="utf-8")).get("cells", [])


def notebook_references(nb_path: Path):
    """(function, id) for every `course.<function>("id", ...)` call in the notebook's code."""
    for call in notebook_calls(nb_path):
        for ref in call.args:
            yield call.function, ref


class NotebookCall(BaseModel):
    """One `course.<function>("id", ...)` call in a notebook, and the section it sits in."""

    model_config = ConfigDict(frozen=True)

    function: str
    args: tuple[str, ...]  # its string arguments, e.g. the self-check ids
    section: str | None  # the nearest heading above it (level 2 or 3), as the page shows it
    anchor: str | None  # that heading's id on the rendered page


_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def notebook_calls(nb_path: Path) -> list[NotebookCall]:
    """Every course.* call in the notebook's code, in page order, with its section."""
    calls, section = [], None
    for cell in notebook_cells(nb_path):
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            for level, text in markdown_headings(source):
                if level in (2, 3):
                    section = heading_text(text)
        elif cell.get("cell_type") == "code":
            for fn, args in _CALL.findall(source):
                calls.append(NotebookCall(function=fn, args=tuple(_STRING.findall(args)), section=section,
                                          anchor=heading_anchor(section) if section else None))
    return calls


def markdown_headings(source: str) -> list[tuple[int, str]]:
    """(level, raw text) of the ATX headings (`## Title`) in Markdown, skipping fenced code."""
    found, fenced = [], False
    for line in source.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced or line.startswith("    ") else _HEADING.match(line)
        if match:
            found.append((len(match.group(1)), match.group(2)))
    return found


_INLINE = [
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # [text](url) and images: the text
    (re.compile(r"<[^>]+>"), ""),  # inline HTML tags
    (re.compile(r"`([^`]*)`"), r"\1"),  # code spans
    (re.compile(r"(?<!\\)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)(?<!\\)\1"), r"\2"),  # emphasis
]


def heading_text(markdown: str) -> str:
    """A heading's Markdown as the reader sees it: `What O\\*NET says` -> `What O*NET says`."""
    import html

    text = markdown
    for pattern, replacement in _INLINE:
        for _ in range(3):  # nested emphasis
            text = pattern.sub(replacement, text)
    text = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)  # backslash escapes
    return html.unescape(text).strip()


def heading_anchor(text: str) -> str:
    """The id the page gives a heading, as nbconvert makes it: the text with spaces as hyphens and
    what a URL fragment cannot hold percent-encoded. A test compares the two for every heading."""
    from urllib.parse import quote

    return quote(text.replace(" ", "-"), safe="?/:@!$&'()*+,;=")


@functools.lru_cache(maxsize=1)
def default() -> Catalog:
    """The installed course's catalog, loaded once per kernel."""
    return load()
