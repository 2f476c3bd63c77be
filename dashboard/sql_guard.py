"""What a statement typed into the SQL page may do: read the warehouse's tables and views, nothing else.

The text must be exactly one reading statement. Its first word turns away those that cannot read
before DuckDB parses anything; DuckDB's own parser then says what kind of statement it is, and the
parsed tree is searched for table functions outside a short list of safe ones and for file names
used as tables. A refusal is a `Refused` whose message says why, for the person who typed the text.

This is one guard of several: the worker that runs the statement (dashboard/sql_worker.py) also
opens the warehouse read-only and locked, and the operating system forbids it to write files.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb

# Table functions a reader may call: generators, unnesting and the catalog. Everything else is
# refused: readers of files and URLs (read_csv, glob, read_blob, ...), those that run SQL built
# from a string (query, json_execute_serialized_sql), those that change the state of the database
# (checkpoint, enable_logging, enable_profiling, ...) and those that take raw memory pointers.
ALLOWED_TABLE_FUNCTIONS = frozenset({
    "range", "generate_series", "unnest", "repeat", "repeat_row", "json_each", "json_tree",
    "histogram", "histogram_values", "pg_timezone_names", "icu_calendar_names",
    "duckdb_tables", "duckdb_views", "duckdb_columns", "duckdb_constraints", "duckdb_indexes",
    "duckdb_schemas", "duckdb_types", "duckdb_functions", "duckdb_keywords", "duckdb_dependencies",
    "pragma_table_info", "pragma_version",
})
# The warehouse's own table macros (filtered_claims, place_activity, ...): SQL over its tables,
# defined in its contract (warehouse/views.sql), as readable as its views. Read from that file, so a
# macro added there is callable here without a second list.
VIEWS_SQL = Path(__file__).resolve().parent.parent / "warehouse" / "views.sql"
WAREHOUSE_MACROS = frozenset(
    re.match(r"\s*(\w+)", chunk).group(1).lower()
    for chunk in VIEWS_SQL.read_text(encoding="utf-8").split("CREATE MACRO ")[1:]
    if re.search(r"\bAS\s+TABLE\b", chunk.split(";", 1)[0]))
# Scalar functions refused: current_setting shows the deployment's directories, write_log writes.
DENIED_FUNCTIONS = frozenset({"current_setting", "write_log"})
# A table name with these characters is a file or URL DuckDB would read in its place; the
# warehouse's own file stays readable that way even with external access off.
PATH_CHARACTERS = re.compile(r"[/\\:.~]")

# Statements that cannot read, refused by their first word before DuckDB parses them (parsing some
# PRAGMAs already reaches for files; RESET does not parse at all).
NOT_READING = frozenset({
    "ABORT", "ALTER", "ANALYZE", "ATTACH", "BEGIN", "CALL", "CHECKPOINT", "COMMENT", "COMMIT", "COPY",
    "CREATE", "DEALLOCATE", "DELETE", "DETACH", "DROP", "END", "EXECUTE", "EXPORT", "FORCE", "IMPORT",
    "INSERT", "INSTALL", "LOAD", "MERGE", "PRAGMA", "PREPARE", "RESET", "ROLLBACK", "SET", "START",
    "TRANSACTION", "TRUNCATE", "UPDATE", "UPSERT", "USE", "VACUUM",
})

_COMMENT_OR_SPACE = re.compile(r"(\s+|--[^\n]*|/\*.*?\*/)+", re.S)
_EXPLAIN = re.compile(r"EXPLAIN\s+(?:ANALY[SZ]E\s+)?(?:\([^()]*\)\s*)?", re.I)


class Refused(Exception):
    """The text is not run; the message says why, for the person who typed it."""


def check_size(text: str, max_chars: int) -> None:
    """Refused when the text is empty or longer than `max_chars`: checked before any worker starts."""
    if len(text) > max_chars:
        raise Refused(f"The query is too long: {len(text):,} characters, the limit is {max_chars:,}.")
    if not text.strip():
        raise Refused("Type a query first.")


def check(cursor: duckdb.DuckDBPyConnection, text: str, max_chars: int) -> duckdb.Statement:
    """The one reading statement in `text`, or Refused with the reason.

    The text is parsed by the locked connection's own parser: the module-level
    duckdb.extract_statements uses a default connection with file access, and some PRAGMAs read
    files while they are parsed. A text DuckDB cannot parse raises DuckDB's own error.
    """
    check_size(text, max_chars)
    keyword = leading_keyword(text)
    if keyword in NOT_READING:
        raise Refused(_not_reading(keyword))
    statements = cursor.extract_statements(text)
    if not statements:
        raise Refused("The text holds only comments: type a query.")
    if len(statements) > 1:
        hint = (" (a PIVOT without an IN list is run as two: name the values, e.g. "
                "PIVOT documents ON outlet IN ('GlobalPost', 'NOW Lebanon') USING count(*))"
                if keyword == "PIVOT" else "")
        raise Refused(f"Only one statement per run: this text holds {len(statements)}{hint}. "
                      "Run them one at a time.")
    statement = statements[0]
    if statement.type == duckdb.StatementType.SELECT:
        _inspect(cursor, statement.query or text)
    elif statement.type == duckdb.StatementType.EXPLAIN:
        _check_explained(cursor, text)
    else:
        # The word typed names it best (CHECKPOINT parses as a CALL), except where a WITH comes first.
        raise Refused(_not_reading(statement.type.name.replace("_", " ") if keyword in ("", "WITH") else keyword))
    return statement


def leading_keyword(text: str) -> str:
    match = re.match(r"[A-Za-z_]+", _strip_leading(text).lstrip("("))
    return match.group(0).upper() if match else ""


def _strip_leading(text: str) -> str:
    match = _COMMENT_OR_SPACE.match(text)
    return text[match.end():] if match else text


def _not_reading(kind: str) -> str:
    return (f"Only reading queries are allowed: this is a{'n' if kind[:1] in 'AEIOU' else ''} {kind} statement. "
            "Use SELECT (or DESCRIBE, SUMMARIZE, SHOW, EXPLAIN).")


def _check_explained(cursor, text: str) -> None:
    # EXPLAIN ANALYZE runs what it explains, so what follows EXPLAIN must pass as a query itself.
    refusal = Refused("Only reading queries are allowed: EXPLAIN must be followed directly by a SELECT.")
    match = _EXPLAIN.match(_strip_leading(text))
    inner = _strip_leading(text)[match.end():] if match else ""
    if not inner.strip() or leading_keyword(inner) in NOT_READING:
        raise refusal
    statements = cursor.extract_statements(inner)
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        raise refusal
    _inspect(cursor, statements[0].query or inner)


def _inspect(cursor, sql: str) -> None:
    # A literal rather than a parameter: binding a Python parameter imports pandas, a third of a run.
    literal = "'" + sql.replace("'", "''") + "'"
    tree = json.loads(cursor.execute(f"SELECT json_serialize_sql({literal})").fetchone()[0])
    if tree.get("error"):
        raise Refused(f"This query could not be checked, so it is not run: {tree.get('error_message')}")
    _walk(tree)


def _walk(node) -> None:
    if isinstance(node, list):
        for child in node:
            _walk(child)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "TABLE_FUNCTION":
        function = node.get("function") or {}
        name = str(function.get("function_name", "")).lower()
        if function.get("class") != "FUNCTION" or name not in ALLOWED_TABLE_FUNCTIONS | WAREHOUSE_MACROS:
            raise Refused(_function_refusal(name))
    elif node.get("class") == "FUNCTION" and str(node.get("function_name", "")).lower() in DENIED_FUNCTIONS:
        raise Refused(f"{node['function_name']}() is not available here.")
    table = node.get("table_name")
    if isinstance(table, str) and PATH_CHARACTERS.search(table):
        raise Refused(f"Only the warehouse's tables and views can be queried, not files or URLs ({table!r}).")
    for value in node.values():
        if isinstance(value, (dict, list)):
            _walk(value)


def _function_refusal(name: str) -> str:
    if name.startswith(("read_", "parquet_", "glob", "sniff_")) or name.endswith("_scan"):
        return (f"{name}() reads files or URLs, which is not allowed here: only the warehouse's tables "
                "and views can be queried.")
    return (f"The table function {name}() is not available here. Query the warehouse's tables and views; "
            "the warehouse's table macros (such as filtered_claims()), range(), unnest() and the duckdb_*() "
            "catalog functions are available.")
