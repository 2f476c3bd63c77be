"""The warehouse's data tests: CHECK constraints (schema.sql) and assertions (assertions.sql).

A CHECK refuses a row as it is inserted; DuckDB's own message names the table and the expression
only, so `refusal` finds the row. The assertions run on the written warehouse (`broken_rules`):
each is a SELECT, under a comment that states its rule, that returns the rows breaking it.
"""
import csv
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from etl.ingest.reference import vocabulary
from etl.settings import LEXICON_DIR, SCHEMA_SQL

ASSERTIONS_SQL = SCHEMA_SQL.with_name("assertions.sql")


@dataclass(frozen=True)
class Assertion:
    rule: str  # the comment above the SELECT, in words
    line: int  # where the SELECT starts in assertions.sql
    sql: str


def assertions(path: Path = ASSERTIONS_SQL) -> list[Assertion]:
    """The SELECTs of assertions.sql, each with the comment lines right above it (a blank line ends a comment)."""
    found, comment, statement, start = [], [], [], 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not statement and line.startswith("--"):
            comment.append(line.lstrip("-").strip())
        elif not statement and not line.strip():
            comment = []
        else:
            start = start if statement else number
            statement.append(line)
            if line.rstrip().endswith(";"):
                found.append(Assertion(" ".join(comment), start, "\n".join(statement).rstrip().rstrip(";")))
                comment, statement = [], []
    return found


def _described(columns: list[str], row: tuple) -> str:
    return ", ".join(f"{name} {value!r}" for name, value in zip(columns, row))


def _vocabularies() -> dict[str, pa.Table]:
    """The lists the assertions compare values with, read from the lexicon as the build reads them."""
    lists = [(name, value) for name, values in vocabulary().items() if isinstance(values, list) for value in values]
    with open(LEXICON_DIR / "acled_event_types.csv", newline="", encoding="utf-8") as handle:
        types = list(csv.DictReader(handle))
    return {"vocabulary": pa.Table.from_pylist([{"list": n, "value": v} for n, v in lists]),
            "acled_event_types": pa.Table.from_pylist(types)}


def broken_rules(connection: duckdb.DuckDBPyConnection) -> str | None:
    """The first assertion the warehouse breaks, in words with a row that breaks it; None when all hold."""
    given = _vocabularies()
    for name, table in given.items():
        connection.register(name, table)
    try:
        for assertion in assertions():
            result = connection.execute(f"SELECT * FROM ({assertion.sql}) LIMIT 6")
            columns = [d[0] for d in result.description]
            rows = result.fetchall()
            if rows:
                more = " and more" if len(rows) > 5 else ""
                return (f"the warehouse breaks the rule \"{assertion.rule}\" ({ASSERTIONS_SQL.name} line "
                        f"{assertion.line}): {len(rows[:5])}{more} row(s), e.g. {_described(columns, rows[0])}")
        return None
    finally:
        for name in given:
            connection.unregister(name)


def refusal(connection: duckdb.DuckDBPyConnection, table: str, incoming: str, error: Exception) -> str:
    """Why `table` refused the rows of the relation `incoming`: the CHECK broken and the first row that breaks it."""
    checks = connection.execute("""
        SELECT expression, constraint_column_names FROM duckdb_constraints()
        WHERE table_name = ? AND constraint_type = 'CHECK' ORDER BY constraint_index""", [table]).fetchall()
    key = connection.execute("SELECT name FROM pragma_table_info(?) ORDER BY cid LIMIT 1", [table]).fetchone()[0]
    for expression, names in checks:
        shown = [key] + [n for n in names if n != key]
        # The expression is the schema's own text, never input text.
        row = connection.execute(f"SELECT {', '.join(shown)} FROM {incoming} WHERE NOT ({expression}) LIMIT 1").fetchone()
        if row is not None:
            return f"a row of {table} breaks the rule CHECK ({expression}) of schema.sql: {_described(shown, row)}"
    return f"{table} refused a row: {error}"
