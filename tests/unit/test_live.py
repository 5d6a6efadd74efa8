"""Live cohort sessions: codes, joining, one final answer per learner per prompt, tampered options,
reveal, next, close, counts, the stored events; and both widgets driven by setting values and
clicking, with the poll thread's work done by calling poll() directly."""
import re
import time

import pytest
import sqlalchemy as sa

from course import catalog
from course.mentor import live
from course.identity import Identity
from course.mentor.live import LiveError
from course.store.tables import events, live_answers, live_sessions
from course.ui.mentor.live_console import LiveConsole, chart_html
from course.ui.learner.live_join import LiveJoin

from .browser_state import browser_state
from .sessions import page_before_sign_in, signed_in_session

SCENARIO_NODE = "scenario:night-shift/call"


@pytest.fixture
def opened(store, fixture_catalog):
    return live.open_session(store, fixture_catalog, "spring-2027", ["q-single", "q-multi", SCENARIO_NODE])


# --- prompts and codes -------------------------------------------------------------------------

def test_prompts_from_items_and_scenario_nodes(fixture_catalog):
    single = live.prompt_for(fixture_catalog, "q-single")
    assert single.kind == "single" and [o.id for o in single.options] == ["a", "b", "c"]
    node = live.prompt_for(fixture_catalog, SCENARIO_NODE)
    assert node.source == "scenario" and node.lesson == "alpha"
    assert [o.id for o in node.options] == ["huddle", "skip"] and node.options[0].correct  # the expert choice
    # a choice that needs an earlier flag is not offered out of the story
    assert [o.id for o in live.prompt_for(fixture_catalog, "scenario:night-shift/night").options] == ["escalate", "wait"]
    with pytest.raises(ValueError):
        live.prompt_for(fixture_catalog, "q-num")  # numeric items are not asked live
    with pytest.raises(KeyError):
        live.prompt_for(fixture_catalog, "scenario:night-shift/nowhere")
    refs = [p.ref for p in live.available_prompts(fixture_catalog)]
    assert "q-single" in refs and "q-multi" in refs and SCENARIO_NODE in refs
    assert "q-num" not in refs and "scenario:night-shift/good-end" not in refs


def test_codes_are_short_unambiguous_and_tidied():
    codes = {live.new_code() for _ in range(300)}
    assert len(codes) > 290
    for code in codes:
        assert len(code) == 6 and not set(code) & set("01OIL")
    assert live.normalise_code(" k7q-m2p ") == "K7QM2P"
    for bad in ("K7QM2", "K7QM2PX", "K7QM0P", "", None, 123, "K" * 100):
        assert live.normalise_code(bad) is None


def test_codes_are_unique_among_open_sessions_and_free_again_after_close(store, fixture_catalog, monkeypatch):
    codes = iter(["AAAAAA", "AAAAAA", "BBBBBB", "AAAAAA"])
    monkeypatch.setattr(live, "new_code", lambda: next(codes))
    first = live.open_session(store, fixture_catalog, "spring-2027", ["q-single"])
    second = live.open_session(store, fixture_catalog, "spring-2027", ["q-single"])
    assert (first.code, second.code) == ("AAAAAA", "BBBBBB")  # the clash was retried with a new code
    live.close(store, first.id)
    third = live.open_session(store, fixture_catalog, "autumn", ["q-single"])
    assert third.code == "AAAAAA" and live.find_open(store, "AAAAAA").id == third.id
    assert live.get_session(store, first.id).code == "AAAAAA"  # history keeps the code


def test_opening_checks_cohort_and_prompts(store, fixture_catalog):
    with pytest.raises(LiveError, match="cohort"):
        live.open_session(store, fixture_catalog, "", ["q-single"])
    with pytest.raises(LiveError, match="letters, digits"):
        live.open_session(store, fixture_catalog, "<b>bad</b>", ["q-single"])
    with pytest.raises(LiveError, match="at least one prompt"):
        live.open_session(store, fixture_catalog, "spring-2027", [])
    with pytest.raises(LiveError, match="cannot be asked live"):
        live.open_session(store, fixture_catalog, "spring-2027", ["q-order"])
    with pytest.raises(LiveError, match="at most"):
        live.open_session(store, fixture_catalog, "spring-2027", ["q-single"] * (live.MAX_PROMPTS + 1))


