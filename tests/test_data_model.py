"""The data model in SQL (warehouse/views.sql): each convention and each filter defined once, and read
the same by every view, page and export that shows it."""
from datetime import date

import pandas as pd
import pytest

from dashboard import formatting
from tests.conftest import rows

GROUP = "civilians inside Qusayr"


def test_the_fields_conventions_are_read_from_one_view(db):
    estimates = {r[0]: r[1:] for r in rows(db, "SELECT comparison_group, lowest, highest, spread FROM comparison_estimates")}
    assert estimates[GROUP] == (20000, 40000, 2.0)
    compared = {r[0]: r[1:] for r in rows(db, "SELECT comparison_group, lowest, highest, spread FROM comparisons")}
    side_by_side = {r[0]: r[1:] for r in rows(db, "SELECT DISTINCT comparison_group, group_lowest, group_highest, spread "
                                                  "FROM comparison_claims")}
    assert compared == side_by_side == estimates


def test_an_events_toll_is_the_sum_of_its_quantities(db):
    quantities = rows(db, """SELECT comparison_group, victim_class, lowest, best, highest, open_high FROM event_quantities
                             WHERE event_id = 'qusayr-ground-assault-2013-05-19' AND kind = 'killed'
                             ORDER BY comparison_group""")
    assert len(quantities) == 3 and sum(q[2] for q in quantities) == 128 and sum(q[4] for q in quantities) == 134
    summed = rows(db, """SELECT event_id, kind, sum(lowest), sum(best), sum(highest), count(*) FROM event_quantities
                         GROUP BY ALL ORDER BY ALL""")
    assert summed == rows(db, """SELECT event_id, kind, ucdp_low, ucdp_best, ucdp_high, quantities
                                 FROM event_casualty_rollup ORDER BY ALL""")
    # Sunday's strikes: "at least 58" is the highest figure, and it is open above.
    assert rows(db, """SELECT highest, open_high FROM event_quantities
                       WHERE event_id = 'qusayr-air-artillery-strikes-2013-05-19' AND kind = 'killed'""") == [(58, True)]


def test_a_figure_refers_to_its_days_else_to_its_publication(db):
    by_figure = {r[0]: r[1:] for r in rows(db, "SELECT figure_text, date_start, date_end, as_of, as_of_until, "
                                               "as_of_precision, published_on FROM claim_overview")}
    start, end, as_of, until, precision, _ = by_figure["At least 58"]
    assert (as_of, until, precision) == (start, end, "day") == (date(2013, 5, 19), date(2013, 5, 19), "day")
    start, end, as_of, until, precision, published_on = by_figure["40,000"]
    assert start is None and as_of == until == published_on


def _count(db, relation: str, **arguments) -> int:
    call = ", ".join(f"{name} := ?" for name in arguments)
    return rows(db, f"SELECT count(*) FROM {relation}({call})", *arguments.values())[0][0]


def test_a_filter_left_empty_or_null_does_not_filter(db):
    events = rows(db, "SELECT count(*) FROM event_overview")[0][0]
    claims = rows(db, "SELECT count(*) FROM claim_overview")[0][0]
    assert _count(db, "filtered_events") == _count(db, "filtered_events", place_ids=[], doc_ids=None) == events
    assert _count(db, "filtered_claims") == _count(db, "filtered_claims", actor_ids=[], source_alignments=None) == claims


def test_events_whose_days_overlap_the_range_are_kept(db):
    # The Baniyas killings are known to have happened between 1 and 19 May: days inside that range overlap them.
    days = rows(db, "SELECT date_start, date_end FROM events WHERE event_id = 'baniyas-massacre-2013-05'")[0]
    assert days == (date(2013, 5, 1), date(2013, 5, 19))
    kept = [r[0] for r in rows(db, "SELECT event_id FROM filtered_events(from_day := ?, to_day := ?)",
                                date(2013, 5, 10), date(2013, 5, 12))]
    assert "baniyas-massacre-2013-05" in kept
    assert "qusayr-ground-assault-2013-05-19" not in kept


@pytest.mark.parametrize("actor", ["hezbollah", "muhammad-radwan-raad"])
def test_claims_about_an_actors_events_and_by_those_speaking_for_it_are_kept(db, actor):
    speaking = {r[0] for r in rows(db, """SELECT claim_id FROM claim_overview c JOIN sources s ON s.source_id = c.claimant_id
                                          WHERE s.actor_id = ?""", actor)}
    about = {r[0] for r in rows(db, """SELECT c.claim_id FROM claim_overview c JOIN event_actors ea USING (event_id)
                                       WHERE ea.actor_id = ?""", actor)}
    kept = {r[0] for r in rows(db, "SELECT claim_id FROM filtered_claims(actor_ids := [?])", actor)}
    # Hezbollah takes part in the battle its dead are counted in; the opposition's spokesman Radwan Raad
    # speaks for himself, of no event.
    assert (about if actor == "hezbollah" else speaking) and kept == speaking | about


