"""A learner's page forging the "ask my mentor" box by the kernel protocol: a value the box cannot
hold, a text far over the cap and a hostile text are all dealt with in the kernel (nothing stored,
or stored as text under this learner only), and no traceback reaches the client."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from ..browser.conftest import VoilaServer
from .test_forged_clients import drain, signed_in_kernel

pytestmark = pytest.mark.browser
COHORT = "spring-2027"


@pytest.fixture(scope="module")
def server(chromium_path, tmp_path_factory):
    srv = VoilaServer(tmp_path_factory.mktemp("forged-feedback-home"))
    srv.home.mkdir(parents=True, exist_ok=True)
    srv.account("Mo Mentor", COHORT, role="mentor")
    srv.account("Ana Asker", COHORT)
    srv.start()
    yield srv
    srv.stop()


def stored(server) -> list[dict]:
    from course.store.feedback_tables import feedback_messages
    from course.store.core import Store

    with Store(server.db_url).engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(feedback_messages)).mappings()]


def test_a_forged_question_is_refused_or_stored_as_text_for_this_learner_only(server):
    ana = server.account("Ana Asker", COHORT)
    client, _ = signed_in_kernel(server, "Ana Asker")
    try:
        threads = [mid for mid, st in client.models.items() if "course-mentor-thread" in st.get("_dom_classes", [])]
        assert threads, "no feedback thread under the self-checks"
        text = next(mid for mid, st in client.models.items() if st.get("description") == "Your message to your mentor")
        ask = next(mid for mid, st in client.models.items() if st.get("description") == "Ask my mentor…")
        client.click(ask)  # opens the box (the button now reads "Send to my mentor")
        for forged in (["not", "text"], "x" * 50_000):
            client.set_state(text, {"value": forged})
            client.click(ask)
        assert stored(server) == []
        client.set_state(text, {"value": "<script>alert(1)</script> why is B right?"})
        client.click(ask)
        seen = json.dumps(drain(client, 2))
        assert "Traceback" not in seen and "site-packages" not in seen
        rows = stored(server)
        assert [(r["learner_id"], r["kind"], r["body"]) for r in rows] == [
            (ana, "request", "<script>alert(1)</script> why is B right?")]
    finally:
        client.close()
