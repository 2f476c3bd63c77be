"""The SQL box's runner: answers from the seeds, and every kind of query a public deployment must turn away.

Queries go through `run_query`, the path the page takes (a worker process per run). Budgets are
small (a 1 second time limit) so the runaway queries end quickly.
"""
import csv
import io
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dashboard import settings, sql_worker
from dashboard.sql_budgets import Budgets
from dashboard.sql_examples import load_examples
from dashboard.sql_execution import run_sql
from dashboard.sql_worker import run_query
from dashboard.warehouse_file import open_warehouse
from etl.load.quotes_only import quotes_only_path
from tests.conftest import ROOT

FAST = Budgets(time_limit_seconds=1)


@pytest.fixture(scope="module")
def warehouse(seed_db, tmp_path_factory) -> Path:
    # A copy of its own: a file can be open only once per process with one configuration, and the
    # session's `db` fixture holds the seed warehouse with another.
    path = tmp_path_factory.mktemp("sql") / "warehouse.duckdb"
    shutil.copy(seed_db, path)
    shutil.copy(quotes_only_path(seed_db), quotes_only_path(path))  # the build writes the two side by side
    return path


@pytest.fixture
def run(warehouse):
    def run(sql: str, budgets: Budgets = FAST, quotes_only: bool = False):
        return run_query(sql, warehouse=warehouse, budgets=budgets, quotes_only=quotes_only)
    return run


def value(result):
    assert result.ok, result.error
    return result.table.to_pylist()[0]


def workers() -> list[str]:
    """Processes this test process has started and not yet reaped, but for the spare worker that waits,
    idle, for the next query."""
    tasks = Path(f"/proc/{os.getpid()}/task")
    if not (tasks / str(os.getpid()) / "children").exists():
        pytest.skip("needs /proc to list child processes")
    spare = {str(pid) for pid in sql_worker.spare_workers()}
    return [pid for task in tasks.iterdir() for pid in (task / "children").read_text().split() if pid not in spare]


# --- Answers ----------------------------------------------------------------------------------------

def test_counts_and_the_civilians_in_qusayr_come_from_the_seeds(run):
    assert value(run("SELECT count(*) AS n FROM documents")) == {"n": 5}
    assert value(run("SELECT count(*) AS n FROM claims")) == {"n": 12}
    civilians = run("""SELECT DISTINCT group_lowest, group_highest, spread FROM comparison_claims
                       WHERE comparison_group = 'civilians inside Qusayr'""")
    assert value(civilians) == {"group_lowest": 20000, "group_highest": 40000, "spread": 2.0}
    assert civilians.elapsed > 0 and not civilians.truncated and civilians.notice is None


@pytest.mark.parametrize("sql", [
    "SELECT c.claimant, d.title FROM claim_overview c JOIN documents d USING (doc_id) WHERE c.figure_text = 'At least 58'",
    "SELECT claimant, rank() OVER (PARTITION BY comparison_group ORDER BY highest DESC) AS r FROM claim_overview",
    "WITH groups AS (SELECT comparison_group, count(*) AS n FROM claim_overview GROUP BY ALL) SELECT max(n) FROM groups",
    "FROM comparisons SELECT comparison_group WHERE claimants > 1",
    "DESCRIBE claims",
    "SUMMARIZE claim_overview",
    "SHOW TABLES",
    "EXPLAIN SELECT * FROM claim_overview",
    "EXPLAIN ANALYZE SELECT count(*) FROM claim_overview",
    "SELECT * FROM duckdb_columns() WHERE table_name = 'claims'",
    "SELECT unnest(aliases) FROM places WHERE place_id = 'al-qusayr'",
    "SELECT 1 /* ; DROP TABLE documents */",
    # the warehouse's own table macros, the filters the pages use
    "SELECT count(*) FROM filtered_claims(from_day := DATE '2013-05-19', to_day := DATE '2013-05-20')",
    "SELECT name, events FROM place_activity() ORDER BY events DESC",
])
def test_ordinary_analytical_sql_keeps_working(run, sql):
    result = run(sql)
    assert result.ok, result.error
    assert result.rows > 0


