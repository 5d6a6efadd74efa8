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
    def __init__(self, site: Path, home: Path, preheat: bool):
        self.port = free_port()
        self.home = home
        env = {**os.environ, "COURSE_HOME": str(home), "COURSE_DB_URL": f"sqlite:///{home / 'bench.sqlite'}",
               "JUPYTER_PATH": str(ROOT / "share" / "jupyter")}
        env.pop("JUPYTERHUB_USER", None)
        args = [str(Path(sys.executable).parent / "voila"), str(site), "--no-browser",
                "--Voila.ip=127.0.0.1", f"--port={self.port}"]
        if preheat:
            pools = json.loads((ROOT / "voila.json").read_text())["VoilaKernelManager"]["kernel_pools_config"]
            pools["_bench_reference_preheat.ipynb"] = {"pool_size": 1}
            args.append("--VoilaKernelManager.kernel_pools_config=" + json.dumps(pools))
        else:
            args.append("--VoilaConfiguration.preheat_kernel=False")
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
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_function(FIRST_CONTROL, timeout=120_000, polling=50)
    elapsed = time.perf_counter() - start
    rss = None
    if want_rss:
        page.wait_for_function("() => !document.querySelector('#loading')", timeout=120_000)
        time.sleep(0.5)
        rss = kernel_rss_mb(page)
    context.close()
    return elapsed, rss


def measure_tti(browser, server, notebooks, reference, runs, want_rss, pause=0.0):
    """Median time-to-interactive per notebook, interleaved with the reference run by run."""
    times = {nb: [] for nb in notebooks + [reference]}
    rss = {nb: [] for nb in notebooks + [reference]}
    for run in range(runs):
        for nb in [reference] + notebooks:
            t, r = time_to_interactive(browser, server.url(nb, f"bench-{run}"), want_rss)
            times[nb].append(t)
            if r:
                rss[nb].append(r)
            if pause:
                time.sleep(pause)  # lets a preheated pool refill before the next visit
    return ({nb: statistics.median(v) for nb, v in times.items()},
            {nb: statistics.median(v) for nb, v in rss.items() if v})


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


def main() -> int:
    from playwright.sync_api import sync_playwright

    started = time.time()
    notebooks = learner_notebooks() + ["index.ipynb"]
    preheated = ["index.ipynb", "01-the-role.ipynb"]
    results: dict = {"machine": f"{platform.node()}: {os.cpu_count()} cores, {platform.python_version()}, "
                                f"{platform.machine()}", "runs_per_page": RUNS}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        tmp = Path(tmp)
        site = build_site(tmp)
        browser = p.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True)

        cold = Server(site, tmp / "cold", preheat=False)
        try:
            time_to_interactive(browser, cold.url("_bench_reference.ipynb", "warmup"))  # first-visit costs
            tti, rss = measure_tti(browser, cold, notebooks, "_bench_reference.ipynb", RUNS, want_rss=True)
        finally:
            cold.stop()
        ref = tti["_bench_reference.ipynb"]
        results["reference_tti_cold_s"] = round(ref, 3)
        results["tti_ratio_cold"] = {nb: round(tti[nb] / ref, 3) for nb in notebooks}
        results["tti_ratio_cold_worst"] = max(results["tti_ratio_cold"].values())
        ref_rss = rss.get("_bench_reference.ipynb")
        if ref_rss:
            ratios = {nb: round(rss[nb] / ref_rss, 3) for nb in notebooks if nb in rss}
            results["reference_rss_mb"] = round(ref_rss, 1)
            results["rss_ratio"] = ratios
            results["rss_ratio_median"] = round(statistics.median(ratios.values()), 3)
            results["rss_ratio_max"] = max(ratios.values())

        hot = Server(site, tmp / "hot", preheat=True)
        try:
            time.sleep(15)  # the pools fill
            tti_hot, _ = measure_tti(browser, hot, preheated, "_bench_reference_preheat.ipynb", RUNS,
                                     want_rss=False, pause=6)
        finally:
            hot.stop()
        results["tti_ratio_preheated"] = {nb: round(tti_hot[nb] / ref, 3) for nb in preheated}
        # the floor: the bare reference itself, preheated, against its cold time
        results["reference_preheated_ratio"] = round(tti_hot["_bench_reference_preheat.ipynb"] / ref, 3)
        browser.close()

    results["dashboard"] = optional("dashboard")
    results["store"] = optional("store")
    results["nbval_seconds"] = round(nbval_seconds(), 1)
    results["bench_seconds"] = round(time.time() - started, 1)
    out = ROOT / "bench" / "results.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results)
    print(f"\nwritten to {out.relative_to(ROOT)}")
    return 0


def print_table(r: dict) -> None:
    print(f"\nBenchmarks on {r['machine']} (median of {r['runs_per_page']} runs per page)\n")
    print(f"{'page':<34} {'tti cold':>9} {'tti preheated':>14} {'kernel RSS':>11}")
    for nb, ratio in r["tti_ratio_cold"].items():
        hot = r["tti_ratio_preheated"].get(nb)
        rss = r.get("rss_ratio", {}).get(nb)
        hot_text = "—" if hot is None else f"{hot:.2f}"
        rss_text = "—" if rss is None else f"{rss:.2f}"
        print(f"{nb:<34} {ratio:>9.2f} {hot_text:>14} {rss_text:>11}")
    print(f"\nreference: {r['reference_tti_cold_s']} s to interactive, {r.get('reference_rss_mb')} MB kernel RSS")
    print(f"tti_ratio_cold worst {r['tti_ratio_cold_worst']}, rss_ratio_median {r.get('rss_ratio_median')}, "
          f"rss_ratio_max {r.get('rss_ratio_max')}")
    print(f"dashboard: {r['dashboard']}\nstore: {r['store']}\nnbval_seconds: {r['nbval_seconds']}")


if __name__ == "__main__":
    sys.exit(main())