# --- joining and answering ---------------------------------------------------------------------

def test_join_needs_a_valid_open_code_and_the_same_cohort(store, fixture_catalog, opened):
    with pytest.raises(LiveError, match="6 letters"):
        live.join(store, "abc", "sam", "spring-2027")
    with pytest.raises(LiveError, match="No open session"):
        live.join(store, "ZZZZZZ" if opened.code != "ZZZZZZ" else "YYYYYY", "sam", "spring-2027")
    with pytest.raises(LiveError, match="not in one yet"):
        live.join(store, opened.code, "sam", None)
    with pytest.raises(LiveError, match="another cohort"):
        live.join(store, opened.code, "sam", "autumn")
    assert live.join(store, opened.code.lower(), "sam", "spring-2027").id == opened.id
    live.join(store, opened.code, "sam", "spring-2027")  # joining twice is harmless
    assert live.tally(store, fixture_catalog, opened).joined == 1


def test_one_final_answer_per_learner_per_prompt(store, fixture_catalog, opened):
    first = live.submit(store, fixture_catalog, opened.id, 0, "sam", "spring-2027", {"choice": "a"})
    assert first == {"response": {"choice": "a"}, "correct": False}
    with pytest.raises(LiveError, match="already answered"):
        live.submit(store, fixture_catalog, opened.id, 0, "sam", "spring-2027", {"choice": "b"})
    assert live.answer_of(store, opened.id, 0, "sam")["response"] == {"choice": "a"}  # not replaced
    live.submit(store, fixture_catalog, opened.id, 0, "kai", "spring-2027", {"choice": "b"})
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(live_answers.c.learner_id, live_answers.c.correct)
                            .order_by(live_answers.c.id)).all()
    assert [tuple(r) for r in rows] == [("sam", False), ("kai", True)]


def test_tampered_or_malformed_answers_are_refused(store, fixture_catalog, opened, caplog):
    for response in ({"choice": "z"}, {"choice": ["a"]}, {"choice": 1}, "a", None, {"choices": ["a"]}):
        with pytest.raises(LiveError):
            live.submit(store, fixture_catalog, opened.id, 0, "sam", "spring-2027", response)
    assert "does not offer" in caplog.text  # logged as a value no honest page sends
    for position in (-1, 7, "0"):
        with pytest.raises(LiveError, match="not part of this session"):
            live.submit(store, fixture_catalog, opened.id, position, "sam", "spring-2027", {"choice": "a"})
    with pytest.raises(LiveError, match="another cohort"):
        live.submit(store, fixture_catalog, opened.id, 0, "sam", "autumn", {"choice": "a"})
    assert live.answer_of(store, opened.id, 0, "sam") is None
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(events)).scalar() == 0


def test_multiple_choice_answers_and_counts(store, fixture_catalog, opened):
    live.next_prompt(store, opened.id, 0)
    for name, picked in (("sam", ["c", "a"]), ("kai", ["a"]), ("lee", ["b", "c"])):
        live.submit(store, fixture_catalog, opened.id, 1, name, "spring-2027", {"choices": picked})
    for bad in ({"choices": []}, {"choices": ["a", "a"]}, {"choices": ["a", "x"]}, {"choices": "a"}):
        with pytest.raises(LiveError):
            live.submit(store, fixture_catalog, opened.id, 1, "new", "spring-2027", bad)
    assert live.answer_of(store, opened.id, 1, "sam") == {"response": {"choices": ["a", "c"]}, "correct": True}
    counts = live.tally(store, fixture_catalog, live.get_session(store, opened.id))
    assert [(o.id, n) for o, n in counts.counts] == [("a", 2), ("b", 1), ("c", 2)]
    assert counts.answers == 3


