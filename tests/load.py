"""Load test: concurrent browser sessions move through the dashboard while one runs a slow query.

    python -m tests.load --sessions 10 --rounds 3 [--navigation url|app] [--think 1] [--json FILE]
                         [--url http://127.0.0.1:8501]

The app is served as the browser tests serve it (tests/browser.py): a clean checkout of the committed
code, requirements.txt alone, `streamlit run streamlit_app.py` on the loopback address; `--url` drives
an app already running on this machine instead. Every session is a browser context of its own (its
own cookies and Streamlit session) in one headless Chromium that can reach nothing but this
machine (every other address goes to a proxy that refuses: `Loopback`). In each round a
session opens every page by its URL, as a link would (`PAGES`, with the selection each page is
typically opened with, SQL queries from the address), starting at a different page from the others,
and pauses a moment between pages as a reader does. Session 1 starts each round with a query that
runs into the SQL box's time limit.

Two ways of moving, `--navigation`:
- `url` (the default): every page is opened by its URL, as a link would, with its typical selection: a
  new page load and Streamlit session each time, the costliest way for browser and server alike;
- `app`: a reader opens the dashboard by URL at the start of each round and then moves as a reader of
  the app does: by the sidebar's links (the page shows its default selection) and, on the SQL page, by
  typing the query and pressing Run. One Streamlit session per round, as in a browser tab.

A page load is timed from navigation until Streamlit has finished running the page (`SETTLED` in
tests/browser.py: connected, script run and stopped, no placeholder left), polled every 50 ms, and
split into where the time went (`PHASES`). The slow query's load is reported apart: it takes the
time limit by design. The machine's load average is reported beside the times: they mean little
without it.

An error is any of these, in the page load it happened in:
- Streamlit's exception box (`stException`);
- an error alert (`stAlertContentError`) the step does not expect: only the slow query expects one,
  "Stopped: the query ran longer than the time limit"; "Too many queries are running" is an error;
- what the step expects missing: the page's title, an SQL query's answer ("N rows in ...") or the
  slow query's "Stopped" message; Streamlit's "Page not found" dialog;
- the page not settled within `--page-timeout` seconds, reported as "connection lost" when the app
  is not connected then (a "Connecting" state that resolved in time is not an error);
- an HTTP failure: the navigation answered with no response or a status of 400 or more, or a request
  to the app that got such a status or failed (a request the browser cancelled because the session
  moved on, net::ERR_ABORTED, is not a failure);
- an uncaught JavaScript error on the page (`pageerror`).

A benchmark as much as a test: times are reported, never asserted (the browser shares the machine
with the server). The exit status is 1 when any session saw an error.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import socket
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import async_playwright

from dashboard.pages import BY_NAME, PAGES as LISTED
from tests.browser import (
    CHROMIUM_ARGS, ERROR_ALERT, EXCEPTION, RUN_TIMEOUT_MS, SETTLED, chromium_path, serve_deployment,
)

MAX_SESSIONS = 20  # one Chromium's contexts on a small machine; past this the browser measures itself
MAX_ROUNDS = 20
POLL_MS = 50
# A laptop's window: what a reader's browser draws, not the browser tests' tall one for screenshots.
WINDOW = {"width": 1400, "height": 900}
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
PROBES = ("/_stcore/health", "/_stcore/host-config")
ANSWER = r"\d[\d,]* rows? in "
SLOW_SQL = "SELECT sum(hash(r)) AS never FROM range(1000000000000) t(r)"
APP = "document.querySelector('[data-testid=\"stApp\"]')"
# Where a page load's time goes, each phase ending when its condition first holds: the page and its
# scripts loaded (navigation), the session's connection up, the page's script run on the server and
# its output received, the output drawn (element code loaded, nothing still a placeholder).
PHASES = {
    "connect": f"() => {APP}?.dataset.testConnectionState === 'CONNECTED'",
    "run": f"() => {APP}?.dataset.testScriptState === 'notRunning'",
    "draw": SETTLED,
}


NAVIGATIONS = ("url", "app")


@dataclass(frozen=True)
class Step:
    """One page load: where to go, what must be on the page, and the one error alert it may show."""
    name: str
    path: str
    expect: tuple[str, ...]
    expected_error: str | None = None
    sql: str | None = None  # typed into the SQL box when moving inside the app


def _step(name: str, params: dict, *expect: str, expected_error: str | None = None) -> Step:
    path = BY_NAME[name].path + (f"?{urlencode(params)}" if params else "")
    return Step(name, path, (re.escape(BY_NAME[name].heading), *expect), expected_error, params.get("sql"))


# Every page of the dashboard's list with its typical selection, and a second query on the SQL page.
PAGES = [_step(page.name, page.opened_with, *([ANSWER] if page.name == "sql" else [])) for page in LISTED] + [
    _step("sql", {"sql": "SELECT * FROM contested_events"}, ANSWER),
]
SLOW_QUERY = _step("sql", {"sql": SLOW_SQL}, expected_error=r"^Stopped: the query ran longer than the time limit")
# Moving inside the app, the page is settled before the click too, so a load is over once the page
# shows what was asked for and is settled again. Streamlit's script state may skip "running" in the
# page when a run is quick (its updates are batched), so what is watched is the page's content: the
# new page's title, or for a query the address, which the SQL page rewrites to the query it runs.


def _query_in_address(sql: str) -> str:
    return f"() => new URLSearchParams(location.search).get('sql') === {json.dumps(sql)}"


def _titled(name: str) -> str:
    return (f"() => document.querySelector('[data-testid=\"stMain\"] h1')?.innerText.trim() === "
            f"{json.dumps(BY_NAME[name].heading)}")


@dataclass
class Load:
    session: int
    round: int
    page: str
    url: str
    seconds: float
    phases: dict[str, float] = field(default_factory=dict)
    slow_query: bool = False
    errors: list[str] = field(default_factory=list)


@dataclass
class Report:
    sessions: int
    rounds: int
    think_seconds: float
    navigation: str = "url"
    wall_seconds: float = 0.0
    load_average: dict[str, float] = field(default_factory=dict)
    cut_short: bool = False
    blocked_requests: list[str] = field(default_factory=list)
    loads: list[Load] = field(default_factory=list)

    @property
    def errors(self) -> list[Load]:
        return [load for load in self.loads if load.errors]

    def page_times(self, page: str | None = None) -> list[float]:
        return sorted(load.seconds for load in self.loads
                      if not load.slow_query and (page is None or load.page == page))

    def summary(self) -> dict:
        times = self.page_times()
        return {
            "sessions": self.sessions, "rounds": self.rounds, "think_seconds": self.think_seconds,
            "navigation": self.navigation,
            "wall_seconds": round(self.wall_seconds, 1), "cut_short": self.cut_short,
            "load_average": self.load_average,
            "page_loads": len(times), "slow_queries": sum(load.slow_query for load in self.loads),
            "errors": sum(len(load.errors) for load in self.loads),
            "page_seconds": _spread(times),
            "phase_seconds": {phase: spread for phase in ("navigation", *PHASES)
                              if (spread := _spread(sorted(load.phases[phase] for load in self.loads
                                                           if not load.slow_query and phase in load.phases)))["n"]},
            "by_page": {page: _spread(self.page_times(page)) for page in dict.fromkeys(s.name for s in PAGES)},
            "slow_query_seconds": _spread(sorted(load.seconds for load in self.loads if load.slow_query)),
            "loads_per_session": {n: sum(load.session == n for load in self.loads) for n in range(1, self.sessions + 1)},
            "blocked_requests": sorted(set(self.blocked_requests)),
        }

    def text(self) -> str:
        summary = self.summary()
        spread = summary["page_seconds"]
        lines = [
            f"sessions: {self.sessions} (session 1 runs a slow query each round), rounds: {self.rounds}, "
            f"navigation: {self.navigation}, think time: {self.think_seconds:g} s, wall time: {self.wall_seconds:.0f} s"
            + (" (stopped at the time bound)" if self.cut_short else ""),
            f"page loads: {summary['page_loads']} (and {summary['slow_queries']} slow queries, "
            f"{_times(summary['slow_query_seconds'])})",
            f"errors: {summary['errors']}",
            f"page time: {_times(spread)}",
            "where it goes: " + ", ".join(f"{phase} p50 {s['p50']} s, p95 {s['p95']} s"
                                          for phase, s in summary["phase_seconds"].items()),
            "load average (1 min) before, peak, after: "
            + ", ".join(f"{self.load_average.get(moment, 0):.1f}" for moment in ("before", "peak", "after")),
            "| page | loads | p50 s | p95 s | max s |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        lines += [f"| {page} | {s['n']} | {s['p50']} | {s['p95']} | {s['max']} |"
                  for page, s in summary["by_page"].items()]
        for load in self.errors:
            lines += [f"error: session {load.session}, round {load.round}, {load.url}: {message}"
                      for message in load.errors]
        if summary["blocked_requests"]:
            lines.append(f"requests kept from the network: {summary['blocked_requests']}")
        return "\n".join(lines)


def _percentile(ordered: list[float], share: float) -> float:
    # Nearest rank: a time some page load really took.
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _spread(ordered: list[float]) -> dict:
    if not ordered:
        return {"n": 0, "p50": None, "p95": None, "max": None}
    return {"n": len(ordered), "p50": round(statistics.median(ordered), 2),
            "p95": round(_percentile(ordered, 0.95), 2), "max": round(ordered[-1], 2)}


def _times(spread: dict) -> str:
    return f"p50 {spread['p50']} s, p95 {spread['p95']} s, max {spread['max']} s" if spread["n"] else "none"


class Session:
    """One reader: a browser context of its own, and the failures its page reported since the last step."""

    def __init__(self, number: int, base_url: str, page_timeout: float):
        self.number = number
        self.base_url = base_url
        self.page_timeout = page_timeout
        self.failures: list[str] = []
        self.elsewhere: list[str] = []
        self.page = None
        self.on_page: str | None = None  # the page the app shows, when moving inside it

    async def open(self, browser) -> None:
        context = await browser.new_context(viewport=WINDOW)
        self.page = await context.new_page()
        self.page.on("request", self._request)
        self.page.on("pageerror", lambda error: self.failures.append(f"script error: {error}"))
        self.page.on("requestfailed", self._request_failed)
        self.page.on("response", self._response)

    def _ours(self, url: str) -> bool:
        return url.startswith(self.base_url + "/")

    def _request(self, request) -> None:
        if not self._ours(request.url) and request.url.startswith(("http:", "https:", "ws:", "wss:")):
            self.elsewhere.append(request.url)

    def _request_failed(self, request) -> None:
        failure = request.failure or ""
        if self._ours(request.url) and "ERR_ABORTED" not in failure:
            self.failures.append(f"request failed: {request.url} ({failure})")

    def _response(self, response) -> None:
        # Opened at /sql, Streamlit's client first looks for its server under /sql/_stcore/ and, on
        # that 404, at the root: the probe's 404 is how it finds the base path, not a failure.
        probe = response.status == 404 and response.url.split("?")[0].endswith(PROBES)
        if self._ours(response.url) and response.status >= 400 and not probe:
            self.failures.append(f"HTTP {response.status}: {response.url}")

    async def load(self, step: Step, round_number: int, by_url: bool = True) -> Load:
        """Open `step`'s page by its URL, or (by_url False) move to it inside the app as a reader does."""
        url = self.base_url + step.path
        self.failures.clear()
        errors: list[str] = []
        phases: dict[str, float] = {}
        started = mark = time.monotonic()
        timeout_ms = self.page_timeout * 1000

        async def until(condition: str) -> None:
            remaining = max(1.0, timeout_ms - (time.monotonic() - started) * 1000)
            await self.page.wait_for_function(condition, polling=POLL_MS, timeout=remaining)

        try:
            if by_url:
                response = await self.page.goto(url, timeout=timeout_ms)
                if response is None or response.status >= 400:
                    errors.append(f"navigation answered {response.status if response else 'nothing'}")
            else:
                await self._move(step, until)
            for phase, condition in (("navigation", None), *PHASES.items()):
                if condition:
                    await until(condition)
                phases[phase] = round(time.monotonic() - mark, 3)
                mark = time.monotonic()
            seconds = time.monotonic() - started
            errors += await self._check(step)
            self.on_page = step.name
        except PlaywrightError as error:
            seconds = time.monotonic() - started
            errors.append(await self._unsettled(error))
            self.on_page = None  # the next step opens its page by URL again
        errors += self.failures
        return Load(self.number, round_number, step.name, step.path, round(seconds, 3), phases, step is SLOW_QUERY,
                    errors)

    async def _move(self, step: Step, until) -> None:
        """Click the sidebar's link to the page (unless it is shown), then type and run its SQL, if any;
        returns once the page shows the new content (the caller waits for it to settle)."""
        page = self.page
        if self.on_page != step.name:
            target = self.base_url + BY_NAME[step.name].path
            await page.locator(f'[data-testid="stSidebarNav"] a[href="{target}"]').click()
            await until(_titled(step.name))
            if step.sql:
                await until(SETTLED)  # the SQL page drawn: its box is there to type into
        if step.sql:
            await page.locator('[data-testid="stTextArea"] textarea').fill(step.sql)
            await page.locator('[data-testid="stButton"] button').filter(has_text=re.compile(r"^Run$")).click()
            await until(_query_in_address(step.sql))

    async def _check(self, step: Step) -> list[str]:
        page = self.page
        errors = [f"exception: {text}" for text in await page.locator(EXCEPTION).all_inner_texts()]
        alerts = await page.locator(ERROR_ALERT).all_inner_texts()
        expected = [text for text in alerts if step.expected_error and re.search(step.expected_error, text.strip())]
        errors += [f"error alert: {text}" for text in alerts if text not in expected]
        if step.expected_error and not expected:
            errors.append(f"expected alert missing: {step.expected_error}")
        if await page.locator('[data-testid="stDialog"]').filter(has_text="Page not found").count():
            errors.append("page not found")
        shown = await page.locator('[data-testid="stMain"]').inner_text()
        errors += [f"missing on the page: {pattern}" for pattern in step.expect if not re.search(pattern, shown)]
        return errors

    async def _unsettled(self, error: PlaywrightError) -> str:
        if "Timeout" not in type(error).__name__ and "Timeout" not in str(error):
            return f"browser error: {str(error).splitlines()[0]}"
        try:
            state = await self.page.evaluate(f"""() => {{
                const app = {APP};
                return {{connection: app ? app.dataset.testConnectionState : 'no app',
                         script: app ? app.dataset.testScriptState : '',
                         running: !!document.querySelector('[data-testid="stStatusWidget"]'),
                         waiting: [...document.querySelectorAll('[data-testid="stSkeleton"], '
                                   + '[data-testid="stAppSkeleton"]')].map(e => e.closest('[data-testid="stElementContainer"]')?.className
                                   || e.dataset.testid)}};
            }}""")
        except PlaywrightError:
            return f"not settled within {self.page_timeout:g} s, and the page no longer answers"
        if state["connection"] != "CONNECTED":
            return f"connection lost: {state['connection']} after {self.page_timeout:g} s"
        still = [f"script {state['script']}"] + (["running indicator shown"] if state["running"] else []) + [
            f"placeholders in {', '.join(map(str, state['waiting']))}"] * bool(state["waiting"])
        return f"not settled within {self.page_timeout:g} s ({'; '.join(still)})"


