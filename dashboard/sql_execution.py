"""Running one statement of the SQL page on an open connection: checked, interrupted at the time
limit, fetched a few rows at a time and cut at the row and byte caps with a notice, and any failure
told in plain words.

This is what the worker process runs (dashboard/sql_worker.py); by itself it cannot bound memory.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import duckdb
import pyarrow as pa

from dashboard.sql_budgets import Budgets, megabytes
from dashboard.sql_downloads import as_text, to_csv, to_parquet
from dashboard.sql_guard import Refused, check

# Rows are converted for the page a few at a time, so that a result made of huge values is cut at
# the byte cap after converting a few of them, not all of them.
BATCH_ROWS = 16


@dataclass
class SqlResult:
    """A finished run: a table (maybe cut, with `notice` saying why) or an `error` in plain words."""
    sql: str
    table: pa.Table | None = None
    truncated: bool = False
    notice: str | None = None
    error: str | None = None
    elapsed: float = 0.0
    _downloads: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def rows(self) -> int:
        return self.table.num_rows if self.table is not None else 0

    @property
    def frame(self):
        return self.table.to_pandas() if self.table is not None else None

    # The files are made when first asked for, then kept with the result.
    def csv(self) -> bytes:
        if "csv" not in self._downloads:
            self._downloads["csv"] = to_csv(self.table)
        return self._downloads["csv"]

    def parquet(self) -> bytes:
        if "parquet" not in self._downloads:
            self._downloads["parquet"] = to_parquet(self.table)
        return self._downloads["parquet"]


def run_sql(connection: duckdb.DuckDBPyConnection, text: str, budgets: Budgets) -> SqlResult:
    """Check and run `text` on its own cursor of `connection`, within the time, row and byte caps.

    `connection` must have been opened by warehouse_file.open_warehouse (read-only, locked).
    """
    started = time.monotonic()
    cursor = connection.cursor()
    timer = threading.Timer(budgets.time_limit_seconds, cursor.interrupt)
    timer.daemon = True
    timer.start()
    try:
        cursor.execute("USE warehouse")  # a cursor starts in the connection's empty in-memory database
        statement = check(cursor, text, budgets.max_query_chars)
        cursor.execute(statement)
        table, notice = _fetch(cursor, budgets)
        return SqlResult(sql=text, table=table, truncated=notice is not None, notice=notice,
                         elapsed=time.monotonic() - started)
    except Refused as refusal:
        return SqlResult(sql=text, error=str(refusal), elapsed=time.monotonic() - started)
    except Exception as error:  # whatever DuckDB or Arrow raises becomes a plain reason
        return SqlResult(sql=text, error=explain_failure(error, budgets), elapsed=time.monotonic() - started)
    finally:
        timer.cancel()
        cursor.close()


def explain_failure(error: BaseException, budgets: Budgets) -> str:
    message = str(error)
    if isinstance(error, duckdb.InterruptException) or "INTERRUPT Error" in message:
        return budgets.time_limit_message()
    if isinstance(error, (duckdb.OutOfMemoryException, MemoryError)) or "Out of Memory Error" in message:
        return budgets.memory_message()
    if isinstance(error, duckdb.PermissionException) or "disabled by configuration" in message:
        return ("This query reaches outside the warehouse (files, URLs, extensions or settings), "
                "which is not allowed here: only the warehouse's tables and views can be queried.")
    # DuckDB's first paragraph names the problem; the rest points at a column of the text.
    first = message.split("\n\n")[0].split("\nLINE ")[0].strip()
    return f"The query failed: {first}"


def _fetch(cursor, budgets: Budgets) -> tuple[pa.Table, str | None]:
    reader = cursor.to_arrow_reader(BATCH_ROWS)
    batches, rows, size, notice = [], 0, 0, None
    for batch in reader:
        if rows + batch.num_rows > budgets.max_rows:
            batch = batch.slice(0, budgets.max_rows - rows)
            notice = (f"Showing the first {budgets.max_rows:,} rows: the query returns more. "
                      "Add a WHERE, a LIMIT or an aggregate to see the others.")
        if size + batch.nbytes > budgets.max_result_bytes:
            batch = _fit(batch, budgets.max_result_bytes - size)
            notice = _bytes_notice(rows + batch.num_rows, budgets)
        batches.append(batch)
        rows += batch.num_rows
        size += batch.nbytes
        if notice:
            break
    table = pa.Table.from_batches(batches, schema=reader.schema)
    return _tidy(table), notice


def _fit(batch: pa.RecordBatch, room: int) -> pa.RecordBatch:
    low, high = 0, batch.num_rows  # the most leading rows whose bytes fit in `room`
    while low < high:
        middle = (low + high + 1) // 2
        if batch.slice(0, middle).nbytes <= room:
            low = middle
        else:
            high = middle - 1
    return batch.slice(0, low)


def _bytes_notice(rows: int, budgets: Budgets) -> str:
    limit = megabytes(budgets.max_result_bytes)
    if rows == 0:
        return (f"No row is shown: the first row alone is larger than the {limit} limit on a result. "
                "Select fewer or shorter columns (e.g. left(text, 1000)).")
    return (f"Showing the first {rows:,} rows: the result is larger than the {limit} limit. "
            "Select fewer or shorter columns, or fewer rows.")


def _tidy(table: pa.Table) -> pa.Table:
    # A join's SELECT * can name two columns alike; tables, CSV and Parquet want them apart.
    # Unions have no pandas or Parquet equivalent: they are shown as text.
    seen, names = set(), []
    for name in table.column_names:
        unique, n = name, 0
        while unique in seen:
            n += 1
            unique = f"{name}_{n}"
        seen.add(unique)
        names.append(unique)
    columns = [as_text(c) if pa.types.is_union(c.type) else c for c in table.columns]
    return pa.table(columns, names=names)