def test_answers_only_to_the_current_prompt_before_reveal(store, fixture_catalog, opened):
    live.reveal(store, opened.id)
    with pytest.raises(LiveError, match="revealed"):
        live.submit(store, fixture_catalog, opened.id, 0, "sam", "spring-2027", {"choice": "b"})
    assert live.answer_of(store, opened.id, 0, "sam") is None  # the refused answer left nothing behind
    moved = live.next_prompt(store, opened.id, 0)
    assert (moved.position, moved.revealed) == (1, False)  # next hides the feedback again
    with pytest.raises(LiveError, match="moved on"):
        live.submit(store, fixture_catalog, opened.id, 0, "sam", "spring-2027", {"choice": "b"})
    with pytest.raises(LiveError, match="moved on"):
        live.next_prompt(store, opened.id, 0)  # a double click does not skip a prompt
    live.next_prompt(store, opened.id, 1)
    with pytest.raises(LiveError, match="last prompt"):
        live.next_prompt(store, opened.id, 2)
    closed = live.close(store, opened.id)
    assert closed.status == "closed" and live.find_open(store, opened.code) is None
    with pytest.raises(LiveError, match="ended"):
        live.submit(store, fixture_catalog, opened.id, 2, "sam", "spring-2027", {"choice": "huddle"})
    with pytest.raises(LiveError, match="closed"):
        live.reveal(store, opened.id)
    with pytest.raises(LiveError, match="No open session"):
        live.join(store, opened.code, "sam", "spring-2027")


def test_each_answer_is_a_live_event(store, fixture_catalog, opened):
    live.join(store, opened.code, "sam", "spring-2027")
    live.submit(store, fixture_catalog, opened.id, 0, "sam", "spring-2027", {"choice": "b"})
    live.next_prompt(store, opened.id, 0)
    live.next_prompt(store, opened.id, 1)
    live.submit(store, fixture_catalog, opened.id, 2, "sam", "spring-2027", {"choice": "skip"})
    stored = store.events_for("sam")
    assert [(e["kind"], e["item"], e["lesson"], e["correct"], e["cohort_id"]) for e in stored] == [
        ("live", "live:q-single", "alpha", True, "spring-2027"),
        ("live", f"live:{SCENARIO_NODE}", "alpha", False, "spring-2027")]
    assert stored[1]["response"] | {} == {"session": opened.id, "code": opened.code, "position": 2,
                                          "prompt": SCENARIO_NODE, "source": "scenario", "choice": "skip"}
    # live events do not count as lesson answers (the quiz restore and progress look at kind "answer")
    assert store.latest_state("sam", "alpha").get("q-single") is None
    assert live.session_summary(store, opened.id) == {"answers": 2, "joined": 1}


def test_tally_counts_joined_and_answers(store, fixture_catalog, opened):
    for name in ("sam", "kai", "lee"):
        live.join(store, opened.code, name, "spring-2027")
    live.submit(store, fixture_catalog, opened.id, 0, "sam", "spring-2027", {"choice": "b"})
    live.submit(store, fixture_catalog, opened.id, 0, "kai", "spring-2027", {"choice": "b"})
    counts = live.tally(store, fixture_catalog, live.get_session(store, opened.id))
    assert [n for _, n in counts.counts] == [0, 2, 0] and (counts.answers, counts.joined) == (2, 3)
    prompt = live.prompt_for(fixture_catalog, "q-single")
    hidden, shown = chart_html(prompt, counts, False), chart_html(prompt, counts, True)
    assert "2 answers from 3 joined learners" in hidden
    assert "Right answer" not in hidden and "✓ Right answer" in shown  # marked only once revealed


def test_the_poller_runs_and_stops():
    ticks = []
    poller = live.Poller(lambda: ticks.append(1) or len(ticks) < 3, interval=0.01).start()
    poller.thread.join(2)
    assert len(ticks) == 3 and not poller.running  # stopped itself when tick() said False
    other = live.Poller(lambda: ticks.append(1), interval=0.01).start()
    other.stop()
    other.thread.join(2)
    assert not other.thread.is_alive()


# --- the learner's widget ------------------------------------------------------------------------

def make_join(db_url, fixture_catalog, name="Sam Rivera", cohort="spring-2027", code=None):
    return LiveJoin(fixture_catalog, signed_in_session(db_url, name, cohort), code=code, autostart=False)


