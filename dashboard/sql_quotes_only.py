"""Which file the SQL page's worker reads in a quotes-only deployment (CONFLICT_QUOTES_ONLY=1).

The build writes, beside the warehouse, a copy whose article texts keep only the sentences that
carry facts and the names mentioned (etl/load/quotes_only.py says why it exists), named after it:
`conflict.duckdb` -> `conflict.quotes-only.duckdb`. The name is the build's own rule
(etl/load/quotes_only.py), asked through the review interface: written once, it cannot drift.

The dashboard never makes the copy. Where it is missing (a warehouse built by an older version of the
project) or comes from another build than the warehouse (a build writing the two files right now, or
one that stopped between them), a query is not run and the reader is told how to build both.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import duckdb

from dashboard.warehouse_file import build_info


class NotAvailable(Exception):
    """The quotes-only copy cannot be queried; the message says why and what to run."""


def quotes_only_warehouse(warehouse: Path) -> Path:
    """The quotes-only copy of `warehouse`, made by the same build, or NotAvailable."""
    # Imported here, in the server: the query worker imports this module too, and would pay a quarter
    # of a second per query for the review interface it never uses.
    from etl.review import quotes_only_path

    warehouse = Path(warehouse)
    copy = quotes_only_path(warehouse)
    build = f"`python -m etl build --db {warehouse}` (with the --docs folder it was built from)"
    if not copy.is_file():
        raise NotAvailable(
            f"This deployment's SQL page reads a copy of the warehouse without whole articles, and there is "
            f"none: {copy.name} is missing beside {warehouse.name}, as it is for a warehouse built by an older "
            f"version of the project. Build the warehouse again, which writes both: {build}.")
    try:
        same = _build_info(_signature(warehouse)) == _build_info(_signature(copy))
    except (OSError, duckdb.Error) as error:
        raise NotAvailable(f"The copy of the warehouse without whole articles ({copy.name}) cannot be read: "
                           f"{str(error).splitlines()[0]}. Build the warehouse again: {build}.") from None
    if not same:
        raise NotAvailable(
            f"The copy of the warehouse without whole articles ({copy.name}) is not from the same build as "
            f"the warehouse: a build is writing them now, or the last one stopped between the two. Try again "
            f"in a moment; if this stays, build the warehouse again: {build}.")
    return copy


def _signature(path: Path) -> tuple[str, int, int, int]:
    status = os.stat(path)
    return str(path), status.st_ino, status.st_mtime_ns, status.st_size


@lru_cache(maxsize=8)
def _build_info(signature: tuple[str, int, int, int]) -> dict[str, str] | None:
    return build_info(signature[0])  # once per version of the file
