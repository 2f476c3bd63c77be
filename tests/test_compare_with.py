"""A user's own ACLED or UCDP GED file beside the claims: read, matched by the window, shown in words.

The files in tests/compare/ are invented rows in the two formats (ids SYR99..., 999...), never real data.
"""
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from etl.cli import main
from etl.core.errors import BuildError
from etl.settings import REFERENCE_DIR, SEEDS_DIR
from tests.conftest import rows

INVENTED = Path(__file__).resolve().parent / "compare"
ACLED = INVENTED / "acled_invented.csv"
GED = INVENTED / "ucdp_ged_invented.csv"


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    path = tmp_path_factory.mktemp("compared") / "w.duckdb"
    result = build(SEEDS_DIR, path, REFERENCE_DIR, compare_with=[ACLED, GED])
    connection = duckdb.connect(str(path), read_only=True)
    yield connection, result
    connection.close()


def test_their_rows_are_read_and_a_bad_row_is_skipped_with_file_and_line(compared):
    db, result = compared
    assert rows(db, "SELECT count(*) FROM reference_acled_events") == [(4,)]
    assert rows(db, "SELECT count(*) FROM reference_ucdp_events") == [(2,)]
    assert any(w.file == "acled_invented.csv" and w.line == 6 and "not a date" in w.message for w in result.warnings)
    # Both ways ACLED has written dates, and UCDP's date-times, are read as days.
    assert rows(db, "SELECT event_date::VARCHAR FROM reference_acled_events WHERE event_id_cnty = 'SYR99002'") == [("2013-05-20",)]
    assert rows(db, "SELECT date_start::VARCHAR FROM reference_ucdp_events WHERE id = '999001'") == [("2013-05-19",)]
    assert rows(db, "SELECT value FROM build_info WHERE key = 'compare_with'") == [("acled_invented.csv; ucdp_ged_invented.csv",)]


def test_events_match_within_a_day_25_km_and_a_compatible_type(compared):
    db, _ = compared
    matches = rows(db, "SELECT event_id, reference_id, days_apart, distance_km FROM reference_matches")
    assert all(days <= 1 and km <= 25 for _, _, days, km in matches)
    matched = {(event, ref) for event, ref, _, _ in matches}
    assert ("qusayr-ground-assault-2013-05-19", "SYR99001") in matched
    assert ("qusayr-ground-assault-2013-05-19", "999001") in matched
    assert ("baniyas-massacre-2013-05", "999002") in matched          # one-sided violence ~ violence against civilians
    assert not any(ref == "SYR99004" for _, ref in matched)            # hundreds of km away
    assert ("qusayr-ground-assault-2013-05-19", "SYR99002") not in matched  # an air strike is not a battle
    assert ("qusayr-countryside-battles-2013-05-13", "SYR99001") not in matched  # six days before


def test_what_acled_and_ucdp_coded_beside_the_claims_in_words(compared):
    db, _ = compared
    assert rows(db, "SELECT coded_text FROM event_reference_codings WHERE event_id = 'qusayr-ground-assault-2013-05-19'") \
        == [("ACLED: 12; UCDP best 15 (low 12, high 30); the claims: 128 to 134",)]
    assert rows(db, "SELECT coded_text FROM event_reference_codings WHERE event_id = 'baniyas-massacre-2013-05'") \
        == [("UCDP best 50 (low 40, high 120); the claims: no killed figure",)]


def test_a_file_of_neither_dataset_fails_the_build_and_keeps_the_warehouse(tmp_path, seed_db):
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    target = tmp_path / "w.duckdb"
    target.write_bytes(seed_db.read_bytes())
    before = target.read_bytes()
    with pytest.raises(BuildError, match="not an ACLED export"):
        build(SEEDS_DIR, target, REFERENCE_DIR, compare_with=[other])
    assert target.read_bytes() == before
    assert main(["build", "--db", str(target), "--compare-with", str(tmp_path / "missing.csv")]) == 1


def test_our_own_exports_read_back_as_theirs_match_their_events(tmp_path, seed_db, db):
    """The round trip: the ACLED and GED exports are valid input, and every placed, dated event finds itself."""
    acled, ged = tmp_path / "ours_acled.csv", tmp_path / "ours_ged.csv"
    assert main(["export", "--db", str(seed_db), "--format", "acled", "--out", str(acled)]) == 0
    assert main(["export", "--db", str(seed_db), "--format", "ucdp", "--out", str(ged)]) == 0
    path = tmp_path / "round.duckdb"
    result = build(SEEDS_DIR, path, REFERENCE_DIR, compare_with=[acled, ged])
    assert result.counts["reference_acled_events"] == rows(db, "SELECT count(*) FROM events WHERE date_start IS NOT NULL")[0][0]
    back = duckdb.connect(str(path), read_only=True)
    try:
        itself = rows(back, """SELECT count(DISTINCT event_id) FROM reference_matches
                               WHERE dataset = 'ACLED' AND reference_id = event_id AND distance_km = 0""")[0][0]
        assert itself == rows(db, "SELECT count(*) FROM events WHERE date_start IS NOT NULL AND place_id IS NOT NULL")[0][0]
        assert rows(back, "SELECT low, best, high FROM reference_ucdp_events WHERE id = 'qusayr-ground-assault-2013-05-19'") \
            == [(128, 131, 134)]
    finally:
        back.close()


def test_a_file_a_spreadsheet_saved_again_is_read_with_a_warning(tmp_path):
    """Semicolons and Windows-1252, as a spreadsheet program in some locales saves a CSV."""
    import csv

    from etl.ingest.acled_ucdp import read_file

    with ACLED.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    table[4][table[0].index("location")] = "Invented Town Hamá"
    resaved = tmp_path / "acled_resaved.csv"
    with resaved.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(table)
    warnings = []
    dataset, read = read_file(resaved, warnings)
    assert dataset == "acled" and len(read) == 4
    assert any("Windows-1252" in w.message for w in warnings)
    assert any(r["location"] == "Invented Town Hamá" for r in read)
