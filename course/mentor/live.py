"""Live cohort sessions: a mentor puts one prompt at a time to the room, learners answer from their
own page, the mentor watches the answers arrive, reveals the feedback and moves on.

A prompt is a self-check item from the catalog (single or multiple choice) or a decision node
of a scenario (its choices, with the expert choice as the one to discuss). The session, who
joined and every answer live in the store (live_sessions, live_participants, live_answers),
and each answer is also an event of kind "live", so the dashboard sees it afterwards.

Decisions worth knowing:
- One answer per learner per prompt, and it is final: a second answer is refused, not swapped
  in. Mentors often project the chart; if answers could change, the room would drift toward
  the popular bar and the chart would stop showing what people first thought. Learners pick
  an option and then press "Send", so a mis-tap is not an answer.
- Answers are accepted only for the current prompt, before the reveal, while the session is
  open; the store checks this in the same transaction that writes the answer.
- A learner answers only in a session for their own cohort, so every answer lands in that
  cohort's dashboard.
- The answer key stays here: learners' pages get option labels only until the mentor reveals.
"""
from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from course.errors import StoreError
from course.store.stamps import new_key, now
from course.store.tables import events, live_answers, live_participants, live_sessions

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read off a projector
CODE_LENGTH = 6
MAX_PROMPTS = 30
POLL_SECONDS = 1.0  # how often pages look for news; the chart refreshes within about two seconds
SCENARIO_PREFIX = "scenario:"


class LiveError(Exception):
    """Something a mentor or learner did that cannot be done now. The message is fit to show."""


# --- prompts -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LiveOption:
    id: str
    text: str
    feedback: str
    correct: bool  # for a scenario node: the choice an experienced manager would make


@dataclass(frozen=True)
class Prompt:
    ref: str  # an item id, or "scenario:<scenario>/<node>"
    kind: str  # single or multiple
    source: str  # self-check or scenario
    lesson: str
    label: str  # how the mentor's picker names it
    situation: tuple[str, ...]  # paragraphs before the question (a scenario's scene)
    question: str
    options: tuple[LiveOption, ...]

    def offered(self) -> set[str]:
        return {o.id for o in self.options}

    def letter(self, option_id: str) -> str:
        return letter(next(i for i, o in enumerate(self.options) if o.id == option_id))

    def choices_in(self, response: dict) -> list[str]:
        return [response["choice"]] if self.kind == "single" else list(response["choices"])

    def is_correct(self, response: dict) -> bool:
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


def scenario_ref(scenario_id: str, node_id: str) -> str:
    return f"{SCENARIO_PREFIX}{scenario_id}/{node_id}"


def prompt_for(catalog, ref: str) -> Prompt:
    """The prompt a ref names; KeyError if the content has no such thing, ValueError if it cannot be
    asked live (numeric and ordering items, endings)."""
    from course.catalog import MultipleChoice, SingleChoice
    from course.engine.scenarios import available

    if not isinstance(ref, str) or len(ref) > 130:
        raise KeyError(f"prompt {str(ref)[:60]!r}")
    lessons = {lesson.id: lesson for lesson in catalog.course.lessons}
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
        return Prompt(
            ref=ref, kind="single", source="scenario", lesson=sc.lesson,
            label=(f"Lesson {number} · scenario “{sc.title}”, decision {decisions.index(node_id) + 1}: "
                   f"{_short(node.situation, 70)}"),
            situation=(node.situation,), question="What do you do?",
            options=tuple(LiveOption(c.id, c.text, c.feedback, c.expert) for c in offered))
    item = catalog.items.get(ref)
    if item is None:
        raise KeyError(f"self-check '{ref}'")
    if not isinstance(item, (SingleChoice, MultipleChoice)):
        raise ValueError(f"'{ref}' is a {item.kind} item; live sessions ask single- and multiple-choice items")
    lesson = catalog.item_lesson[ref]
    number = lessons[lesson].number if lesson in lessons else "?"
    kind_word = "choose one" if item.kind == "single" else "select all that apply"
    return Prompt(
        ref=ref, kind=item.kind, source="self-check", lesson=lesson,
        label=f"Lesson {number} · self-check ({kind_word}): {_short(item.prompt, 80)}",
        situation=(), question=item.prompt,
        options=tuple(LiveOption(o.id, o.text, o.feedback, o.correct) for o in item.options))