async def _drive(session: Session, rounds: int, think: float, deadline: float, report: Report) -> None:
    pages = PAGES[session.number - 1:] + PAGES[:session.number - 1]  # readers do not move in step
    chance = random.Random(session.number)  # the same pauses every run
    for round_number in range(1, rounds + 1):
        steps = ([SLOW_QUERY] if session.number == 1 else []) + pages
        for number, step in enumerate(steps):
            if time.monotonic() > deadline:
                report.cut_short = True
                return
            # Moving inside the app, a round still begins by opening a link (a new tab, a new session).
            by_url = report.navigation == "url" or number == 0 or session.on_page is None
            report.loads.append(await session.load(step, round_number, by_url))
            await asyncio.sleep(think * chance.uniform(0.5, 1.5))


class Loopback:
    """Chromium flags that keep it on this machine, without Playwright's request interception.

    Intercepting requests (as the browser tests do) turns off the browser's cache, so every page load
    would fetch Streamlit's hundred-odd scripts again: a cost no reader pays. Instead every request
    goes to a proxy that does not exist, a port held bound and never listened on, so connecting to it
    is refused at once; Chromium never sends loopback addresses to a proxy.
    """

    def __enter__(self) -> Loopback:
        self._held = socket.socket()
        self._held.bind(("127.0.0.1", 0))
        self.args = [f"--proxy-server=http://127.0.0.1:{self._held.getsockname()[1]}"]
        return self

    def __exit__(self, *exc) -> None:
        self._held.close()


