"""Write all tables into a new DuckDB file beside the target, then swap it in with one rename.

Readers only ever see a complete warehouse: a reader that has the old file open keeps reading
it, the next connection opens the new one. A failed build removes its temporary file and leaves
the previous warehouse untouched; so does a row that breaks one of the warehouse's rules (a CHECK
of schema.sql, an assertion of assertions.sql: etl/load/rules.py).
"""
import hashlib
from pathlib import Path

import duckdb
import pyarrow as pa

from etl.core.errors import BuildError
from etl.core.rows import MATCH_KEYS
from etl.core.files import remove_abandoned, replace_durably, temporary_for
from etl.load import rules
from etl.settings import SCHEMA_SQL, VIEWS_SQL

MACHINE_ONLY_MODE = "machine-only"  # build_info.mode of a --machine-only warehouse (coded facts and reviews ignored)


def contract_digest() -> str:
    """The warehouse's contract (its tables, views and the rules its rows were checked against) as one
    digest, recorded in build_info, so a reader can tell a warehouse built by another version of the
    project from one it can query."""
    digest = hashlib.sha256()
    for path in (SCHEMA_SQL, VIEWS_SQL, rules.ASSERTIONS_SQL):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _arrow(connection: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> pa.Table:
    columns = [name for name, *_ in connection.execute(f"DESCRIBE {table}").fetchall()]
    # A key the table does not have is a misspelt column: an error, never a silent NULL. Machine
    # event reports alone carry their matching keys (etl/core/rows.py), left out here.
    allowed = set(columns) | (MATCH_KEYS if table == "event_reports" else set())
    for row in rows:
        wrong = sorted(set(row) - allowed)
        if wrong:
            raise BuildError(SCHEMA_SQL, None, f"a row for table {table} has keys this schema does not: {', '.join(wrong)}")
    return pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows])


def write_warehouse(target: Path, tables: dict[str, list[dict]]) -> None:
    target = Path(target)
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise BuildError(target, None, f"cannot write the warehouse: {parent} is a file, not a folder")
    if not parent.is_dir():
        raise BuildError(target, None, f"cannot write the warehouse: folder {parent} does not exist")
    remove_abandoned(target)
    temporary = temporary_for(target)
    for leftover in (temporary, Path(f"{temporary}.wal")):
        leftover.unlink(missing_ok=True)
    try:
        connection = duckdb.connect(str(temporary))
        try:
            connection.execute(SCHEMA_SQL.read_text(encoding="utf-8"))
            for table, rows in tables.items():
                if rows:
                    # Table names come from the build's own list, never from input text.
                    connection.register("incoming", _arrow(connection, table, rows))
                    try:
                        connection.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
                    except duckdb.ConstraintException as exc:
                        raise BuildError(target, None, rules.refusal(connection, table, "incoming", exc)) from exc
                    connection.unregister("incoming")
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
        for leftover in (temporary, Path(f"{temporary}.wal")):
            leftover.unlink(missing_ok=True)
