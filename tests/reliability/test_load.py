"""30 learners complete lesson 01's self-checks at the same time against one Voila server run as
`make serve` runs it; every answer must reach the store, and once they leave, their idle kernels
must be culled and the server's memory come back near where it started.

Each simulated learner does what the page's JavaScript does, over the Jupyter kernel protocol:
it opens the lesson (Voila runs the notebook in a new kernel and puts the kernel's id in the
page), connects to /api/kernels/<id>/channels, asks ipywidgets' control comm for every widget's
state, then for each self-check sets the input widgets (comm_msg "update") and clicks "Check
answer" (comm_msg "custom" {"event": "click"}), waits until the kernel has handled the click,
and reads the feedback the kernel sent back. Then it closes the socket without saying goodbye,
as a closed tab does. Culling runs with a short timeout here (command-line flags override
voila.json); everything else is as `make serve` has it.
"""
from __future__ import annotations

import json
import re
import sqlite3
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psutil

from course import catalog

from course.identity import learner_key

from ..browser.conftest import PASSWORD, VoilaServer
from ..visitor import KernelClient, Visitor, kernel_id_of
from ..conftest import ROOT

LEARNERS = 30
LESSON = "the-role"
PAGE = "/voila/render/01-the-role.ipynb"
CULL_IDLE_S, CULL_INTERVAL_S = 10, 3
BUDGET_S = 600  # a guard against a hang, not a speed check: make test runs other tests beside it
SETTLE_S = 4  # how long memory must stay steady to count as a reading


def answer_correctly(client: KernelClient, item, cat) -> str:
    """Set the item's inputs to the right answer as a learner would, click Check; the feedback."""
    card = client.find_by_class(f"course-item-{item.id}")
    button = client.find_in(card, "ButtonModel", description="Check answer")
    inside = [(mid, client.models[mid]) for mid in client.descendants(card)]
    if item.kind == "single":
        radios = client.find_in(card, "RadioButtonsModel")
        labels = client.models[radios]["_options_labels"]
        client.set_state(radios, {"index": labels.index(next(o.text for o in item.options if o.correct))})
    elif item.kind == "multiple":
        right = {o.text for o in item.options if o.correct}
        for box, st in inside:
            if st.get("_model_name") == "CheckboxModel" and st.get("description") in right:
                client.set_state(box, {"value": True})
    elif item.kind == "numeric":
        client.set_state(client.find_in(card, "TextModel"), {"value": f"{cat.answer_of(item)}"})
    elif item.kind == "ordering":
        slots = [mid for mid, st in inside if st.get("_model_name") == "DropdownModel"]
        for slot, step in zip(slots, item.steps):
            client.set_state(slot, {"index": client.models[slot]["_options_labels"].index(step.text)})
    client.click(button)
    message = next(mid for mid in client.descendants(card)  # the item's one message line: status, hint, feedback
                   if "course-quiz-message" in client.models[mid].get("_dom_classes", []))
    return client.models[message]["value"]


def learner_name(n: int) -> str:
    return f"Load Learner {n:02d}"


def learner_visit(base_url: str, n: int, start: threading.Barrier, cat) -> dict:
    """One learner: sign in, open the lesson, answer every self-check right, leave without closing
    the kernel."""
    name = learner_name(n)
    visitor = Visitor(base_url)
    start.wait(timeout=60)
    t0 = time.monotonic()
    signed = visitor.sign_in(learner_key(name), PASSWORD)
    assert signed.status == 200 and "/login" not in signed.url, (signed.status, signed.body[:300])
    page = visitor.get(PAGE)
    assert page.status == 200, (page.status, page.body[:300])
    page_s = time.monotonic() - t0
    kernel_id = kernel_id_of(page.body)
    client = KernelClient(base_url, kernel_id, visitor.cookie_header())
    try:
        client.load_widget_states()
        feedback = {item_id: answer_correctly(client, cat.items[item_id], cat)
                    for item_id in cat.lesson_items(LESSON)}
    finally:
        client.close()  # the tab closes; the kernel stays until the culler ends it
    return {"learner": name.casefold(), "kernel_id": kernel_id, "page_s": page_s,
            "total_s": time.monotonic() - t0, "feedback": feedback}


# --- the server's memory -------------------------------------------------------------------------

def tree(server) -> list[psutil.Process]:
    root = psutil.Process(server.proc.pid)
    return [root, *root.children(recursive=True)]


def rss_mb(server, server_only: bool = False) -> float:
    """Resident memory of the Voila server and its kernels (or of the server process alone), MB."""
    total = 0
    for proc in tree(server)[:1] if server_only else tree(server):
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return total / 2**20


def kernel_ids_alive(server) -> set[str]:
    alive = set()
    for proc in tree(server)[1:]:
        try:
            found = re.search(r"kernel-([0-9a-f-]{36})\.json", " ".join(proc.cmdline()))
        except psutil.NoSuchProcess:
            continue
        if found:
            alive.add(found.group(1))
    return alive


def preheated_kernels() -> int:
    """How many kernels voila.json keeps waiting (pools of named notebooks; the default pool is 0)."""
    conf = json.loads((ROOT / "voila.json").read_text())
    pools = conf.get("VoilaKernelManager", {}).get("kernel_pools_config", {})
    if not conf.get("VoilaConfiguration", {}).get("preheat_kernel"):
        return 0
    return sum(p.get("pool_size", 0) for name, p in pools.items() if name != "default")


