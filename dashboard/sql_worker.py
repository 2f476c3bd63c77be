"""Run one query of the SQL page in a short-lived worker process, within its budgets.

`run_query` is what the page calls. Each run is a process of its own (`python -m dashboard.sql_worker`):
the operating system caps its memory and forbids it to write files, and it is killed if it outlives
the time limit. DuckDB's own memory limit does not count every allocation (one huge string from
repeat() escapes it), some built-in functions cannot be interrupted while they run, and a table
function can switch on state for the whole database; in a separate process none of that reaches the
connection the other pages share. The worker opens the warehouse read-only and locked
(warehouse_file.open_warehouse), checks the text (sql_guard) and runs it (sql_execution); it sends
back one line of JSON and the table as an Arrow stream.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

import duckdb
import pyarrow as pa

from dashboard import settings
from dashboard.sql_budgets import Budgets
from dashboard.sql_execution import SqlResult, run_sql
from dashboard.sql_guard import Refused, check_size
from dashboard.sql_quotes_only import NotAvailable, quotes_only_warehouse
from dashboard.warehouse_file import open_warehouse

ROOT = Path(__file__).resolve().parent.parent
# The worker's own start (interpreter, imports, opening the file) and its clean shutdown after an
# interrupt are not the query's fault: the hard kill comes this much later than the time limit.
WORKER_GRACE_SECONDS = 5.0

_slots_lock = threading.Lock()
_slots: dict[int, threading.BoundedSemaphore] = {}


def run_query(text: str, warehouse: Path | str | None = None, budgets: Budgets | None = None,
              quotes_only: bool | None = None) -> SqlResult:
    """Run `text` in a worker process over the warehouse, within the budgets (the settings' by default).

    With `quotes_only` (the setting's by default) the worker reads the warehouse's quotes-only copy,
    whose article texts keep only the sentences that carry facts (see sql_quotes_only).
    """
    budgets = budgets or Budgets.from_settings()
    warehouse = Path(warehouse or settings.WAREHOUSE)
    quotes_only = settings.QUOTES_ONLY if quotes_only is None else quotes_only
    try:
        check_size(text, budgets.max_query_chars)
        source = quotes_only_warehouse(warehouse) if quotes_only else warehouse
    except (Refused, NotAvailable) as refusal:
        return SqlResult(sql=text, error=str(refusal))
    slot = _slot(budgets.max_concurrent)
    if not slot.acquire(timeout=budgets.time_limit_seconds):
        return SqlResult(sql=text, error="Too many queries are running right now: try again in a moment.")
    try:
        return _in_worker({"warehouse": str(source), "sql": text, "budgets": asdict(budgets)}, budgets)
    finally:
        slot.release()


def _slot(size: int) -> threading.BoundedSemaphore:
    with _slots_lock:
        return _slots.setdefault(size, threading.BoundedSemaphore(size))


# Starting a worker (the interpreter, DuckDB's and Arrow's imports) took most of the page's time: about
# half a second, whatever the query. So once the page has run a query, one spare worker is started
# ahead and waits, imports done, for the next query's request on its stdin. Each query still runs in a
# process of its own that serves no other; the spare costs one idle process while the dashboard runs.
_spare_lock = threading.Lock()
_spare: subprocess.Popen | None = None


def _start_worker() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dashboard.sql_worker"], cwd=ROOT, env=_worker_env(),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def _take_worker() -> subprocess.Popen:
    """The spare worker if it is still waiting, else a new one; and a new spare for the next query."""
    global _spare
    with _spare_lock:
        ready, _spare = _spare, _start_worker()
    return ready if ready is not None and ready.poll() is None else _start_worker()


def spare_workers() -> list[int]:
    """The process ids of the spare workers waiting for a query (none before the first query)."""
    with _spare_lock:
        return [_spare.pid] if _spare is not None and _spare.poll() is None else []


def _in_worker(request: dict, budgets: Budgets) -> SqlResult:
    started = time.monotonic()
    process = _take_worker()
    try:
        out, _ = process.communicate(json.dumps(request).encode(),
                                     timeout=budgets.time_limit_seconds + WORKER_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return SqlResult(sql=request["sql"], error=budgets.time_limit_message(), elapsed=time.monotonic() - started)
    header, _, body = out.partition(b"\n")
    try:
        answer = json.loads(header)
        table = pa.ipc.open_stream(body).read_all() if answer.pop("table") else None
    except (ValueError, pa.ArrowException):
        # No whole answer: the operating system stopped the worker, which it does when the worker
        # goes beyond the memory it is allowed.
        return SqlResult(sql=request["sql"], error=budgets.memory_message(), elapsed=time.monotonic() - started)
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
    sent = sys.stdin.buffer.read()
    if not sent:  # a spare worker whose dashboard stopped before sending it a query
        os._exit(0)
    request = json.loads(sent)
    budgets = Budgets(**request["budgets"])
    _limit_worker(budgets)
    try:
        connection = open_warehouse(request["warehouse"], budgets.database_limits())
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


if __name__ == "__main__":
    _worker_main()
