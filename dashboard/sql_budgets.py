"""What one query of the SQL page may use, and what the reader is told when it needs more.

The values are the named settings of dashboard/settings.py (each overridable by the environment),
read when a Budgets is made, so that they are written in one place only. A test or a caller names
only the budgets it changes: `Budgets(time_limit_seconds=1)`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from dashboard import settings


@dataclass(frozen=True)
class Budgets:
    time_limit_seconds: float = field(default_factory=lambda: settings.SQL_TIME_LIMIT_SECONDS)
    memory_limit: str = field(default_factory=lambda: settings.SQL_MEMORY_LIMIT)
    worker_memory_mb: int = field(default_factory=lambda: settings.SQL_WORKER_MEMORY_MB)
    threads: int = field(default_factory=lambda: settings.SQL_THREADS)
    max_rows: int = field(default_factory=lambda: settings.SQL_MAX_ROWS)
    max_result_bytes: int = field(default_factory=lambda: settings.SQL_MAX_RESULT_BYTES)
    max_query_chars: int = field(default_factory=lambda: settings.SQL_MAX_QUERY_CHARS)
    max_concurrent: int = field(default_factory=lambda: settings.SQL_MAX_CONCURRENT_QUERIES)

    @classmethod
    def from_settings(cls) -> Budgets:
        """The deployment's budgets, every one as its setting says."""
        return cls()

    def database_limits(self) -> dict:
        """DuckDB's own limits for the worker's connection (see warehouse_file.open_warehouse)."""
        return {"memory_limit": self.memory_limit, "threads": self.threads}

    def describe(self) -> str:
        return (f"A run stops after {seconds(self.time_limit_seconds)} and shows at most {self.max_rows:,} rows "
                f"or {megabytes(self.max_result_bytes)}")

    def time_limit_message(self) -> str:
        return (f"Stopped: the query ran longer than the time limit of {seconds(self.time_limit_seconds)}. "
                "Narrow it down (a WHERE, a LIMIT or an aggregate) and run it again.")

    def memory_message(self) -> str:
        return (f"Stopped: the query needed more memory than a run may use ({self.memory_limit}). "
                "Narrow it down (a WHERE, a LIMIT or an aggregate) and run it again.")


def seconds(value: float) -> str:
    return f"{value:g} second{'' if value == 1 else 's'}"


def megabytes(value: int) -> str:
    if value < 1024 * 1024:
        return f"{max(1, round(value / 1024))} KB"
    return f"{round(value / 1024 / 1024, 1):g} MB"
