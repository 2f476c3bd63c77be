"""Run one query a reader types into the SQL page, within budgets, safely enough for a public deployment.

Plain Python (no Streamlit), so the page and the tests go through the same code. The guards, from
the outside in:

- Each run is a short-lived worker process (`run_query`). The operating system caps its memory
  and forbids it to write files, and it is killed if it outlives the time limit. DuckDB's own
  memory limit does not count every allocation (one huge string from repeat() escapes it), some
  built-in functions cannot be interrupted while they run, and a table function can switch on
  state for the whole database; in a separate process none of that reaches the connection the
  other pages share.
- The worker opens the warehouse read-only with external access, extension loading, spilling to
  disk and configuration changes off (`worker_config`).
- The text must be exactly one reading statement (`check`): DuckDB's own parser says what kind it
  is, and the parsed tree is searched for table functions outside a short list of safe ones and
  for file names used as tables.
- Results are fetched a few rows at a time and cut at the row and byte caps with a notice.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_FILE = Path(__file__).resolve().parent / "sql_examples.sql"

# The worker's own start (interpreter, imports, opening the file) and its clean shutdown after an
# interrupt are not the query's fault: the hard kill comes this much later than the time limit.
WORKER_GRACE_SECONDS = 5.0
# Rows are converted for the page a few at a time, so that a result made of huge values is cut at
# the byte cap after converting a few of them, not all of them.
BATCH_ROWS = 16

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


@dataclass(frozen=True)
class Budgets:
    """What one run may use. `from_settings` reads the named settings in dashboard/settings.py."""
    time_limit_seconds: float = 5.0
    memory_limit: str = "512MB"
    worker_memory_mb: int = 1536
    threads: int = 2
    max_rows: int = 1000
    max_result_bytes: int = 20 * 1024 * 1024
    max_query_chars: int = 20_000
    max_concurrent: int = 2

    @classmethod
    def from_settings(cls) -> Budgets:
        from dashboard import settings
        return cls(
            time_limit_seconds=settings.SQL_TIME_LIMIT_SECONDS,
            memory_limit=settings.SQL_MEMORY_LIMIT,
            worker_memory_mb=settings.SQL_WORKER_MEMORY_MB,
            threads=settings.SQL_THREADS,
            max_rows=settings.SQL_MAX_ROWS,
            max_result_bytes=settings.SQL_MAX_RESULT_BYTES,
            max_query_chars=settings.SQL_MAX_QUERY_CHARS,
            max_concurrent=settings.SQL_MAX_CONCURRENT_QUERIES,
        )

    def describe(self) -> str:
        return (f"A run stops after {_seconds(self.time_limit_seconds)} and shows at most {self.max_rows:,} rows "
                f"or {_megabytes(self.max_result_bytes)}")


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

    def csv(self) -> bytes:
        if "csv" not in self._downloads:
            self._downloads["csv"] = to_csv(self.table)
        return self._downloads["csv"]

    def parquet(self) -> bytes:
        if "parquet" not in self._downloads:
            self._downloads["parquet"] = to_parquet(self.table)
        return self._downloads["parquet"]


class Refused(Exception):
    """The text is not run; the message says why, for the person who typed it."""


# --- The connection ------------------------------------------------------------------------------

def worker_config(budgets: Budgets) -> dict:
    from dashboard import settings
    config = dict(settings.CONNECTION_CONFIG)
    config.pop("lock_configuration", None)
    config.update({
        "memory_limit": budgets.memory_limit,
        "threads": budgets.threads,
    })
    config["lock_configuration"] = True  # last, so that nothing after it can loosen the rest
    return config


def open_warehouse(path: Path | str, budgets: Budgets) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True, config=worker_config(budgets))


# --- Checking the text -------------------------------------------------------------------------


_COMMENT_OR_SPACE = re.compile(r"(\s+|--[^\n]*|/\*.*?\*/)+", re.S)
_EXPLAIN = re.compile(r"EXPLAIN\s+(?:ANALY[SZ]E\s+)?(?:\([^()]*\)\s*)?", re.I)


def _strip_leading(text: str) -> str:
    match = _COMMENT_OR_SPACE.match(text)
    return text[match.end():] if match else text


def leading_keyword(text: str) -> str:
    match = re.match(r"[A-Za-z_]+", _strip_leading(text).lstrip("("))
    return match.group(0).upper() if match else ""


def check(cursor: duckdb.DuckDBPyConnection, text: str, budgets: Budgets) -> duckdb.Statement:
    """The one reading statement in `text`, or Refused with the reason.

    The text is parsed by the locked connection's own parser: the module-level
    duckdb.extract_statements uses a default connection with file access, and some PRAGMAs read
    files while they are parsed.
    """
    _check_size(text, budgets)
    keyword = leading_keyword(text)
    if keyword in NOT_READING:
        raise Refused(_not_reading(keyword))
    try:
        statements = cursor.extract_statements(text)
    except duckdb.Error as error:
        raise Refused(explain_failure(error, budgets)) from None
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
        _check_explained(cursor, text, budgets)
    else:
        # The word typed names it best (CHECKPOINT parses as a CALL), except where a WITH comes first.
        raise Refused(_not_reading(statement.type.name.replace("_", " ") if keyword in ("", "WITH") else keyword))
    return statement


def _not_reading(kind: str) -> str:
    return (f"Only reading queries are allowed: this is a{'n' if kind[:1] in 'AEIOU' else ''} {kind} statement. "
            "Use SELECT (or DESCRIBE, SUMMARIZE, SHOW, EXPLAIN).")


def _check_size(text: str, budgets: Budgets) -> None:
    if len(text) > budgets.max_query_chars:
        raise Refused(f"The query is too long: {len(text):,} characters, the limit is "
                      f"{budgets.max_query_chars:,}.")
    if not text.strip():
        raise Refused("Type a query first.")


def _check_explained(cursor, text: str, budgets: Budgets) -> None:
    # EXPLAIN ANALYZE runs what it explains, so what follows EXPLAIN must pass as a query itself.
    refusal = Refused("Only reading queries are allowed: EXPLAIN must be followed directly by a SELECT.")
    match = _EXPLAIN.match(_strip_leading(text))
    inner = _strip_leading(text)[match.end():] if match else ""
    if not inner.strip() or leading_keyword(inner) in NOT_READING:
        raise refusal
    try:
        statements = cursor.extract_statements(inner)
    except duckdb.Error as error:
        raise Refused(explain_failure(error, budgets)) from None
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        raise refusal
    _inspect(cursor, statements[0].query or inner)


def _inspect(cursor, sql: str) -> None:
    # A literal rather than a parameter: binding a Python parameter imports pandas, a third of a run.
    serialized = cursor.execute(f"SELECT json_serialize_sql({_literal(sql)})").fetchone()[0]
    tree = json.loads(serialized)
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
        if function.get("class") != "FUNCTION" or name not in ALLOWED_TABLE_FUNCTIONS:
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
            "range(), unnest() and the duckdb_*() catalog functions are available.")


# --- Running and fetching -------------------------------------------------------------------------

def run_sql(connection: duckdb.DuckDBPyConnection, text: str, budgets: Budgets) -> SqlResult:
    """Check and run `text` on its own cursor of `connection`, within the time, row and byte caps.

    `connection` must have been opened like `open_warehouse` (read-only, locked). This is what the
    worker process runs; it cannot bound memory by itself (see `run_query`).
    """
    started = time.monotonic()
    cursor = connection.cursor()
    timer = threading.Timer(budgets.time_limit_seconds, cursor.interrupt)
    timer.daemon = True
    timer.start()
    try:
        statement = check(cursor, text, budgets)
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
    limit = _megabytes(budgets.max_result_bytes)
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
    columns = [_as_text(c) if pa.types.is_union(c.type) else c for c in table.columns]
    return pa.table(columns, names=names)


def explain_failure(error: BaseException, budgets: Budgets) -> str:
    message = str(error)
    if isinstance(error, duckdb.InterruptException) or "INTERRUPT Error" in message:
        return time_limit_message(budgets)
    if isinstance(error, (duckdb.OutOfMemoryException, MemoryError)) or "Out of Memory Error" in message:
        return memory_message(budgets)
    if isinstance(error, duckdb.PermissionException) or "disabled by configuration" in message:
        return ("This query reaches outside the warehouse (files, URLs, extensions or settings), "
                "which is not allowed here: only the warehouse's tables and views can be queried.")
    # DuckDB's first paragraph names the problem; the rest points at a column of the text.
    first = message.split("\n\n")[0].split("\nLINE ")[0].strip()
    return f"The query failed: {first}"


def time_limit_message(budgets: Budgets) -> str:
    return (f"Stopped: the query ran longer than the time limit of {_seconds(budgets.time_limit_seconds)}. "
            "Narrow it down (a WHERE, a LIMIT or an aggregate) and run it again.")


def memory_message(budgets: Budgets) -> str:
    return (f"Stopped: the query needed more memory than a run may use ({budgets.memory_limit}). "
            "Narrow it down (a WHERE, a LIMIT or an aggregate) and run it again.")


def _seconds(value: float) -> str:
    return f"{value:g} second{'' if value == 1 else 's'}"


def _megabytes(value: int) -> str:
    if value < 1024 * 1024:
        return f"{max(1, round(value / 1024))} KB"
    return f"{round(value / 1024 / 1024, 1):g} MB"


# --- Downloads --------------------------------------------------------------------------------------

def to_csv(table: pa.Table) -> bytes:
    import pyarrow.csv
    columns = [_as_text(column) if not _csv_writable(column.type) else column for column in table.columns]
    out = pa.BufferOutputStream()
    pyarrow.csv.write_csv(pa.table(columns, names=table.column_names), out)
    return out.getvalue().to_pybytes()


def to_parquet(table: pa.Table) -> bytes:
    import pyarrow.parquet
    out = io.BytesIO()
    try:
        pyarrow.parquet.write_table(table, out)
    except pa.ArrowNotImplementedError:
        # Intervals and unions have no Parquet type: those columns go as text.
        columns = [column if _parquet_writable(column) else _as_text(column) for column in table.columns]
        out = io.BytesIO()
        pyarrow.parquet.write_table(pa.table(columns, names=table.column_names), out)
    return out.getvalue()


def _csv_writable(kind: pa.DataType) -> bool:
    return not (pa.types.is_nested(kind) or pa.types.is_binary(kind) or pa.types.is_large_binary(kind)
                or pa.types.is_fixed_size_binary(kind) or pa.types.is_interval(kind)
                or isinstance(kind, pa.ExtensionType))


def _parquet_writable(column: pa.ChunkedArray) -> bool:
    import pyarrow.parquet
    try:
        pyarrow.parquet.write_table(pa.table([column.slice(0, 0)], names=["c"]), io.BytesIO())
        return True
    except pa.ArrowNotImplementedError:
        return False


def _as_text(column: pa.ChunkedArray) -> pa.Array:
    def text(value):
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, bytes):
            return "\\x" + value.hex()
        if isinstance(value, pa.MonthDayNano):
            return f"{value.months} months {value.days} days {value.nanoseconds / 1e9:g} seconds"
        return json.dumps(value, default=str, ensure_ascii=False)
    return pa.array([text(v) for v in column.to_pylist()], pa.string())


# --- The worker process ---------------------------------------------------------------------------

_slots_lock = threading.Lock()
_slots: dict[int, threading.BoundedSemaphore] = {}


def _slot(size: int) -> threading.BoundedSemaphore:
    with _slots_lock:
        return _slots.setdefault(size, threading.BoundedSemaphore(size))


def run_query(text: str, warehouse: Path | str | None = None, budgets: Budgets | None = None,
              quotes_only: bool | None = None) -> SqlResult:
    """What the page calls: run `text` in a worker process over the warehouse, within the budgets.

    Defaults come from dashboard/settings.py. With `quotes_only`, the worker reads a copy of the
    warehouse whose article texts keep only the sentences that carry facts.
    """
    from dashboard import settings
    budgets = budgets or Budgets.from_settings()
    warehouse = Path(warehouse or settings.WAREHOUSE)
    quotes_only = settings.QUOTES_ONLY if quotes_only is None else quotes_only
    try:
        _check_size(text, budgets)
    except Refused as refusal:
        return SqlResult(sql=text, error=str(refusal))
    slot = _slot(budgets.max_concurrent)
    if not slot.acquire(timeout=budgets.time_limit_seconds):
        return SqlResult(sql=text, error="Too many queries are running right now: try again in a moment.")
    try:
        try:
            source = quotes_only_copy(warehouse) if quotes_only else warehouse
        except (OSError, subprocess.SubprocessError):
            return SqlResult(sql=text, error="The warehouse cannot be queried right now: its copy without whole "
                                             "articles could not be made. Try again in a moment.")
        request = {"mode": "query", "warehouse": str(source), "sql": text, "budgets": asdict(budgets),
                   "config": worker_config(budgets)}
        return _in_worker(request, budgets)
    finally:
        slot.release()


def _in_worker(request: dict, budgets: Budgets) -> SqlResult:
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "dashboard.sql_runner"], cwd=ROOT, env=_worker_env(),
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, _ = process.communicate(json.dumps(request).encode(),
                                     timeout=budgets.time_limit_seconds + WORKER_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return SqlResult(sql=request["sql"], error=time_limit_message(budgets), elapsed=time.monotonic() - started)
    header, _, body = out.partition(b"\n")
    try:
        answer = json.loads(header)
        table = pa.ipc.open_stream(body).read_all() if answer.pop("table") else None
    except (ValueError, pa.ArrowException):
        # No whole answer: the operating system stopped the worker, which it does when the worker
        # goes beyond the memory it is allowed.
        return SqlResult(sql=request["sql"], error=memory_message(budgets), elapsed=time.monotonic() - started)
    return SqlResult(sql=request["sql"], table=table, **answer)


def _worker_env() -> dict:
    # Nothing of the dashboard's environment (tokens, secrets) is handed to the worker.
    return {
        "PYTHONPATH": str(ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        # Allocators that reserve address space ahead would hit the worker's memory cap early.
        "ARROW_DEFAULT_MEMORY_POOL": "system",
        "MALLOC_ARENA_MAX": "2",
        "LANG": "C.UTF-8",
    }


def _limit_worker(budgets: Budgets) -> None:
    try:
        import resource
        import signal
    except ImportError:  # not a POSIX system: only the time limit and DuckDB's own limits apply
        return
    cap = budgets.worker_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    # No file may be written: a write fails with an error instead of ending the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _worker_main() -> None:
    request = json.loads(sys.stdin.buffer.read())
    if request["mode"] == "quotes_only_copy":
        _write_quotes_only_copy(Path(request["source"]), Path(request["target"]))
        return
    budgets = Budgets(**request["budgets"])
    _limit_worker(budgets)
    try:
        connection = duckdb.connect(request["warehouse"], read_only=True, config=request["config"])
    except duckdb.Error as error:
        result = SqlResult(sql=request["sql"], error=f"The warehouse could not be opened: {str(error).splitlines()[0]}")
    else:
        result = run_sql(connection, request["sql"], budgets)
    header = {"table": result.table is not None, "truncated": result.truncated, "notice": result.notice,
              "error": result.error, "elapsed": result.elapsed}
    out = sys.stdout.buffer
    out.write(json.dumps(header).encode() + b"\n")
    if result.table is not None:
        with pa.ipc.new_stream(out, result.table.schema) as writer:
            writer.write_table(result.table)
    out.flush()
    # A cut-off streaming query may still hold DuckDB's threads; the answer is out, so leave now.
    os._exit(0)


# --- A copy of the warehouse without whole articles -------------------------------------------------

def quotes_only_copy(warehouse: Path) -> Path:
    """A copy of `warehouse` whose article texts keep only the sentences that carry facts (and the
    names mentioned), blank elsewhere, so every offset still points at the same characters.

    Made once per version of the warehouse, beside the system's temporary files.
    """
    status = os.stat(warehouse)
    key = hashlib.sha256(f"{warehouse.resolve()}|{status.st_ino}|{status.st_mtime_ns}|{status.st_size}"
                         .encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / "conflict-sql"
    target = folder / f"quotes-only-{key}.duckdb"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f"partial-{key}-{os.getpid()}-{threading.get_ident()}.duckdb"
    request = {"mode": "quotes_only_copy", "source": str(warehouse), "target": str(partial)}
    try:
        subprocess.run([sys.executable, "-m", "dashboard.sql_runner"], cwd=ROOT, env=_worker_env(),
                       input=json.dumps(request).encode(), check=True, capture_output=True, timeout=600)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    for stale in folder.glob("quotes-only-*.duckdb"):
        if stale != target:
            stale.unlink(missing_ok=True)
    return target


def _write_quotes_only_copy(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    connection = duckdb.connect(str(target))
    name = connection.execute("SELECT current_database()").fetchone()[0]
    connection.execute(f"ATTACH {_literal(source)} AS source (READ_ONLY)")
    connection.execute(f"COPY FROM DATABASE source TO {_identifier(name)} (SCHEMA)")
    kept = {}
    for doc_id, start, end in connection.execute("""
            SELECT doc_id, sentence_start, sentence_end FROM source.casualties
            UNION ALL SELECT doc_id, sentence_start, sentence_end FROM source.counted_things
            UNION ALL SELECT doc_id, sentence_start, sentence_end FROM source.event_reports
            UNION ALL SELECT doc_id, char_start, char_end FROM source.mentions""").fetchall():
        kept.setdefault(doc_id, []).append((start, end))
    masked = {"doc_id": [], "masked": []}
    for doc_id, text in connection.execute("SELECT doc_id, text FROM source.documents").fetchall():
        keep = bytearray(len(text))
        for start, end in kept.get(doc_id, []):
            keep[start:end] = b"\x01" * (end - start)
        masked["doc_id"].append(doc_id)
        masked["masked"].append("".join(c if keep[i] or c == "\n" else " " for i, c in enumerate(text)))
    connection.register("masked_texts", pa.table(masked))
    tables = [row[0] for row in connection.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'source' ORDER BY table_name").fetchall()]
    for table in tables:
        if table == "documents":
            select = ("SELECT d.* REPLACE (m.masked AS text) FROM source.documents d "
                      "JOIN masked_texts m USING (doc_id)")
        elif table == "document_parts":
            select = ("SELECT p.* REPLACE (substring(m.masked, p.char_start + 1, p.char_end - p.char_start) AS text) "
                      "FROM source.document_parts p JOIN masked_texts m USING (doc_id)")
        else:
            select = f"SELECT * FROM source.{_identifier(table)}"
        connection.execute(f"INSERT INTO {_identifier(table)} {select}")
    connection.execute("DETACH source")
    connection.close()


def _literal(value) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _identifier(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


# --- Example queries ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Example:
    title: str
    sql: str


def load_examples(path: Path = EXAMPLES_FILE) -> list[Example]:
    """The queries of sql_examples.sql, each starting at its `-- title:` line."""
    examples, title, lines = [], None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"--\s*title:\s*(.+)", line.strip())
        if match:
            if title:
                examples.append(Example(title, "\n".join(lines).strip()))
            title, lines = match.group(1).strip(), []
        elif title:
            lines.append(line)
    if title:
        examples.append(Example(title, "\n".join(lines).strip()))
    return examples


if __name__ == "__main__":
    _worker_main()
