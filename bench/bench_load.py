"""Load: simulated visitors against `make serve`, replaying the callback requests a real
Chromium sends, recorded in this run; then the same load while an editor commits an import.
Run: `python -m bench.bench_load`.

1. Recording: Chromium opens `/`, changes the period, the indicator and the transformation,
   opens each tab (and returns to the first) and switches to English; every
   `/_dash-update-component` request it sends is kept (path and body), so the replay follows
   the app as it changes.
2. Load: BENCH_VISITORS threads (default 50), each a keep-alive client looping for
   BENCH_SECONDS (default 20; issue 10 measured 60) over `/`, `/_dash-layout`,
   `/_dash-dependencies` and the recorded callbacks, each sent after the pause the recording
   browser made before it (a scripted browser's pace, quicker than a reader's), the visitors'
   starts spread over one session. Errors (status >= 400, timeouts), page (GET) and callback
   (POST) p50/p95, throughput: the target's measure.
3. Stress: the same visitors with no pause at all, each sending its next request as soon as
   the last is answered: the server's capacity (requests/s), where latency is queueing
   (Little's law: 50 clients / throughput), so it has no latency target.
4. Load + import: the stress run, while `app.py import` (another process, as an editor's commit)
   saves a SYNTHETIC file raising the latest industrial-production figures in this bench's
   own store. Each request is sent alone before (old) and after (new) the run; every response
   during the run must equal, byte for byte, an old or a new response to the same request:
   a reader sees the old version or the new, never a mix.

Targets (issue 10): 0 errors, callback p95 <= 150 ms. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests

from bench.support import (
    CALLBACK,
    ROOT,
    Traffic,
    chromium,
    dashboard,
    env_int,
    ms,
    percentile,
    record,
)

TARGET_CALLBACK_P95 = 0.150
PAGES = ("/", "/_dash-layout", "/_dash-dependencies")
TIMEOUT = 60
SYNTHETIC_RU = "SYNTHETIC: данные бенчмарка, не настоящие"
SYNTHETIC_EN = "SYNTHETIC: benchmark data, not real"
BODIES: dict[str, bytes] = {}  # every distinct response body, by digest: few (the same views)


@dataclass(frozen=True)
class Call:
    method: str
    path: str  # with its query string
    body: bytes = b""
    wait: float = 0.0  # seconds the recorded browser waited before sending it (paced visitors)

    @property
    def key(self) -> str:
        return self.method + " " + self.path + " " + hashlib.sha1(self.body).hexdigest()


@dataclass
class Result:
    call: Call
    status: int
    seconds: float
    at: float  # when it was answered (perf_counter)
    digest: str = ""
    error: str = ""


def record_session(url: str) -> list[Call]:
    """The callback requests Chromium sends while a reader uses the dashboard."""
    from components import ids

    with chromium() as browser:
        page = browser.new_page()
        traffic = Traffic(page)
        page.goto(url + "/")
        page.wait_for_selector(
            "[data-chart='growth'] .main-svg .trace", state="attached", timeout=60000
        )
        traffic.settle(page)

        def choose_other(select_id: str, steps: int) -> None:
            current = page.eval_on_selector(f"#{select_id}", "s => s.value")
            options = page.eval_on_selector_all(
                f"#{select_id} option", "os => os.filter(o => !o.disabled).map(o => o.value)"
            )
            for value in [o for o in options if o != current][:steps]:
                page.select_option(f"#{select_id}", value)
                traffic.settle(page)

        choose_other(ids.PERIOD, 2)
        choose_other(ids.INDICATOR, 1)
        radios = page.locator(f"#{ids.TRANSFORM} input[type=radio]")
        enabled = [i for i in range(radios.count()) if radios.nth(i).is_enabled()]
        for i in enabled[1:] + enabled[:1]:  # each way of showing it, then back to the first
            radios.nth(i).check()
            traffic.settle(page)
        tabs = page.locator("[role=tab]")  # every tab a reader has, then back to the first
        for i in [*range(1, tabs.count()), 0]:
            tabs.nth(i).click()
            traffic.settle(page)
        page.locator(f"#{ids.LANG_EN}").click()
        traffic.settle(page)
        sent = [r for r in traffic.sent if r.timing]  # timing: ms since its own start time
        starts = [r.timing["startTime"] / 1000 for r in sent]
        gaps = [0.0] + [max(0.0, b - a) for a, b in zip(starts, starts[1:], strict=False)]
        calls = [
            Call("POST", path_of(r.url), r.post_data_buffer or b"", wait)
            for r, wait in zip(sent, gaps, strict=True)
        ]
        page.close()
    return calls


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def client(base: str) -> requests.Session:
    """A visitor's keep-alive connection; like the browser it names its page in the Referer
    (the app draws the first page in /_dash-layout for the address the Referer names)."""
    session = requests.Session()
    session.headers["Referer"] = base + "/"
    return session


def send(session: requests.Session, base: str, call: Call) -> Result:
    began = time.perf_counter()
    try:
        if call.method == "GET":
            answer = session.get(base + call.path, timeout=TIMEOUT)
        else:
            answer = session.post(
                base + call.path,
                data=call.body,
                headers={"Content-Type": "application/json"},
                timeout=TIMEOUT,
            )
        done = time.perf_counter()
        digest = hashlib.sha1(answer.content).hexdigest()
        BODIES.setdefault(digest, answer.content)
        error = f"HTTP {answer.status_code}" if answer.status_code >= 400 else ""
        return Result(call, answer.status_code, done - began, done, digest, error)
    except requests.RequestException as exc:
        done = time.perf_counter()
        return Result(call, 0, done - began, done, error=type(exc).__name__)


@dataclass
class Run:
    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0


def load(base: str, calls: list[Call], visitors: int, until, paced: bool = False) -> Run:
    """`visitors` clients, each looping over the pages and the recorded calls until `until()`
    (called in this thread) returns. `paced`: each waits before a call as long as the recorded
    browser did (a reader's pace, or a scripted browser's, which is faster), the visitors'
    starts spread over one session; else no pause at all (the server's capacity)."""
    run = Run()
    lock = threading.Lock()
    stop = threading.Event()
    visit = [Call("GET", p) for p in PAGES] + calls
    session_length = sum(call.wait for call in calls)

    def visitor(number: int) -> None:
        mine = []
        if paced:
            stop.wait(session_length * number / visitors)
        with client(base) as session:
            while not stop.is_set():
                for call in visit:
                    if stop.is_set() or (paced and call.wait and stop.wait(call.wait)):
                        break
                    mine.append(send(session, base, call))
        with lock:
            run.results.extend(mine)

    began = time.perf_counter()
    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(visitors)]
    for thread in threads:
        thread.start()
    until()
    stop.set()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - began
    return run


