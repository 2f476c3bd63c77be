"""Load test of the server alone: concurrent sessions speak Streamlit's own protocol to the app, no browser.

    python -m tests.load_server --sessions 10 --rounds 3 [--think 1] [--json FILE] [--url http://127.0.0.1:8501]

Why a second load test: the browser one (tests/load.py) runs ten Chromium pages on the same two cores
as the server, so most of its times are the browsers drawing, which on a deployment happens on each
reader's own machine. This one measures what the server gives each reader. A session is what a browser
tab is to the server: one websocket to `/_stcore/stream`, over which it asks for each page as the
browser does when a reader opens it (a `rerun_script` message with the page's name and its address's
query, so with the same selections and SQL queries as the browser test's steps, `tests.load.PAGES`). A
page time runs from that request until the server has sent the whole page and reported the run
finished. Session 1 starts each round with the query that runs into the SQL box's time limit, reported
apart. Sessions, rounds, think time and the served deployment are as in tests/load.py.

An error is, in the page load it happened in: an exception element; an error alert the step does not
expect; the page's title, an SQL answer or the slow query's message missing from what was sent;
"page not found"; a run that did not finish within `--page-timeout`; the connection closed or refused.
"""
from __future__ import annotations

import asyncio
import os
import random
import re
import sys
import time

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.load import PAGES, SLOW_QUERY, Load, Report, Step, against_app, arguments, finish, watch_load

# Parts of an element whose text a reader sees, by element type.
_TEXTS = {"heading": "body", "markdown": "body", "alert": "body", "text": "body", "code": "code_text"}


class Reader:
    """One reader's tab, as the server sees it: a websocket and the pages asked for over it."""

    def __init__(self, number: int, base_url: str, page_timeout: float):
        self.number = number
        self.stream = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.page_timeout = page_timeout
        self.socket = None

    async def open(self) -> None:
        self.socket = await websockets.connect(self.stream, subprotocols=["streamlit"], max_size=None,
                                               open_timeout=self.page_timeout)

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()

    async def load(self, step: Step, round_number: int) -> Load:
        page, _, query = step.path.lstrip("/").partition("?")
        request = BackMsg()
        request.rerun_script.page_name = page
        request.rerun_script.query_string = query
        started = time.monotonic()
        errors: list[str] = []
        try:
            if self.socket is None:
                await self.open()
            await self.socket.send(request.SerializeToString())
            shown, alerts, problems = await asyncio.wait_for(self._until_finished(), self.page_timeout)
            errors += problems
            expected = [a for a in alerts if step.expected_error and re.search(step.expected_error, a.strip())]
            errors += [f"error alert: {a}" for a in alerts if a not in expected]
            if step.expected_error and not expected:
                errors.append(f"expected alert missing: {step.expected_error}")
            errors += [f"missing on the page: {p}" for p in step.expect if not re.search(p, shown)]
        except asyncio.TimeoutError:
            errors.append(f"run not finished within {self.page_timeout:g} s")
            await self._drop()
        except (OSError, websockets.WebSocketException) as error:
            errors.append(f"connection: {type(error).__name__}: {error}")
            await self._drop()
        seconds = time.monotonic() - started
        return Load(self.number, round_number, step.name, step.path, round(seconds, 3), {"run": round(seconds, 3)},
                    step is SLOW_QUERY, errors)

    async def _drop(self) -> None:
        """A connection in an unknown state is not reused: the next page opens a new one, as a reload does."""
        socket, self.socket = self.socket, None
        if socket is not None:
            await socket.close()

    async def _until_finished(self) -> tuple[str, list[str], list[str]]:
        """What the server sent for one run: its text, its error alerts, and its problems."""
        texts, alerts, problems = [], [], []
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self.socket.recv())
            kind = message.WhichOneof("type")
            if kind == "page_not_found":
                problems.append("page not found")
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    problems.append(f"exception: {element.exception.type}: {element.exception.message}")
                elif which in _TEXTS:
                    text = getattr(getattr(element, which), _TEXTS[which])
                    texts.append(text)
                    if which == "alert" and element.alert.format == Alert.ERROR:
                        alerts.append(text)
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    problems.append("the page's script did not compile")
                if message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return "\n".join(texts), alerts, problems


async def _drive(reader: Reader, rounds: int, think: float, deadline: float, report: Report) -> None:
    pages = PAGES[reader.number - 1:] + PAGES[:reader.number - 1]  # readers do not move in step
    chance = random.Random(reader.number)  # the same pauses every run
    for round_number in range(1, rounds + 1):
        await reader._drop()  # each round is a new tab: a new session on the server
        for step in ([SLOW_QUERY] if reader.number == 1 else []) + pages:
            if time.monotonic() > deadline:
                report.cut_short = True
                return
            report.loads.append(await reader.load(step, round_number))
            await asyncio.sleep(think * chance.uniform(0.5, 1.5))
    await reader.close()


async def _load_test(base_url: str, sessions: int, rounds: int, think: float, page_timeout: float,
                     max_seconds: float) -> Report:
    report = Report(sessions, rounds, think, navigation="protocol (no browser)")
    first = Reader(0, base_url, 600)  # the first visitor of a fresh deployment has it build the warehouse
    opened = await first.load(PAGES[0], 0)
    await first.close()
    if opened.errors:
        raise RuntimeError(f"the app's first page failed: {opened.errors}")
    readers = [Reader(number, base_url, page_timeout) for number in range(1, sessions + 1)]
    started = time.monotonic()
    report.load_average["before"] = os.getloadavg()[0]
    watch = asyncio.create_task(watch_load(report))
    await asyncio.wait_for(asyncio.gather(*(_drive(r, rounds, think, started + max_seconds, report) for r in readers)),
                           timeout=max_seconds + page_timeout + 30)
    report.wall_seconds = time.monotonic() - started
    report.load_average["after"] = os.getloadavg()[0]
    watch.cancel()
    return report


def run(sessions: int = 10, rounds: int = 3, think: float = 1.0, page_timeout: float = 60.0,
        max_seconds: float = 900.0, url: str | None = None) -> Report:
    """The server-only load test against the app at `url` (on this machine), or a clean deployment."""
    return against_app(url, sessions, rounds, lambda base_url: _load_test(
        base_url, sessions, rounds, think, page_timeout, max_seconds))


def main() -> int:
    args = arguments(__doc__.splitlines()[0]).parse_args()
    return finish(lambda: run(args.sessions, args.rounds, args.think, args.page_timeout, args.max_seconds, args.url),
                  args.json)


if __name__ == "__main__":
    sys.exit(main())
