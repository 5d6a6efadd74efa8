"""`make bench`: measure the course against bare-ipywidgets references, side by side in one run.

Every figure is a ratio against a reference measured in the same process on the same machine,
so the numbers travel between machines better than seconds do. Writes bench/results.json and
prints a table. Parts that need a later piece of the course (the dashboard, the 50-writer run)
are reported as "not measured" with the reason rather than invented.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = int(os.environ.get("BENCH_RUNS", "3"))  # 3 keeps `make bench` under 10 minutes here
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# What "the first interactive widget is usable" means: a widget view drawn and visible, which
# Voila does only once the kernel is connected and the widget manager is live. (Not "an enabled
# input": the course home of a signed-in learner has links, not inputs.)
FIRST_CONTROL = ("() => Array.from(document.querySelectorAll('.jupyter-widgets'))"
                 ".some(e => e.offsetParent !== null)")

# "The learner can read": the first paragraph or heading of the lesson's text is drawn and visible.
FIRST_TEXT = ("() => Array.from(document.querySelectorAll('#rendered_cells .jp-RenderedMarkdown h1, "
              "#rendered_cells .jp-RenderedMarkdown p')).some(e => e.offsetParent !== null && e.textContent.trim())")
CROWD_PAGES, CROWD_WITHIN_S = 30, 5.0
CROWD_NOTEBOOK = "01-the-role.ipynb"

REFERENCE_CELLS = [
    ("md", "# Reference\n\nOne RadioButtons and one Button with bare ipywidgets."),
    ("code", "import ipywidgets as w\nw.VBox([w.RadioButtons(options=['a', 'b', 'c']), w.Button(description='Check')])"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_chromium() -> str:
    for candidate in (os.environ.get("COURSE_CHROMIUM"), shutil.which("chromium"),
                      shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("make bench needs Chromium: install chromium or set COURSE_CHROMIUM")


def learner_notebooks() -> list[str]:
    from course import catalog

    return [lesson.notebook for lesson in catalog.load().published()]


@contextmanager
def site_and_browser():
    """A temporary folder, the course's site built in it (build_site) and a headless Chromium, for one
    measurement; all three are gone afterwards."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        site = build_site(tmp)
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True)
        yield tmp, site, browser


def build_site(tmp: Path) -> Path:
    """The course's notebooks plus the reference notebooks, served from one directory."""
    site = tmp / "site"
    shutil.copytree(ROOT / "notebooks", site)
    sys.path.insert(0, str(ROOT / "tools"))
    from new_notebook import write

    write(site / "_bench_reference.ipynb", "Reference", REFERENCE_CELLS)
    write(site / "_bench_reference_preheat.ipynb", "Reference", REFERENCE_CELLS)
    return site


class Server:
    def __init__(self, site: Path, home: Path, preheat: bool, pools: dict[str, int] | None = None,
                 extra_args: list[str] | None = None):
        self.port = free_port()
        self.home = home
        env = {**os.environ, "COURSE_HOME": str(home), "COURSE_DB_URL": f"sqlite:///{home / 'bench.sqlite'}",
               "JUPYTER_PATH": str(ROOT / "share" / "jupyter")}
        env.pop("JUPYTERHUB_USER", None)
        args = [str(Path(sys.executable).parent / "voila"), str(site), "--no-browser",
                "--Voila.ip=127.0.0.1", f"--port={self.port}"]
        if preheat:
            config = {"default": {"pool_size": 0}, **{nb: {"pool_size": n} for nb, n in (pools or {}).items()}}
            args.append("--VoilaKernelManager.kernel_pools_config=" + json.dumps(config))
        else:
            args.append("--VoilaConfiguration.preheat_kernel=False")
        args += extra_args or []
        home.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=(home / "voila.log").open("wb"),
                                     stderr=subprocess.STDOUT)
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("voila did not start")

    def url(self, notebook: str, learner: str) -> str:
        return f"http://127.0.0.1:{self.port}/voila/render/{notebook}?learner={learner}"

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def kernel_rss_mb(page) -> float | None:
    """Resident memory of the kernel serving this page (found by its id in the command line)."""
    kernel_id = page.evaluate("() => { const c = document.getElementById('jupyter-config-data');"
                              " return c ? JSON.parse(c.textContent).kernelId : null; }")
    if not kernel_id:
        return None
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().decode(errors="replace")
            if kernel_id in cmd and "ipykernel" in cmd:
                status = (proc / "status").read_text()
                return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
        except (OSError, AttributeError):
            continue
    return None


