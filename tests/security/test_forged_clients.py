"""A client that speaks the kernel protocol itself, as a script would instead of the page: what it
forges is refused in the kernel, and what breaks is told to the server's log, not to the client.
Answer keys never reach the client before an answer is checked."""
from __future__ import annotations

import json
import time

import pytest

from course import catalog

from ..browser.conftest import PASSWORD
from ..visitor import KernelClient, Visitor, kernel_id_of

pytestmark = pytest.mark.browser
LESSON = "/voila/render/01-the-role.ipynb"


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
        radios, button = client.find_in(card, "RadioButtonsModel"), client.find_in(card, "ButtonModel", description="Check answer")
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
        shown = " ".join(str(client.models[mid].get("value", "")) for mid in client.descendants(card)
                         if client.models[mid].get("_model_name") == "HTMLModel")
        assert "Correct" not in shown  # the forged index counted as nothing (the feedback is made when needed)
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


def reflection_controls(client):
    """The lesson's reflection box, its Save button and the card that holds them (its status line is
    made when there is something to say: `reflection_status`)."""
    text = next(mid for mid, st in client.models.items() if st.get("description") == "Your reflection")
    card = next(mid for mid, st in client.models.items() if f"IPY_MODEL_{text}" in st.get("children", []))
    save = next(mid for mid in client.descendants(card) if client.models[mid].get("_model_name") == "ButtonModel"
                and client.models[mid].get("description", "").startswith("Save"))
    return text, save, card


def reflection_status(client, card) -> str:
    """What the reflection card says under its button now (every HTML line after the box)."""
    return " ".join(client.models[mid].get("value", "") for mid in client.descendants(card)
                    if client.models[mid].get("_model_name") == "HTMLModel")


def test_a_page_that_saves_faster_than_a_person_can_is_refused_and_told(server):
    """The flood found in the hardening issue: one page pressing Save thousands of times with a new
    4,000-character text each time. Only a burst and then a person's rate is stored; the page says
    why the rest was not; another learner's save goes through."""
    from course.store.core import Store

    learner = server.account("Sal Spammer")
    client, _ = signed_in_kernel(server, "Sal Spammer")
    try:
        text, button, card = reflection_controls(client)
        start = time.monotonic()
        presses = 200
        for n in range(presses):  # as fast as a script can: nothing waits for the kernel in between
            client.set_state(text, {"value": f"Reflection {n}: " + "x" * 4000})
            last = client.send("comm_msg", {"comm_id": button, "data": {"method": "custom",
                                                                        "content": {"event": "click"}}})
        client.wait_for(lambda _m: last in client.finished)
        elapsed = time.monotonic() - start
        store = Store(server.db_url)
        stored = [e for e in store.events_for(learner) if e["kind"] == "reflection"]
        allowed = 30 + 5 * elapsed + 2  # the burst, the rate over the time taken, one in flight
        assert 30 <= len(stored) <= allowed < presses, (len(stored), elapsed)
        assert "a lot of saving" in reflection_status(client, card)
    finally:
        client.close()
    other, _ = signed_in_kernel(server, "Tam Typist")
    try:
        text, button, _card = reflection_controls(other)
        other.set_state(text, {"value": "One honest reflection."})
        other.click(button)
        assert [e["response"]["text"] for e in Store(server.db_url).events_for(server.account("Tam Typist"))
                if e["kind"] == "reflection"] == ["One honest reflection."]
    finally:
        other.close()


def test_a_message_far_bigger_than_any_widget_value_closes_the_connection_and_reaches_no_kernel(server):
    import websocket

    from course.store.core import Store

    learner = server.account("Bea Bigsend")
    client, _ = signed_in_kernel(server, "Bea Bigsend")
    try:
        text, button, _card = reflection_controls(client)
        closed = False
        try:
            client.set_state(text, {"value": "x" * 400_000})  # 400 KB: no person types this into one box
            client.send("comm_msg", {"comm_id": button, "data": {"method": "custom", "content": {"event": "click"}}})
            for _ in range(10_000):  # read until the server's close frame (an empty frame), or fail to
                if client.ws.recv() in ("", b""):
                    closed = True
                    break
        except (websocket.WebSocketConnectionClosedException, ConnectionError):
            closed = True  # sending or reading on the closed socket fails: closed as well
        assert closed, "the server kept the connection open"
    finally:
        client.close()
    assert not [e for e in Store(server.db_url).events_for(learner) if e["kind"] == "reflection"]
