"""What a mentor can ask in a live session, and how the picker finds it.

A prompt is a self-check item from the catalog (single or multiple choice), a decision node of a
scenario (its choices, with the expert choice as the one to discuss), or an open question from
the saved prompt sets (course/content/live_sets.yaml, course/mentor/live_sets.py): learners type
a line, and the mentor sees the lines as a list. The answer key stays in the kernel: learners'
pages get option labels only until the mentor reveals.
"""
from __future__ import annotations

from dataclasses import dataclass

from course.engine.scenarios import available
from course.keys import SCENARIO_PREFIX
from course.mentor.live_sets import OPEN_PREFIX, open_prompts

MAX_REF = 130
MAX_MATCHES = 40  # prompts the search offers at once: the mentor types more to narrow it
OPEN_TEXT_MAX = 280  # characters in an answer to an open question: a line, fit for a list on a projector


@dataclass(frozen=True)
class LiveOption:
    id: str
    text: str
    feedback: str
    correct: bool  # for a scenario node: the choice an experienced manager would make


@dataclass(frozen=True)
class Prompt:
    ref: str  # an item id, "scenario:<scenario>/<node>" or "open:<id>"
    kind: str  # single, multiple or open
    source: str  # self-check, scenario or open
    lesson: str
    label: str  # how the mentor's picker names it (whole: the picker wraps, it does not cut)
    situation: tuple[str, ...]  # paragraphs before the question (a scenario's scene)
    question: str
    options: tuple[LiveOption, ...]
    search_text: str = ""  # everything a mentor might type to find it, lower case

    def offered(self) -> set[str]:
        return {o.id for o in self.options}

    def letter(self, option_id: str) -> str:
        return letter(next(i for i, o in enumerate(self.options) if o.id == option_id))

    def choices_in(self, response: dict) -> list[str]:
        if self.kind == "open":
            return []
        return [response["choice"]] if self.kind == "single" else list(response["choices"])

    def is_correct(self, response: dict) -> bool | None:
        if self.kind == "open":
            return None  # an open question has no right answer
        right = {o.id for o in self.options if o.correct}
        return set(self.choices_in(response)) == right

    @property
    def right_label(self) -> str:
        return "An experienced manager's choice" if self.source == "scenario" else "Right answer"


def letter(index: int) -> str:
    return "ABCDEFGHIJ"[index]


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _words(*parts) -> str:
    return " ".join(" ".join(str(p).split()) for p in parts).casefold()


def scenario_ref(scenario_id: str, node_id: str) -> str:
    return f"{SCENARIO_PREFIX}{scenario_id}/{node_id}"


def prompt_for(catalog, ref: str) -> Prompt:
    """The prompt a ref names; KeyError if the content has no such thing, ValueError if it cannot be
    asked live (numeric and ordering items, endings)."""
    if not isinstance(ref, str) or len(ref) > MAX_REF:
        raise KeyError(f"prompt {str(ref)[:60]!r}")
    lessons = {lesson.id: lesson for lesson in catalog.course.lessons}
    if ref.startswith(OPEN_PREFIX):
        question = open_prompts(catalog).get(ref)
        if question is None:
            raise KeyError(f"open question '{ref}'")
        number = lessons[question.lesson].number if question.lesson in lessons else "?"
        return Prompt(ref=ref, kind="open", source="open", lesson=question.lesson,
                      label=f"Lesson {number} · open question (a line each): {question.question}",
                      situation=(), question=question.question, options=(),
                      search_text=_words(ref, f"lesson {number}", "open question", question.question))
    if ref.startswith(SCENARIO_PREFIX):
        scenario_id, _, node_id = ref[len(SCENARIO_PREFIX):].partition("/")
        sc = catalog.scenarios.get(scenario_id)
        if sc is None:
            raise KeyError(f"scenario '{scenario_id}'")
        nodes = {n.id: n for n in sc.nodes}
        if node_id not in nodes:
            raise KeyError(f"node '{node_id}' of scenario '{scenario_id}'")
        node = nodes[node_id]
        # choices that need an earlier choice's flag make no sense out of the story: offer the rest
        offered = available(node, frozenset())
        if len(offered) < 2:
            raise ValueError(f"'{ref}' has fewer than two choices to ask about")
        decisions = [n.id for n in sc.nodes if n.choices]
        number = lessons[sc.lesson].number if sc.lesson in lessons else "?"
        label = (f"Lesson {number} · scenario “{sc.title}”, decision {decisions.index(node_id) + 1}: "
                 f"{_short(node.situation, 160)}")
        return Prompt(
            ref=ref, kind="single", source="scenario", lesson=sc.lesson, label=label,
            situation=(node.situation,), question="What do you do?",
            options=tuple(LiveOption(c.id, c.text, c.feedback, c.expert) for c in offered),
            search_text=_words(ref, label, node.situation, *(c.text for c in offered)))
    item = catalog.items.get(ref)
    if item is None:
        raise KeyError(f"self-check '{ref}'")
    if not item.has_options:
        raise ValueError(f"'{ref}' is a {item.kind} item; live sessions ask single- and multiple-choice items")
    lesson = catalog.item_lesson[ref]
    number = lessons[lesson].number if lesson in lessons else "?"
    kind_word = "choose one" if item.kind == "single" else "select all that apply"
    label = f"Lesson {number} · self-check ({kind_word}): {_short(item.prompt, 200)}"
    return Prompt(
        ref=ref, kind=item.kind, source="self-check", lesson=lesson, label=label,
        situation=(), question=item.prompt,
        options=tuple(LiveOption(o.id, o.text, o.feedback, o.correct) for o in item.options),
        search_text=_words(ref, label, item.prompt, *(o.text for o in item.options)))


def askable(catalog, ref: str) -> bool:
    """Whether this item or decision can be put to a live session."""
    try:
        prompt_for(catalog, ref)
    except (KeyError, ValueError):
        return False
    return True


def available_prompts(catalog) -> list[Prompt]:
    """Everything a mentor can ask live, in course order: self-checks, scenario decisions, then the
    open questions of each lesson."""
    def build():
        order = {lesson.id: lesson.number for lesson in catalog.course.lessons}
        refs = list(catalog.items)
        refs += [scenario_ref(sid, n.id) for sid, sc in catalog.scenarios.items() for n in sc.nodes if n.choices]
        refs += list(open_prompts(catalog))
        found = []
        for ref in refs:
            try:
                found.append(prompt_for(catalog, ref))
            except ValueError:
                continue
        rank = {"self-check": 0, "scenario": 1, "open": 2}
        return sorted(found, key=lambda p: (order.get(p.lesson, 99), rank[p.source], p.ref.split("/")[0]))

    return catalog.memo("live-prompts", build)


def search(prompts: list[Prompt], typed: str, limit: int = MAX_MATCHES) -> tuple[list[Prompt], int]:
    """The prompts whose words hold every word typed ("l8 run chart", "insulin", "former-peers"),
    at most `limit` of them, and how many matched in all. "l8" and "lesson 8" both name lesson 8."""
    words = []
    for word in (typed or "")[:200].casefold().split():
        if len(word) > 1 and word[0] == "l" and word[1:].isdigit():
            words.append(f"lesson {int(word[1:])} ")
        else:
            words.append(word)
    matched = [p for p in prompts if all(w in p.search_text + " " for w in words)]
    return matched[:limit], len(matched)
