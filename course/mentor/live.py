"""Live cohort sessions: a mentor puts one prompt at a time to the room, learners answer from their
own page, the mentor watches the answers arrive, reveals the feedback and moves on.

What can be asked lives in course/mentor/live_prompts.py (self-checks, scenario decisions, open
questions; the saved sets in live_sets.py), the poll thread in live_poll.py. This module keeps
the session itself: who joined and every answer live in the store (live_sessions,
live_participants, live_answers), and each answer is also an event of kind "live", so the
dashboard sees it afterwards.

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

from course.names import required_cohort
from course.mentor.live_poll import POLL_SECONDS, Poller
from course.mentor.live_prompts import OPEN_TEXT_MAX, LiveOption, Prompt, letter, prompt_for
from course.errors import StoreError
from course.store.stamps import new_key, now
from course.store.tables import cohorts, events, learners, live_answers, live_participants, live_sessions
from course.kernel_errors import rejected

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read off a projector
CODE_LENGTH = 6
MAX_PROMPTS = 30


class LiveError(Exception):
    """Something a mentor or learner did that cannot be done now. The message is fit to show."""


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


def cohort_size(store, cohort: str) -> int:
    """How many learners a cohort has: 0 for a mistyped code, which the console warns about."""
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(learners)
                            .where(learners.c.cohort_id == cohort)).scalar()


def open_session(store, catalog, cohort: str, refs) -> LiveSession:
    """Open a session for a cohort on a sequence of prompts; returns it with a fresh join code."""
    cohort = required_cohort(cohort, LiveError, "Choose the cohort this session is for.")
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
    if prompt.kind == "open":
        text = response.get("text") if isinstance(response, dict) else None
        if not isinstance(text, str):
            rejected(f"live {prompt.ref}", text)
            raise LiveError("Type your answer first.")
        text = " ".join(text.split())
        if not text:
            raise LiveError("Type your answer first.")
        if len(text) > OPEN_TEXT_MAX:
            raise LiveError(f"Keep it to one line of at most {OPEN_TEXT_MAX} characters "
                            f"(this one has {len(text)}); what you typed is still in the box.")
        return {"text": text}
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
            correct=correct, score=None if correct is None else float(correct), created_at=stamp))
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
    texts: tuple[str, ...] = ()  # an open question's answers, in the order they came (no names)

    def signature(self) -> tuple:
        return tuple(n for _, n in self.counts) + (self.answers, self.joined)


def tally(store, catalog, live: LiveSession) -> Tally:
    prompt = prompt_for(catalog, live.current)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(live_answers.c.response).where(
            live_answers.c.session_id == live.id, live_answers.c.position == live.position)
            .order_by(live_answers.c.id)).scalars().all()
        joined = conn.execute(sa.select(sa.func.count()).select_from(live_participants)
                              .where(live_participants.c.session_id == live.id)).scalar()
    if prompt.kind == "open":
        texts = []
        for raw in rows:
            try:
                texts.append(str(json.loads(raw)["text"]))
            except (ValueError, KeyError, TypeError):
                continue
        return Tally((), len(rows), joined, tuple(texts))
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
    with store.engine.connect() as conn:
        return list(conn.execute(
            sa.select(learners.c.display_name)
            .select_from(live_participants.join(learners, learners.c.id == live_participants.c.learner_id))
            .where(live_participants.c.session_id == live.id)
            .order_by(live_participants.c.joined_at)).scalars())


def not_answered(store, live: LiveSession) -> list[str]:
    """Who joined but has not answered the current prompt, by name in the order they joined (for the
    mentor only: the room sees counts, never names)."""
    answered = (sa.select(live_answers.c.learner_id)
                .where(live_answers.c.session_id == live.id, live_answers.c.position == live.position))
    with store.engine.connect() as conn:
        return list(conn.execute(
            sa.select(learners.c.display_name)
            .select_from(live_participants.join(learners, learners.c.id == live_participants.c.learner_id))
            .where(live_participants.c.session_id == live.id, live_participants.c.learner_id.not_in(answered))
            .order_by(live_participants.c.joined_at)).scalars())


def session_summary(store, session_id: str) -> dict:
    """How many joined and how many answers were stored, for the mentor's closing note."""
    with store.engine.connect() as conn:
        answers = conn.execute(sa.select(sa.func.count()).select_from(live_answers)
                               .where(live_answers.c.session_id == session_id)).scalar()
        joined = conn.execute(sa.select(sa.func.count()).select_from(live_participants)
                              .where(live_participants.c.session_id == session_id)).scalar()
    return {"answers": answers, "joined": joined}


def known_cohorts(store) -> list[str]:
    """Cohort codes in the store, for the mentor's picker (demo cohorts included; they are marked)."""
    with store.engine.connect() as conn:
        return list(conn.execute(sa.select(cohorts.c.id).order_by(cohorts.c.id)).scalars())
