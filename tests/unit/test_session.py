"""The kernel session: saves that add nothing are not stored again; every try of an answer counts."""
from course.session import Session


def test_saving_the_same_text_again_stores_it_once_but_every_try_of_an_answer_counts(db_url):
    from course.identity import Identity

    s = Session(db_url)
    s._detected = True
    s.set_identity(Identity("Flo Flood", None, "sign-in"))
    for _ in range(50):
        assert s.record(lesson="alpha", item="alpha/reflection", kind="reflection", response={"text": "same"}) == "saved"
    s.record(lesson="alpha", item="alpha/reflection", kind="reflection", response={"text": "changed"})
    s.record(lesson="alpha", item="alpha/reflection", kind="reflection", response={"text": "same"})
    for _ in range(2):
        s.record(lesson="alpha", item="q1", kind="answer", response={"choice": "a"}, correct=False, score=0.0)
    history = s.history("alpha/reflection")
    assert [e["response"]["text"] for e in history] == ["same", "changed", "same"]
    assert s.state("alpha")["q1"]["attempts"] == 2