def available_prompts(catalog) -> list[Prompt]:
    """Everything a mentor can ask live, in course order: self-checks, then scenario decisions."""
    order = {lesson.id: lesson.number for lesson in catalog.course.lessons}
    found = []
    for ref in catalog.items:
        try:
            found.append(prompt_for(catalog, ref))
        except ValueError:
            continue
    for sid, sc in catalog.scenarios.items():
        for node in sc.nodes:
            if node.choices:
                try:
                    found.append(prompt_for(catalog, scenario_ref(sid, node.id)))
                except ValueError:
                    continue
    return sorted(found, key=lambda p: (order.get(p.lesson, 99), p.source == "scenario", p.ref.split("/")[0]))


# --- join codes ----------------------------------------------------------------------------------

def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw) -> str | None:
    """What a learner typed as a join code, tidied ('k7q m2p' -> 'K7QM2P'); None if it cannot be one."""
    if not isinstance(raw, str) or len(raw) > 40:
        return None
    code = "".join(ch for ch in raw.upper() if ch not in " -_\t")
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


# --- sessions ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class LiveSession:
    id: str
    code: str
    cohort: str
    prompts: tuple[str, ...]
    position: int
    revealed: bool
    status: str
    opened_at: object = None

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def current(self) -> str:
        return self.prompts[self.position]

    @property
    def has_next(self) -> bool:
        return self.position < len(self.prompts) - 1

    def describe(self) -> str:
        return f"{self.code} · cohort {self.cohort} · prompt {self.position + 1} of {len(self.prompts)}"


def _row_to_session(row) -> LiveSession:
    return LiveSession(id=row["id"], code=row["code"], cohort=row["cohort_id"],
                       prompts=tuple(json.loads(row["prompts"])), position=row["position"],
                       revealed=bool(row["revealed"]), status=row["status"], opened_at=row["opened_at"])


def open_session(store, catalog, cohort: str, refs) -> LiveSession:
    """Open a session for a cohort on a sequence of prompts; returns it with a fresh join code."""
    from course.identity import validate_cohort

    try:
        cohort = validate_cohort(cohort)
    except ValueError as exc:
        raise LiveError(str(exc)) from exc
    if not cohort:
        raise LiveError("Choose the cohort this session is for.")
    refs = list(refs or [])
    if not refs:
        raise LiveError("Add at least one prompt to ask.")
    if len(refs) > MAX_PROMPTS:
        raise LiveError(f"A live session asks at most {MAX_PROMPTS} prompts.")
    for ref in refs:
        try:
            prompt_for(catalog, ref)
        except (KeyError, ValueError) as exc:
            raise LiveError(f"This prompt cannot be asked live: {exc}") from exc
    stamp = now()
    for _ in range(20):  # a clash with another open session's code is rare; try another code
        values = dict(id=new_key(), code=new_code(), cohort_id=cohort, prompts=json.dumps(refs),
                      position=0, revealed=False, status="open", opened_at=stamp, updated_at=stamp)
        values["open_code"] = values["code"]
        with store._write() as conn:
            written = store._insert_ignoring_duplicate(conn, live_sessions, values)
        if written:
            return get_session(store, values["id"])
    raise LiveError("No free join code could be found; try again.")


def get_session(store, session_id: str) -> LiveSession | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(live_sessions).where(live_sessions.c.id == session_id)).mappings().first()
    return _row_to_session(row) if row else None


def find_open(store, code: str) -> LiveSession | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(live_sessions).where(live_sessions.c.open_code == code)).mappings().first()
    return _row_to_session(row) if row else None


def open_sessions(store, cohort: str | None = None) -> list[LiveSession]:
    query = sa.select(live_sessions).where(live_sessions.c.status == "open")
    if cohort:
        query = query.where(live_sessions.c.cohort_id == cohort)
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(live_sessions.c.opened_at.desc())).mappings().all()
    return [_row_to_session(r) for r in rows]


def _change(store, session_id: str, guard, values: dict, refusal: str) -> LiveSession:
    """One guarded update of an open session: refused (LiveError) if the guard no longer holds,
    so a double click or a second mentor tab cannot skip a prompt."""
    with store._write() as conn:
        result = conn.execute(
            live_sessions.update()
            .where(live_sessions.c.id == session_id, live_sessions.c.status == "open", *guard)
            .values(updated_at=now(), **values))
        if result.rowcount != 1:
            raise LiveError(refusal)
    return get_session(store, session_id)


def reveal(store, session_id: str) -> LiveSession:
    return _change(store, session_id, [], {"revealed": True}, "This session is closed.")


def next_prompt(store, session_id: str, from_position: int) -> LiveSession:
    """Move from the prompt the mentor is looking at to the next one (hiding the feedback again)."""
    live = get_session(store, session_id)
    if live is None or not live.is_open:
        raise LiveError("This session is closed.")
    if from_position >= len(live.prompts) - 1:
        raise LiveError("That was the last prompt: close the session when the discussion is done.")
    return _change(store, session_id, [live_sessions.c.position == from_position],
                   {"position": from_position + 1, "revealed": False},
                   "The session has already moved on.")


