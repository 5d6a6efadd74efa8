"""dashboard_ratio: opening the mentor dashboard on a 1,000-learner demo cohort (reading the
cohort and building the view the page draws first, the overview with roster and who needs help),
divided by a plain pandas.read_sql of the same events table; medians of 3. The other tabs are
built when a mentor opens them: all_views_ratio reports building every one of them as well."""
import statistics
import tempfile
import time
from pathlib import Path


def measure() -> dict:
    import pandas as pd
    import sqlalchemy as sa

    from course import catalog as catalog_mod
    from course.mentor.demo import make_demo_cohort
    from course.session import Session
    from course.store.core import Store
    from course.store.tables import events
    from course.ui.mentor.dashboard import Dashboard

    catalog = catalog_mod.load()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        store = Store(url)
        make_demo_cohort(store, 1000, "bench-demo", catalog=catalog)
        n_events = store.count_events()
        reference, dashboard, everything = [], [], []
        for _ in range(3):
            start = time.perf_counter()
            frame = pd.read_sql(sa.select(events), store.engine)
            reference.append(time.perf_counter() - start)
            assert len(frame) == n_events

            session = Session(url)
            session._detected = True
            start = time.perf_counter()
            board = Dashboard(catalog, session, "bench-demo")
            board._open()  # the passcode gate is not what is measured
            board.picker.value = "bench-demo"  # reads the cohort and builds the overview
            dashboard.append(time.perf_counter() - start)
            views = board.build_all()
            everything.append(time.perf_counter() - start)
        ref, dash, full = (statistics.median(x) for x in (reference, dashboard, everything))
        return {"events": n_events, "read_sql_s": round(ref, 3), "dashboard_open_s": round(dash, 3),
                "dashboard_ratio": round(dash / ref, 2), "all_views_s": round(full, 3),
                "all_views_ratio": round(full / ref, 2),
                "views_s": {k: round(v, 3) for k, v in views.items()}}


if __name__ == "__main__":
    print(measure())
