"""The kernel session: saves that add nothing are not stored again; every try of an answer counts."""
from .sessions import signed_in_session


def test_saving_the_same_text_again_stores_it_once_but_every_try_of_an_answer_counts(db_url):
    s = signed_in_session(db_url, "Flo Flood", None)
    for _ in range(50):
        assert s.record(lesson="alpha", item="alpha/reflection", kind="reflection", response={"text": "same"}) == "saved"
    s.record(lesson="alpha", item="alpha/reflection", kind="reflection", response={"text": "changed"})
    s.record(lesson="alpha", item="alpha/reflection", kind="reflection", response={"text": "same"})
    for _ in range(2):
        s.record(lesson="alpha", item="q1", kind="answer", response={"choice": "a"}, correct=False, score=0.0)
    history = s.history("alpha/reflection")
    assert [e["response"]["text"] for e in history] == ["same", "changed", "same"]
    assert s.state("alpha")["q1"]["attempts"] == 2


def test_a_page_saving_faster_than_a_person_is_refused_after_a_burst_and_allowed_again_later(db_url):
    from course import save_limits

    now = [100.0]
    s = signed_in_session(db_url, "Ria Rapid", None)
    s._rate = save_limits.SaveRate(clock=lambda: now[0])
    answers = [s.record(lesson="alpha", item="alpha/reflection", kind="reflection", response={"text": f"take {n}"})
               for n in range(40)]
    assert answers == ["saved"] * save_limits.SAVES_BURST + ["too-fast"] * (40 - save_limits.SAVES_BURST)
    assert len(s.history("alpha/reflection")) == save_limits.SAVES_BURST
    now[0] += 1.0  # a second later, the default five saves a second are back
    assert [s.record(lesson="alpha", item="q1", kind="answer", response={"choice": c}, correct=False, score=0.0)
            for c in "abcdef"] == ["saved"] * 5 + ["too-fast"]


def test_one_size_rule_for_every_text_whatever_the_widget(db_url):
    from course.save_limits import RESPONSE_MAX_CHARS, TEXT_MAX_CHARS

    s = signed_in_session(db_url, "Ria Rapid", None)
    long_one = "é" * (TEXT_MAX_CHARS + 1)
    assert s.record(lesson="alpha", item="alpha/reflection", kind="reflection", response={"text": long_one}) == "too-long"
    nested = {"plan": {"fields": [{"deep": ["x" * 10, long_one]}]}}
    assert s.record(lesson="alpha", item="plan", kind="exercise", response=nested) == "too-long"
    many = {f"part{n}": "y" * TEXT_MAX_CHARS for n in range(RESPONSE_MAX_CHARS // TEXT_MAX_CHARS + 1)}
    assert s.record(lesson="alpha", item="plan", kind="exercise", response=many) == "too-long"
    assert s.history("alpha/reflection") == [] and s.history("plan") == []
    exactly = "z" * TEXT_MAX_CHARS
    assert s.record(lesson="alpha", item="alpha/reflection", kind="reflection", response={"text": exactly}) == "saved"


def test_a_refused_save_says_why_and_that_the_text_is_kept():
    from course.ui.common import save_note

    assert "Wait a moment" in save_note("too-fast") and "kept on this page" in save_note("too-fast")
    assert "5,000 characters" in save_note("too-long") and "kept on this page" in save_note("too-long")