def close(store, session_id: str) -> LiveSession:
    """Close the session: the code stops working at once and can be given out again later."""
    live = get_session(store, session_id)
    if live is not None and not live.is_open:
        return live
    return _change(store, session_id, [], {"status": "closed", "open_code": None, "closed_at": now()},
                   "This session is closed.")


# --- learners ------------------------------------------------------------------------------------

def join(store, code, learner_id: str, learner_cohort: str | None) -> LiveSession:
    """Let a signed-in learner into the open session with this code (LiveError says why not)."""
    tidy = normalise_code(code)
    if tidy is None:
        raise LiveError(f"A join code has {CODE_LENGTH} letters and digits, like K7QM2P. "
                        "Check the code your mentor shows.")
    live = find_open(store, tidy)
    if live is None:
        raise LiveError("No open session has that code. Check it with your mentor; the session may "
                        "have ended.")
    if not learner_cohort:
        raise LiveError("This session is for a cohort, and your account is not in one yet: ask your "
                        "mentor to add you to theirs.")
    if learner_cohort != live.cohort:
        raise LiveError("This session is for another cohort than yours. Check the code with your mentor.")
    with store._write() as conn:
        store._insert_ignoring_duplicate(conn, live_participants,
                                         dict(session_id=live.id, learner_id=learner_id, joined_at=now()))
    return live


def _validated(prompt: Prompt, response) -> dict:
    """The response in its stored shape, or LiveError if no honest page could have sent it."""
    from course.ui.common import rejected

    offered = prompt.offered()
    if prompt.kind == "single":
        choice = response.get("choice") if isinstance(response, dict) else None
        if choice is None:
            raise LiveError("Choose one of the options first.")
        if not isinstance(choice, str) or choice not in offered:
            rejected(f"live {prompt.ref}", choice)
            raise LiveError("That answer is not one of the options.")
        return {"choice": choice}
    choices = response.get("choices") if isinstance(response, dict) else None
    if not choices:
        raise LiveError("Select at least one option first.")
    if (not isinstance(choices, (list, tuple)) or len(choices) > len(offered)
            or not all(isinstance(c, str) and c in offered for c in choices)
            or len(set(choices)) != len(choices)):
        rejected(f"live {prompt.ref}", choices)
        raise LiveError("That answer is not one of the options.")
    order = [o.id for o in prompt.options]
    return {"choices": sorted(choices, key=order.index)}


def answer_key(session_id: str, position: int, learner_id: str) -> str:
    """The event's idempotency key: one live event per learner per prompt, even on a retry."""
    return hashlib.sha256(f"live|{session_id}|{position}|{learner_id}".encode()).hexdigest()


def event_item(ref: str) -> str:
    return f"live:{ref}"


def submit(store, catalog, session_id: str, position: int, learner_id: str, cohort: str | None,
           response) -> dict:
    """Store one learner's answer to the prompt at `position`, with its event, in one transaction.

    Returns the stored answer {"response", "correct"}; LiveError if it is not accepted (not one of
    the options, already answered, the prompt moved on or was revealed, the session closed)."""
    live = get_session(store, session_id)
    if live is None or not live.is_open:
        raise LiveError("The session has ended.")
    if cohort != live.cohort:
        raise LiveError("This session is for another cohort.")
    if not isinstance(position, int) or not 0 <= position < len(live.prompts):
        raise LiveError("That question is not part of this session.")
    prompt = prompt_for(catalog, live.prompts[position])
    clean = _validated(prompt, response)
    correct = prompt.is_correct(clean)
    stamp = now()
    with store._write() as conn:
        # Write first, then look at the session: in SQLite the write holds the lock, in PostgreSQL
        # FOR UPDATE waits for a reveal in flight, so an answer either precedes the reveal or fails.
        inserted = store._insert_ignoring_duplicate(conn, live_answers, dict(
            session_id=session_id, position=position, prompt=prompt.ref, learner_id=learner_id,
            cohort_id=cohort, response=json.dumps(clean), correct=correct, answered_at=stamp))
        if not inserted:
            raise LiveError("You have already answered this question: one answer each, and it cannot be "
                            "changed.")
        row = conn.execute(sa.select(live_sessions.c.status, live_sessions.c.position, live_sessions.c.revealed)
                           .where(live_sessions.c.id == session_id).with_for_update()).mappings().first()
        if row is None or row["status"] != "open":
            raise LiveError("The session has ended.")
        if row["position"] != position:
            raise LiveError("Your mentor has moved on to the next question.")
        if row["revealed"]:
            raise LiveError("The answers have been revealed, so this question is closed.")
        store._insert_ignoring_duplicate(conn, events, dict(
            idempotency_key=answer_key(session_id, position, learner_id), learner_id=learner_id,
            cohort_id=cohort, lesson=prompt.lesson, item=event_item(prompt.ref), kind="live",
            response=json.dumps({"session": session_id, "code": live.code, "position": position,
                                 "prompt": prompt.ref, "source": prompt.source, **clean}),
            correct=correct, score=1.0 if correct else 0.0, created_at=stamp))
    return {"response": clean, "correct": correct}