def test_learner_joins_answers_once_and_sees_feedback_on_reveal(db_url, store, fixture_catalog, opened):
    page = make_join(db_url, fixture_catalog)
    page.code_input.value = "wrong1"
    assert "6 letters" in page.message.value or "No open session" in page.message.value
    page.code_input.value = opened.code.lower()  # Enter in the field joins
    assert page.live is not None and "Question 1 of 3" in page.prompt.value
    page.send_button.click()
    assert "Choose one" in page.message.value
    page.radio.value = "a"
    page.send_button.click()
    assert "Your answer is in: A. Option A" in page.message.value and page.radio.disabled
    page.radio.value = "b"  # a tampered page re-enables the radio and sends again: still one answer
    page.send()
    assert live.answer_of(store, opened.id, 0, "sam rivera")["response"] == {"choice": "a"}
    assert "reason B" not in browser_state(page)  # no feedback before the reveal

    live.reveal(store, opened.id)
    page.poll()
    assert "was not the right one" in page.message.value
    assert "reason A" in page.feedback.value and "reason B" in page.feedback.value
    assert "· your answer" in page.feedback.value

    live.next_prompt(store, opened.id, 0)
    page.poll()
    assert "Question 2 of 3" in page.prompt.value and page.feedback.value == ""
    assert set(page.boxes) == {"a", "b", "c"} and not page.send_button.disabled
    page.boxes["a"].value = page.boxes["c"].value = True
    page.send_button.click()
    live.next_prompt(store, opened.id, 1)
    page.poll()
    assert "Scenario decision 3 of 3" in page.prompt.value and "Two nurses call out" in page.prompt.value
    live.reveal(store, opened.id)
    page.poll()
    assert "did not answer this one" in page.message.value
    assert "An experienced manager" in page.feedback.value

    live.close(store, opened.id)
    assert page.poll() is False  # polling stops when the session closes
    assert "session has ended" in page.message.value and page.live is None


def test_learner_page_never_holds_the_key_before_reveal(db_url, store, fixture_catalog, opened):
    page = make_join(db_url, fixture_catalog, code=opened.code)
    state = browser_state(page)
    assert "Option B" in state  # the labels are there
    for secret in ("reason A", "reason B", "correct", "Right answer"):
        assert secret not in state


def test_learner_must_sign_in_with_the_cohort(db_url, store, fixture_catalog, opened):
    page = make_join(db_url, fixture_catalog, cohort="autumn", code=opened.code)
    assert page.live is None and "another cohort" in page.message.value
    s = page_before_sign_in(db_url)
    anonymous = LiveJoin(fixture_catalog, s, code=opened.code, autostart=False)
    assert anonymous.live is None and "Sign in above" in browser_state(anonymous)
    s.set_identity(Identity("Late Comer", "spring-2027", "sign-in"))  # signing in joins with the code typed
    assert anonymous.live is not None and anonymous.live.id == opened.id


def test_learner_restores_an_answer_in_a_new_kernel(db_url, store, fixture_catalog, opened):
    first = make_join(db_url, fixture_catalog, code=opened.code)
    first.radio.value = "b"
    first.send_button.click()
    again = make_join(db_url, fixture_catalog, code=opened.code)  # a reload: new kernel, same learner
    assert again.radio.value == "b" and again.radio.disabled and "Your answer is in" in again.message.value


def test_learner_option_labels_are_escaped(db_url, store, fixture_catalog, opened, monkeypatch):
    real = live.prompt_for

    def hostile(catalog, ref):
        p = real(catalog, ref)
        opts = tuple(live.LiveOption(o.id, "<img src=x onerror=alert(1)>", "<b>why</b>", o.correct) for o in p.options)
        return live.Prompt(p.ref, p.kind, p.source, p.lesson, p.label, ("<script>x</script>",), "<i>q</i>", opts)

    monkeypatch.setattr(live, "prompt_for", hostile)
    page = make_join(db_url, fixture_catalog, code=opened.code)
    assert "<i>q</i>" not in page.prompt.value and "&lt;i&gt;q&lt;/i&gt;" in page.prompt.value
    live.reveal(store, opened.id)
    page.poll()
    assert "<img" not in page.feedback.value and "<b>why</b>" not in page.feedback.value


def test_repeated_wrong_codes_slow_down(db_url, store, fixture_catalog, opened):
    page = make_join(db_url, fixture_catalog)
    for attempt in range(6):
        page.code_input.value = f"ZZZZZ{'ABCDEF'[attempt]}"
    assert "Please wait" in page.message.value
    page.code_input.value = opened.code
    assert page.live is None  # even the right code waits out the delay
    page.next_try_at = 0
    page.try_join()
    assert page.live is not None