def summarise(name: str, run: Run, target: bool = True) -> None:
    """Errors, latencies and throughput; `target`: the run the latency target is for (the
    paced visitors), else latencies are queueing and only errors have a target."""
    pages = [r.seconds for r in run.results if r.call.method == "GET" and not r.error]
    callbacks = [r.seconds for r in run.results if r.call.method == "POST" and not r.error]
    errors = [r for r in run.results if r.error]
    kinds = sorted({r.error for r in errors})
    print(
        f"  {name}: {len(run.results)} requests in {run.seconds:.1f} s "
        f"({len(run.results) / run.seconds:.1f}/s; callbacks {len(callbacks) / run.seconds:.1f}/s), "
        f"errors {len(errors)}{' ' + ', '.join(kinds) if kinds else ''}"
    )
    if pages:
        print(f"    pages     p50 {ms(percentile(pages, 50))}, p95 {ms(percentile(pages, 95))}")
    if callbacks:
        p95 = percentile(callbacks, 95)
        if target:
            verdict = "met" if p95 <= TARGET_CALLBACK_P95 and not errors else "NOT met"
            goal = f"target 0 errors, p95 <= {ms(TARGET_CALLBACK_P95)}"
        else:
            verdict = "met" if not errors else "NOT met"
            goal = "target 0 errors"
        print(
            f"    callbacks p50 {ms(percentile(callbacks, 50))}, p95 {ms(p95)} ({goal}): {verdict}"
        )
        record(
            "load",
            f"{name}: errors, callback p50 / p95",
            f"{len(errors)}, {ms(percentile(callbacks, 50))} / {ms(p95)} ({verdict})",
        )
    if pages:
        record(
            "load",
            f"{name}: page p50 / p95",
            f"{ms(percentile(pages, 50))} / {ms(percentile(pages, 95))}",
        )
    record("load", f"{name}: throughput", f"{len(run.results) / run.seconds:.1f} requests/s")


def answers(base: str, calls: list[Call], times: int = 2) -> dict[str, set[str]]:
    """Each request sent alone `times` times: the responses it gets (by digest)."""
    seen: dict[str, set[str]] = {}
    with client(base) as session:
        for _ in range(times):
            for call in calls:
                result = send(session, base, call)
                seen.setdefault(call.key, set()).add(
                    result.digest if not result.error else result.error
                )
    return seen


def synthetic_import(database_url: str, folder: Path) -> Path:
    """A SYNTHETIC file: the latest industrial-production figures (the period `/` shows first)
    plus one point, with a source that says it is not real. (Older ones would contradict the
    figure of the week, and the import would be refused.)"""
    from eaeu.store import Store

    store = Store(database_url)
    observations = store.load_raw()["observations"]
    store.dispose()
    rows = observations[observations["indicator"] == "industrial_production"]
    rows = rows[rows["period_end"] == rows["period_end"].max()]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["indicator", "geo", "period_start", "period_end", "value"]
        + ["source_name_ru", "source_name_en", "source_url", "source_date"]
    )
    for row in rows.itertuples():
        writer.writerow(
            [
                row.indicator,
                row.geo,
                row.period_start,
                row.period_end,
                round(float(row.value) + 1.0, 1),
            ]
            + [SYNTHETIC_RU, SYNTHETIC_EN, "https://example.org/synthetic", "2026-01-01"]
        )
    path = folder / "synthetic_benchmark_import.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def commit(database_url: str, path: Path, log: list[str]) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "EAEU_EDITOR": "bench"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "app.py", "import", str(path), "--note", "SYNTHETIC benchmark import"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    said = (
        done.stdout.strip().splitlines()[-1:]
        if done.returncode == 0
        else [done.stdout + done.stderr]
    )
    log.append(
        f"exit {done.returncode} in {time.perf_counter() - began:.1f} s: {' '.join(said)[-1500:]}"
    )