async def _load_test(base_url: str, sessions: int, rounds: int, think: float, page_timeout: float,
                     max_seconds: float, navigation: str) -> Report:
    report = Report(sessions, rounds, think, navigation)
    # One browser with a context per session, driven from one event loop: N browsers (or N driver
    # threads) would spend the two cores on themselves and measure the test instead of the app.
    async with async_playwright() as playwright:
        with Loopback() as only_here:
            browser = await playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                                       args=CHROMIUM_ARGS + only_here.args)
            try:
                await _first_visit(browser, base_url)
                readers = [Session(number, base_url, page_timeout) for number in range(1, sessions + 1)]
                for reader in readers:
                    await reader.open(browser)
                started = time.monotonic()
                report.load_average["before"] = os.getloadavg()[0]
                watch = asyncio.create_task(watch_load(report))
                await asyncio.wait_for(
                    asyncio.gather(*(_drive(reader, rounds, think, started + max_seconds, report)
                                     for reader in readers)),
                    timeout=max_seconds + page_timeout + 30)
                report.wall_seconds = time.monotonic() - started
                report.load_average["after"] = os.getloadavg()[0]
                watch.cancel()
                report.blocked_requests = [url for reader in readers for url in reader.elsewhere]
            finally:
                await browser.close()
    return report