def steady_rss(server, deadline: float, kernels: int) -> float:
    """RSS once the tree has settled: the expected number of kernels, and no change above 2%
    over SETTLE_S seconds (preheated kernels finish rendering their page first)."""
    readings: list[float] = []
    while time.monotonic() < deadline:
        if len(kernel_ids_alive(server)) == kernels:
            readings.append(rss_mb(server))
            window = readings[-int(SETTLE_S / 0.5):]
            if len(window) >= SETTLE_S / 0.5 and max(window) - min(window) < 0.02 * max(window):
                return statistics.fmean(window)
        else:
            readings.clear()
        time.sleep(0.5)
    raise AssertionError(f"memory did not settle (readings {readings[-8:]})")


# --- the test ------------------------------------------------------------------------------------

def test_thirty_learners_at_once_then_culled(tmp_path, report):
    began = time.monotonic()
    deadline = began + BUDGET_S
    sampling = threading.Event()
    cat = catalog.load()
    items = cat.lesson_items(LESSON)
    server = VoilaServer(tmp_path / "load", extra_args=[
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_S}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_S}"]).start()
    try:
        before = steady_rss(server, deadline, kernels=preheated_kernels())
        server_before = rss_mb(server, server_only=True)
        pool = kernel_ids_alive(server)  # the preheated kernels of voila.json (never culled)
        for n in range(1, LEARNERS + 1):
            server.account(learner_name(n), "load-test")

        peak = [before]

        def sample():
            while not sampling.wait(0.5):
                peak.append(rss_mb(server))

        sampler = threading.Thread(target=sample, daemon=True)  # stops with sampling.set()
        sampler.start()
        start = threading.Barrier(LEARNERS)
        load_began = time.monotonic()
        executor = ThreadPoolExecutor(LEARNERS)
        try:
            futures = [executor.submit(learner_visit, server.url, n, start, cat) for n in range(1, LEARNERS + 1)]
            visits = [f.result(timeout=max(1, deadline - time.monotonic())) for f in futures]
        finally:
            executor.shutdown(wait=False, cancel_futures=True)  # stopping the server ends any stragglers
        load_s = time.monotonic() - load_began
        learner_kernels = {v["kernel_id"] for v in visits}
        kernels_at_peak = len(kernel_ids_alive(server))

        # Every learner saw "Correct" and "Saved" for every item, in a kernel of their own.
        assert len(learner_kernels) == LEARNERS
        for visit in visits:
            assert set(visit["feedback"]) == set(items)
            for item_id, html in visit["feedback"].items():
                assert "Correct" in html and "Saved to your progress" in html, (visit["learner"], item_id, html)

        # Every answer is in the store, once, marked right.
        with sqlite3.connect(server.db_path) as db:
            rows = db.execute("SELECT learner_id, item, correct FROM events WHERE kind = 'answer' "
                              "AND cohort_id = 'load-test'").fetchall()
        assert sorted(rows) == sorted((v["learner"], i, 1) for v in visits for i in items)

        # They have left: their kernels are culled, and the memory comes back.
        left = time.monotonic()
        while kernel_ids_alive(server) & learner_kernels:
            assert time.monotonic() < deadline, (
                f"{len(kernel_ids_alive(server) & learner_kernels)} idle kernels not culled "
                f"{time.monotonic() - left:.0f} s after the learners left")
            time.sleep(1)
        culled_s = time.monotonic() - left
        sampling.set()
        sampler.join()
        after = steady_rss(server, deadline, kernels=preheated_kernels())
        server_after = rss_mb(server, server_only=True)
    finally:
        server.stop()
        sampling.set()

    peak_mb = max(peak)
    per_kernel = (peak_mb - before) / max(1, kernels_at_peak - len(pool))
    page_times = sorted(v["page_s"] for v in visits)
    numbers = {
        "learners": LEARNERS, "items_each": len(items), "answers_recorded": len(rows),
        "load_seconds": round(load_s, 1),
        "page_load_s": {"p50": round(statistics.median(page_times), 2), "max": round(page_times[-1], 2)},
        "learner_total_s": {"p50": round(statistics.median(v["total_s"] for v in visits), 2),
                            "max": round(max(v["total_s"] for v in visits), 2)},
        "kernels_at_peak": kernels_at_peak, "preheated_kernels": len(pool),
        "rss_mb": {"before": round(before), "peak": round(peak_mb), "after": round(after),
                   "per_learner_kernel": round(per_kernel), "server_process_before": round(server_before),
                   "server_process_after": round(server_after)},
        "share_of_load_memory_given_back": round(1 - (after - before) / (peak_mb - before), 3),
        "culled_within_s": round(culled_s, 1),
        "cull_settings": {"cull_idle_timeout": CULL_IDLE_S, "cull_interval": CULL_INTERVAL_S},
        "test_seconds": round(time.monotonic() - began, 1),
    }
    report("load", numbers, [
        f"{LEARNERS} learners x {len(items)} self-checks at once: {len(rows)} answers recorded, all correct",
        f"page load p50 {numbers['page_load_s']['p50']} s, max {numbers['page_load_s']['max']} s; "
        f"all done in {numbers['load_seconds']} s",
        f"RSS (server + kernels) before {round(before)} MB, peak {round(peak_mb)} MB "
        f"({kernels_at_peak} kernels, ~{round(per_kernel)} MB each), after culling {round(after)} MB "
        f"(server process alone {round(server_before)} -> {round(server_after)} MB); "
        f"{numbers['share_of_load_memory_given_back']:.0%} of the load's memory given back",
        f"idle kernels culled {numbers['culled_within_s']} s after the learners left "
        f"(cull_idle_timeout {CULL_IDLE_S} s, interval {CULL_INTERVAL_S} s); test took {numbers['test_seconds']} s",
    ])
    # "Near where it started": every learner kernel has gone, and at least 90% of the memory the
    # load took is given back (the server process itself keeps some: Python's allocator holds on
    # to arenas it used while rendering 30 pages at once).
    assert after - before < 0.10 * (peak_mb - before), numbers