def difference(got: bytes, reference: bytes, context: int = 60) -> str:
    """Where a response first differs from a reference answer, with a little context."""
    at = next((i for i, (a, b) in enumerate(zip(got, reference, strict=False)) if a != b), None)
    if at is None:
        return f"same start, lengths {len(got)} and {len(reference)}"
    got_text = got[max(0, at - context) : at + context].decode(errors="replace")
    ref_text = reference[max(0, at - context) : at + context].decode(errors="replace")
    return f"at byte {at}: {got_text!r} / reference {ref_text!r}"


def consistency(run: Run, old: dict[str, set[str]], new: dict[str, set[str]]) -> None:
    """Every response during the import equals an old or a new answer to the same request."""
    stable = {k for k in old if len(old[k]) == 1 and len(new.get(k, ())) == 1}
    changed = {k for k in stable if old[k] != new[k]}
    checked = [r for r in run.results if r.call.key in stable and not r.error]
    seen_old = sum(1 for r in checked if r.digest in old[r.call.key])
    seen_new = sum(1 for r in checked if r.digest in new[r.call.key] and r.call.key in changed)
    mixed = [r for r in checked if r.digest not in old[r.call.key] | new[r.call.key]]
    print(
        f"    versions: {len(checked)} responses compared ({len(stable)} of {len(old)} requests "
        f"answer the same each time; {len(changed)} of them change with the import): "
        f"{seen_old} old, {seen_new} new, {len(mixed)} neither (a mix)"
    )
    first_new = min(
        (r.at for r in checked if r.digest in new[r.call.key] and r.call.key in changed),
        default=None,
    )
    if first_new is not None:
        late = [
            r
            for r in checked
            if r.call.key in changed
            and r.digest in old[r.call.key]
            and r.at - r.seconds > first_new
        ]
        print(
            f"    old answers to requests sent after a new answer was out (a process behind): {len(late)}"
        )
    verdict = "met" if not mixed and seen_new else "NOT met"
    if not seen_new:
        print("    no response showed the new version: the import was not seen under load")
    for result in mixed[:3]:
        print(f"      neither old nor new: {result.call.method} {result.call.path[:80]}")
        print(
            f"        {difference(BODIES[result.digest], BODIES.get(next(iter(old[result.call.key])), b''))}"
        )
        print(
            f"        {difference(BODIES[result.digest], BODIES.get(next(iter(new[result.call.key])), b''))}"
        )
    record(
        "load",
        "during import: responses old / new / mixed",
        f"{seen_old} / {seen_new} / {len(mixed)} ({verdict})",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--visitors", type=int, default=env_int("BENCH_VISITORS", 50))
    parser.add_argument("--seconds", type=int, default=env_int("BENCH_SECONDS", 20))
    args = parser.parse_args(argv)
    app = dashboard()
    began = time.perf_counter()
    calls = record_session(app.url)
    outputs = [c for c in calls if CALLBACK in c.path]
    print(
        f"recorded {len(outputs)} callback requests from Chromium in "
        f"{time.perf_counter() - began:.1f} s; {args.visitors} visitors, {args.seconds} s each run"
    )
    record("load", "callback requests in the recorded session", str(len(outputs)))
    pace = sum(call.wait for call in calls)
    print(f"  paced: each visitor sends them over {pace:.1f} s, as the recorded browser did")
    run = load(app.url, calls, args.visitors, lambda: time.sleep(args.seconds), paced=True)
    summarise("load", run)
    stress = load(app.url, calls, args.visitors, lambda: time.sleep(args.seconds))
    summarise("stress, no pause", stress, target=False)

    visit = [Call("GET", p) for p in PAGES[1:]] + calls  # `/` carries a per-load token
    old = answers(app.url, visit)
    with tempfile.TemporaryDirectory() as tmp:
        path = synthetic_import(app.database_url, Path(tmp))
        log: list[str] = []

        def editor_commits() -> None:
            """A third of the run under load first, then the commit, then a third after it
            (at least: the run lasts BENCH_SECONDS or longer, if the commit is slow)."""
            began = time.perf_counter()
            time.sleep(args.seconds / 3)
            commit(app.database_url, path, log)
            time.sleep(max(args.seconds / 3, args.seconds - (time.perf_counter() - began)))

        run = load(app.url, calls, args.visitors, editor_commits)
    new = answers(app.url, visit)
    print(f"  import during the load (SYNTHETIC, `app.py import`): {'; '.join(log)}")
    summarise("load + import", run, target=False)
    consistency(run, old, new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
