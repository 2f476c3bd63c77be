"""The warehouse's rules (CHECK constraints of schema.sql, assertions of assertions.sql): a row that breaks
one is refused with a message naming the rule and the row, and the previous warehouse stays."""
import shutil

import duckdb
import pytest

from etl.core.errors import BuildError
from etl.load import rules
from etl.load.warehouse import write_warehouse
from tests.conftest import rows

TABLES = ["documents", "document_parts", "sources", "actors", "places", "mentions", "events", "event_actors",
          "event_reports", "claims", "comparison_groups", "comparison_members", "counted_things", "warnings",
          "build_info"]


@pytest.fixture(scope="module")
def seed_rows(seed_db) -> dict[str, list[dict]]:
    """The seed warehouse's rows, as the build hands them to the load step."""
    with duckdb.connect(str(seed_db), read_only=True) as connection:
        return {t: connection.execute(f"SELECT * FROM {t}").to_arrow_table().to_pylist() for t in TABLES}


@pytest.fixture
def previous(seed_db, tmp_path):
    """A warehouse already in place, which a refused build must leave as it was."""
    target = tmp_path / "warehouse.duckdb"
    shutil.copy(seed_db, target)
    return target


def _changed(seed_rows, table: str, key: str, value: str, **changes) -> dict[str, list[dict]]:
    tables = {name: list(found) for name, found in seed_rows.items()}
    tables[table] = [{**row, **changes} if row[key] == value else row for row in tables[table]]
    return tables


def _refused(target, tables) -> str:
    before = target.read_bytes()
    with pytest.raises(BuildError) as refused:
        write_warehouse(target, tables)
    assert target.read_bytes() == before  # the previous warehouse stays
    assert not list(target.parent.glob("*.tmp*"))  # and nothing half-written is left beside it
    return refused.value.message


def _claim(db, figure_text: str) -> str:
    return rows(db, "SELECT claim_id FROM claims WHERE figure_text = ?", figure_text)[0][0]


def test_bounds_out_of_order_are_refused_naming_the_rule_and_the_claim(seed_rows, previous, db):
    claim = _claim(db, "40,000")
    message = _refused(previous, _changed(seed_rows, "claims", "claim_id", claim, low=50000))
    assert "CHECK ((low <= high))" in message
    assert f"claim_id '{claim}'" in message and "low 50000" in message and "high 40000" in message


def test_a_figure_outside_its_bounds_and_a_negative_count_are_refused(seed_rows, previous, db):
    claim = _claim(db, "At least 58")
    message = _refused(previous, _changed(seed_rows, "claims", "claim_id", claim, figure=12))
    assert "(low <= figure)" in message and f"'{claim}'" in message
    message = _refused(previous, _changed(seed_rows, "claims", "claim_id", claim, low=-58, figure=-58))
    assert "(low >= 0)" in message and "low -58" in message


def test_an_unknown_date_precision_and_an_empty_quote_are_refused(seed_rows, previous):
    event = seed_rows["events"][0]["event_id"]
    message = _refused(previous, _changed(seed_rows, "events", "event_id", event, date_precision="fortnight"))
    assert "date_precision IN ('day', 'week', 'month', 'year')" in message and "'fortnight'" in message
    report = seed_rows["event_reports"][0]
    message = _refused(previous, _changed(seed_rows, "event_reports", "report_id", report["report_id"],
                                          char_end=report["char_start"]))
    assert "(char_start < char_end)" in message and f"report_id '{report['report_id']}'" in message


def test_a_stance_outside_the_vocabulary_is_refused_naming_the_rule(seed_rows, previous):
    report = seed_rows["event_reports"][0]["report_id"]
    message = _refused(previous, _changed(seed_rows, "event_reports", "report_id", report, stance="alleges"))
    assert message.startswith('the warehouse breaks the rule "Stances of event reports and roles of event actors '
                              'are those of vocabulary.yaml."')
    assert f"row_id '{report}'" in message and "value 'alleges'" in message


def test_a_claim_whose_claimant_is_no_source_is_refused(seed_rows, previous, db):
    claim = _claim(db, "40,000")
    message = _refused(previous, _changed(seed_rows, "claims", "claim_id", claim, claimant_id="nobody"))
    assert '"Every claimant, reporting source and outlet is a row of sources."' in message
    assert f"row_id '{claim}'" in message and "source_id 'nobody'" in message


def test_a_quote_that_is_not_the_text_at_its_offsets_is_refused(seed_rows, previous, db):
    claim = _claim(db, "40,000")
    message = _refused(previous, _changed(seed_rows, "claims", "claim_id", claim, evidence="40,001 trapped"))
    assert "Every quote, name and part is the document's text at its offsets" in message and f"'{claim}'" in message


def test_a_claim_in_another_groups_membership_is_refused(seed_rows, previous, db):
    claim = _claim(db, "40,000")
    other = rows(db, "SELECT comparison_group FROM comparison_groups WHERE comparison_group <> "
                     "(SELECT comparison_group FROM claims WHERE claim_id = ?) AND kind = 'trapped'", claim)[0][0]
    message = _refused(previous, _changed(seed_rows, "comparison_members", "claim_id", claim, comparison_group=other))
    assert "Every casualty claim is in exactly one comparison group" in message
    assert f"claim_id '{claim}'" in message and f"member_of {other!r}" in message


def test_a_warehouse_without_events_is_sound(seed_rows, previous):
    # Claims tied to no event, and no event at all: an empty reference is no broken one.
    tables = {name: list(found) for name, found in seed_rows.items()}
    for table in ("events", "event_reports", "event_actors"):
        tables[table] = []
    for table in ("claims", "counted_things", "comparison_groups"):
        tables[table] = [{**row, "event_id": None} for row in tables[table]]
    write_warehouse(previous, tables)
    with duckdb.connect(str(previous), read_only=True) as connection:
        assert rows(connection, "SELECT count(*) FROM events") == [(0,)]
        assert rows(connection, "SELECT count(*) FROM claims") == [(len(seed_rows["claims"]),)]


def test_rows_loaded_a_few_at_a_time_make_the_same_warehouse(seed_rows, previous, monkeypatch, db):
    # A large corpus's tables are handed to DuckDB a chunk at a time, from generators: the warehouse is
    # the one all rows at once make, and a broken row in a later chunk still refuses the whole build.
    from etl.load import warehouse
    monkeypatch.setattr(warehouse, "LOAD_CHUNK_ROWS", 3)
    claim = _claim(db, "40,000")
    last = _changed(seed_rows, "claims", "claim_id", claim, low=50000)
    assert [row["claim_id"] for row in last["claims"]].index(claim) >= 3  # not in the first chunk
    _refused(previous, {name: iter(found) for name, found in last.items()})
    counts = write_warehouse(previous, {name: iter(found) for name, found in seed_rows.items()})
    assert counts == {name: len(found) for name, found in seed_rows.items()}
    with duckdb.connect(str(previous), read_only=True) as connection:
        for table in TABLES:
            assert connection.execute(f"SELECT * FROM {table}").to_arrow_table().to_pylist() == seed_rows[table]


def test_every_assertion_states_its_rule_and_holds_on_the_seeds(seed_db):
    found = rules.assertions()
    assert len(found) >= 10
    assert all(a.rule.endswith(".") and a.sql.lstrip().upper().startswith("SELECT") for a in found)
    with duckdb.connect(str(seed_db), read_only=True) as connection:
        assert rules.broken_rules(connection) is None
