"""The SQL page as a reader uses it (Streamlit's AppTest runs the page file itself)."""
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import settings
from dashboard.sql_examples import load_examples
from tests.conftest import ROOT

CIVILIANS = ("SELECT claimant, lowest, highest FROM comparison_claims "
             "WHERE comparison_group = 'civilians inside Qusayr' ORDER BY as_of, claimant")


@pytest.fixture
def page(seed_db, tmp_path, monkeypatch):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(seed_db, warehouse)
    monkeypatch.setattr(settings, "WAREHOUSE", warehouse)
    monkeypatch.setattr(settings, "QUOTES_ONLY", False, raising=False)
    return AppTest.from_file(str(ROOT / "dashboard" / "sql.py"), default_timeout=60)


def results(app):
    return app.dataframe[0].value


def test_a_link_with_a_query_runs_it_and_shows_the_figures(page):
    page.query_params["sql"] = CIVILIANS
    page.run()
    assert not page.exception
    assert page.text_area(key="sql_text").value == CIVILIANS
    frame = results(page)
    assert list(frame["claimant"]) == ["Atlantic Sentinel", "Muhammad Radwan Raad", "GlobalPost"]
    assert frame["lowest"].min() == 20000 and frame["highest"].max() == 40000
    assert not page.error and not page.warning
    assert any(c.value.startswith("3 rows in ") for c in page.caption)


def test_a_refused_query_says_why(page):
    page.query_params["sql"] = "DELETE FROM documents"
    page.run()
    assert not page.exception
    assert [e.value for e in page.error] == ["Only reading queries are allowed: this is a DELETE statement. "
                                             "Use SELECT (or DESCRIBE, SUMMARIZE, SHOW, EXPLAIN)."]
    page.query_params["sql"] = "SELECT 1; DROP TABLE documents"
    page.run()
    assert page.error[0].value.startswith("Only one statement per run")
    page.query_params["sql"] = "SELECT * FROM read_csv('/etc/passwd')"
    page.run()
    assert page.error[0].value.startswith("read_csv() reads files or URLs, which is not allowed here")
    assert not any("root:" in str(frame.value) for frame in page.dataframe)
    page.query_params["sql"] = "SET enable_external_access = true"
    page.run()
    assert page.error[0].value.startswith("Only reading queries are allowed: this is a SET statement.")


def test_running_a_typed_query_puts_it_in_the_address(page):
    page.run()
    assert "sql" not in page.query_params and not page.error
    page.text_area(key="sql_text").set_value("SELECT count(*) AS documents FROM documents")
    page.button(key="sql_run").click().run()
    assert page.query_params["sql"] == "SELECT count(*) AS documents FROM documents"
    assert results(page)["documents"].tolist() == [5]


def test_a_long_answer_is_cut_with_a_notice(page):
    page.query_params["sql"] = "SELECT * FROM range(5000)"
    page.run()
    assert len(results(page)) == 1000
    assert page.warning[0].value.startswith("Showing the first 1,000 rows")


def test_the_examples_run_with_one_click(page):
    page.run()
    examples = load_examples()
    buttons = [b for b in page.button if (b.key or "").startswith("sql_example_")]
    assert [b.label for b in buttons] == [e.title for e in examples]
    buttons[0].click().run()
    assert page.query_params["sql"] == examples[0].sql
    assert page.text_area(key="sql_text").value == examples[0].sql
    assert set(results(page)["claimant"]) == {"Atlantic Sentinel", "Muhammad Radwan Raad", "GlobalPost"}


def test_answers_can_be_downloaded_as_csv_and_parquet(page):
    page.query_params["sql"] = CIVILIANS
    page.run()
    assert [(b.label, b.key) for b in page.get("download_button")] == [
        ("Download CSV", "sql_csv"), ("Download Parquet", "sql_parquet")]


def test_the_schema_lists_tables_and_views_with_their_comments(page):
    page.run()
    relations = page.dataframe[0].value
    assert {"claims", "documents", "claim_overview", "comparisons", "contested_events"} <= set(relations["name"])
    described = dict(zip(relations["name"], relations["description"]))
    assert described["contested_events"] == "Events that at least one source denies, with who asserts and who denies."
    columns = page.dataframe[1].value
    low = columns[(columns["table or view"] == "claims") & (columns["column"] == "low")]
    assert low["type"].tolist() == ["BIGINT"]
    assert low["description"].iloc[0].startswith("Lower bound by the bounds contract")


def test_a_quotes_only_deployment_without_its_copy_says_how_to_build_it(page, monkeypatch):
    # The fixture's warehouse has no quotes-only copy beside it, as one built by an older version.
    monkeypatch.setattr(settings, "QUOTES_ONLY", True)
    page.query_params["sql"] = "SELECT text FROM documents"
    page.run()
    assert not page.exception
    assert "only the sentences that carry facts" in page.info[0].value
    assert "python -m etl build --db" in page.error[0].value
    assert "documents" in set(page.dataframe[0].value["name"])  # only the schema is shown, no answer
