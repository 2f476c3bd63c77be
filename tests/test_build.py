"""The build as its user meets it: one command, deterministic, atomic, clear about bad input."""
import codecs
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from etl.core.errors import BuildError
from etl.extract import pool
from etl.ingest.remote import staged
from etl.settings import REFERENCE_DIR, SEEDS_DIR
from tests.conftest import ROOT

TABLES = ("documents", "document_parts", "sources", "actors", "places", "mentions", "events", "event_actors",
          "event_reports", "claims", "counted_things", "comparison_groups", "comparison_members", "warnings",
          "build_info")


def snapshot(path):
    with duckdb.connect(str(path), read_only=True) as connection:
        return {t: connection.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}


def build_ok(corpus, db):
    return build(corpus, db, REFERENCE_DIR)


def test_two_builds_give_the_same_rows_and_ids(corpus, tmp_path, seed_db):
    build_ok(corpus, tmp_path / "again.duckdb")
    first, second = snapshot(seed_db), snapshot(tmp_path / "again.duckdb")
    for table in TABLES:
        if table != "build_info":
            assert first[table] == second[table], table


def test_a_pool_of_workers_builds_the_same_warehouse_as_one(tmp_path, monkeypatch):
    # The seeds are few: let the pool take them anyway, so that its path is the one tested.
    monkeypatch.setattr(pool, "_FEWEST_PER_WORKER", 1)
    pids = tmp_path / "extracted-in"  # each extraction writes the process it ran in (a worker's list is its own)
    real = pool.extract_document

    def recorded(*args, **kwargs):
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(pool, "extract_document", recorded)
    build(SEEDS_DIR, tmp_path / "one.duckdb", REFERENCE_DIR, workers=1)
    assert set(pids.read_text().split()) == {str(os.getpid())}
    pids.unlink()
    build(SEEDS_DIR, tmp_path / "two.duckdb", REFERENCE_DIR, workers=2)
    assert len(pids.read_text().split()) == 5 and str(os.getpid()) not in pids.read_text().split()
    one, two = snapshot(tmp_path / "one.duckdb"), snapshot(tmp_path / "two.duckdb")
    assert one["claims"] and all(one[t] == two[t] for t in TABLES if t != "build_info")


def test_a_dask_cluster_builds_the_same_warehouse_as_one_process(tmp_path):
    # A local cluster of two worker processes, as CI can run it; a real cluster is the same code with an
    # address. Run as the command a user types (Dask's process machinery then ends with it), the corpus
    # given as a URL and read through fsspec, as a cluster's corpus on an object store would be.
    build(SEEDS_DIR, tmp_path / "one.duckdb", REFERENCE_DIR, workers=1)
    shutil.copytree(SEEDS_DIR, tmp_path / "store" / "seeds", ignore=shutil.ignore_patterns("reference"))
    run = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(tmp_path / "dask.duckdb"),
                          "--docs", (tmp_path / "store" / "seeds").as_uri(),
                          "--engine", "dask", "--scheduler", "local:2"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "5 documents extracted, 0 unchanged (Dask scheduler local:2)" in run.stderr
    one, dask = snapshot(tmp_path / "one.duckdb"), snapshot(tmp_path / "dask.duckdb")
    assert one["claims"] and all(one[t] == dask[t] for t in TABLES if t != "build_info")


def test_a_corpus_at_a_url_builds_as_its_folder_does(tmp_path):
    # fsspec's in-memory file system stands for an object store (s3://, gs://): the same calls
    import fsspec  # (with the cluster extra; the tests' requirements hold it)

    memory = fsspec.filesystem("memory")
    for path in SEEDS_DIR.rglob("*"):
        if path.is_file() and "reference" not in path.relative_to(SEEDS_DIR).parts:
            memory.pipe(f"/store/seeds/{path.relative_to(SEEDS_DIR).as_posix()}", path.read_bytes())
    try:
        with staged("memory://store/seeds") as folder:
            assert folder.name == "seeds"
            build(folder, tmp_path / "url.duckdb", REFERENCE_DIR, workers=1)
        assert not folder.exists()  # the staging copy goes when the build ends
    finally:
        memory.rm("/store", recursive=True)
    build(SEEDS_DIR, tmp_path / "folder.duckdb", REFERENCE_DIR, workers=1)
    url, folder = snapshot(tmp_path / "url.duckdb"), snapshot(tmp_path / "folder.duckdb")
    assert folder["claims"] and all(url[t] == folder[t] for t in TABLES)


