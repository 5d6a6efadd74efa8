"""Playing a branching scenario: a run through the graph that course/schema/scenarios.py defines
and validates (where the model, `available`, `destination` and `expert_path` live)."""
from __future__ import annotations

from dataclasses import dataclass, field

from course.schema.scenarios import (Analysis, Choice, Ending, Node, Scenario, analyse,  # noqa: F401 (callers use them from here)
                                     available, destination, expert_path)


def all_paths(sc: Scenario):
    """Every path as a list of (node, choice) ending at an ending node (for tests)."""
    index = {n.id: n for n in sc.nodes}

    def walk(node_id, flags, path):
        node = index[node_id]
        if node.ending:
            yield path + [(node_id, None)]
            return
        for choice in available(node, flags):
            new_flags = frozenset(flags | set(choice.sets))
            yield from walk(destination(choice, flags), new_flags,
                            path + [(node_id, choice.id)])

    yield from walk(sc.start, frozenset(), [])


# --- playing a run --------------------------------------------------------------------------

@dataclass
class Run:
    """One play-through: where the learner is, what they chose, and the flags so far."""

    scenario: Scenario
    node_id: str = ""
    flags: frozenset = frozenset()
    steps: list[tuple[str, str]] = field(default_factory=list)  # (node, choice)
    totals: dict[str, int] = field(default_factory=dict)

    def __post_init__(self):
        if not self.node_id:
            self.node_id = self.scenario.start

    @property
    def node(self) -> Node:
        return self.scenario.node(self.node_id)

    @property
    def finished(self) -> bool:
        return self.node.ending is not None

    def choices(self) -> list[Choice]:
        return [] if self.finished else available(self.node, self.flags)

    def situation(self) -> list[str]:
        node = self.node
        return [node.situation] + [v.text for v in node.variants if v.when in self.flags]

    def choose(self, choice_id: str) -> Choice:
        """Take a choice by id; refuses anything not offered at this point."""
        offered = {c.id: c for c in self.choices()}
        if choice_id not in offered:
            raise ValueError(f"choice {choice_id!r} is not offered at {self.node_id!r}")
        choice = offered[choice_id]
        self.steps.append((self.node_id, choice.id))
        for name, delta in choice.deltas.items():
            self.totals[name] = self.totals.get(name, 0) + delta
        # flags from a choice count for its own redirect: "if you skipped the huddle earlier..."
        # is about earlier choices, so redirects look at the flags before this choice.
        target = destination(choice, self.flags)
        self.flags = frozenset(self.flags | set(choice.sets))
        self.node_id = target
        return choice
