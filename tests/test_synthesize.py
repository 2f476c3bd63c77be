"""The synthetic corpus (python -m etl.tools.synthesize): a benchmark corpus of any size is only as
good as its promises. The same seed writes the same bytes in any process; the files are JSON lines
the build reads; the build finds in them what real reporting gives it (claims attributed to
claimants, several claimants on one quantity, one incident reported by several documents); and a
bad argument says what is wrong instead of writing something else."""
import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from etl.ingest.reference import read_reference
from etl.settings import REFERENCE_DIR
from etl.tools.synthesize import synthesize
from etl.tools.synthesize.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
UKRAINE = ROOT / "tests" / "ukraine" / "reference"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _records(folder: Path) -> list[dict]:
    return [json.loads(line) for p in sorted(folder.glob("*.jsonl")) for line in p.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synthetic") / "corpus"
    synthesize(30, out, seed=0, per_file=12)
    return out


@pytest.fixture(scope="module")
def warehouse(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("warehouse") / "synthetic.duckdb"
    build(corpus, path, REFERENCE_DIR, machine_only=True)
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def test_the_same_seed_writes_the_same_bytes_in_another_process(corpus, tmp_path):
    # Another interpreter with another hash seed: nothing but --seed may decide what is written.
    again = tmp_path / "again"
    done = subprocess.run([sys.executable, "-m", "etl.tools.synthesize", "--docs", "30", "--out", str(again),
                           "--per-file", "12", "--seed", "0"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONHASHSEED": "4321"})
    assert done.returncode == 0, done.stderr
    assert "wrote 30 documents" in done.stdout
    assert _files(again) == _files(corpus)


def test_another_seed_writes_another_corpus(corpus, tmp_path):
    synthesize(30, tmp_path / "other", seed=1, per_file=12)
    other = _files(tmp_path / "other")
    assert other.keys() == _files(corpus).keys()
    assert all(other[name] != data for name, data in _files(corpus).items())


def test_documents_are_json_lines_with_their_own_metadata_in_files_of_a_fixed_size(corpus):
    assert [(p.name, len(p.read_text(encoding="utf-8").splitlines())) for p in sorted(corpus.iterdir())] == [
        ("batch-0000.jsonl", 12), ("batch-0001.jsonl", 12), ("batch-0002.jsonl", 6)]
    records = _records(corpus)
    assert len({r["id"] for r in records}) == 30
    sources = read_reference(REFERENCE_DIR).sources
    known = {name for s in sources.values() for name in (s.name, *s.aliases)}
    for record in records:
        assert record["text"].split("\n", 1)[0] == record["title"]  # the headline heads the text
        assert record["outlet"] in known  # so the build knows the outlet's alignment
        date.fromisoformat(record["published"])
        assert 3 <= record["text"].count("\n\n") <= 10  # a headline and three to ten paragraphs
    assert len({r["kind"] for r in records}) >= 3  # wires, state media, monitors, the UN ...


def test_the_build_finds_claims_claimants_groups_and_events(warehouse):
    def one(sql):
        return warehouse.execute(sql).fetchone()[0]

    assert one("SELECT count(*) FROM documents") == 30
    assert one("SELECT count(*) FROM warnings") == 0
    claims = one("SELECT count(*) FROM claims")
    assert claims >= 60
    # Claims carry the claimants the stories name, not just the outlets' own voice, of several sides.
    named = one("SELECT count(*) FROM claims c JOIN documents d USING (doc_id) WHERE c.claimant_id <> d.outlet_source_id")
    assert named > claims / 2
    assert one("SELECT count(DISTINCT alignment) FROM claim_overview") >= 4
    # Several claimants put their figures on one quantity, and they differ.
    shared = warehouse.execute("""
        SELECT comparison_group, count(DISTINCT claimant_id) AS claimants, max(best) / min(best) AS spread
        FROM claim_overview GROUP BY 1 HAVING count(DISTINCT claimant_id) >= 3""").fetchall()
    assert len(shared) >= 3
    assert any(spread > 1.2 for _, _, spread in shared)
    # One incident, several documents: event matching has work to do.
    assert one("SELECT max(n) FROM (SELECT count(DISTINCT doc_id) AS n FROM event_reports GROUP BY event_id)") >= 3


def test_another_wars_reference_folder(tmp_path):
    start, end = date(2022, 3, 1), date(2023, 6, 30)
    out = tmp_path / "ukraine"
    synthesize(12, out, reference=UKRAINE, period=(start, end))
    records = _records(out)
    sources = read_reference(UKRAINE).sources
    assert {r["outlet"] for r in records} <= {s.name for s in sources.values()}
    assert all(start <= date.fromisoformat(r["published"]) <= end + timedelta(days=7) for r in records)
    build(out, tmp_path / "w.duckdb", UKRAINE, machine_only=True)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as db:
        assert db.execute("SELECT count(*) FROM warnings").fetchone()[0] == 0
        countries = db.execute("SELECT DISTINCT p.country FROM claims JOIN places p USING (place_id)").fetchall()
        assert ("UA",) in countries


def test_bad_arguments_say_what_is_wrong(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--docs", "0", "--out", str(tmp_path / "corpus")])
    assert exit_.value.code == 2
    assert "--docs: must be at least 1, got 0" in capsys.readouterr().err

    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert main(["--docs", "5", "--out", str(blocked / "corpus")]) == 2
    assert f"cannot write the corpus to {blocked / 'corpus'}" in capsys.readouterr().err

    # A folder of other documents is left alone: a corpus written there would be built with them.
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "a.txt").write_text("An article.", encoding="utf-8")
    assert main(["--docs", "5", "--out", str(documents)]) == 2
    assert "holds other files (a.txt)" in capsys.readouterr().err
    assert [p.name for p in documents.iterdir()] == ["a.txt"]

    # A war with no profile has no period to draw days from.
    assert main(["--docs", "5", "--out", str(tmp_path / "u"), "--reference", str(UKRAINE)]) == 2
    assert "give --period START..END" in capsys.readouterr().err
