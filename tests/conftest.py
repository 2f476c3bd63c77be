import shutil
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, settings

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


def build_one_document(folder: Path, name: str, text: str, catalog: str | None = None) -> Path:
    """A warehouse built from a corpus of one document (and its catalog entry, if given): its path."""
    corpus = folder / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    if catalog:
        (corpus / "catalog.yaml").write_text(catalog, encoding="utf-8")
    build(corpus, folder / "w.duckdb", REFERENCE_DIR)
    return folder / "w.duckdb"
