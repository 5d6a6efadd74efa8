"""A client that speaks the kernel protocol itself, as a script would instead of the page: what it
forges is refused in the kernel, and what breaks is told to the server's log, not to the client.
Answer keys never reach the client before an answer is checked."""
from __future__ import annotations

import json
import time

import pytest

from course import catalog

from ..browser.conftest import PASSWORD, VoilaServer
from ..visitor import KernelClient, Visitor, kernel_id_of

pytestmark = pytest.mark.browser
LESSON = "/voila/render/01-the-role.ipynb"


@pytest.fixture(scope="module")
def server(chromium_path, tmp_path_factory):
    srv = VoilaServer(tmp_path_factory.mktemp("security-home")).start()
    yield srv
    srv.stop()


def signed_in_kernel(server, name):
    server.account(name)
    visitor = Visitor(server.url)
    visitor.sign_in(server.account(name), PASSWORD)
    page = visitor.get(LESSON)
    assert page.status == 200
    client = KernelClient(server.url, kernel_id_of(page.body), visitor.cookie_header())
    client.load_widget_states()
    return client, page.body


def drain(client, seconds: float) -> list[dict]:
    """Every message the kernel sends for a while (the client's view of what happened)."""
    seen, deadline = [], time.monotonic() + seconds
    client.ws.settimeout(0.5)
    while time.monotonic() < deadline:
        try:
            seen.append(client._receive())
        except Exception:
            continue
    return seen


def test_a_forged_widget_message_is_refused_and_no_traceback_reaches_the_client(server):
    client, _ = signed_in_kernel(server, "Fay Forger")
    try:
        cat = catalog.load()
        item = next(cat.items[i] for i in cat.lesson_items("the-role") if cat.items[i].kind == "single")
        card = client.find_by_class(f"course-item-{item.id}")
        radios, button = client.child(card, 1), client.child(client.child(card, 2), 0)
        client.set_state(radios, {"index": 999})  # no such option
        reflection = next(mid for mid, st in client.models.items() if st.get("description") == "Your reflection")
        client.set_state(reflection, {"value": ["not", "text"]})  # a type the box cannot hold
        client.send("comm_msg", {"comm_id": radios, "data": {"method": "no-such-method", "state": {}}})
        client.send("comm_msg", {"comm_id": "not-a-widget", "data": {"method": "update", "state": {"value": 1}}})
        client.click(button)
        seen = json.dumps(drain(client, 3))
        assert "Traceback" not in seen and "site-packages" not in seen and str(server.home) not in seen
        assert "course kernel" in server.log.read_text(errors="replace") or "Exception" in server.log.read_text(
            errors="replace")  # told to whoever runs the server
        feedback = next(mid for mid in (c.removeprefix("IPY_MODEL_") for c in client.models[card]["children"])
                        if "course-feedback" in client.models[mid].get("_dom_classes", []))
        assert "Correct" not in client.models[feedback].get("value", "")  # the forged index counted as nothing
    finally:
        client.close()


def test_answer_keys_stay_in_the_kernel_until_an_answer_is_checked(server):
    client, html = signed_in_kernel(server, "Kim Keyhunter")
    try:
        cat = catalog.load()
        states = json.dumps(client.models) + html
        for item_id in cat.lesson_items("the-role"):
            item = cat.items[item_id]
            for option in getattr(item, "options", None) or []:
                if option.feedback and len(option.feedback) > 30:
                    assert option.feedback not in states, f"{item_id}: an option's explanation is in the page"
        assert '"correct": true' not in states.lower()
    finally:
        client.close()
