"""Every page in a real browser, served the way a shareable deployment serves it.

The app runs from a clean checkout of the committed code with only requirements.txt installed and no
warehouse (the entry point builds it from seeds/), as Streamlit Community Cloud would run it. Each page
is opened in the system's Chromium with the network cut off, must show no exception and no error box,
answers one control, and leaves a screenshot in test-artifacts/screenshots/.

E2E_APP_URL=http://127.0.0.1:8501 runs the same tests against an app already running instead,
e.g. to see uncommitted pages, which a clean checkout does not have.
"""
import os
import re
from urllib.parse import parse_qs, quote, urlsplit

import duckdb
import pytest
from playwright.sync_api import expect, sync_playwright

from dashboard.pages import PAGES
from tests.browser import (
    CHROMIUM_ARGS, ERROR_ALERT, EXCEPTION, RUN_TIMEOUT_MS, VIEWPORT, WAREHOUSE_FILE, Offline, Server, chromium_path,
    distinct_colours, screenshot, serve_deployment, settle,
)

PATHS = {page.name: page.path for page in PAGES}
WAIT_MS = 30_000  # for what a rerun after a click should show
# Playwright's 5 s default is short for a two-core CI machine that also runs the server.
expect.set_options(timeout=WAIT_MS)
# An event of the seeds, with a place of its own to filter by.
EVENT, EVENT_TEXT, PLACE, PLACE_NAME = ("haidariyeh-captured-2013-05-14", "Loyalist forces take the rebel-held village",
                                        "haidariyeh", "Haidariyeh")