def time_to_interactive(browser, url: str, want_rss: bool = False):
    """(seconds to the first readable text, seconds to the first usable widget, kernel RSS in MB)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_function(FIRST_TEXT, timeout=120_000, polling=20)
    text = time.perf_counter() - start
    page.wait_for_function(FIRST_CONTROL, timeout=120_000, polling=50)
    elapsed = time.perf_counter() - start
    rss = None
    if want_rss:
        page.wait_for_function("() => !document.querySelector('#loading')", timeout=120_000)
        time.sleep(0.5)
        rss = kernel_rss_mb(page)
    context.close()
    return text, elapsed, rss


def measure_tti(browser, server, notebooks, reference, runs, want_rss, pause=0.0):
    """Medians per notebook (first text, interactive, RSS), interleaved with the reference run by run."""
    texts = {nb: [] for nb in notebooks + [reference]}
    times = {nb: [] for nb in notebooks + [reference]}
    rss = {nb: [] for nb in notebooks + [reference]}
    for run in range(runs):
        for nb in [reference] + notebooks:
            x, t, r = time_to_interactive(browser, server.url(nb, f"bench-{run}"), want_rss)
            texts[nb].append(x)
            times[nb].append(t)
            if r:
                rss[nb].append(r)
            if pause:
                time.sleep(pause)  # lets a preheated pool refill before the next visit
    return ({nb: statistics.median(v) for nb, v in times.items()},
            {nb: statistics.median(v) for nb, v in rss.items() if v},
            {nb: statistics.median(v) for nb, v in texts.items()})


def crowd(browser, server, notebook: str, pages: int = CROWD_PAGES, within: float = CROWD_WITHIN_S,
          limit: float = 300.0) -> dict:
    """`pages` learners open the same page within `within` seconds; seconds from the first opening
    until the last of them is usable, and how many became usable within `limit` seconds. Each page
    notes the moment itself (a script polling in the page), so a busy browser does not skew it."""
    stamp = ("(() => { const usable = %s; const t = setInterval(() => { if (usable()) {"
             " window.__courseUsableAt = performance.timeOrigin + performance.now(); clearInterval(t); } }, 100); })()"
             % FIRST_CONTROL)
    contexts, opened = [], []
    start = time.time()
    for n in range(pages):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(stamp)
        page = context.new_page()
        delay = start + n * within / pages - time.time()
        if delay > 0:
            time.sleep(delay)
        page.goto(server.url(notebook, f"crowd-{n}"), wait_until="commit", timeout=120_000)
        contexts.append(context)
        opened.append(page)
    usable: dict[int, float] = {}
    while len(usable) < pages and time.time() - start < limit:
        time.sleep(1)
        for n, page in enumerate(opened):
            if n not in usable:
                try:
                    at = page.evaluate("() => window.__courseUsableAt || null")
                except Exception:  # a page still navigating: ask again
                    at = None
                if at:
                    usable[n] = at / 1000 - start
    for context in contexts:
        context.close()
    return {"pages": pages, "opened_within_s": within, "usable": len(usable), "limit_s": limit,
            "last_usable_s": round(max(usable.values()), 1) if len(usable) == pages else None,
            "median_usable_s": round(statistics.median(usable.values()), 1) if usable else None}


def nbval_seconds() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "COURSE_HOME": tmp, "COURSE_DB_URL": f"sqlite:///{tmp}/nbval.sqlite"}
        start = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "pytest"), "--nbval-lax", "--nbval-current-env",
                        "-p", "no:cacheprovider", "-q", "notebooks"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        return time.perf_counter() - start


def optional(name):
    """Figures measured by other parts of the course, if those parts exist yet."""
    try:
        module = __import__(f"bench.{name}", fromlist=["measure"])
    except ImportError as exc:
        return {"not_measured": f"bench/{name}.py is missing ({exc})"}
    return module.measure()


def kernel_processes(root_pid: int) -> list[int]:
    """The ipykernel processes a server started (its descendants)."""
    children: dict[int, list[int]] = {}
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                ppid = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(proc.name))
    found, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        for child in children.get(pid, []):
            todo.append(child)
            try:
                if "ipykernel" in (Path("/proc") / str(child) / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(child)
            except OSError:
                pass
    return found


def _rss_and_cpu(pids) -> tuple[float, float]:
    rss = cpu = 0.0
    for pid in pids:
        try:
            rss += int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text()).group(1)) / 1024
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, AttributeError, IndexError):
            pass
    return rss, cpu


def wait_for_pools(server, kernels: int, limit: float = 180.0) -> dict:
    """Until the pools hold `kernels` kernels and they have stopped working; their idle memory."""
    start = time.time()
    quiet = 0
    last_cpu = -1.0
    while time.time() - start < limit:
        pids = kernel_processes(server.proc.pid)
        rss, cpu = _rss_and_cpu(pids)
        quiet = quiet + 1 if len(pids) >= kernels and abs(cpu - last_cpu) < 0.05 else 0
        last_cpu = cpu
        if quiet >= 3:
            break
        time.sleep(1)
    pids = kernel_processes(server.proc.pid)
    rss, _ = _rss_and_cpu(pids)
    return {"pool_kernels": len(pids), "fill_s": round(time.time() - start, 1),
            "idle_mb_per_pool_kernel": round(rss / max(len(pids), 1), 1)}


def main() -> int:
    started = time.time()
    notebooks = learner_notebooks() + ["index.ipynb"]
    results: dict = {"machine": f"{platform.node()}: {os.cpu_count()} cores, {platform.python_version()}, "
                                f"{platform.machine()}", "runs_per_page": RUNS,
                     "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}
    with site_and_browser() as (tmp, site, browser):
        cold = Server(site, tmp / "cold", preheat=False)
        try:
            time_to_interactive(browser, cold.url("_bench_reference.ipynb", "warmup"))  # first-visit costs
            tti, rss, text = measure_tti(browser, cold, notebooks, "_bench_reference.ipynb", RUNS, want_rss=True)
        finally:
            cold.stop()
        ref = tti["_bench_reference.ipynb"]
        results["reference_tti_cold_s"] = round(ref, 3)
        results["reference_first_text_s"] = round(text["_bench_reference.ipynb"], 3)
        results["tti_ratio_cold"] = {nb: round(tti[nb] / ref, 3) for nb in notebooks}
        results["tti_ratio_cold_worst"] = max(results["tti_ratio_cold"].values())
        # time to the first readable text of each page, against the reference's time to interactive
        results["first_text_ratio"] = {nb: round(text[nb] / ref, 3) for nb in notebooks}
        results["first_text_ratio_worst"] = max(results["first_text_ratio"].values())
        ref_rss = rss.get("_bench_reference.ipynb")
        if ref_rss:
            ratios = {nb: round(rss[nb] / ref_rss, 3) for nb in notebooks if nb in rss}
            results["reference_rss_mb"] = round(ref_rss, 1)
            results["rss_ratio"] = ratios
            results["rss_ratio_median"] = round(statistics.median(ratios.values()), 3)
            results["rss_ratio_max"] = max(ratios.values())

        # Preheated: a pool of one kernel for every page (what each lesson's pool would gain), and
        # the bare reference preheated, which is what preheating itself gives.
        reference = "_bench_reference_preheat.ipynb"
        hot = Server(site, tmp / "hot", preheat=True, pools={nb: 1 for nb in notebooks + [reference]})
        try:
            results["pools"] = wait_for_pools(hot, len(notebooks) + 1)
            tti_hot, _, _ = measure_tti(browser, hot, notebooks, reference, RUNS, want_rss=False, pause=3)
            time.sleep(10)  # the pools refill before the crowd
            results["crowd_30"] = crowd(browser, hot, CROWD_NOTEBOOK)
        finally:
            hot.stop()
        results["tti_ratio_preheated"] = {nb: round(tti_hot[nb] / ref, 3) for nb in notebooks}
        results["reference_preheated_ratio"] = round(tti_hot[reference] / ref, 3)
        results["crowd_30_last_usable_s"] = results["crowd_30"]["last_usable_s"]
        browser.close()

    results["dashboard"] = optional("dashboard")
    results["dashboard_ratio"] = results["dashboard"].get("dashboard_ratio")
    results["store"] = optional("store")
    lost = [b.get("lost_events") for b in results["store"].values() if isinstance(b, dict)]
    results["lost_events"] = sum(x for x in lost if x is not None) if any(x is not None for x in lost) else None
    results["widget_state"] = optional("widget_state")
    results["nbval_seconds"] = round(nbval_seconds(), 1)
    results["bench_seconds"] = round(time.time() - started, 1)
    results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    print(f"\nwritten to {out.relative_to(ROOT)}")
    return 0


def print_table(r: dict) -> None:
    print(f"\nBenchmarks on {r['machine']} (median of {r['runs_per_page']} runs per page; "
          f"load average {r['load_average_at_start']} at the start)\n")
    state = r.get("widget_state", {})
    print(f"{'page':<30} {'tti cold':>9} {'preheated':>10} {'first text':>11} {'RSS':>6} {'models':>7} {'KB':>7}")
    for nb, ratio in r["tti_ratio_cold"].items():
        cells = [r["tti_ratio_preheated"].get(nb), r["first_text_ratio"].get(nb), r.get("rss_ratio", {}).get(nb)]
        hot, text, rss = ("—" if x is None else f"{x:.2f}" for x in cells)
        models = state.get(nb, {}).get("models", "—")
        kb = state.get(nb, {}).get("state_kb", "—")
        print(f"{nb:<30} {ratio:>9.2f} {hot:>10} {text:>11} {rss:>6} {models:>7} {kb:>7}")
    print(f"\nreference: {r['reference_tti_cold_s']} s to interactive, {r.get('reference_rss_mb')} MB kernel RSS; "
          f"preheated {r['reference_preheated_ratio']}")
    print(f"tti_ratio_cold worst {r['tti_ratio_cold_worst']}, first_text_ratio worst {r['first_text_ratio_worst']}, "
          f"rss_ratio_median {r.get('rss_ratio_median')}, rss_ratio_max {r.get('rss_ratio_max')}")
    print(f"pools: {r['pools']}\ncrowd of 30: {r['crowd_30']}")
    print(f"dashboard_ratio {r['dashboard_ratio']}, lost_events {r['lost_events']}, nbval_seconds {r['nbval_seconds']}")


if __name__ == "__main__":
    sys.exit(main())