async def watch_load(report: Report) -> None:
    while True:
        report.load_average["peak"] = max(report.load_average.get("peak", 0.0), os.getloadavg()[0])
        await asyncio.sleep(5)


async def _first_visit(browser, base_url: str) -> None:
    """The first visitor of a fresh deployment has it build the warehouse: not a page time."""
    first = Session(0, base_url, RUN_TIMEOUT_MS / 1000)
    await first.open(browser)
    opened = await first.load(PAGES[0], 0)
    await first.page.context.close()
    if opened.errors:
        raise RuntimeError(f"the app's first page failed: {opened.errors}")


def against_app(url: str | None, sessions: int, rounds: int, test) -> Report:
    """`test(base_url)`, a coroutine function, against the app at `url` (on this machine only) or, without
    one, against a clean deployment served for it."""
    if not 1 <= sessions <= MAX_SESSIONS or not 1 <= rounds <= MAX_ROUNDS:
        raise ValueError(f"sessions must be 1 to {MAX_SESSIONS}, rounds 1 to {MAX_ROUNDS}")
    if url is not None:
        if urlsplit(url).hostname not in LOOPBACK:
            raise ValueError(f"the load test drives an app on this machine only, not {url}")
        return asyncio.run(test(url.rstrip("/")))
    with tempfile.TemporaryDirectory(prefix="load-") as folder:
        server = serve_deployment(Path(folder))
        try:
            return asyncio.run(test(server.url))
        finally:
            server.stop()


