"""50 processes recording 100 answers each at the same moment, through course.store.core.Store, on
SQLite and on PostgreSQL: nothing lost, nothing stored twice, and a retried write is harmless.

The writers open the store on a fresh database at the same moment (so the schema is created
under contention too), then wait for the starting signal and record their answers together.
Every tenth answer is retried at once with the same idempotency key, as a kernel does after a
failed write; every tenth answer of the next writer is also sent again by this one, with the
same key and values, as a retry arriving through another connection would be. The test reports
the write latency it saw (p50/p99) but asserts only correctness: the numbers depend on the
machine.
"""
from __future__ import annotations

import multiprocessing as mp
import statistics
import time

import sqlalchemy as sa

WRITERS = 50
ANSWERS = 100
RETRY_EVERY = 10  # answers i % 10 == 0 are retried by their writer
CROSS_EVERY = 10  # answers i % 10 == 5 of writer n+1 are also sent by writer n
START_TIMEOUT = 60
RUN_TIMEOUT = 120


def _answer(writer: int, i: int) -> dict:
    return dict(learner_id=f"writer {writer}", cohort_id="load", lesson="alpha", item=f"q{i}",
                kind="answer", response={"writer": writer, "i": i}, correct=i % 2 == 0,
                score=float(i % 2 == 0), key=f"w{writer}-a{i}")


def _writer(url: str, n: int, loaded, open_now, ready, go, results) -> None:
    """One learner's kernel: open the store, wait for the signal, record, report what happened."""
    try:
        from course.store.core import Store

        loaded.put(n)
        if not open_now.wait(START_TIMEOUT):
            raise RuntimeError("no signal to open the store")
        store = Store(url)  # all 50 at once, on a database with no tables yet
        ready.put(("ready", n, None))
        if not go.wait(START_TIMEOUT):
            raise RuntimeError("no starting signal")
        outcomes, latencies = [], []

        def timed(values):
            start = time.perf_counter()
            written = store.record(**values)
            latencies.append(time.perf_counter() - start)
            outcomes.append((values["key"], written))

        for i in range(ANSWERS):
            timed(_answer(n, i))
            if i % RETRY_EVERY == 0:
                timed(_answer(n, i))  # the same answer again: must not be stored twice
            if i % CROSS_EVERY == 5:
                timed(_answer((n + 1) % WRITERS, i))  # a neighbour's answer, retried from here
        results.put(("done", n, (outcomes, latencies)))
    except BaseException as exc:  # report instead of dying silently
        message = f"{exc.__class__.__name__}: {exc} (cause: {exc.__cause__!r})"
        for queue in (loaded, ready, results):
            queue.put(("error", n, message))


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def test_fifty_writers_lose_nothing_and_store_nothing_twice(backend_url, report, request):
    backend = request.node.callspec.params["backend_url"]
    ctx = mp.get_context("spawn")  # like separate kernels: nothing shared but the database
    loaded, ready, results = ctx.Queue(), ctx.Queue(), ctx.Queue()
    open_now, go = ctx.Event(), ctx.Event()
    procs = [ctx.Process(target=_writer, args=(backend_url, n, loaded, open_now, ready, go, results),
                         daemon=True) for n in range(WRITERS)]
    t0 = time.perf_counter()
    for p in procs:
        p.start()
    try:
        for _ in range(WRITERS):  # every writer has started and imported the store
            loaded.get(timeout=START_TIMEOUT + 30)
        open_now.set()
        errors = []
        for _ in range(WRITERS):  # every writer has opened the store (or failed to)
            status, n, detail = ready.get(timeout=START_TIMEOUT + 30)
            if status == "error":
                errors.append((n, detail))
        assert not errors, f"writers could not open the store: {errors[:5]}"
        started = time.perf_counter()
        go.set()
        done = {}
        for _ in range(WRITERS):
            status, n, detail = results.get(timeout=RUN_TIMEOUT)
            if status == "error":
                errors.append((n, detail))
            else:
                done[n] = detail
        elapsed = time.perf_counter() - started
        assert not errors, f"writers failed: {errors[:5]}"
    finally:
        open_now.set()
        go.set()
        deadline = time.monotonic() + 20  # a writer whose result was never read cannot exit by itself
        for p in procs:
            p.join(max(0.1, deadline - time.monotonic()))
            if p.is_alive():
                p.kill()

    # Every writer's view: each key was reported written exactly once across all writers.
    first_writes: dict[str, int] = {}
    latencies = []
    for outcomes, lat in done.values():
        latencies += lat
        for key, written in outcomes:
            first_writes[key] = first_writes.get(key, 0) + int(written)
    expected_keys = {f"w{n}-a{i}" for n in range(WRITERS) for i in range(ANSWERS)}
    assert set(first_writes) == expected_keys
    assert {k: c for k, c in first_writes.items() if c != 1} == {}

    # The store's view: every answer once, with its own values.
    from course.store.core import Store
    from course.store.tables import events

    store = Store(backend_url)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(events.c.idempotency_key, events.c.learner_id, events.c.item,
                                      events.c.response, events.c.correct)).all()
    assert len(rows) == WRITERS * ANSWERS == store.count_events()
    assert {r.idempotency_key for r in rows} == expected_keys
    import json
    for r in rows:
        writer, i = (int(x) for x in r.idempotency_key[1:].split("-a"))
        assert (r.learner_id, r.item, json.loads(r.response), bool(r.correct)) == \
            (f"writer {writer}", f"q{i}", {"writer": writer, "i": i}, i % 2 == 0)
    for n in (0, WRITERS - 1):
        assert len(store.latest_state(f"writer {n}", "alpha")) == ANSWERS

    ms = [x * 1000 for x in latencies]
    numbers = {
        "backend": backend, "writers": WRITERS, "answers_per_writer": ANSWERS,
        "record_calls": len(ms), "events_stored": len(rows),
        "latency_ms": {"p50": round(_percentile(ms, 50), 2), "p90": round(_percentile(ms, 90), 2),
                       "p99": round(_percentile(ms, 99), 2), "max": round(max(ms), 2),
                       "mean": round(statistics.fmean(ms), 2)},
        "writing_seconds": round(elapsed, 2),
        "total_seconds_with_startup": round(time.perf_counter() - t0, 2),
        "writes_per_second": round(len(ms) / elapsed, 1),
    }
    report(f"concurrency-{backend}", numbers, [
        f"{WRITERS} writers x {ANSWERS} answers ({len(ms)} record calls incl. retries) -> "
        f"{len(rows)} events, none lost or doubled",
        f"record() latency p50 {numbers['latency_ms']['p50']} ms, p99 {numbers['latency_ms']['p99']} ms, "
        f"max {numbers['latency_ms']['max']} ms; {numbers['writes_per_second']} writes/s; "
        f"writing {numbers['writing_seconds']} s, with process start-up {numbers['total_seconds_with_startup']} s",
    ])
