"""The rows a build puts aside on disk (etl/core/spill.py): read back whole, in the order asked for, and
never left behind."""
from datetime import date

from etl.core.spill import Spill


def test_rows_put_aside_come_back_whole_in_the_order_asked(tmp_path):
    rows = [{"claim_id": f"c-{n}", "date_start": date(2013, 5, 1 + n % 28), "actors": [("a", "b")], "low": n,
             "note": None} for n in range(45_000)]  # more than one chunk of the spill
    with Spill(tmp_path / "w.duckdb") as spill:
        keys = [spill.put("claims", row) for row in rows]
        order = sorted(keys, key=lambda k: rows[k]["claim_id"], reverse=True)[:30_000]
        assert list(spill.rows("claims", order)) == [rows[k] for k in order]
        assert list(spill.rows("claims", [])) == []


def test_the_spill_file_is_removed_and_a_killed_builds_is_cleared(tmp_path):
    with Spill(tmp_path / "w.duckdb") as spill:
        spill.put("claims", {"claim_id": "c-1"})
        assert list(tmp_path.iterdir())
    assert list(tmp_path.iterdir()) == []
    # What a killed build left (its process gone) goes with the next build's spill.
    leftover = tmp_path / ".w.duckdb.spill.tmp-999999999"
    leftover.write_bytes(b"half a database")
    (tmp_path / ".w.duckdb.spill.tmp-999999999.tmp").mkdir()
    with Spill(tmp_path / "w.duckdb"):
        assert not leftover.exists() and not (tmp_path / ".w.duckdb.spill.tmp-999999999.tmp").exists()
    assert list(tmp_path.iterdir()) == []
