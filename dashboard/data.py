"""One cached read-only DuckDB connection per process, and a cursor per query.

The ETL replaces the warehouse file with a rename; the connection is keyed by the file's
identity (inode and modification time), so the next rerun after a rebuild opens the new file.

DuckDB shares one database instance among all connections to the same path in a process, so a
plain `duckdb.connect(path)` after a rebuild would hand back the instance still holding the old,
renamed-away file. Each connection therefore is its own in-memory database that attaches the file
read-only; readers of the old file keep it until their cursor is done, and nothing errors.

A page's run asks many queries. The entry point pins the warehouse at the start of each run
(`pin_warehouse`): every query of that run reads the file found then, so a rebuild that lands
half-way through a run cannot give one page old figures beside new ones; the next run reads the new
file.
"""
import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import settings
from dashboard.warehouse_file import open_warehouse


_PINNED = "warehouse_pinned_for_this_run"


def _file_signature(path: Path) -> tuple[str, int, int]:
    status = os.stat(path)
    return str(path), status.st_ino, status.st_mtime_ns


def _in_a_run() -> bool:
    return get_script_run_ctx(suppress_warning=True) is not None


def pin_warehouse() -> None:
    """Read the warehouse file there is now for the rest of this script run (see the module's note). The
    run holds the connection itself: it keeps that file open even if the shared cache lets it go."""
    signature = _file_signature(settings.WAREHOUSE)
    st.session_state[_PINNED] = (signature, _connection(signature))


def _pinned() -> tuple | None:
    if not _in_a_run():
        return None
    pinned = st.session_state.get(_PINNED)
    return pinned if pinned and pinned[0][0] == str(settings.WAREHOUSE) else None


def warehouse_signature(path: Path | None = None) -> tuple[str, int, int]:
    """The warehouse this run reads: the pinned one (in a script run that pinned it), else the file there is."""
    pinned = _pinned() if path is None else None
    return pinned[0] if pinned else _file_signature(path or settings.WAREHOUSE)


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(signature: tuple[str, int, int]) -> duckdb.DuckDBPyConnection:
    return open_warehouse(signature[0])


def connection() -> duckdb.DuckDBPyConnection:
    pinned = _pinned()
    return pinned[1] if pinned else _connection(warehouse_signature())


def query(sql: str, params: list | None = None) -> pd.DataFrame:
    """Run one query on its own cursor (cursors are cheap and safe across Streamlit threads)."""
    cursor = connection().cursor()
    try:
        cursor.execute("USE warehouse")  # a cursor starts in the empty in-memory database
        return cursor.execute(sql, params or []).df()
    finally:
        cursor.close()
