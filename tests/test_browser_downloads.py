"""In a browser: a page's download is the export of what it shows, and an event shows what ACLED and UCDP coded.

The app is served from this working tree (not a clean deployment: tests/test_browser.py checks that) on a
warehouse built with the invented ACLED and UCDP rows of tests/compare/.
"""
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from playwright.sync_api import expect, sync_playwright

from etl.build import build
from etl.export.filters import Filters
from etl.export.writer import render
from etl.settings import REFERENCE_DIR, SEEDS_DIR
from tests.browser import CHROMIUM_ARGS, START_TIMEOUT, VIEWPORT, Offline, chromium_path, free_port, settle
from tests.conftest import ROOT
from tests.test_compare_with import ACLED, GED


@pytest.fixture(scope="module")
def compared_warehouse(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("served") / "w.duckdb"
    build(SEEDS_DIR, path, REFERENCE_DIR, compare_with=[ACLED, GED])
    return path


@pytest.fixture(scope="module")
def served(compared_warehouse, tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("log") / "streamlit.log"
    env = {**os.environ, "CONFLICT_WAREHOUSE": str(compared_warehouse), "CONFLICT_REVIEW": "0"}
    command = [str(Path(sys.executable).with_name("streamlit")), "run", "streamlit_app.py", "--server.port", str(port),
               "--server.headless", "true", "--server.address", "127.0.0.1"]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the app did not start:\n{log.read_text(errors='replace')[-3000:]}", pytrace=False)
                time.sleep(0.5)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def page(served):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        Offline(served).attach(context)
        yield context.new_page()
        browser.close()


def download(page, label: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label, exact=True).click()
    return Path(info.value.path()).read_bytes()


def expected(warehouse: Path, fmt: str, filters=None, base_url: str = "") -> bytes:
    connection = duckdb.connect(str(warehouse), read_only=True)
    try:
        return render(connection, fmt, filters, base_url).data
    finally:
        connection.close()


def test_the_timeline_offers_the_acled_export_and_shows_what_acled_and_ucdp_coded(page, served, compared_warehouse):
    page.goto(f"{served}/timeline?event=qusayr-ground-assault-2013-05-19")
    settle(page)
    expect(page.get_by_text("ACLED: 12; UCDP best 15 (low 12, high 30); the claims: 128 to 134")).to_be_visible()
    assert download(page, "ACLED CSV") == expected(compared_warehouse, "acled")


def test_the_claims_page_downloads_the_claims_its_filters_show(page, served, compared_warehouse):
    page.goto(f"{served}/claims?alignment=opposition")
    settle(page)
    data = download(page, "Claims CSV")
    assert data == expected(compared_warehouse, "claims", Filters(alignments=("opposition",)), f"{served}/")
    frame = pd.read_csv(io.BytesIO(data))
    assert set(frame.alignment) == {"opposition"} and frame.permalink.str.startswith(f"{served}/claims?claim=").all()


def test_the_map_downloads_its_places_as_geojson(page, served, compared_warehouse):
    page.goto(f"{served}/map")
    settle(page)
    places = json.loads(download(page, "GeoJSON of places and claims"))
    assert places == json.loads(expected(compared_warehouse, "places-geojson", None, f"{served}/"))
    assert places["type"] == "FeatureCollection" and places["features"]