def test_describe_shows_the_column_comments_and_a_join_keeps_both_same_named_columns(run):
    columns = run("SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'claims'").table.to_pylist()
    comments = {c["column_name"]: c["comment"] for c in columns}
    assert comments["low"].startswith("Lower bound by the bounds contract")
    both = run("SELECT c.doc_id, d.doc_id FROM claims c JOIN documents d ON c.doc_id = d.doc_id LIMIT 1")
    assert both.table.column_names == ["doc_id", "doc_id_1"]


@pytest.fixture(scope="module")
def machine_warehouse(machine_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sql-machine") / "warehouse.duckdb"
    shutil.copy(machine_db, path)
    return path


@pytest.mark.parametrize("corpus", ["warehouse", "machine_warehouse"])
def test_every_example_query_runs_and_answers_on_any_corpus(corpus, request):
    # The seeds, and forty articles of other wars read by the machine alone: no example may depend on
    # the names of one corpus.
    warehouse = request.getfixturevalue(corpus)
    examples = load_examples()
    assert len(examples) >= 10
    assert examples[0].title == "Who says how many, in the comparison group the most claimants report?"
    for example in examples:
        result = run_query(example.sql, warehouse=warehouse, budgets=Budgets(time_limit_seconds=10))
        assert result.ok, f"{example.title}: {result.error}"
        assert result.rows > 0, example.title
        assert not example.sql.startswith("-- title")


def test_the_examples_choose_their_group_and_claimant_from_the_data(run):
    examples = {e.title: e.sql for e in load_examples()}
    group = value(run(examples["Who says how many, in the comparison group the most claimants report?"]))
    assert group["comparison_group"] == "civilians inside Qusayr"  # the seeds' group of three claimants
    quoted = value(run(examples["Every sentence the most quoted claimant is quoted in"]))
    assert quoted["claimant"] == "Hadi al-Abdallah"  # seven sentences; no outlet in its own voice


# --- Refusals ---------------------------------------------------------------------------------------

FILES = "only the warehouse's tables and views can be queried"


@pytest.mark.parametrize("sql, reason", [
    ("SELECT * FROM read_csv('/etc/passwd')", "read_csv() reads files or URLs"),
    ("SELECT * FROM read_text('/etc/passwd')", "read_text() reads files or URLs"),
    ("SELECT * FROM read_blob('/etc/passwd')", "read_blob() reads files or URLs"),
    ("SELECT * FROM glob('/*')", "glob() reads files or URLs"),
    ("SELECT * FROM read_json('/etc/passwd')", "read_json() reads files or URLs"),
    ("SELECT * FROM read_parquet('http://example.com/data.parquet')", "read_parquet() reads files or URLs"),
    ("FROM '/etc/passwd'", "not files or URLs ('/etc/passwd')"),
    ('SELECT * FROM "https://example.com/data.csv"', "not files or URLs"),
    ("EXPLAIN SELECT * FROM read_csv('/etc/passwd')", "read_csv() reads files or URLs"),
    ("SELECT * FROM documents d, LATERAL (SELECT * FROM read_text(d.file))", "read_text() reads files or URLs"),
])
def test_files_and_urls_are_not_read(run, sql, reason):
    result = run(sql)
    assert result.error and reason in result.error and result.table is None


def test_the_warehouse_file_itself_cannot_be_read_as_a_file(run, warehouse):
    # DuckDB keeps the open database's own file readable with external access off.
    for sql in (f"SELECT * FROM '{warehouse}'", f"DESCRIBE '{warehouse}'",
                f"SELECT * FROM read_duckdb('{warehouse}', table_name = 'documents')"):
        result = run(sql)
        assert result.error and FILES in result.error.lower(), sql


@pytest.mark.parametrize("sql, kind", [
    ("COPY documents TO '{tmp}/documents.csv'", "COPY"),
    ("EXPORT DATABASE '{tmp}/export'", "EXPORT"),
    ("CREATE TABLE notes (a INTEGER)", "CREATE"),
    ("CREATE TEMP TABLE notes AS SELECT 1", "CREATE"),
    ("INSERT INTO warnings VALUES ('x', 1, 'y')", "INSERT"),
    ("UPDATE documents SET title = 'x'", "UPDATE"),
    ("DELETE FROM documents", "DELETE"),
    ("DROP TABLE documents", "DROP"),
    ("ALTER TABLE documents ADD COLUMN x INTEGER", "ALTER"),
    ("ATTACH '{tmp}/other.duckdb' AS other", "ATTACH"),
    ("DETACH conflict", "DETACH"),
    ("CHECKPOINT", "CHECKPOINT"),
    ("SET enable_external_access = true", "SET"),
    ("RESET ALL", "RESET"),
    ("PRAGMA version", "PRAGMA"),
    ("PRAGMA import_database('{tmp}')", "PRAGMA"),
    ("INSTALL httpfs", "INSTALL"),
    ("LOAD httpfs", "LOAD"),
    ("CALL pragma_version()", "CALL"),
    ("WITH t AS (SELECT 1) DELETE FROM documents", "DELETE"),
    ("/* harmless */ -- really\n DROP TABLE documents", "DROP"),
])
def test_writes_settings_and_extensions_are_refused_by_kind(run, tmp_path, sql, kind):
    result = run(sql.format(tmp=tmp_path))
    assert result.error.startswith(f"Only reading queries are allowed: this is a{'n' if kind[0] in 'AEIOU' else ''} "
                                   f"{kind} statement."), result.error
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("sql, reason", [
    ("SELECT * FROM enable_logging(storage = 'file', storage_path = '{tmp}/logs')",
     "enable_logging() is not available"),
    ("SELECT * FROM checkpoint()", "checkpoint() is not available"),
    ("SELECT * FROM query('SELECT 1')", "query() is not available"),
    ("SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT 1'))", "json_execute_serialized_sql()"),
    ("SELECT * FROM duckdb_databases()", "duckdb_databases() is not available"),
    ("SELECT current_setting('temp_directory')", "current_setting() is not available"),
    ("EXPLAIN ANALYZE DELETE FROM documents", "EXPLAIN must be followed directly by a SELECT"),
    ("WITH x AS (DELETE FROM documents RETURNING *) SELECT * FROM x", "A CTE needs a SELECT"),
])
def test_functions_that_change_state_or_run_hidden_sql_are_refused(run, tmp_path, sql, reason):
    result = run(sql.format(tmp=tmp_path))
    assert result.error and reason in result.error, result.error
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("sql", [
    "SELECT 1; DROP TABLE documents",
    "SELECT 1; -- the rest is a comment\nDROP TABLE documents",
    "SELECT 1 /* a comment */; SELECT 2",
])
def test_exactly_one_statement_per_run(run, sql):
    result = run(sql)
    assert result.error.startswith("Only one statement per run: this text holds 2.")


def test_a_pivot_names_its_values_to_be_one_statement(run):
    assert "a PIVOT without an IN list is run as two" in run("PIVOT documents ON outlet USING count(*)").error
    named = run("PIVOT documents ON outlet IN ('GlobalPost', 'NOW Lebanon') USING count(*) "
                "GROUP BY published_precision")
    assert named.ok and {"GlobalPost", "NOW Lebanon"} <= set(named.table.column_names)


@pytest.mark.parametrize("sql, reason", [
    ("", "Type a query first."),
    ("  -- nothing but a comment", "The text holds only comments"),
    ("SELEC 1", "The query failed: Parser Error: syntax error"),
    ("SELECT * FROM battles", "Table with name battles does not exist"),
    ("SELECT 1 -- " + "x" * 20_000, "The query is too long: 20,012 characters, the limit is 20,000."),
])
def test_mistakes_come_back_as_plain_reasons(run, sql, reason):
    assert reason in run(sql).error


def test_nothing_is_written_beside_the_warehouse(run, warehouse):
    before = sorted(os.listdir(warehouse.parent))
    for sql in ("SELECT * FROM range(3000000) ORDER BY random()",  # would spill to a .tmp folder
                f"COPY documents TO '{warehouse.parent}/documents.csv'", "CHECKPOINT",
                "SELECT count(*) FROM documents"):
        run(sql, Budgets(time_limit_seconds=2, memory_limit="64MB"))
    assert sorted(os.listdir(warehouse.parent)) == before


# --- Budgets ----------------------------------------------------------------------------------------

def test_rows_beyond_the_cap_are_cut_with_a_notice(run):
    result = run("SELECT * FROM range(5000)")
    assert result.ok and result.rows == 1000 and result.truncated
    assert result.notice.startswith("Showing the first 1,000 rows: the query returns more.")
    assert run("SELECT * FROM range(1000)").truncated is False
    few = run("SELECT * FROM range(5000)", Budgets(time_limit_seconds=1, max_rows=10))
    assert few.rows == 10 and "first 10 rows" in few.notice


def test_millions_of_rows_stream_and_are_cut(run):
    result = run("SELECT * FROM range(1000000) a, range(1000000) b")
    assert result.ok and result.rows == 1000 and result.truncated


def test_results_beyond_the_byte_cap_are_cut_with_a_notice(run):
    result = run("SELECT repeat('x', 1000000) AS s FROM range(100)", Budgets(time_limit_seconds=5))
    assert result.ok and result.truncated and 0 < result.rows < 100
    assert result.table.nbytes <= 20 * 1024 * 1024
    assert f"Showing the first {result.rows} rows: the result is larger than the 20 MB limit." in result.notice
    small = run("SELECT text FROM documents", Budgets(time_limit_seconds=1, max_result_bytes=10_000))
    assert small.truncated and small.rows < 5 and "larger than the 10 KB limit" in small.notice


def test_a_spare_worker_waits_for_the_next_query_and_serves_only_that_one(run):
    # Starting a worker was most of the page's time; the spare has its imports done when a query comes.
    run("SELECT 1 AS n")
    spare = sql_worker.spare_workers()
    assert len(spare) == 1
    assert value(run("SELECT count(*) AS n FROM documents")) == {"n": 5}
    assert not Path(f"/proc/{spare[0]}").exists()  # it ran that query and ended
    assert len(sql_worker.spare_workers()) == 1 and sql_worker.spare_workers() != spare
    assert workers() == []  # the worker that ran the query is gone


def test_one_enormous_value_is_stopped_with_a_message(run):
    result = run("SELECT repeat('x', 500000000) AS s")
    stopped = result.error and ("time limit" in result.error or "memory" in result.error)
    cut = result.truncated and result.rows == 0 and "first row alone is larger" in result.notice
    assert stopped or cut, result
    assert workers() == []


@pytest.mark.parametrize("sql", [
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT * FROM r",
    "SELECT count(*) FROM range(1000000) a, range(1000000) b",
    "SELECT sum(range) FROM range(1000000000000)",
    "SELECT repeat('x', 1000000000) FROM range(10)",  # repeat() cannot be interrupted: the worker is killed
])
def test_runaway_queries_stop_at_the_time_limit_and_leave_nothing_running(run, sql):
    result = run(sql)
    assert result.error.startswith("Stopped: the query ran longer than the time limit of 1 second.") \
        or result.error.startswith("Stopped: the query needed more memory"), result.error
    assert workers() == []
    assert value(run("SELECT 1 AS one")) == {"one": 1}


def test_memory_beyond_the_limit_stops_the_query(run):
    result = run("SELECT list(range) FROM range(300000000)", Budgets(time_limit_seconds=5, memory_limit="100MB"))
    assert result.error.startswith("Stopped: the query needed more memory than a run may use (100MB).")


def test_an_interrupted_query_leaves_its_connection_usable(warehouse):
    # The same code path in one process: DuckDB's interrupt really ends the query.
    budgets = Budgets(time_limit_seconds=1)
    connection = open_warehouse(warehouse, budgets.database_limits())
    try:
        started = time.monotonic()
        result = run_sql(connection, "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
                                     "SELECT count(*) FROM r", budgets)
        assert "time limit" in result.error and time.monotonic() - started < 30
        assert run_sql(connection, "SELECT 1 AS one", budgets).table.to_pylist() == [{"one": 1}]
        assert run_sql(connection, "SELECT count(*) AS n FROM documents", budgets).table.to_pylist() == [{"n": 5}]
    finally:
        connection.close()


def test_other_readers_are_answered_while_a_runaway_query_runs(run):
    slow = {}
    thread = threading.Thread(target=lambda: slow.update(result=run(
        "SELECT count(*) FROM range(1000000) a, range(1000000) b", Budgets(time_limit_seconds=3))))
    thread.start()
    try:
        assert value(run("SELECT count(*) AS n FROM documents")) == {"n": 5}
    finally:
        thread.join()
    assert "time limit" in slow["result"].error


def test_queries_beyond_the_concurrency_cap_are_turned_away(run):
    one_at_a_time = Budgets(time_limit_seconds=3, max_concurrent=1)
    slow = threading.Thread(target=run, args=("SELECT count(*) FROM range(1000000) a, range(1000000) b",
                                              one_at_a_time))
    slow.start()
    time.sleep(0.5)
    try:
        busy = run("SELECT 1", Budgets(time_limit_seconds=0.5, max_concurrent=1))
    finally:
        slow.join()
    assert busy.error == "Too many queries are running right now: try again in a moment."


def test_the_budgets_are_the_named_settings(warehouse, monkeypatch):
    monkeypatch.setattr(settings, "SQL_MAX_ROWS", 7)
    monkeypatch.setattr(settings, "SQL_TIME_LIMIT_SECONDS", 2.0)
    budgets = Budgets.from_settings()
    assert (budgets.max_rows, budgets.time_limit_seconds) == (7, 2.0)
    assert budgets.max_result_bytes == settings.SQL_MAX_RESULT_BYTES == 20 * 1024 * 1024
    result = run_query("SELECT * FROM range(100)", warehouse=warehouse, quotes_only=False)
    assert result.rows == 7 and result.truncated


# --- Downloads and the quotes-only deployment -------------------------------------------------------------

def test_downloads_hold_the_rows_shown(run):
    result = run("SELECT claimant, lowest, aliases, as_of FROM claim_overview "
                 "JOIN sources ON sources.name = claim_overview.claimant ORDER BY claim_id")
    rows = list(csv.DictReader(io.StringIO(result.csv().decode())))
    assert len(rows) == result.rows == 12
    assert rows[0].keys() == {"claimant", "lowest", "aliases", "as_of"}
    parquet = pq.read_table(io.BytesIO(result.parquet()))
    assert parquet.to_pylist() == result.table.to_pylist()
    odd = run("SELECT INTERVAL 3 DAY AS i, union_value(k := 1) AS u, '\\xAA'::BLOB AS b, [1, 2] AS l")
    assert odd.ok and list(csv.reader(io.StringIO(odd.csv().decode())))[1] == [
        "0 months 3 days 0 seconds", "1", "\\xaa", "[1, 2]"]
    assert pq.read_table(io.BytesIO(odd.parquet())).num_rows == 1


def test_a_quotes_only_deployment_queries_texts_reduced_to_the_sentences_with_facts(run, warehouse):
    assert quotes_only_path(warehouse).is_file()  # the build's copy, which the worker reads instead
    reader_comment = ("SELECT count(*) AS n FROM documents "
                      "WHERE contains(text, 'waiting to kill any government soldier')")
    assert value(run(reader_comment, quotes_only=True)) == {"n": 0}
    assert value(run(reader_comment)) == {"n": 1}
    kept = run("SELECT count(*) AS n FROM claims c JOIN documents d USING (doc_id) "
               "WHERE contains(d.text, c.sentence)", quotes_only=True)
    assert value(kept) == {"n": 12}
    assert value(run("SELECT count(*) AS n FROM evidence_mismatches", quotes_only=True)) == {"n": 0}
    assert value(run("SELECT count(*) AS n FROM claim_overview", quotes_only=True)) == {"n": 12}


def test_a_deployment_sets_the_budgets_through_its_environment():
    environment = dict(os.environ, CONFLICT_SQL_MAX_ROWS="50", CONFLICT_SQL_TIME_LIMIT_SECONDS="2.5")
    shown = subprocess.run(
        [sys.executable, "-c", "from dashboard.sql_budgets import Budgets; b = Budgets.from_settings(); "
                               "print(b.max_rows, b.time_limit_seconds)"],
        cwd=ROOT, env=environment, capture_output=True, text=True, check=True)
    assert shown.stdout.split() == ["50", "2.5"]