def run(sessions: int = 10, rounds: int = 3, think: float = 1.0, page_timeout: float = 60.0,
        max_seconds: float = 900.0, url: str | None = None, navigation: str = "url") -> Report:
    """The load test against the app at `url` (on this machine), or a clean deployment served for it."""
    if navigation not in NAVIGATIONS:
        raise ValueError(f"navigation must be one of {', '.join(NAVIGATIONS)}, not {navigation!r}")
    return against_app(url, sessions, rounds, lambda base_url: _load_test(
        base_url, sessions, rounds, think, page_timeout, max_seconds, navigation))


def arguments(description: str) -> argparse.ArgumentParser:
    """The options both load tests take."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sessions", type=int, default=10, help=f"concurrent sessions, 1 to {MAX_SESSIONS} (10)")
    parser.add_argument("--rounds", type=int, default=3, help=f"times each session opens every page, 1 to {MAX_ROUNDS} (3)")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between pages in seconds (1)")
    parser.add_argument("--page-timeout", type=float, default=60.0, help="seconds a page may take (60)")
    parser.add_argument("--max-seconds", type=float, default=900.0, help="stop starting pages after this (900)")
    parser.add_argument("--url", help="drive an app already running on this machine instead of serving one")
    parser.add_argument("--json", type=Path, help="also write the report, with every page load, to this file")
    return parser


def finish(run_it, json_file: Path | None) -> int:
    """Run a load test, print its report (and write it as JSON): the exit status of the command."""
    try:
        report = run_it()
    except (ValueError, RuntimeError, pytest.fail.Exception) as failure:
        print(f"load test not run: {failure}", file=sys.stderr)
        return 2
    print(report.text())
    if json_file:
        json_file.write_text(json.dumps({**report.summary(), "loads": [asdict(load) for load in report.loads]},
                                        indent=2) + "\n")
    return 1 if report.errors else 0


def main() -> int:
    parser = arguments(__doc__.splitlines()[0])
    parser.add_argument("--navigation", choices=NAVIGATIONS, default="url",
                        help="url: open every page by its URL; app: move by the sidebar and the SQL box (url)")
    args = parser.parse_args()
    return finish(lambda: run(args.sessions, args.rounds, args.think, args.page_timeout, args.max_seconds, args.url,
                              args.navigation), args.json)


if __name__ == "__main__":
    sys.exit(main())
