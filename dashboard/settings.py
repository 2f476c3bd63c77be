"""Dashboard settings in one place (environment variables override for a deployment)."""
import os
from pathlib import Path


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return value in ("1", "true", "yes", "on") if value else default


# The dashboard serves what the build wrote and imports none of the build's settings: it owns where it
# reads, and passes both paths to every command it runs (`python -m etl build --docs CORPUS --db WAREHOUSE`).
# By default they are the checkout's own, where `python -m etl build` writes and reads when given no
# paths (tests/test_layering.py holds the two defaults to one answer).
_CHECKOUT = Path(__file__).resolve().parent.parent
WAREHOUSE = Path(os.environ.get("CONFLICT_WAREHOUSE", _CHECKOUT / "warehouse" / "conflict.duckdb"))
# The corpus the warehouse is built from: documents, catalog.yaml and facts/ (where review decisions go).
CORPUS = Path(os.environ.get("CONFLICT_CORPUS", _CHECKOUT / "seeds"))
# A public deployment of articles the deployer may not republish shows only the sentences that carry
# facts, never whole texts: set CONFLICT_QUOTES_ONLY=1 (also in Streamlit's secrets/environment).
QUOTES_ONLY = _flag("CONFLICT_QUOTES_ONLY")
# A shared deployment (CONFLICT_SHARED=1, e.g. in Streamlit's secrets) serves many readers from one
# checkout: nobody may write into its corpus, and a decision saved there would not reach the repository.
SHARED_DEPLOYMENT = _flag("CONFLICT_SHARED")
# The Review page writes decisions into the corpus's coded-fact files; CONFLICT_REVIEW=0 hides it locally too.
REVIEW_ENABLED = _flag("CONFLICT_REVIEW", default=True) and not SHARED_DEPLOYMENT
# How long a build the dashboard runs (of a missing or outdated warehouse, or the Review page's "Rebuild
# now") may take before it is stopped; the warehouse there stays as it was.
BUILD_TIMEOUT_SECONDS = float(os.environ.get("CONFLICT_BUILD_TIMEOUT_SECONDS", "600"))
# How long a download may take to make (`python -m etl export`, run when the reader clicks).
EXPORT_TIMEOUT_SECONDS = float(os.environ.get("CONFLICT_EXPORT_TIMEOUT_SECONDS", "120"))
# How long the map's replay shows each step before moving to the next day on which something changed.
MAP_REPLAY_SECONDS_PER_STEP = 1.0
# How many documents a text search lists.
SEARCH_MAX_DOCUMENTS = 50
# How many documents the sidebar's document filter offers at once; a larger warehouse shows a search box
# (words of a title or outlet) above it (dashboard/filters.py).
FILTER_MAX_DOCUMENTS = 200
# How many comparison groups the Claims page's box offers (those with most claimants, and the one a link names);
# the list under it pages through all of them.
GROUP_CHOICES = 200
# DuckDB settings of the dashboard's connection: nothing outside the warehouse file is reachable.
CONNECTION_CONFIG = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
    # Read-only still spills big sorts to a temporary folder beside the file: nothing may be written.
    "temp_directory": "",
    "lock_configuration": True,
}

# --- SQL box budgets -------------------------------------------------------------------------------
# What one query typed into the SQL page may use. The page is meant for a public deployment: every
# query runs in a short-lived worker process (dashboard/sql_worker.py) so that no query, however
# written, can slow down or break the pages other people are reading. Each value can be overridden
# by the environment variable named beside it.
SQL_TIME_LIMIT_SECONDS = float(os.environ.get("CONFLICT_SQL_TIME_LIMIT_SECONDS", "5"))
# DuckDB's own limit (buffers, hash tables, sorts); spilling to disk is off, so a bigger query fails.
SQL_MEMORY_LIMIT = os.environ.get("CONFLICT_SQL_MEMORY_LIMIT", "512MB")
# Hard ceiling on the worker's address space. It also stops what DuckDB's limit does not count, such
# as one enormous string built by repeat().
SQL_WORKER_MEMORY_MB = int(os.environ.get("CONFLICT_SQL_WORKER_MEMORY_MB", "1536"))
SQL_THREADS = int(os.environ.get("CONFLICT_SQL_THREADS", "2"))
SQL_MAX_ROWS = int(os.environ.get("CONFLICT_SQL_MAX_ROWS", "1000"))
SQL_MAX_RESULT_BYTES = int(os.environ.get("CONFLICT_SQL_MAX_RESULT_BYTES", str(20 * 1024 * 1024)))
SQL_MAX_QUERY_CHARS = int(os.environ.get("CONFLICT_SQL_MAX_QUERY_CHARS", "20000"))
# Queries running at once in this process; more wait up to the time limit, then are turned away.
SQL_MAX_CONCURRENT_QUERIES = int(os.environ.get("CONFLICT_SQL_MAX_CONCURRENT_QUERIES", "2"))
