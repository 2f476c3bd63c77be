"""The load test at a size for CI: a few concurrent sessions through every page, one of them running a
slow query, against a clean deployment. It asserts that nobody saw an error; times are only reported
(the machine is shared). The full count is `python -m tests.load --sessions 10` (README, *Load*).

E2E_APP_URL=http://127.0.0.1:8501 drives an app already running instead, as the browser tests do.
"""
import os

from tests import load

SESSIONS = 3
ROUNDS = 1


def test_concurrent_sessions_see_no_error_while_one_runs_a_slow_query():
    report = load.run(sessions=SESSIONS, rounds=ROUNDS, url=os.environ.get("E2E_APP_URL"))
    print(report.text())  # the figures, with -s or in the failure's captured output
    assert not report.errors, "\n".join(
        f"session {each.session}, {each.url}: {message}" for each in report.errors for message in each.errors)
    assert not report.cut_short
    per_session = report.summary()["loads_per_session"]
    assert all(per_session[n] == ROUNDS * (len(load.PAGES) + (n == 1)) for n in per_session), per_session
