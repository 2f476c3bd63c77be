"""Write all tables into a new DuckDB file beside the target, then swap it in with one rename.

Readers only ever see a complete warehouse: a reader that has the old file open keeps reading
it, the next connection opens the new one. A failed build removes its temporary file and leaves
the previous warehouse untouched; so does a row that breaks one of the warehouse's rules (a CHECK
of schema.sql, an assertion of assertions.sql: etl/load/rules.py).
"""
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

import duckdb
import pyarrow as pa

from etl.core.batches import batched
from etl.core.errors import BuildError
from etl.core.rows import MATCH_KEYS
from etl.core.files import remove_abandoned, remove_database, replace_durably, temporary_for
from etl.load import rules
from etl.settings import LOAD_CHUNK_ROWS, SCHEMA_SQL, VIEWS_SQL

MACHINE_ONLY_MODE = "machine-only"  # build_info.mode of a --machine-only warehouse (coded facts and reviews ignored)


def contract_digest() -> str:
    """The warehouse's contract (its tables, views and the rules its rows were checked against) as one
    digest, recorded in build_info, so a reader can tell a warehouse built by another version of the
    project from one it can query."""
    digest = hashlib.sha256()
    for path in (SCHEMA_SQL, VIEWS_SQL, rules.ASSERTIONS_SQL):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _arrow(columns: list[str], allowed: set[str], table: str, rows: list[dict]) -> pa.Table:
    # A key the table does not have is a misspelt column: an error, never a silent NULL.
    for row in rows:
        wrong = sorted(set(row) - allowed)
        if wrong:
            raise BuildError(SCHEMA_SQL, None, f"a row for table {table} has keys this schema does not: {', '.join(wrong)}")
    return pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows])


def _insert(connection: duckdb.DuckDBPyConnection, target: Path, table: str, rows: Iterable[dict]) -> int:
    """Insert a table's rows a chunk at a time, so that the build never holds a second copy of a large
    table as Arrow; the number inserted."""
    columns = [name for name, *_ in connection.execute(f"DESCRIBE {table}").fetchall()]
    # Machine event reports alone carry their matching keys (etl/core/rows.py), left out here.
    allowed = set(columns) | (MATCH_KEYS if table == "event_reports" else set())
    inserted = 0
    for chunk in batched(rows, LOAD_CHUNK_ROWS):
        # Table names come from the build's own list, never from input text.
        connection.register("incoming", _arrow(columns, allowed, table, chunk))
        try:
            connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
        except duckdb.ConstraintException as exc:
            raise BuildError(target, None, rules.refusal(connection, table, "incoming", exc)) from exc
        connection.unregister("incoming")
        inserted += len(chunk)
    return inserted


def check_writable(target: Path) -> None:
    """Whether the warehouse can be written where asked: said before a build's work, not after it."""
    parent = Path(target).parent
    if parent.exists() and not parent.is_dir():
        raise BuildError(target, None, f"cannot write the warehouse: {parent} is a file, not a folder")
    if not parent.is_dir():
        raise BuildError(target, None, f"cannot write the warehouse: folder {parent} does not exist")


def write_warehouse(target: Path, tables: dict[str, Iterable[dict] | Callable[[], Iterable[dict]]]) -> dict[str, int]:
    """Write every table's rows, in the dict's order; a table given as a function is asked for its rows
    when its turn comes (after the tables before it were read: the build's places are those the
    mentions before them named). Returns the number of rows of each table."""
    target = Path(target)
    check_writable(target)
    remove_abandoned(target)
    temporary = temporary_for(target)
    remove_database(temporary)
    counts = {}
    try:
        connection = duckdb.connect(str(temporary))
        try:
            connection.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
            for table, rows in tables.items():
                counts[table] = _insert(connection, target, table, rows() if callable(rows) else rows)
            connection.execute(VIEWS_SQL.read_text(encoding="utf-8"))
            broken = rules.broken_rules(connection)
            if broken:
                raise BuildError(target, None, broken)
            connection.execute("CHECKPOINT")
        finally:
            connection.close()
        replace_durably(temporary, target)
    except OSError as exc:
        raise BuildError(target, None, f"cannot write the warehouse: {exc.strerror or exc}") from exc
    finally:
        remove_database(temporary)
    return counts