def test_a_corpus_url_that_cannot_be_read_is_named_in_the_error(tmp_path):
    for url, reason in (("memory://no/such/corpus", "corpus folder not found at this URL"),
                        ("nosuchscheme://bucket/corpus", "cannot read this URL")):
        run = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(tmp_path / "w.duckdb"), "--docs", url],
                             cwd=ROOT, capture_output=True, text=True)
        assert run.returncode == 1 and f"error: {url}: {reason}" in run.stderr, run.stderr
        assert not (tmp_path / "w.duckdb").exists()


def test_the_engine_and_its_scheduler_go_together(tmp_path):
    for options in (["--engine", "dask"], ["--scheduler", "local:2"]):
        run = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(tmp_path / "w.duckdb"), *options],
                             cwd=ROOT, capture_output=True, text=True)
        assert run.returncode == 2 and "--engine dask and --scheduler ADDRESS go together" in run.stderr
        assert not (tmp_path / "w.duckdb").exists()


def test_cli_prints_what_it_loaded(tmp_path):
    result = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(tmp_path / "w.duckdb")],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "documents 5, claims 12" in result.stdout


def test_a_failed_build_keeps_the_previous_warehouse(corpus, tmp_path):
    db = tmp_path / "w.duckdb"
    build_ok(corpus, db)
    before = snapshot(db)
    facts = corpus / "facts" / "002_996f98365809a89b.yaml"
    facts.write_text(facts.read_text().replace("At least 58 Qusayr residents", "At least 59 Qusayr residents"))
    result = subprocess.run([sys.executable, "-m", "etl", "build", "--docs", str(corpus), "--db", str(db)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "002_996f98365809a89b.yaml:7: quote not found" in result.stderr
    assert snapshot(db) == before
    # no temporary file left; the extraction cache is the last good build's
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "w.duckdb", "w.duckdb.extractions",
                                                          "w.quotes-only.duckdb"]


def test_an_open_reader_does_not_break_the_build(corpus, tmp_path):
    db = tmp_path / "w.duckdb"
    build_ok(corpus, db)
    reader = duckdb.connect(str(db), read_only=True)
    (corpus / "catalog.yaml").write_text((corpus / "catalog.yaml").read_text().replace("NOW Lebanon", "NOW"))
    build_ok(corpus, db)
    assert reader.execute("SELECT count(*) FROM documents").fetchone() == (5,)  # still the old, complete file
    reader.close()
    with duckdb.connect(str(db), read_only=True) as fresh:
        assert fresh.execute("SELECT outlet FROM documents WHERE doc_id LIKE '002%'").fetchone() == ("NOW",)


@pytest.mark.parametrize("make, reason", [
    (lambda p: p.write_bytes(b""), "empty"),
    (lambda p: p.write_bytes(b"   \n\t\n"), "empty"),
    (lambda p: p.write_bytes(bytes(range(256)) * 4), "binary"),
    (lambda p: p.write_bytes(b"\x81\x8d\x8f\x90\x9d" * 20), "not decodable"),
])
def test_unusable_documents_are_skipped_with_a_warning(corpus, tmp_path, make, reason):
    make(corpus / "bad.txt")
    result = build_ok(corpus, tmp_path / "w.duckdb")
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM documents").fetchone() == (5,)
        (message,) = db.execute("SELECT message FROM warnings WHERE file = 'bad.txt'").fetchone()
    assert message.startswith("skipped:") and reason in message
    assert any(w.file == "bad.txt" for w in result.warnings)


def test_exact_duplicate_is_skipped(corpus, tmp_path):
    (corpus / "zz_copy.txt").write_bytes((corpus / "003_2b9715bf3b4d29fd.txt").read_bytes())
    build_ok(corpus, tmp_path / "w.duckdb")
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as db:
        assert db.execute("SELECT message FROM warnings WHERE file = 'zz_copy.txt'").fetchone() == (
            "skipped: exact duplicate of 003_2b9715bf3b4d29fd.txt",)


@pytest.mark.parametrize("encoding, bom, note", [
    ("cp1252", b"", "Windows-1252"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16"),
])
def test_other_encodings_are_decoded_with_a_warning(corpus, tmp_path, encoding, bom, note):
    text = "Rebels say 12 fighters were killed near Qusayr \u2013 a \u201cmassacre\u201d.\n\nBody text follows here.\n"
    (corpus / "other.txt").write_bytes(bom + text.encode(encoding))
    build_ok(corpus, tmp_path / "w.duckdb")
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as db:
        assert db.execute("SELECT text, encoding_note IS NOT NULL FROM documents WHERE file = 'other.txt'").fetchone() == (text, True)
        assert note in db.execute("SELECT message FROM warnings WHERE file = 'other.txt'").fetchone()[0]


def test_a_document_missing_from_the_catalog_still_loads(corpus, tmp_path):
    (corpus / "new_article.txt").write_text("Shelling hits Homs again\n\nActivists said the city was shelled on Tuesday.\n")
    build_ok(corpus, tmp_path / "w.duckdb")
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as db:
        assert db.execute("SELECT title, outlet, published_on, catalogued FROM documents WHERE file = 'new_article.txt'"
                          ).fetchone() == ("Shelling hits Homs again", None, None, False)
        assert db.execute("SELECT entity_id FROM mentions WHERE doc_id = 'new_article'").fetchall() == [("homs",)]


def _expect_failure(corpus, db, file, line, words):
    """The build stops naming the file (and line), and the warehouse at `db`, if any, is untouched."""
    before = snapshot(db) if db.exists() else None
    with pytest.raises(BuildError) as failure:
        build_ok(corpus, db)
    assert failure.value.file.endswith(file)
    if line:  # None where the error is about a value, not a place in the file
        assert failure.value.line == line
    assert words in failure.value.message
    assert (snapshot(db) if db.exists() else None) == before
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name)) == (
        [db.name, db.name + ".extractions"] if before else [])


