"""The fact base built from the seeds: claims with bounds and claimants, comparisons, events."""
from datetime import date

from tests.conftest import rows


def claim(db, evidence_start):
    return rows(db, """SELECT kind, low, high, qualifier, claimant, alignment, victim_class,
                              date_start, place_id
                       FROM claim_overview WHERE starts_with(evidence, ?)""", evidence_start)


def test_casualty_claims_with_bounds_and_claimants(db):
    assert claim(db, "At least 58 Qusayr residents") == [
        ("killed", 58, None, "At least", "Hadi al-Abdallah", "opposition", "mixed", date(2013, 5, 19), "al-qusayr")]
    assert claim(db, "over 600 wounded") == [
        ("wounded", 600, None, "over", "Hadi al-Abdallah", "opposition", "mixed", date(2013, 5, 19), "al-qusayr")]
    assert claim(db, "He also claimed some 30 Hezbollah") == [
        ("killed", 27, 33, "some", "Hadi al-Abdallah", "opposition", "foreign fighters", None, "al-qusayr")]
    assert claim(db, "Syrian state TV reported 100") == [
        ("killed", 100, 100, None, "Syrian state media", "pro-government", "opposition fighters", None, "al-qusayr")]
    assert rows(db, "SELECT kind, low, high, claimant, victim_group FROM claim_overview WHERE figure_text = 'up to 1,000'") == [
        ("trapped", None, 1000, "Opposition sources (unnamed)", "wounded civilians")]
    # 004: a figure that is two things takes the situation as its kind and keeps the condition.
    assert rows(db, "SELECT kind, victim_group, low, high, claimant FROM claim_overview WHERE figure_text = 'as many as 1,500'") == [
        ("trapped", "wounded", None, 1500, "Humanitarian agencies (unnamed)")]


def test_unattributed_figures_are_the_outlets_not_the_credited_wire(db):
    # 004 opens with an "Agence France-Presse" credit line; the 20,000 figure is GlobalPost's own.
    assert rows(db, "SELECT claimant, claimant_kind FROM claim_overview WHERE figure_text = 'As many as 20,000'") == [
        ("GlobalPost", "newspaper")]
    assert rows(db, "SELECT claimant FROM claim_overview WHERE figure_text = 'more than 20,000'") == [("Atlantic Sentinel",)]


def test_civilians_inside_qusayr_compared(db):
    claims = rows(db, """SELECT claimant, alignment, figure_text, low, high
                         FROM comparison_claims WHERE comparison_group = 'civilians inside Qusayr' ORDER BY as_of""")
    assert claims == [
        ("Atlantic Sentinel", "international", "more than 20,000", 20000, None),
        ("Muhammad Radwan Raad", "opposition", "40,000", 40000, 40000),
        ("GlobalPost", "international", "As many as 20,000", None, 20000),
    ]
    assert rows(db, "SELECT lowest, highest, spread, claimants, alignments FROM comparisons "
                    "WHERE comparison_group = 'civilians inside Qusayr'") == [(20000, 40000, 2.0, 3, ["international", "opposition"])]


def test_wounded_trapped_compared(db):
    assert rows(db, "SELECT lowest, highest, spread, claimants FROM comparisons "
                    "WHERE comparison_group = 'wounded trapped in Qusayr'") == [(1000, 1500, 1.5, 2)]


def test_event_rollup_with_field_conventions(db):
    # Three quantities, added up: some 30 Hezbollah fighters (27-33, Hadi al-Abdallah), one Hezbollah
    # corpse in an opposition video (1) and 100 opposition militants (state TV).
    assert rows(db, """SELECT acled_fatalities, ucdp_low, ucdp_best, ucdp_high, quantities, claimants FROM event_casualty_rollup
                       WHERE event_id = 'qusayr-ground-assault-2013-05-19' AND kind = 'killed'""") == [(128, 128, 131.0, 134, 3, 3)]
    # Sunday's strikes: at least 58 residents killed; the open bound leaves the stated figure as the high.
    assert rows(db, """SELECT acled_fatalities, ucdp_best, ucdp_high FROM event_casualty_rollup
                       WHERE event_id = 'qusayr-air-artillery-strikes-2013-05-19' AND kind = 'killed'""") == [(58, 58.0, 58)]


