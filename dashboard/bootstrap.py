"""Build the warehouse from the corpus (seeds/ unless CONFLICT_CORPUS says otherwise) when it is missing
(a fresh deployment has none) or was built by another version of the project.

A warehouse records the digest of the tables and views it was built with (build_info.contract_sha256).
After a `git pull` that changed them, the file on disk no longer has what the pages ask for; rather
than show a reader a database error, the dashboard rebuilds it, in the mode it was built in
(`--machine-only` stays machine-only). It runs the build as the command a person would type,
`python -m etl build`, in a process of its own: the server only ever reads the warehouse. A file that
is not a warehouse of this project at all is never written over: the page says so and stops. Nor is a
warehouse built from another corpus than the one the dashboard is given: rebuilding it from that one
would silently replace, say, a corpus of new articles with the seeds; the page names both and the command.
"""
from functools import lru_cache

import streamlit as st

from dashboard import settings
from dashboard.data import warehouse_signature
from dashboard.warehouse_file import build_info
from etl import review


class _BuildFailed(Exception):
    """The build command failed; the message is what it printed."""


@lru_cache(maxsize=8)
def _recorded(signature: tuple[str, int, int]) -> dict[str, str] | None:
    """build_info of the warehouse file with this signature; None when the file has no such table (not a
    warehouse). Other errors (a lock held by a writer, a newer DuckDB's file) are raised as they are."""
    return build_info(signature[0])


def _on_disk() -> tuple[str, int, int]:
    return warehouse_signature(settings.WAREHOUSE)  # the file there is now, not the one a run pinned


def outdated() -> str | None:
    """Why the warehouse must be built (missing, or built by another version), or None."""
    if not settings.WAREHOUSE.exists():
        return "missing"
    recorded = _recorded(_on_disk())
    # Read each time (two small files): an edited or pulled schema.sql reloads no Python module.
    if recorded is not None and recorded.get("contract_sha256") != review.contract_digest():
        return "built by another version of the project"
    return None


@st.cache_resource(show_spinner="Building the warehouse from the corpus ...")
def _build_once(signature: tuple | None) -> None:
    # Keyed by the file found: each missing or outdated file is rebuilt once, by one session, while
    # the others wait for it. A failure is raised, so not kept: the next visit tries again.
    if outdated() is None:
        return  # built meanwhile, by another process
    settings.WAREHOUSE.parent.mkdir(parents=True, exist_ok=True)
    ok, printed = review.build_warehouse(settings.CORPUS, settings.WAREHOUSE, settings.BUILD_TIMEOUT_SECONDS,
                                         keep_mode=True)
    if not ok:
        raise _BuildFailed(printed)


def ensure_warehouse() -> None:
    if not settings.WAREHOUSE.exists():
        _build_once.clear()  # missing again (deleted while serving): build it again
    why = outdated()
    if why and why != "missing":
        built_from = (_recorded(_on_disk()) or {}).get("corpus")
        if built_from and built_from != settings.CORPUS.name:
            st.error(f"The warehouse {settings.WAREHOUSE} is {why}, and it was built from the corpus `{built_from}`, "
                     f"not from `{settings.CORPUS}`, the corpus this dashboard is given; it is left as it is rather "
                     f"than rebuilt from another corpus. Rebuild it from its own corpus (add `--machine-only` if it "
                     f"was built so), or start the dashboard with `CONFLICT_CORPUS` naming that folder:")
            st.code(f"python -m etl build --docs path/to/{built_from} --db {settings.WAREHOUSE}", language="bash")
            st.stop()
    if why:
        try:
            _build_once(_on_disk() if settings.WAREHOUSE.exists() else None)
        except _BuildFailed as failed:
            st.error(f"The warehouse {settings.WAREHOUSE} is {why}, and building it failed; "
                     f"{'the old one is left as it was' if why != 'missing' else 'nothing was written'}. "
                     f"The build's message names the file and line to fix; then reload this page, or run "
                     f"`python -m etl build --docs {settings.CORPUS} --db {settings.WAREHOUSE}`:")
            st.code(str(failed) or "(no output)", language=None, wrap_lines=True)
            st.stop()
    if _recorded(_on_disk()) is None:
        st.error(f"{settings.WAREHOUSE} is not a warehouse of this project (it has no build_info table), so the "
                 f"pages cannot read it, and it is left as it is. Point `CONFLICT_WAREHOUSE` at a warehouse, or "
                 f"build one: `python -m etl build --db {settings.WAREHOUSE}`.")
        st.stop()
