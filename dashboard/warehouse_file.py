"""Opening the warehouse file: read-only, with everything outside it locked away.

Apart from dashboard/data.py (which caches one connection per process for the pages) so that the SQL
page's worker process can open the warehouse the same way without importing Streamlit and pandas,
which would cost each query about half a second.

The connection is its own in-memory database that attaches the file read-only (see data.py's note
on why a rebuilt file is never opened with a plain `duckdb.connect(path)`); a cursor starts in the
in-memory database, so it selects the file with `USE warehouse`.
"""
from pathlib import Path

import duckdb

from dashboard import settings

# These two would forbid the ATTACH itself: they are set right after it, the lock last.
_AFTER_ATTACH = ("enable_external_access", "lock_configuration")


def open_warehouse(path: Path | str, limits: dict | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse file at `path`. `limits` adds DuckDB settings of the
    database instance (memory_limit, threads: the SQL page's budgets) before the lock."""
    config = {**settings.CONNECTION_CONFIG, **(limits or {})}
    late = {key: config.pop(key) for key in _AFTER_ATTACH if key in config}
    connection = duckdb.connect(":memory:", config=config)
    escaped = str(path).replace("'", "''")
    connection.execute(f"ATTACH '{escaped}' AS warehouse (READ_ONLY)")
    connection.execute("USE warehouse")
    for key in _AFTER_ATTACH:
        if key in late:
            connection.execute(f"SET {key} = {str(late[key]).lower()}")
    return connection


def build_info(path: Path | str) -> dict[str, str] | None:
    """The build_info table of the warehouse file at `path` (how it was built), or None when the file
    has none (not a warehouse of this project)."""
    connection = open_warehouse(path)
    try:
        return dict(connection.execute("SELECT key, value FROM build_info").fetchall())
    except duckdb.CatalogException:
        return None
    finally:
        connection.close()