def answer_of(store, session_id: str, position: int, learner_id: str) -> dict | None:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(live_answers.c.response, live_answers.c.correct).where(
            live_answers.c.session_id == session_id, live_answers.c.position == position,
            live_answers.c.learner_id == learner_id)).mappings().first()
    return {"response": json.loads(row["response"]), "correct": row["correct"]} if row else None


# --- what the mentor sees ------------------------------------------------------------------------

@dataclass(frozen=True)
class Tally:
    counts: tuple[tuple[LiveOption, int], ...]  # every option, in order, with how many chose it
    answers: int  # learners who answered this prompt
    joined: int  # learners who joined the session

    def signature(self) -> tuple:
        return tuple(n for _, n in self.counts) + (self.answers, self.joined)


def tally(store, catalog, live: LiveSession) -> Tally:
    prompt = prompt_for(catalog, live.current)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(live_answers.c.response).where(
            live_answers.c.session_id == live.id, live_answers.c.position == live.position)).scalars().all()
        joined = conn.execute(sa.select(sa.func.count()).select_from(live_participants)
                              .where(live_participants.c.session_id == live.id)).scalar()
    counts = {o.id: 0 for o in prompt.options}
    for raw in rows:
        try:
            chosen = prompt.choices_in(json.loads(raw))
        except (ValueError, KeyError, TypeError):
            continue
        for option_id in chosen:
            if option_id in counts:
                counts[option_id] += 1
    return Tally(tuple((o, counts[o.id]) for o in prompt.options), len(rows), joined)


def joined_names(store, live: LiveSession) -> list[str]:
    """Who joined, as they are named in the course, in the order they joined (for the mentor only)."""
    from course.store.tables import learners

    with store.engine.connect() as conn:
        return list(conn.execute(
            sa.select(learners.c.display_name)
            .select_from(live_participants.join(learners, learners.c.id == live_participants.c.learner_id))
            .where(live_participants.c.session_id == live.id)
            .order_by(live_participants.c.joined_at)).scalars())


def session_summary(store, session_id: str) -> dict:
    """How many joined and how many answers were stored, for the mentor's closing note."""
    with store.engine.connect() as conn:
        answers = conn.execute(sa.select(sa.func.count()).select_from(live_answers)
                               .where(live_answers.c.session_id == session_id)).scalar()
        joined = conn.execute(sa.select(sa.func.count()).select_from(live_participants)
                              .where(live_participants.c.session_id == session_id)).scalar()
    return {"answers": answers, "joined": joined}


__all__ = ["LiveError", "LiveSession", "Prompt", "Tally", "available_prompts", "prompt_for", "open_session",
           "join", "submit", "reveal", "next_prompt", "close", "tally", "normalise_code", "StoreError"]


def known_cohorts(store) -> list[str]:
    """Cohort codes in the store, for the mentor's picker (demo cohorts included; they are marked)."""
    from course.store.tables import cohorts

    with store.engine.connect() as conn:
        return list(conn.execute(sa.select(cohorts.c.id).order_by(cohorts.c.id)).scalars())


# --- polling -------------------------------------------------------------------------------------

class Poller:
    """Calls tick() every `interval` seconds on a daemon thread until stop(), or until tick()
    returns False (the session closed). A daemon thread ends with its kernel."""

    def __init__(self, tick, interval: float = POLL_SECONDS, name: str = "live-poll"):
        import threading

        self.tick, self.interval = tick, interval
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> "Poller":
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    @property
    def running(self) -> bool:
        return self.thread.is_alive() and not self._stop.is_set()

    def _run(self) -> None:
        import logging

        log = logging.getLogger("course")
        while not self._stop.wait(self.interval):
            try:
                if self.tick() is False:
                    break
            except Exception:  # a broken tick must not end the page's updates for good
                log.exception("a live-session update failed")
        self._stop.set()
