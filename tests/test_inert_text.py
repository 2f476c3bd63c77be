"""Text from documents is shown as the characters it is, on every page, in a real browser.

An article may hold markup, by accident (pasted HTML) or on purpose: `<script>`, `<img onerror=...>`,
Markdown links to `javascript:`, LaTeX, Streamlit's colour directives. Each page that shows document
text (titles, sentences, quotes, the text itself, SQL answers) must show those characters and run,
link or typeset none of them. The app is served from this working tree over a corpus holding such
an article (the deployment tests in test_browser.py serve the committed seeds).
"""
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import quote

import duckdb
import pytest
from playwright.sync_api import sync_playwright

from dashboard.pages import PAGES
from tests.browser import (
    CHROMIUM_ARGS, EXCEPTION, RUN_TIMEOUT_MS, START_TIMEOUT, VIEWPORT, Offline, chromium_path, free_port, settle,
)
from tests.conftest import ROOT, build_one_document

SCRIPT = "<script>window.__injected = 'script'</script>"
IMAGE = '<img src="x" onerror="window.__injected = \'img\'">'
LINK = "[the monitor](javascript:window.__injected='link')"
LATEX = "$$\\frac{killed}{wounded}$$"
COLOUR = ":red[bold claim]"
HOSTILE = (
    f"Shelling of Qusayr {SCRIPT} continues\n\n"
    f"Activists said at least 12 people were killed in Qusayr on Tuesday {IMAGE} as government forces "
    f"shelled the town, according to {LINK}.\n\n"
    f"The Syrian Observatory for Human Rights said 30 fighters died in Qusayr {LATEX} {COLOUR} <b>bold</b>.\n"
)
MARKS = (SCRIPT, IMAGE, LATEX, COLOUR)


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    base = tmp_path_factory.mktemp("inert")
    db = build_one_document(base, "hostile.txt", HOSTILE)
    corpus = base / "corpus"
    port = free_port()
    env = {**os.environ, "CONFLICT_WAREHOUSE": str(db), "CONFLICT_CORPUS": str(corpus)}
    log = (base / "streamlit.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(port),
                                "--server.headless", "true", "--server.address", "127.0.0.1"],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5):
                break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"the app did not start:\n{(base / 'streamlit.log').read_text()[-3000:]}")
            time.sleep(0.5)
    with duckdb.connect(str(db), read_only=True) as connection:
        claim = connection.execute("SELECT claim_id FROM claims ORDER BY char_start LIMIT 1").fetchone()[0]
        event = connection.execute("SELECT event_id FROM events LIMIT 1").fetchone()
    try:
        yield url, claim, event[0] if event else None
    finally:
        os.killpg(process.pid, 9)
        process.wait()
        log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _views(claim: str, event: str | None) -> list[tuple[str, str]]:
    """Every page of the dashboard's list, opened where the hostile document's text would show."""
    query = {"claims": f"claim={claim}", "documents": "doc=hostile", "review": "doc=hostile",
             "sql": "sql=" + quote("SELECT title, text FROM documents"), "timeline": f"event={event}" if event else ""}
    return [(page.name, page.path + (f"?{query[page.name]}" if query.get(page.name) else "")) for page in PAGES]


def test_document_text_is_shown_inert_on_every_page(browser, hostile_app):
    url, claim, event = hostile_app
    shown_somewhere = set()
    for name, path in _views(claim, event):
        context = browser.new_context(viewport=VIEWPORT)
        Offline(url).attach(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + path, timeout=RUN_TIMEOUT_MS)
        settle(page)
        try:
            assert page.locator(EXCEPTION).count() == 0, (name, page.locator(EXCEPTION).all_inner_texts())
            assert page.evaluate("window.__injected") is None, f"{name}: markup from the document ran"
            assert page.locator('[data-testid="stMain"] img[src="x"]').count() == 0, f"{name}: an image was injected"
            assert page.locator('a[href^="javascript"]').count() == 0, f"{name}: a javascript: link was made"
            assert page.locator(".katex").count() == 0, f"{name}: the document's LaTeX was typeset"
            assert page.locator('[data-testid="stMain"] b', has_text="bold").count() == 0, f"{name}: <b> was rendered"
            assert errors == [], (name, errors)
            text = page.locator('[data-testid="stMain"]').inner_text()
            # Tables draw on a canvas: their cells are read from the grid's accessible copy.
            text += " ".join(page.locator('[data-testid="stDataFrame"] [role="gridcell"]').all_inner_texts())
            shown_somewhere |= {mark for mark in MARKS if mark in text}
            if name in ("documents", "review"):
                for mark in MARKS:
                    assert mark in text, f"{name}: {mark!r} is not shown as written"
        finally:
            context.close()
    assert shown_somewhere == set(MARKS)
