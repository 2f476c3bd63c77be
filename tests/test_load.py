"""The load tests at a size for CI: a few concurrent sessions through every page, one of them running a
slow query, against a clean deployment: in Chromium, once opening every page by its URL and once moving
inside the app as a reader does, and once speaking Streamlit's protocol to the server alone
(tests/load_server.py). They assert that nobody saw an error; times are only reported (the machine is
shared). The full counts are `python -m tests.load --sessions 10` and `python -m tests.load_server
--sessions 10` (docs/performance.md).

E2E_APP_URL=http://127.0.0.1:8501 drives an app already running instead, as the browser tests do.
"""
import os

import pytest

from tests import load, load_server
from tests.browser import serve_deployment

SESSIONS = {"url": 3, "app": 2, "server": 5}
ROUNDS = 1


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    if os.environ.get("E2E_APP_URL"):
        yield os.environ["E2E_APP_URL"]
        return
    server = serve_deployment(tmp_path_factory.mktemp("load"))
    try:
        yield server.url
    finally:
        server.stop()


@pytest.mark.parametrize("navigation", [*load.NAVIGATIONS, "server"])
def test_concurrent_sessions_see_no_error_while_one_runs_a_slow_query(app_url, navigation):
    if navigation == "server":
        report = load_server.run(sessions=SESSIONS[navigation], rounds=ROUNDS, url=app_url)
    else:
        report = load.run(sessions=SESSIONS[navigation], rounds=ROUNDS, url=app_url, navigation=navigation)
    print(report.text())  # the figures, with -s or in the failure's captured output
    assert not report.errors, "\n".join(
        f"session {each.session}, {each.url}: {message}" for each in report.errors for message in each.errors)
    assert not report.cut_short
    per_session = report.summary()["loads_per_session"]
    assert all(per_session[n] == ROUNDS * (len(load.PAGES) + (n == 1)) for n in per_session), per_session
