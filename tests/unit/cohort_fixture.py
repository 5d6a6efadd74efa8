"""A small hand-built cohort over the fixture content, with answers whose analysis is known.

Cohort "c1": Ann (did everything, right after one slip), Ben (wrong a lot, a poor scenario
ending, inactive for 30 days), Cara (one right answer) and a learner whose name is markup.
Cohort "c2": Dan, whose data must never show up in c1's views.
"""
from __future__ import annotations

import json
from datetime import timedelta

from course.store.stamps import new_key, now

MARKUP_NAME = "<img src=x onerror=alert(1)>"
MARKUP_REFLECTION = "<script>alert('x')</script> I <b>learned</b> a lot"


class Builder:
    def __init__(self, store):
        self.store, self.learners, self.events = store, [], []

    def learner(self, lid, name, cohort, days_ago=0.0, is_demo=False):
        stamp = now() - timedelta(days=days_ago)
        self.learners.append(dict(id=lid, display_name=name, cohort_id=cohort, is_demo=is_demo,
                                  created_at=stamp - timedelta(days=5), last_seen=stamp))
        self._at = stamp - timedelta(hours=1)
        self._who = (lid, cohort)
        return self

    def event(self, lesson, item, kind, response, correct=None, score=None):
        self._at += timedelta(minutes=1)
        lid, cohort = self._who
        self.events.append(dict(idempotency_key=new_key(), learner_id=lid, cohort_id=cohort, lesson=lesson,
                                item=item, kind=kind, response=json.dumps(response), correct=correct,
                                score=score, created_at=self._at))
        return self

    def run(self, steps, ending, rating, deltas):
        """A scenario run of night-shift: start, each (node, choice), end (as the player records)."""
        run_id = new_key()[:12]
        self.event("alpha", "scenario:night-shift", "scenario", {"run": run_id, "action": "start"})
        for i, (node, choice) in enumerate(steps, 1):
            self.event("alpha", "scenario:night-shift", "scenario",
                       {"run": run_id, "action": "choice", "node": node, "choice": choice, "step": i,
                        "deltas": deltas.get(choice, {})}, correct=choice in ("huddle", "accept", "escalate"))
        self.event("alpha", "scenario:night-shift/ending", "scenario",
                   {"run": run_id, "action": "end", "ending": ending, "rating": rating,
                    "path": [c for _, c in steps], "totals": {}},
                   correct=rating == "strong", score={"strong": 1.0, "mixed": 0.5, "poor": 0.0}[rating])
        return self

    def save(self):
        self.store.ensure_cohort("c1", "c1")
        self.store.ensure_cohort("c2", "c2")
        self.store.add_learners_and_events(self.learners, self.events)


DELTAS = {"huddle": {"leadership": 1}, "skip": {"leadership": -1}, "accept": {"business": 1},
          "refuse": {"business": -2}, "escalate": {"communication": 2}, "wait": {"communication": -2}}


def build(store):
    b = Builder(store)
    (b.learner("ann", "Ann Lee", "c1", days_ago=1)
     .event("alpha", "q-single", "answer", {"choice": "a"}, False, 0.0)
     .event("alpha", "q-single", "answer", {"choice": "b"}, True, 0.5)
     .event("alpha", "q-multi", "answer", {"choices": ["a", "c"]}, True, 1.0)
     .event("alpha", "q-num", "answer", {"value": 110680, "text": "110680"}, True, 1.0)
     .event("alpha", "q-order", "answer", {"order": ["one", "two", "three"]}, True, 1.0)
     .event("alpha", "sorter", "exercise", {"sorting": {}}, True, 1.0)
     .run([("call", "huddle"), ("plan", "accept"), ("night", "escalate")], "good-end", "strong", DELTAS)
     .event("alpha", "alpha/reflection", "reflection", {"text": "Huddles matter."}))
    (b.learner("ben", "Ben Ode", "c1", days_ago=30)
     .event("alpha", "q-single", "answer", {"choice": "a"}, False, 0.0)
     .event("alpha", "q-single", "answer", {"choice": "c"}, False, 0.0)
     .event("alpha", "q-multi", "answer", {"choices": ["a", "b", "c"]}, False, 0.0)
     .event("alpha", "q-multi", "answer", {"choices": ["a", "c"]}, True, 0.5)
     .run([("call", "skip"), ("plan", "refuse"), ("late", "cover")], "bad-end", "poor", DELTAS))
    (b.learner("cara", "Cara Diaz", "c1", days_ago=2)
     .event("alpha", "q-single", "answer", {"choice": "b"}, True, 1.0)
     .event("alpha", "live:q-single", "live", {"session": "s1", "code": "KM4Q7P", "position": 0,
                                                "prompt": "q-single", "source": "self-check", "choice": "c"},
            False, 0.0))
    (b.learner(MARKUP_NAME.casefold(), MARKUP_NAME, "c1", days_ago=0)
     .event("alpha", "alpha/reflection", "reflection", {"text": MARKUP_REFLECTION}))
    (b.learner("dan", "Dan Other-Cohort", "c2", days_ago=0)
     .event("alpha", "q-single", "answer", {"choice": "c"}, False, 0.0)
     .event("alpha", "alpha/reflection", "reflection", {"text": "Dan's private thoughts"}))
    b.save()
    return b
