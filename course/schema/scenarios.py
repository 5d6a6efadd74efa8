"""scenarios/*.yaml: branching scenarios, and the validator that walks every path through them.

A scenario is a graph of nodes. A decision node has a situation and choices; each choice leads
to a node, explains itself (feedback), moves the five competency scores (deltas) and may set
flags that later nodes and choices react to ("you skipped the huddle"). An ending node carries
a debrief. The validator walks every path through (node, flags) states, so branching on the
past is checked as thoroughly as the plain graph. Playing a run is course/engine/scenarios.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field, PrivateAttr, model_validator

from course.schema.base import Problem, Slug, Strict, Text, repeated_ids, unique_ids

DELTA_MIN, DELTA_MAX = -2, 2
MIN_DECISIONS = 3
MIN_ENDINGS = 2
MAX_PATHS = 20_000  # a scenario with more paths than this is too big to check, and to play well


class Variant(Strict):
    """Extra text shown at a node when an earlier choice set a flag."""

    when: Slug
    text: Text


class Redirect(Strict):
    """Go somewhere else instead, when an earlier choice set (or did not set) a flag."""

    when: Slug | None = None
    unless: Slug | None = None
    to: Slug

    @model_validator(mode="after")
    def _one_condition(self):
        if (self.when is None) == (self.unless is None):
            raise ValueError("a redirect needs exactly one of 'when' or 'unless'")
        return self


class Choice(Strict):
    id: Slug
    text: Text
    next: Slug
    feedback: Text
    deltas: dict[str, int] = Field(default_factory=dict)
    sets: list[Slug] = Field(default_factory=list)
    requires: Slug | None = None  # offered only if this flag is set
    unless: Slug | None = None  # offered only if this flag is not set
    redirects: list[Redirect] = Field(default_factory=list)  # checked in order before `next`
    expert: bool = False  # what an experienced manager would choose here


class Ending(Strict):
    rating: Literal["strong", "mixed", "poor"]
    title: Text
    what_happened: Text
    expert_view: Text  # what an experienced manager would have done, and why
    framework: Text  # which framework applies, and how


class Node(Strict):
    id: Slug
    situation: str = ""  # required for decisions; an ending may add a closing scene
    picture: str | None = None  # a file under assets/figures/, with alt text below
    picture_alt: str | None = None
    variants: list[Variant] = Field(default_factory=list)
    choices: list[Choice] = Field(default_factory=list)
    ending: Ending | None = None

    @model_validator(mode="after")
    def _decision_or_ending(self):
        if self.ending and self.choices:
            raise ValueError("a node is either a decision (choices) or an ending, not both")
        if not self.ending and not self.choices:
            raise ValueError("a node needs choices, or an ending")
        if self.choices and not self.situation.strip():
            raise ValueError("a decision node needs a situation")
        if self.picture and not self.picture_alt:
            raise ValueError("a picture needs picture_alt text")
        unique_ids(self.choices, "choice")
        return self


class Scenario(Strict):
    id: Slug
    title: Text
    lesson: Slug
    summary: Text
    role: Text  # who the learner is in the story
    frameworks: list[Text] = Field(min_length=1)
    start: Slug
    nodes: list[Node] = Field(min_length=3)

    _analysis: Analysis | None = PrivateAttr(default=None)  # set by check(), kept for `course check`

    def node(self, node_id: str) -> Node:
        return self._index()[node_id]

    def _index(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}

    def check(self, context) -> list[Problem]:
        self._analysis = analyse(self, set(context.competencies))
        return context.unknown_lesson("lesson", self.lesson) + self._analysis.problems

    @property
    def analysis(self) -> Analysis:
        """Nodes, endings, paths and depths, as `course check` summarizes them."""
        return self._analysis


# --- validation -----------------------------------------------------------------------------

@dataclass
class Analysis:
    nodes: int
    endings: int
    paths: int
    min_depth: int
    max_depth: int
    problems: list[tuple[str, str]] = field(default_factory=list)  # (place, reason)

    def summary(self, scenario_id: str) -> dict:
        return {"id": scenario_id, "nodes": self.nodes, "endings": self.endings, "paths": self.paths,
                "min_depth": self.min_depth, "max_depth": self.max_depth}


def analyse(sc: Scenario, competencies: set[str]) -> Analysis:
    problems: list[tuple[str, str]] = repeated_ids("nodes", sc.nodes, "node")
    index = {node.id: node for node in sc.nodes}
    endings = [n for n in sc.nodes if n.ending]
    set_flags = {f for n in sc.nodes for c in n.choices for f in c.sets}

    if sc.start not in index:
        problems.append(("start", f"start node '{sc.start}' does not exist"))
    for i, node in enumerate(sc.nodes):
        for v, variant in enumerate(node.variants):
            if variant.when not in set_flags:
                problems.append((f"nodes.{i}.variants.{v}.when", f"flag '{variant.when}' is never set"))
        for j, choice in enumerate(node.choices):
            place = f"nodes.{i}.choices.{j}"
            targets = [choice.next] + [r.to for r in choice.redirects]
            for target in targets:
                if target not in index:
                    problems.append((place, f"leads to unknown node '{target}'"))
            for flag in filter(None, [choice.requires, choice.unless]
                               + [r.when or r.unless for r in choice.redirects]):
                if flag not in set_flags:
                    problems.append((place, f"depends on flag '{flag}', which no choice sets"))
            for name, delta in choice.deltas.items():
                if name not in competencies:
                    problems.append((f"{place}.deltas", f"unknown competency '{name}'"))
                if not DELTA_MIN <= delta <= DELTA_MAX:
                    problems.append((f"{place}.deltas.{name}",
                                     f"delta {delta} is outside {DELTA_MIN}..{DELTA_MAX}"))
        if node.choices and sum(c.expert for c in node.choices) != 1:
            problems.append((f"nodes.{i}", "exactly one choice per decision must be marked expert: true"))
    if len(endings) < MIN_ENDINGS:
        problems.append(("nodes", f"a scenario needs at least {MIN_ENDINGS} endings (has {len(endings)})"))
    if problems:
        return Analysis(len(sc.nodes), len(endings), 0, 0, 0, problems)

    # Walk every path over (node, flags). A path that revisits a state can loop forever.
    visited, depths, paths = set(), [], 0
    reported = set()

    def walk(node_id, flags, depth, seen):
        nonlocal paths
        if paths > MAX_PATHS:
            return
        node = index[node_id]
        visited.add(node_id)
        if node.ending:
            paths += 1
            depths.append(depth)
            return
        state = (node_id, flags)
        if state in seen:
            if ("loop", node_id) not in reported:
                problems.append((f"nodes.{sc.nodes.index(node)}", f"a path returns to '{node_id}' with nothing "
                                 "changed, so it can go round for ever"))
                reported.add(("loop", node_id))
            return
        offered = available(node, flags)
        if not offered:
            if ("dead", node_id) not in reported:
                problems.append((f"nodes.{sc.nodes.index(node)}", f"dead end: no choice is available at "
                                 f"'{node_id}' when flags are {sorted(flags) or 'none'}"))
                reported.add(("dead", node_id))
            return
        for choice in offered:
            walk(destination(choice, flags), frozenset(flags | set(choice.sets)), depth + 1, seen | {state})

    walk(sc.start, frozenset(), 0, frozenset())
    if paths > MAX_PATHS:
        problems.append(("nodes", f"more than {MAX_PATHS} distinct paths: split the scenario"))
    for i, node in enumerate(sc.nodes):
        if node.id not in visited:
            problems.append((f"nodes.{i}", f"node '{node.id}' can never be reached"))
    if depths and min(depths) < MIN_DECISIONS:
        problems.append(("nodes", f"a path reaches an ending after {min(depths)} decision(s); "
                                  f"every path needs at least {MIN_DECISIONS}"))
    expert = expert_path(sc)
    if expert is None:
        problems.append(("nodes", "following the expert choices does not reach an ending"))
    elif index[expert[-1][0]].ending.rating != "strong":
        problems.append(("nodes", "the expert path should end in a 'strong' ending"))
    return Analysis(len(sc.nodes), len(endings), paths, min(depths or [0]), max(depths or [0]), problems)


def available(node: Node, flags) -> list[Choice]:
    return [c for c in node.choices
            if (c.requires is None or c.requires in flags) and (c.unless is None or c.unless not in flags)]


def destination(choice: Choice, flags) -> str:
    for r in choice.redirects:
        if (r.when and r.when in flags) or (r.unless and r.unless not in flags):
            return r.to
    return choice.next


def expert_path(sc: Scenario) -> list[tuple[str, str | None]] | None:
    """[(node, expert choice)...] ending with (ending node, None); None if it never ends."""
    index = {n.id: n for n in sc.nodes}
    node_id, flags, path = sc.start, frozenset(), []
    for _ in range(len(sc.nodes) * 4):
        node = index.get(node_id)
        if node is None:
            return None
        if node.ending:
            return path + [(node_id, None)]
        offered = available(node, flags)
        choice = next((c for c in offered if c.expert), None) or (offered[0] if offered else None)
        if choice is None:
            return None
        path.append((node_id, choice.id))
        flags = frozenset(flags | set(choice.sets))
        node_id = destination(choice, flags)
    return None