# --- the mentor's console ------------------------------------------------------------------------

def test_console_builds_a_session_and_follows_the_answers(db_url, store, fixture_catalog):
    store.ensure_learner("sam rivera", "Sam Rivera", "spring-2027")
    console = LiveConsole(fixture_catalog, store, autostart=False)
    assert "spring-2027" in console.cohort.options
    assert console.start_button.disabled
    console.add_prompt("q-single")
    console.add_prompt(SCENARIO_NODE)
    console.add_prompt("<script>")  # not offered: ignored
    assert console.chosen == ["q-single", SCENARIO_NODE]
    console.cohort.value = "spring-2027"
    console.start_button.click()
    assert console.live is not None
    code = console.live.code
    assert code in console.code.value and "0 answers from 0 joined" in console.chart.value

    sam = make_join(db_url, fixture_catalog, code=code)
    kai = make_join(db_url, fixture_catalog, name="Kai Moss", code=code)
    sam.radio.value, kai.radio.value = "b", "c"
    sam.send_button.click()
    kai.send_button.click()
    console.poll()
    assert "2 answers from 2 joined learners" in console.chart.value
    cells = re.findall(r'<td class="course-num">(\d+)</td>', console.chart.value)
    assert cells == ["0", "1", "1"]
    assert "Right answer" not in console.chart.value

    console.reveal_button.click()
    assert console.reveal_button.disabled and "✓ Right answer" in console.chart.value
    assert "reason C" in console.feedback.value
    sam.poll()
    assert "Your answer is right" in sam.message.value

    console.next_button.click()
    assert "Scenario decision 2 of 2" in console.prompt.value and console.next_button.disabled
    assert "0 answers" in console.chart.value
    sam.poll()
    sam.radio.value = "huddle"
    sam.send_button.click()
    console.poll()
    assert "1 answer from 2 joined" in console.chart.value

    console.close_button.click()
    assert console.live is None and "2 joined and 3 answers were saved" in console.message.value
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(live_sessions.c.status)).scalar() == "closed"
    assert sam.poll() is False and "session has ended" in sam.message.value
    assert len([e for e in store.events_for("sam rivera") if e["kind"] == "live"]) == 2


def test_console_refuses_a_bad_cohort_and_resumes_open_sessions(store, fixture_catalog):
    console = LiveConsole(fixture_catalog, store, autostart=False)
    console.add_prompt("q-single")
    console.cohort.value = "Not a cohort!"
    console.start_button.click()
    assert console.live is None and "letters, digits" in console.message.value
    console.cohort.value = "spring-2027"
    console.start_button.click()
    first = console.live

    reloaded = LiveConsole(fixture_catalog, store, autostart=False)  # the mentor reloaded the page
    assert reloaded.resume_picker.options[0][1] == first.id
    reloaded.resume_button.click()
    assert reloaded.live.id == first.id and first.code in reloaded.code.value
    reloaded.reveal_button.click()
    console.poll()  # the first tab follows what the second did
    assert console.reveal_button.disabled
    reloaded.close_button.click()
    assert console.poll() is False and "is closed" in console.message.value


def test_console_poll_thread_redraws_and_stops(db_url, store, fixture_catalog):
    console = LiveConsole(fixture_catalog, store, poll_seconds=0.05)
    console.add_prompt("q-single")
    console.cohort.value = "spring-2027"
    console.start_button.click()
    poller = console.poller
    assert poller.running
    live.join(store, console.live.code, "sam", "spring-2027")
    live.submit(store, fixture_catalog, console.live.id, 0, "sam", "spring-2027", {"choice": "a"})
    deadline = time.time() + 3
    while "1 answer from 1 joined" not in console.chart.value and time.time() < deadline:
        time.sleep(0.02)
    assert "1 answer from 1 joined" in console.chart.value
    live.close(store, console.live.id)  # closed elsewhere: the thread notices and stops
    poller.thread.join(3)
    assert not poller.thread.is_alive() and "is closed" in console.message.value


# --- the same rules on PostgreSQL (a hub's store), and under concurrency ----------------------------

