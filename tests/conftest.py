import shutil
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, settings
from streamlit.testing.v1 import AppTest

from dashboard import settings as dashboard_settings
from dashboard.pages import BY_NAME
from etl.build import build
from etl.settings import REFERENCE_DIR, SEEDS_DIR

ROOT = Path(__file__).resolve().parent.parent

# Property-based tests (tests/test_bad_documents.py): a build takes about a second, so an example holds
# several documents. Registered here, where `--hypothesis-profile=long` finds them before collection.
_HYPOTHESIS = {"deadline": None, "print_blob": True,
               "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]}
settings.register_profile("ci", max_examples=20, **_HYPOTHESIS)
settings.register_profile("long", max_examples=900, **_HYPOTHESIS)
settings.load_profile("ci")


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("warehouse") / "seeds.duckdb"
    build(SEEDS_DIR, path, REFERENCE_DIR)
    return path


@pytest.fixture(scope="session")
def machine_db(tmp_path_factory) -> Path:
    """The forty development articles of several wars as the machine alone reads them: a corpus with
    more comparison groups, events and claimants than a page draws at once."""
    path = tmp_path_factory.mktemp("warehouse") / "development-machine.duckdb"
    build(ROOT / "tests" / "development", path, REFERENCE_DIR, machine_only=True)
    return path


@pytest.fixture(scope="session")
def db(seed_db):
    connection = duckdb.connect(str(seed_db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A writable copy of the seed corpus (documents, catalog, coded facts)."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, target, ignore=shutil.ignore_patterns("reference"))
    return target


def rows(connection, sql, *params):
    return connection.execute(sql, list(params)).fetchall()


def build_one_document(folder: Path, name: str, text: str, catalog: str | None = None,
                       reference: Path = REFERENCE_DIR) -> Path:
    """A warehouse built from a corpus of one document (and its catalog entry, if given): its path."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    (corpus / name).write_text(text, encoding="utf-8")
    if catalog:
        (corpus / "catalog.yaml").write_text(catalog, encoding="utf-8")
    build(corpus, folder / "w.duckdb", reference)
    return folder / "w.duckdb"


def page_opener(source: Path, tmp_path: Path, monkeypatch):
    """A function that opens a page of the dashboard (its name in dashboard/pages.toml, and its URL keys)
    as a person does, on a copy of the warehouse `source`: Streamlit's AppTest runs the real entry point."""
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(source, warehouse)
    monkeypatch.setattr(dashboard_settings, "WAREHOUSE", warehouse)

    def run(page_name: str = "overview", **params) -> AppTest:
        app = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
        for key, value in params.items():
            app.query_params[key] = value
        app.switch_page(BY_NAME[page_name].file)
        app.run()
        assert not app.exception, [e.message for e in app.exception]
        return app
    return run