def test_contested_events_record_both_sides(db):
    contested = {r[0]: (r[1], r[2]) for r in rows(db, "SELECT event_id, asserted_by, denied_by FROM contested_events")}
    assert contested["qusayr-capture-of-central-square-claimed"] == (
        ["Syrian army"], ["Ahmad al-Qusayr", "Opposition sources (unnamed)"])
    assert contested["qusayr-civilians-warned-2013-05-11"] == (["Syrian government sources"], ["Opposition sources (unnamed)"])
    assert rows(db, "SELECT stance, count(*) FROM event_reports WHERE event_id = 'qusayr-capture-of-central-square-claimed' "
                    "GROUP BY stance ORDER BY stance") == [("asserts", 1), ("denies", 2)]


def test_one_event_reported_by_several_documents(db):
    # The ground assault: "on Sunday" (002), "some two weeks ago" (000, a range), "on May 19" (004).
    assert rows(db, "SELECT date_start, date_end, date_precision, event_type, sub_event_type FROM events "
                    "WHERE event_id = 'qusayr-ground-assault-2013-05-19'") == [
        (date(2013, 5, 19), date(2013, 5, 19), "day", "Battles", "Armed clash")]
    assert rows(db, "SELECT list_sort(list(DISTINCT doc_id)) FROM event_reports WHERE event_id = 'qusayr-ground-assault-2013-05-19'") == [
        (["000_32a2745981170ec0", "002_996f98365809a89b", "004_90573b398f18ee08"],)]
    assert rows(db, "SELECT date_start, date_end, date_precision FROM event_reports "
                    "WHERE event_id = 'qusayr-ground-assault-2013-05-19' AND doc_id LIKE '000%'") == [
        (date(2013, 4, 14), date(2013, 5, 20), "month")]


def test_counted_things_apart_from_tolls(db):
    counted = dict(rows(db, "SELECT figure_text, low FROM counted_things"))
    assert counted["30"] == 30 and counted["Ten"] == 10 and counted["half a dozen"] == 6
    assert counted["several hundred"] == 300 and counted["three"] == 3
    assert rows(db, "SELECT count(*) FROM claims WHERE figure_text IN ('30', 'Ten', 'half a dozen', 'several hundred')") == [(0,)]


def test_evidence_round_trip(db, seed_db):
    assert rows(db, "SELECT * FROM evidence_mismatches") == []
    texts = dict(rows(db, "SELECT doc_id, text FROM documents"))
    for table in ("claims", "event_reports", "counted_things"):
        for doc_id, start, end, evidence, s_start, s_end, sentence in rows(
                db, f"SELECT doc_id, char_start, char_end, evidence, sentence_start, sentence_end, sentence FROM {table}"):
            assert texts[doc_id][start:end] == evidence
            assert texts[doc_id][s_start:s_end] == sentence and s_start <= start and end <= s_end
    for doc_id, start, end, claimant_text in rows(db, "SELECT doc_id, claimant_start, claimant_end, claimant_text "
                                                      "FROM claims WHERE claimant_text IS NOT NULL"):
        assert texts[doc_id][start:end] == claimant_text


def test_every_figure_of_the_seeds_is_a_claim(db):
    assert rows(db, "SELECT count(*) FROM claims") == [(12,)]
    assert rows(db, "SELECT list_sort(list(figure_text)) FROM claims") == [(sorted([
        "Hundreds", "thousands", "more than 20,000", "up to 1,000", "At least 58", "over 600", "some 30", "100",
        "40,000", "As many as 20,000", "as many as 1,500", "an"]),)]


def test_acled_fatalities_count_only_the_dead(db):
    # ACLED's lowest figure is given for every kind of toll, but only the killed are fatalities.
    by_kind = rows(db, "SELECT kind, acled_lowest, acled_fatalities FROM event_casualty_rollup ORDER BY ALL")
    assert {kind for kind, *_ in by_kind} > {"killed"}, "the seeds have tolls of other kinds"
    for kind, lowest, fatalities in by_kind:
        assert fatalities == (lowest if kind == "killed" else None), kind