def test_filters_together_must_all_hold(db):
    # 002 has five opposition figures and state TV's; 001 has one opposition figure.
    both = _count(db, "filtered_claims", doc_ids=["002_996f98365809a89b"], source_alignments=["opposition"])
    assert both == 5
    assert both < min(_count(db, "filtered_claims", doc_ids=["002_996f98365809a89b"]),
                      _count(db, "filtered_claims", source_alignments=["opposition"]))


def test_place_activity_counts_what_the_filters_keep_and_what_is_under_way(db):
    places = {r[0]: r[1:] for r in rows(db, """SELECT place_id, events, claims, active_on_day, len(event_list), len(claim_list)
                                              FROM place_activity(to_day := ?, on_day := ?)""",
                                        date(2013, 5, 19), date(2013, 5, 19))}
    events = rows(db, """SELECT count(*) FROM filtered_events(to_day := ?) WHERE place_id = 'al-qusayr'""", date(2013, 5, 19))
    claims = rows(db, """SELECT count(*) FROM filtered_claims(to_day := ?) WHERE place_id = 'al-qusayr'""", date(2013, 5, 19))
    # the lists hold a place's latest ten (`listed`), the counts all of them
    assert places["al-qusayr"] == (events[0][0], claims[0][0], True, min(events[0][0], 10), min(claims[0][0], 10))
    assert "haidariyeh" in places and not places["haidariyeh"][2]  # taken on the 14th, over by the 19th
    assert "salma" not in places  # the Latakia offensive of August had not begun


def test_holdings_span_every_event_and_claim(db):
    documents, claims, first_day, last_day, span_start, span_end = rows(
        db, "SELECT documents, claims, first_day, last_day, span_start, span_end FROM holdings")[0]
    assert (documents, claims) == (5, 12)
    assert span_start == min(first_day, rows(db, "SELECT min(as_of) FROM claim_overview")[0][0])
    assert span_end == max(last_day, rows(db, "SELECT max(as_of_until) FROM claim_overview")[0][0])


@pytest.mark.parametrize("start, until, precision, written", [
    (date(2013, 8, 4), date(2013, 8, 4), "day", "4 Aug 2013"),
    (date(2013, 5, 1), date(2013, 5, 1), "month", "May 2013"),  # a document known only to the month
    (date(2013, 5, 13), date(2013, 5, 19), "week", "13–19 May 2013"),
    (None, None, None, "undated"),
])
def test_the_days_a_figure_refers_to_are_written_no_more_precisely_than_known(start, until, precision, written):
    frame = pd.DataFrame({"as_of": [pd.Timestamp(start) if start else pd.NaT],
                          "as_of_until": [pd.Timestamp(until) if until else pd.NaT], "as_of_precision": [precision]})
    assert list(formatting.as_of_texts(frame).as_of_text) == [written]


def test_a_places_events_and_claims_are_written_one_a_line(db):
    places = pd.DataFrame({"name": ["Aleppo"], "events": [2], "claims": [1], "event_list": [[
        {"date_start": date(2013, 8, 4), "date_end": date(2013, 8, 4), "date_precision": "day", "summary": "Airport taken"},
        {"date_start": date(2013, 5, 1), "date_end": date(2013, 5, 31), "date_precision": "month", "summary": "Shelling"}]],
        "claim_list": [[{"claimant": "SOHR", "figure_text": "at least 12", "kind": "killed", "victim_group": "rebels"}]]})
    written = formatting.place_texts(places)
    assert written.loc[0, "what_happened"] == "4 Aug 2013: Airport taken\nMay 2013: Shelling"
    assert written.loc[0, "figures"] == "SOHR: at least 12 killed (rebels)"
    assert "event_list" not in written.columns and "event_list" in places.columns  # the query's frame is left as it was


def test_who_asserts_and_who_denies_an_event_are_lists_even_when_nobody_does(db):
    # An event only denied in the corpus has nobody asserting it: an empty list the page can write,
    # not a NULL (the Claims page's contested events once failed on one).
    assert rows(db, "SELECT count(*) FROM event_overview WHERE asserted_by IS NULL OR denied_by IS NULL") == [(0,)]
    assert rows(db, "SELECT count(*) FROM event_overview WHERE len(denied_by) = 0") != [(0,)]


def test_a_query_written_before_the_claims_table_was_renamed_reads_the_same_rows(db):
    # The table casualties is claims since 2026-12-06; the view casualties keeps the old names for old queries.
    old = rows(db, "SELECT casualty_id, source_id, count_low, count_high, figure_text FROM casualties ORDER BY 1")
    assert old == rows(db, "SELECT claim_id, claimant_id, low, high, figure_text FROM claims ORDER BY 1")
    assert len(old) == 12
    renamed = {"claim_id": "casualty_id", "claimant_id": "source_id", "low": "count_low", "high": "count_high"}
    columns = [name for name, *_ in db.execute("DESCRIBE claims").fetchall()]
    assert [name for name, *_ in db.execute("DESCRIBE casualties").fetchall()] == [renamed.get(c, c) for c in columns]