@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    from course.store.core import Store

    if request.param == "sqlite":
        return Store(f"sqlite:///{tmp_path / 'live.sqlite'}")
    return Store(request.getfixturevalue("pg_url"))


def test_live_rules_hold_on_each_backend(any_store, fixture_catalog, monkeypatch):
    store = any_store
    codes = iter(["AAAAAA", "AAAAAA", "BBBBBB", "AAAAAA"])
    monkeypatch.setattr(live, "new_code", lambda: next(codes))
    first = live.open_session(store, fixture_catalog, "spring-2027", ["q-single", "q-multi"])
    other = live.open_session(store, fixture_catalog, "autumn", ["q-single"])
    assert (first.code, other.code) == ("AAAAAA", "BBBBBB")
    live.join(store, first.code, "sam", "spring-2027")
    live.submit(store, fixture_catalog, first.id, 0, "sam", "spring-2027", {"choice": "b"})
    with pytest.raises(LiveError, match="already answered"):
        live.submit(store, fixture_catalog, first.id, 0, "sam", "spring-2027", {"choice": "a"})
    live.reveal(store, first.id)
    with pytest.raises(LiveError, match="revealed"):
        live.submit(store, fixture_catalog, first.id, 0, "kai", "spring-2027", {"choice": "a"})
    live.next_prompt(store, first.id, 0)
    live.submit(store, fixture_catalog, first.id, 1, "sam", "spring-2027", {"choices": ["c", "a"]})
    counts = live.tally(store, fixture_catalog, live.get_session(store, first.id))
    assert [n for _, n in counts.counts] == [1, 0, 1] and (counts.answers, counts.joined) == (1, 1)
    live.close(store, first.id)
    assert live.open_session(store, fixture_catalog, "spring-2027", ["q-single"]).code == "AAAAAA"
    assert [e["correct"] for e in store.events_for("sam") if e["kind"] == "live"] == [True, True]


def test_concurrent_answers_and_a_reveal_never_disagree(any_store, fixture_catalog):
    """Twenty learners answer from threads while the mentor reveals: every answer the store kept
    came before the reveal, each learner has at most one, and answers and events match."""
    import threading

    store = any_store
    opened = live.open_session(store, fixture_catalog, "spring-2027", ["q-single"])
    outcomes, start = {}, threading.Barrier(21)

    def answer(n):
        start.wait()
        for attempt in range(2):  # a double tap
            try:
                live.submit(store, fixture_catalog, opened.id, 0, f"learner {n}", "spring-2027", {"choice": "b"})
                outcomes[(n, attempt)] = "ok"
            except LiveError as exc:
                outcomes[(n, attempt)] = str(exc)

    threads = [threading.Thread(target=answer, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    start.wait()
    live.reveal(store, opened.id)
    for t in threads:
        t.join(30)
    accepted = sorted(n for (n, _), result in outcomes.items() if result == "ok")
    assert len(accepted) == len(set(accepted))  # never two answers from one learner
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(sa.func.count()).select_from(live_answers)).scalar()
        live_events = conn.execute(sa.select(sa.func.count()).select_from(events)
                                   .where(events.c.kind == "live")).scalar()
    assert stored == live_events == len(accepted)
    with pytest.raises(LiveError, match="revealed"):
        live.submit(store, fixture_catalog, opened.id, 0, "latecomer", "spring-2027", {"choice": "b"})


def test_the_mentor_sees_who_joined_by_name_escaped(tmp_path, cat):
    from course.store.core import Store
    from course.ui.mentor.live_console import joined_html

    store = Store(f"sqlite:///{tmp_path / 's.sqlite'}")
    prompt = next(p for p in live.available_prompts(cat) if p.kind == "single")
    for learner_id, name in (("ana", "Ana Phone"), ("evil", "<img src=x onerror=alert(1)>")):
        store.ensure_learner(learner_id, name, "room")
    opened = live.open_session(store, cat, "room", [prompt.ref])
    assert joined_html(live.joined_names(store, opened)) == '<p class="course-hint">Nobody has joined yet.</p>'
    live.join(store, opened.code, "ana", "room")
    live.join(store, opened.code, "evil", "room")
    shown = joined_html(live.joined_names(store, opened))
    assert "Joined (2):" in shown and "Ana Phone" in shown and "&lt;img" in shown and "<img" not in shown