FACTS = "facts/002_996f98365809a89b.yaml"
NEW_ARTICLE = "Ministry figures\n\nThe ministry said -5 soldiers were killed in Homs on Monday.\n"
NEW_FACTS = """document: negative.txt
coder: test
claims:
  - quote: -5 soldiers were killed in Homs
    figure: "-5"
    kind: killed
    victim_group: soldiers
    victim_class: government forces
    claimant: Syrian Observatory for Human Rights
"""


@pytest.fixture(scope="module")
def built_seeds(tmp_path_factory):
    """A warehouse built from the seeds, copied for each case that must leave it untouched."""
    path = tmp_path_factory.mktemp("built") / "w.duckdb"
    corpus = tmp_path_factory.mktemp("seeds") / "corpus"
    shutil.copytree(SEEDS_DIR, corpus, ignore=shutil.ignore_patterns("reference"))
    build_ok(corpus, path)
    return path


@pytest.mark.parametrize("file, old, new, line, words", [
    (FACTS, "    figure: At least 58\n", "    figure: anywhere from 58 to 23\n", 8, "range reversed"),
    (FACTS, "    place: al-Qusayr\n    event: qusayr-air-artillery-strikes-2013-05-19\n    comparison_group: Qusayr residents killed",
     "    place: Narnia\n    event: qusayr-air-artillery-strikes-2013-05-19\n    comparison_group: Qusayr residents killed",
     15, "unknown place 'Narnia'"),
    (FACTS, "    claimant: Hadi al-Abdallah\n", "    claimant: Nobody Known\n", 12, "unknown source 'Nobody Known'"),
    ("facts/000_32a2745981170ec0.yaml", "      - {actor: Syrian government forces, role: initiator}\n      - {actor: Hezbollah",
     "      - {actor: Martian legion, role: initiator}\n      - {actor: Hezbollah", 43, "unknown actor 'Martian legion'"),
    (FACTS, "  - quote: At least 58 Qusayr residents", "  - quote: At least 59 Qusayr residents", 7, "quote not found"),
    (FACTS, "    kind: killed\n", "    kind: exploded\n", 9, "kind 'exploded' is not one of"),
    (FACTS, "    when: On 11 May\n", "    when: 2013-02-30\n", None, "not a real date"),
    (FACTS, "    victim_group: Qusayr residents\n", "    victim_group: Qusayr residents\n    victims_total: 3\n", 11,
     "unknown field 'victims_total'"),
    (FACTS, "claims:\n", "claims:\n  - [unclosed\n", 8, "YAML error"),  # where the parser notices
    # One field in its old and its new spelling (docs/codebook.md): which one counts would be a guess.
    (FACTS, "claims:\n", "casualties: []\nclaims:\n", 6, "'casualties' is the old name of 'claims'"),
    ("facts/000_32a2745981170ec0.yaml", "        claimant: outlet\n        quote: government forces mounted",
     "        claimant: outlet\n        source: outlet\n        quote: government forces mounted", 49,
     "'source' is the old name of 'claimant'"),
    ("facts/negative.yaml", None, NEW_FACTS, 5, "a count cannot be negative"),
])
def test_mistakes_in_coded_facts_fail_with_file_and_line_and_keep_the_warehouse(corpus, tmp_path, built_seeds,
                                                                               file, old, new, line, words):
    db = tmp_path / "out" / "w.duckdb"
    db.parent.mkdir()
    shutil.copy(built_seeds, db)
    shutil.copytree(built_seeds.with_name(built_seeds.name + ".extractions"), db.with_name(db.name + ".extractions"))
    path = corpus / file
    if old is None:
        (corpus / "negative.txt").write_text(NEW_ARTICLE)
        path.write_text(new)
    else:
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new, 1))
    _expect_failure(corpus, db, Path(file).name, line, words)