# Module scope, not session: the browser's driver and the server are child processes of the test run,
# and tests elsewhere check that the processes they start are gone; these must be gone before them.
@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    """The app as a deployment runs it; stopped after the last browser test."""
    if os.environ.get("E2E_APP_URL"):
        yield Server(os.environ["E2E_APP_URL"].rstrip("/"))
        return
    server = serve_deployment(tmp_path_factory.mktemp("deployment"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def app(browser, deployment):  # the browser first: without one, fail before installing
    """The deployment once its first visitor has made it build the warehouse."""
    context = browser.new_context(viewport=VIEWPORT)
    Offline(deployment.url).attach(context)
    page = context.new_page()
    page.goto(deployment.url + "/", timeout=RUN_TIMEOUT_MS)
    settle(page)
    context.close()
    if deployment.checkout is not None:
        assert (deployment.checkout / WAREHOUSE_FILE).exists(), \
            f"the entry point did not build the warehouse:\n{deployment.log_tail()}"
    return deployment


@pytest.fixture
def served_warehouse(app, request):
    """The warehouse the app serves (a deployment under test builds its own, from the same seeds)."""
    if app.checkout is None:
        return request.getfixturevalue("seed_db")
    return app.checkout / WAREHOUSE_FILE


class Visit:
    """A fresh browser context (no cookies, no session) kept off the network."""

    def __init__(self, browser, app):
        self.app = app
        self.context = browser.new_context(viewport=VIEWPORT)
        self.offline = Offline(app.url)
        self.offline.attach(self.context)
        self.page = self.context.new_page()
        self.page_errors: list[str] = []
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def open(self, page_name: str, query: str = ""):
        self.page.goto(self.app.url + PATHS[page_name] + (f"?{query}" if query else ""), timeout=RUN_TIMEOUT_MS)
        settle(self.page)
        # An unknown path falls back to the main page behind a "Page not found" dialog.
        missing = self.page.locator('[data-testid="stDialog"]').filter(has_text="Page not found")
        assert missing.count() == 0 and urlsplit(self.page.url).path == PATHS[page_name], \
            f"the app has no page {PATHS[page_name]} (it answered {self.page.url})"
        return self.page


@pytest.fixture
def visit(browser, app):
    opened = []

    def new() -> Visit:
        opened.append(Visit(browser, app))
        return opened[-1]
    yield new
    for each in opened:
        each.context.close()


def main(page):
    return page.locator('[data-testid="stMain"]')


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def assert_no_errors(visit: Visit) -> None:
    page = visit.page
    exceptions = page.locator(EXCEPTION)
    errors = page.locator(ERROR_ALERT)
    assert exceptions.count() == 0, f"exception on {page.url}: {exceptions.all_inner_texts()}"
    assert errors.count() == 0, f"error box on {page.url}: {errors.all_inner_texts()}"
    assert not visit.page_errors, f"script errors on {page.url}: {visit.page_errors}"


def url_params(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def pick(combobox_container, option_text: str | None = None) -> None:
    """Choose in a select box or multiselect: type to narrow the list, then take the option."""
    field = combobox_container.get_by_role("combobox")
    field.click()
    if option_text:
        field.fill(option_text)
    page = combobox_container.page
    options = page.get_by_role("option")
    if option_text:
        options = options.filter(has_text=option_text)
    expect(options.first).to_be_visible()
    options.first.click()
    listbox = page.get_by_role("listbox")
    if listbox.count() and listbox.first.is_visible():
        page.keyboard.press("Escape")  # a multiselect stays open after a choice


def wait_for_param(page, key: str, value: str | None = None) -> None:
    """A choice reruns the script, which then writes the URL: wait for both."""
    pattern = rf"[?&]{re.escape(key)}=" + (re.escape(quote(value, safe="")) + r"(&|$)" if value else "")
    expect(page).to_have_url(re.compile(pattern))
    settle(page)


def cells(page, text: str | re.Pattern):
    """Cells of the tables on the page with this text (tables draw them a moment after the script has run)."""
    return main(page).locator('[data-testid="stDataFrame"] [role="gridcell"]').filter(
        has_text=re.compile(f"^{re.escape(text)}$") if isinstance(text, str) else text)


def cell(page, text: str | re.Pattern):
    return cells(page, text).first


def test_overview_holds_the_seeds_and_a_place_filter_goes_into_the_url(visit):
    v = visit()
    page = v.open("overview")
    assert_no_errors(v)
    metrics = dict(zip(main(page).locator('[data-testid="stMetricLabel"]').all_inner_texts(),
                       main(page).locator('[data-testid="stMetricValue"]').all_inner_texts()))
    assert (metrics["Documents"], metrics["Casualty claims"], metrics["Events"]) == ("5", "12", "31")
    expect(cell(page, "civilians inside Qusayr")).to_be_attached()
    expect(cell(page, "20,000 – 40,000")).to_be_attached()
    screenshot(page, "overview")

    pick(sidebar(page).locator('[data-testid="stMultiSelect"]').first, PLACE_NAME)
    wait_for_param(page, "place", PLACE)
    expect(main(page).get_by_text(f"Filtered by places: {PLACE}")).to_be_visible()
    assert_no_errors(v)
    screenshot(page, "overview-place-filter")


def test_timeline_choosing_an_event_shows_its_reports_and_names_it_in_the_url(visit):
    v = visit()
    page = v.open("timeline")
    assert_no_errors(v)
    expect(main(page).locator('[data-testid="stPlotlyChart"]')).to_have_count(1)
    screenshot(page, "timeline")

    stances = cells(page, re.compile("^(reports|asserts|denies)$"))
    expect(stances).to_have_count(0)
    pick(main(page).locator('[data-testid="stSelectbox"]').first, EVENT_TEXT)
    wait_for_param(page, "event", EVENT)
    expect(stances.first).to_be_attached()  # cells sit in the grid's hidden accessible table
    assert_no_errors(v)
    screenshot(page, "timeline-event")


def test_map_draws_with_no_network_and_replays_day_by_day(visit):
    v = visit()
    page = v.open("map")
    assert_no_errors(v)
    chart = main(page).locator('[data-testid="stDeckGlJsonChart"]')
    expect(chart).to_have_count(1)
    expect(chart.locator("canvas").first).to_be_attached()
    # Sea, land, borders, circles and labels: a drawn map has many colours, a blank canvas one or two.
    colours = 0
    for _ in range(30):
        colours = distinct_colours(chart.screenshot())
        if colours > 50:
            break
        page.wait_for_timeout(500)
    assert colours > 50, f"the map canvas looks blank ({colours} colours)"
    screenshot(page, "map")

    expect(main(page).locator('[data-testid="stSlider"]')).to_have_count(0)
    main(page).locator('[data-testid="stCheckbox"]').filter(has_text="Replay day by day").locator("label").click()
    wait_for_param(page, "day")
    expect(main(page).locator('[data-testid="stSlider"]')).to_have_count(1)
    assert_no_errors(v)
    screenshot(page, "map-replay")
    if v.offline.blocked:
        pytest.fail(f"the map page tried to reach the network: {sorted(set(v.offline.blocked))}", pytrace=False)


def test_a_claim_permalink_shows_the_sentence_and_a_comparison_its_range(visit, served_warehouse):
    with duckdb.connect(str(served_warehouse), read_only=True) as db:
        claim, sentence = db.execute(
            "SELECT claim_id, sentence FROM claim_overview WHERE figure_text = '40,000'").fetchone()
    v = visit()
    page = v.open("claims", f"claim={claim}")
    assert_no_errors(v)
    shown = " ".join(main(page).locator('[data-testid="stHtml"]').all_inner_texts())
    assert " ".join(sentence.split()) in " ".join(shown.split())
    expect(main(page).get_by_text("Muhammad Radwan Raad: 40,000 trapped")).to_be_visible()
    screenshot(page, "claims")

    page = v.open("claims", "group=" + quote("civilians inside Qusayr"))
    expect(main(page).get_by_text("civilians inside Qusayr: 20,000 to 40,000")).to_be_visible()
    assert_no_errors(v)
    screenshot(page, "claims-comparison")


def test_actors_choosing_an_actor_lists_its_events(visit):
    v = visit()
    page = v.open("actors")
    assert_no_errors(v)
    screenshot(page, "actors")

    pick(main(page).locator('[data-testid="stSelectbox"]').first, "Hezbollah")
    wait_for_param(page, "who", "hezbollah")
    expect(main(page).get_by_text("Events with Hezbollah")).to_be_visible()
    assert_no_errors(v)
    screenshot(page, "actors-hezbollah")


def test_documents_search_finds_the_texts_that_name_a_word(visit, served_warehouse):
    with duckdb.connect(str(served_warehouse), read_only=True) as db:
        naming = db.execute("SELECT count(*) FROM documents WHERE contains(lower(text), 'hezbollah')").fetchone()[0]
    v = visit()
    page = v.open("documents")
    assert_no_errors(v)
    screenshot(page, "documents")

    search = main(page).locator('[data-testid="stTextInput"] input').first
    search.fill("Hezbollah")
    search.press("Enter")
    wait_for_param(page, "q", "Hezbollah")
    expect(main(page).locator('[data-testid="stExpander"]')).to_have_count(naming)
    assert_no_errors(v)
    screenshot(page, "documents-search")


def test_sql_from_the_url_runs_and_shows_its_result(visit):
    v = visit()
    page = v.open("sql", "sql=" + quote("SELECT count(*) AS n FROM documents"))
    assert_no_errors(v)
    box = main(page).locator('[data-testid="stTextArea"] textarea')
    expect(box).to_have_count(1)
    expect(box).to_have_value(re.compile(r"SELECT count\(\*\) AS n FROM documents", re.I))
    expect(cell(page, "5")).to_be_attached()
    screenshot(page, "sql")

    box.fill("SELECT count(*) AS n FROM events")
    main(page).locator('[data-testid="stButton"] button').filter(has_text=re.compile("run", re.I)).first.click()
    expect(cell(page, "31")).to_be_attached()
    assert_no_errors(v)
    screenshot(page, "sql-run")


def test_review_shows_a_chosen_document_and_names_it_in_the_url(visit):
    v = visit()
    page = v.open("review")
    assert_no_errors(v)
    expect(main(page).get_by_text("The machine's facts", exact=True)).to_be_visible()
    screenshot(page, "review")

    pick(main(page).locator('[data-testid="stSelectbox"]').first, "Qusayr resisting all-out attack")
    wait_for_param(page, "doc", "002_996f98365809a89b")
    # Every seed document is coded by hand: the page says why there is nothing to review.
    expect(main(page).get_by_text("fact file is coded by hand")).to_be_visible()
    expect(main(page).get_by_text("Qusayr resisting all-out attack").first).to_be_visible()
    assert_no_errors(v)
    screenshot(page, "review-document")


def test_a_link_copied_from_the_timeline_reopens_the_same_view(visit):
    first = visit()
    page = first.open("timeline")
    pick(sidebar(page).locator('[data-testid="stMultiSelect"]').first, PLACE_NAME)
    wait_for_param(page, "place", PLACE)
    pick(main(page).locator('[data-testid="stSelectbox"]').first, EVENT_TEXT)
    wait_for_param(page, "event", EVENT)
    link = page.url
    heading = main(page).locator('[data-testid="stHeading"]').nth(1).inner_text()

    second = visit()  # another browser context: no session state, only the link
    again = second.page
    again.goto(link, timeout=RUN_TIMEOUT_MS)
    settle(again)
    assert_no_errors(second)
    expect(main(again).locator('[data-testid="stHeading"]').nth(1)).to_have_text(heading)
    expect(main(again).get_by_role("combobox")).to_have_value(re.compile(EVENT_TEXT))
    places = sidebar(again).locator('[data-testid="stMultiSelect"]').first
    expect(places.locator('[data-testid="stMultiSelectTagsContainer"]')).to_contain_text(PLACE_NAME)
    assert url_params(again).get("place") == [PLACE] and url_params(again).get("event") == [EVENT]
    screenshot(again, "timeline-permalink")
