"""The quotes-only warehouse: written by the build beside the warehouse, holding the warehouse's
quotes and nothing more of its articles; the dashboard reads it and never makes it."""
import shutil

import duckdb
import pytest

from dashboard.sql_quotes_only import quotes_only_warehouse
from dashboard.sql_worker import run_query
from etl.core.errors import BuildError
from etl.load.quotes_only import quotes_only_path, write_quotes_only

# Sentences the fact tables point at, and the names mentioned: what a reader may see of an article.
KEPT = """
    SELECT doc_id, sentence_start AS s, sentence_end AS e FROM claims
    UNION ALL SELECT doc_id, sentence_start, sentence_end FROM counted_things
    UNION ALL SELECT doc_id, sentence_start, sentence_end FROM event_reports
    UNION ALL SELECT doc_id, char_start, char_end FROM mentions"""


def rows(connection, sql):
    return connection.execute(sql).fetchall()


@pytest.fixture(scope="module")
def copy(seed_db):
    connection = duckdb.connect(str(quotes_only_path(seed_db)), read_only=True)
    yield connection
    connection.close()


def test_the_build_writes_the_copy_beside_the_warehouse_where_the_dashboard_looks(seed_db):
    assert quotes_only_path(seed_db) == seed_db.with_name("seeds.quotes-only.duckdb")
    assert quotes_only_warehouse(seed_db) == quotes_only_path(seed_db)  # the file the SQL page's worker reads
    assert quotes_only_path(seed_db).is_file()
    assert [p.name for p in seed_db.parent.iterdir() if p.name.startswith(".")] == []  # no temporary left


def test_the_copy_keeps_the_quotes_and_blanks_the_rest_of_each_article(db, copy):
    original = dict(rows(db, "SELECT doc_id, text FROM documents"))
    blanked = dict(rows(copy, "SELECT doc_id, text FROM documents"))
    assert blanked.keys() == original.keys()
    kept = {doc_id: set() for doc_id in original}
    for doc_id, start, end in rows(db, KEPT):
        kept[doc_id].update(range(start, end))
    for doc_id, text in original.items():
        assert len(blanked[doc_id]) == len(text), doc_id  # every offset points at the same character
        for offset, character in enumerate(text):
            expected = character if offset in kept[doc_id] or character == "\n" else " "
            assert blanked[doc_id][offset] == expected, (doc_id, offset)
    assert any("waiting to kill any government soldier" in text for text in original.values())
    assert not any("waiting to kill any government soldier" in text for text in blanked.values())
    # Each claim's sentence reads the same in the copy, and the parts are cut from the blanked text.
    assert rows(copy, "SELECT count(*) FROM claims c JOIN documents d USING (doc_id) "
                      "WHERE substring(d.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) "
                      "= c.sentence") == [(12,)]
    assert rows(copy, "SELECT count(*) FROM document_parts p JOIN documents d USING (doc_id) "
                      "WHERE p.text <> substring(d.text, p.char_start + 1, p.char_end - p.char_start)") == [(0,)]


def test_everything_but_the_article_texts_is_the_warehouse_itself(db, copy):
    def catalog(connection, sql):
        return rows(connection, sql + " WHERE database_name = current_database() AND schema_name = 'main' ORDER BY ALL")
    for sql in ("SELECT table_name, comment FROM duckdb_tables()", "SELECT view_name, comment FROM duckdb_views()",
                "SELECT table_name, column_name, data_type, comment FROM duckdb_columns()",
                "SELECT table_name, constraint_text FROM duckdb_constraints()"):
        assert catalog(db, sql) and catalog(copy, sql) == catalog(db, sql), sql
    macros = "SELECT function_name, macro_definition FROM duckdb_functions()"
    assert catalog(copy, macros) == catalog(db, macros)
    tables = [name for (name,) in rows(db, "SELECT table_name FROM duckdb_tables() ORDER BY ALL")]
    assert {"build_info", "claims", "mentions"} <= set(tables)
    for table in tables:
        columns = "* EXCLUDE (text)" if table in ("documents", "document_parts") else "*"
        sql = f"SELECT {columns} FROM {table} ORDER BY ALL"
        assert rows(copy, sql) == rows(db, sql), table
    claims = "SELECT * FROM claim_overview ORDER BY ALL"  # a view over the tables: the claims' sentences are kept
    assert rows(copy, claims) == rows(db, claims)


def test_a_failed_copy_keeps_the_previous_one_and_leaves_no_temporary(tmp_path):
    not_a_warehouse = tmp_path / "w.duckdb"
    duckdb.connect(str(not_a_warehouse)).close()
    quotes_only_path(not_a_warehouse).write_bytes(b"the previous copy")
    with pytest.raises(BuildError, match="the warehouse was written, but not its quotes-only copy"):
        write_quotes_only(not_a_warehouse)
    assert quotes_only_path(not_a_warehouse).read_bytes() == b"the previous copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb", "w.quotes-only.duckdb"]


def test_a_reader_of_the_copy_keeps_it_while_a_new_one_replaces_it(seed_db, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(seed_db, warehouse)
    write_quotes_only(warehouse)
    with duckdb.connect(str(quotes_only_path(warehouse)), read_only=True) as reader:
        with duckdb.connect(str(warehouse)) as writer:  # the next build's warehouse: one document fewer
            writer.execute("DELETE FROM documents WHERE doc_id = (SELECT min(doc_id) FROM documents)")
        write_quotes_only(warehouse)
        assert rows(reader, "SELECT count(*) FROM documents") == [(5,)]
    with duckdb.connect(str(quotes_only_path(warehouse)), read_only=True) as reader:
        assert rows(reader, "SELECT count(*) FROM documents") == [(4,)]


# --- The dashboard reads the copy, never makes it ------------------------------------------------------

@pytest.fixture
def warehouse(seed_db, tmp_path):
    path = tmp_path / "w.duckdb"
    shutil.copy(seed_db, path)
    return path


def test_without_a_copy_the_sql_page_says_how_to_build_it_and_builds_nothing(warehouse):
    result = run_query("SELECT count(*) FROM documents", warehouse=warehouse, quotes_only=True)
    assert result.table is None
    assert "w.quotes-only.duckdb is missing beside w.duckdb" in result.error
    assert f"`python -m etl build --db {warehouse}`" in result.error
    assert sorted(p.name for p in warehouse.parent.iterdir()) == ["w.duckdb"]
    assert run_query("SELECT count(*) AS n FROM documents", warehouse=warehouse, quotes_only=False).ok


def test_a_copy_from_another_build_is_not_queried(seed_db, warehouse):
    shutil.copy(quotes_only_path(seed_db), quotes_only_path(warehouse))
    assert run_query("SELECT count(*) AS n FROM documents", warehouse=warehouse, quotes_only=True).ok
    with duckdb.connect(str(quotes_only_path(warehouse))) as other_build:
        other_build.execute("UPDATE build_info SET value = 'another corpus' WHERE key = 'inputs_sha256'")
    result = run_query("SELECT count(*) AS n FROM documents", warehouse=warehouse, quotes_only=True)
    assert result.table is None and "is not from the same build as the warehouse" in result.error
    assert f"`python -m etl build --db {warehouse}`" in result.error