def test_malformed_catalog_fails_with_line(corpus, tmp_path):
    path = corpus / "catalog.yaml"
    path.write_text(path.read_text().replace('published: "2013-06-05"', 'published: "2013-13-05"', 1))
    _expect_failure(corpus, tmp_path / "w.duckdb", "catalog.yaml", 27, "not a real date")


def test_unwritable_output_is_a_clear_error(corpus, tmp_path):
    (tmp_path / "a_file").write_text("x")
    with pytest.raises(BuildError, match="is a file, not a folder"):
        build_ok(corpus, tmp_path / "a_file" / "w.duckdb")
    with pytest.raises(BuildError, match="does not exist"):
        build_ok(corpus, tmp_path / "missing" / "w.duckdb")


def test_duckdb_cli_opens_the_warehouse(seed_db):
    cli = ROOT / ".venv" / "bin" / "duckdb"
    executable = str(cli) if cli.exists() else "duckdb"
    result = subprocess.run([executable, "-readonly", str(seed_db), "-csv", "-c",
                             "SELECT claimant, figure_text FROM claim_overview WHERE comparison_group = 'civilians inside Qusayr' ORDER BY as_of"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == ["Atlantic Sentinel,\"more than 20,000\"", "Muhammad Radwan Raad,\"40,000\"",
                                              "GlobalPost,\"As many as 20,000\""]
