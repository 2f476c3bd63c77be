"""The questions pages ask of the warehouse: each selects from the views and macros of
warehouse/views.sql, where the data model is defined once (the field's conventions, roll-ups, the
shared filters), and only filters, orders and limits. Pages get small frames; dashboard/formatting.py
writes them for a reader.

Every function that takes a `Filters` hands them to the warehouse's filter macros (filtered_events,
filtered_claims and the roll-ups made of them), which `python -m etl export` reads too: a file
exported with the same filters holds the rows a page shows.
"""
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.data import query, warehouse_signature
from etl import review


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(sql: str, signature, params: tuple = ()) -> pd.DataFrame:
    return query(sql, list(params))


def _run(sql: str, *params) -> pd.DataFrame:
    # The warehouse signature is part of the cache key: a rebuilt warehouse is a new cache entry.
    return _cached(sql, warehouse_signature(), params)


# The filter macros' arguments by name (from_day := ?, ...), as the export command passes them.
FILTERED = review.FILTERED


def _filter_values(filters, until: date | None = None) -> list:
    """The filters as the macros' arguments (an empty list does not filter); `until` ends the range early."""
    return review.filter_arguments((filters or review.Filters()).ending_by(until))


# --- What the warehouse holds ------------------------------------------------------------------

def holdings() -> dict:
    return _run("SELECT * FROM holdings").iloc[0].to_dict()


def date_span() -> tuple[date, date] | None:
    """The days the date filter offers: from the first to the last day of any event or claim."""
    row = _run("SELECT span_start, span_end FROM holdings").iloc[0]
    if pd.isna(row.span_start):
        return None
    return row.span_start.date(), row.span_end.date()


def filter_choices() -> dict[str, pd.DataFrame]:
    """What the shared filters offer: only places and actors that something refers to."""
    return {
        "places": _run("""
            SELECT place_id, name FROM places
            WHERE place_id IN (SELECT place_id FROM events UNION SELECT place_id FROM claims)
            ORDER BY name"""),
        "actors": _run("""
            SELECT actor_id, name FROM actors
            WHERE actor_id IN (SELECT actor_id FROM event_actors UNION SELECT actor_id FROM sources)
            ORDER BY name"""),
        "alignments": _run("SELECT DISTINCT alignment FROM sources ORDER BY alignment"),
    }


def document_choices(chosen: tuple[str, ...], words: str, limit: int) -> pd.DataFrame:
    """What the document filter offers: the documents already chosen, then the first `limit` in
    publication order whose title or outlet holds `words` (any case; all documents without words). A
    warehouse of a million claims has hundreds of thousands of documents: a list of them all would
    cost every page seconds, and no reader scrolls it."""
    return _run("""
        (SELECT doc_id, outlet, published_on, published_precision, title FROM documents
         WHERE list_contains(?, doc_id))
        UNION
        (SELECT doc_id, outlet, published_on, published_precision, title FROM documents
         WHERE ? = '' OR contains(lower(coalesce(title, '') || ' ' || coalesce(outlet, '')), lower(?))
         ORDER BY published_on NULLS LAST, doc_id LIMIT ?)
        ORDER BY published_on NULLS LAST, doc_id
    """, list(chosen), words, words, limit)


def _chosen_documents(filters) -> tuple[str, list]:
    """The WHERE condition on document_overview for the documents the filters choose, and its arguments."""
    chosen = list(filters.documents) if filters else []
    return ("list_contains(?, doc_id)", [chosen]) if chosen else ("TRUE", [])


def documents(filters=None, first: int | None = None, last: int | None = None) -> pd.DataFrame:
    """The documents the filters choose, in publication order; only rows `first` to `last` (1-based,
    inclusive) where they are given."""
    where, arguments = _chosen_documents(filters)
    page = [last - first + 1, first - 1] if first else []
    return _run(f"""
        SELECT doc_id, title, outlet, published_on, published_precision, outlet_alignment, authors, url, char_count,
               claims, event_reports
        FROM document_overview
        WHERE {where}
        ORDER BY published_on NULLS LAST, doc_id
        {"LIMIT ? OFFSET ?" if page else ""}
    """, *arguments, *page)


def document_count(filters=None) -> int:
    where, arguments = _chosen_documents(filters)
    return int(_run(f"SELECT count(*) AS n FROM document_overview WHERE {where}", *arguments).n.iloc[0])


# --- Events ------------------------------------------------------------------------------------

_EVENTS = f"""
    SELECT e.event_id, e.date_start, e.date_end, e.date_precision, e.event_type, e.sub_event_type,
           e.place_id, e.place_name, e.latitude, e.longitude, e.where_prec, e.summary,
           e.reports, e.documents, e.claimants, e.contested, e.asserted_by, e.denied_by
    FROM filtered_events({FILTERED}) e"""


def events(filters) -> pd.DataFrame:
    return _run(f"{_EVENTS} ORDER BY e.date_start NULLS LAST, e.event_id", *_filter_values(filters))


def change_days(filters) -> list[date]:
    """The days on which a dated event the filters keep starts or ends, in order: what the Map replays."""
    return [day.date() for day in _run(f"""
        SELECT DISTINCT day FROM (SELECT unnest([date_start, date_end]) AS day FROM filtered_events({FILTERED}))
        WHERE day IS NOT NULL ORDER BY day""", *_filter_values(filters)).day]


def unplaced_events(filters) -> int:
    """How many events the filters keep have no place (the Map cannot draw them)."""
    return int(_run(f"SELECT count(*) AS n FROM filtered_events({FILTERED}) WHERE place_id IS NULL",
                    *_filter_values(filters)).n.iloc[0])


def placed_event_ids(filters, until: date | None = None) -> list[str]:
    """The events with a place the filters keep, those begun by `until` where it is given: the Map's events."""
    return list(_run(f"""
        SELECT event_id FROM filtered_events({FILTERED})
        WHERE place_id IS NOT NULL AND (CAST(? AS DATE) IS NULL OR date_start <= ?)
        ORDER BY date_start NULLS LAST, event_id""", *_filter_values(filters), until, until).event_id)


def event_days(filters) -> pd.DataFrame:
    """The days of the dated events the filters keep, in date order: what the Timeline cuts its pages by."""
    return _run(f"""
        SELECT event_id, date_start, date_end, date_precision FROM filtered_events({FILTERED})
        WHERE date_start IS NOT NULL ORDER BY date_start, event_id""", *_filter_values(filters))


def dated_events(filters, first: int, last: int) -> pd.DataFrame:
    """Rows `first` to `last` (1-based, inclusive) of the dated events the filters keep, in date order."""
    return _run(f"{_EVENTS} WHERE e.date_start IS NOT NULL ORDER BY e.date_start, e.event_id LIMIT ? OFFSET ?",
                *_filter_values(filters), last - first + 1, first - 1)


def dated_event_row(filters, event_id: str | None) -> int | None:
    """Where the event of this id stands (1-based) among the dated events the filters keep, in date order."""
    found = _run(f"""
        SELECT row FROM (SELECT event_id, row_number() OVER (ORDER BY date_start, event_id) AS row
                         FROM filtered_events({FILTERED}) WHERE date_start IS NOT NULL)
        WHERE event_id = ?""", *_filter_values(filters), event_id)
    return None if found.empty else int(found.row.iloc[0])


def undated_events(filters) -> pd.DataFrame:
    return _run(f"{_EVENTS} WHERE e.date_start IS NULL ORDER BY e.event_id", *_filter_values(filters))


def events_with_id(filters, event_id: str | None) -> pd.DataFrame:
    """The event of this id, where the filters keep it (no row otherwise)."""
    return _run(f"{_EVENTS} WHERE e.event_id = ?", *_filter_values(filters), event_id)


def event(event_id: str) -> dict | None:
    frame = _run("SELECT * FROM event_overview WHERE event_id = ?", event_id)
    return None if frame.empty else frame.iloc[0].to_dict()


def event_actors(event_id: str) -> pd.DataFrame:
    return _run("""
        SELECT a.name, ea.role, a.kind, a.side, a.actor_id
        FROM event_actors ea JOIN actors a USING (actor_id)
        WHERE ea.event_id = ? ORDER BY ea.role, a.name
    """, event_id)


def event_reports(event_id: str, first: int, last: int) -> pd.DataFrame:
    """Rows `first` to `last` (1-based, inclusive) of an event's reports, in publication order."""
    return _run("""
        SELECT s.name AS claimant, s.alignment, r.stance, r.evidence AS quote, r.sentence, r.claimant_text,
               r.date_text, d.outlet, d.published_on, d.published_precision, r.doc_id, r.char_start, r.char_end,
               r.report_id
        FROM event_reports r JOIN sources s ON s.source_id = r.claimant_id JOIN documents d USING (doc_id)
        WHERE r.event_id = ?
        ORDER BY d.published_on, r.doc_id, r.char_start, r.report_id
        LIMIT ? OFFSET ?
    """, event_id, last - first + 1, first - 1)


def event_tolls(event_id: str) -> pd.DataFrame:
    return _run("""
        SELECT r.kind, r.acled_lowest, r.ucdp_low, r.ucdp_best, r.ucdp_high, r.quantities, r.claimants,
               g.grade, g.grade_reason
        FROM event_casualty_rollup r
        LEFT JOIN toll_grades g ON g.scope = 'event toll' AND g.event_id = r.event_id AND g.kind = r.kind
        WHERE r.event_id = ? ORDER BY r.kind
    """, event_id)


def event_claims(event_id: str) -> pd.DataFrame:
    return _run("""
        SELECT claim_id, claimant, alignment, kind, victim_group, figure_text, range_text, sentence
        FROM claim_overview WHERE event_id = ? ORDER BY kind, claimant
    """, event_id)


# --- Places ------------------------------------------------------------------------------------

def map_places(filters, day: date | None = None) -> pd.DataFrame:
    """Per place (the macro place_activity): events and claims, up to `day` when replaying, with the latest
    events and claims themselves as lists (formatting.place_texts writes them out)."""
    return _run(f"SELECT * FROM place_activity({FILTERED}, on_day := ?)", *_filter_values(filters, until=day), day)


# --- Claims ------------------------------------------------------------------------------------

CLAIM_COLUMNS = """c.claim_id, c.comparison_group, c.claimant, c.claimant_kind, c.alignment, c.kind,
    c.victim_group, c.victim_class, c.figure_text, c.qualifier, c.low, c.high, c.range_text,
    c.lowest, c.highest, c.figure, c.as_of, c.as_of_until, c.as_of_precision, c.date_start, c.date_end,
    c.date_precision, c.date_text, c.place_name, c.event_id, c.event_summary, c.doc_id, c.document_title, c.outlet,
    c.published_on, c.evidence, c.sentence, c.sentence_start, c.char_start, c.char_end, c.claimant_text"""


def events_by_month(filters) -> pd.DataFrame:
    """How many events the filters keep start in each month, by event type (the Overview's chart)."""
    return _run(f"""
        SELECT date_trunc('month', date_start) AS month, event_type, count(*) AS events
        FROM filtered_events({FILTERED}) WHERE date_start IS NOT NULL
        GROUP BY ALL ORDER BY month, event_type
    """, *_filter_values(filters))


def group_claims(groups: tuple[str, ...]) -> pd.DataFrame:
    """Every claim of the given comparison groups (the table comparison_claims), whether it is its
    claimant's latest and why it is in the group."""
    return _run(f"""
        SELECT {CLAIM_COLUMNS}, c.group_reason, c.group_confidence, c.current
        FROM comparison_claims c
        WHERE list_contains(?, c.comparison_group)
        ORDER BY c.comparison_group, c.as_of, c.claimant
    """, list(groups))


def revisions(group: str) -> pd.DataFrame:
    """How one quantity's estimate moved, step by step (claim_revisions)."""
    return _run("""
        SELECT r.publication_step, r.as_of_step, r.claimant_step, r.claim_id, r.claimant, r.alignment,
               r.figure_text, r.range_text, r.lowest, r.best, r.highest, r.published_on, r.as_of,
               r.outlet, r.sentence, r.current, r.claimant_change, r.previous_step_best, r.previous_step_claimant,
               r.supersedes_figure
        FROM claim_revisions r WHERE r.comparison_group = ?
        ORDER BY r.publication_step
    """, group)


def track_record(filters=None) -> pd.DataFrame:
    """Each claimant's figures against the others', by kind of toll and whose dead (claimant_track_record);
    a claimant is listed when one of its claims matches the filters."""
    return _run(f"""
        SELECT t.claimant_id, t.claimant, t.alignment, t.kind, t.victim_side, t.groups, t.typical_ratio,
               t.lowest_ratio, t.highest_ratio, t.log_spread, t.ratio_low, t.ratio_high, t.leaning
        FROM claimant_track_record t
        WHERE t.claimant_id IN (SELECT claimant_id FROM filtered_claims({FILTERED}))
        ORDER BY t.victim_side, t.kind, t.typical_ratio DESC, t.claimant
    """, *_filter_values(filters))


def track_record_claims(claimant_id: str, kind: str, victim_side: str) -> pd.DataFrame:
    """The claims behind one track-record number: the claimant's figure in each group beside the others'."""
    return _run("""
        SELECT g.comparison_group, g.best, g.others_median, g.others, g.ratio, g.claim_id,
               c.figure_text, c.sentence, c.outlet, c.published_on, g.others_say
        FROM claimant_group_ratios g JOIN claim_overview c USING (claim_id)
        WHERE g.claimant_id = ? AND g.kind = ? AND g.victim_side = ?
        ORDER BY g.ratio DESC, g.comparison_group
    """, claimant_id, kind, victim_side)


def claims(filters) -> pd.DataFrame:
    return _run(f"SELECT {CLAIM_COLUMNS} FROM filtered_claims({FILTERED}) c ORDER BY c.as_of, c.claimant",
                *_filter_values(filters))


def claim(claim_id: str) -> dict | None:
    frame = _run(f"SELECT {CLAIM_COLUMNS} FROM claim_overview c WHERE c.claim_id = ?", claim_id)
    return None if frame.empty else frame.iloc[0].to_dict()


def contested_events(filters) -> pd.DataFrame:
    return _run(f"""
        SELECT e.event_id, e.date_start, e.date_end, e.date_precision, e.event_type, e.place_name, e.summary,
               e.asserted_by, e.denied_by
        FROM filtered_events({FILTERED}) e WHERE e.contested
        ORDER BY e.date_start, e.event_id
    """, *_filter_values(filters))


def contested_reports(event_ids: tuple[str, ...]) -> pd.DataFrame:
    return _run("""
        SELECT r.event_id, s.name AS claimant, s.alignment, r.stance, r.evidence AS quote, r.doc_id
        FROM event_reports r JOIN sources s ON s.source_id = r.claimant_id
        WHERE list_contains(?, r.event_id)
        ORDER BY r.event_id, r.stance, s.name
    """, list(event_ids))


# --- Actors ------------------------------------------------------------------------------------

def actors(filters) -> pd.DataFrame:
    return _run(f"SELECT * FROM actor_activity({FILTERED})", *_filter_values(filters))


def actor_events(actor_id: str, first: int, last: int) -> pd.DataFrame:
    """Rows `first` to `last` (1-based, inclusive) of the events an actor takes part in, in date order."""
    return _run("""
        SELECT e.event_id, e.date_start, e.date_end, e.date_precision, e.event_type, e.place_name, ea.role,
               e.summary, e.contested
        FROM event_actors ea JOIN event_overview e USING (event_id)
        WHERE ea.actor_id = ? ORDER BY e.date_start, e.event_id, ea.role
        LIMIT ? OFFSET ?
    """, actor_id, last - first + 1, first - 1)


def actor_event_count(actor_id: str) -> int:
    return int(_run("SELECT count(*) AS n FROM event_actors WHERE actor_id = ?", actor_id).n.iloc[0])


# --- Documents ---------------------------------------------------------------------------------

def document(doc_id: str) -> dict | None:
    frame = _run("""
        SELECT o.*, d.text FROM document_overview o JOIN documents d USING (doc_id) WHERE o.doc_id = ?
    """, doc_id)
    return None if frame.empty else frame.iloc[0].to_dict()


def document_parts(doc_id: str) -> pd.DataFrame:
    return _run("""
        SELECT part_no, kind, is_article, char_start, char_end FROM document_parts
        WHERE doc_id = ? ORDER BY char_start
    """, doc_id)


def document_facts(doc_id: str) -> pd.DataFrame:
    """Every fact of a document located at its evidence: claims, counts, event reports, mentions."""
    return _run("""
        SELECT fact_type, fact_id, char_start, char_end, label, sentence_start, sentence_end
        FROM document_facts WHERE doc_id = ?
        ORDER BY char_start, char_end DESC
    """, doc_id)


def documents_containing(text: str, limit: int) -> pd.DataFrame:
    """Documents whose text contains `text` (any case), with the text, so the page can place each hit."""
    return _run("""
        SELECT doc_id, title, outlet, published_on, published_precision, text FROM documents
        WHERE contains(lower(text), lower(?))
        ORDER BY published_on NULLS LAST, doc_id LIMIT ?
    """, text, limit)


def sentences_of(doc_id: str) -> pd.DataFrame:
    """The sentences that carry a fact, for a deployment that shows quotes only."""
    return _run("""
        SELECT DISTINCT sentence_start, sentence_end FROM document_facts
        WHERE doc_id = ? AND sentence_start IS NOT NULL
        ORDER BY sentence_start
    """, doc_id)


# --- Review ------------------------------------------------------------------------------------

def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain values (None for an empty cell, dates as dates), for building fact records."""
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{k: v.date() if isinstance(v, pd.Timestamp) else v.tolist() if isinstance(v, np.ndarray) else v
             for k, v in row.items()} for row in rows]


def review_documents(wanted: str | None, words: str, limit: int) -> pd.DataFrame:
    """What Review offers, with how many of each document's facts are the machine's, unconfirmed, and how many
    a person checked: the document `wanted` (a link's), then the first `limit` whose title or outlet holds
    `words` (all documents without words), those with machine facts to review first, in publication order."""
    return _run("""
        WITH offered AS (
            SELECT doc_id, file, title, coalesce(outlet, 'unknown outlet') AS outlet,
                   coalesce(outlet_source_id, '') AS outlet_source_id, published_on, published_precision, sha256,
                   machine_facts, checked_facts
            FROM document_overview)
        SELECT * FROM (
            (SELECT * FROM offered WHERE doc_id = ?)
            UNION
            (SELECT * FROM offered
             WHERE ? = '' OR contains(lower(coalesce(title, '') || ' ' || outlet), lower(?))
             ORDER BY machine_facts = 0, published_on NULLS LAST, doc_id LIMIT ?))
        ORDER BY machine_facts = 0, published_on NULLS LAST, doc_id
    """, wanted or "", words, words, limit)


def review_claims(doc_id: str) -> list[dict]:
    """A document's casualty claims with what a reviewer checks: bounds, claimant, date, place, sentence."""
    return _records(_run("""
        SELECT c.claim_id, c.method, c.confidence, c.kind, c.figure_text, c.low, c.high, c.range_text,
               c.victim_group, c.victim_class, c.claimant, c.claimant_id, c.claimant_text, c.date_text, c.date_start,
               c.date_end, c.date_precision, c.place_id, c.place_name, c.evidence, c.char_start, c.char_end,
               c.sentence, c.sentence_start, c.comparison_group, c.coded_at
        FROM claim_overview c WHERE c.doc_id = ?
        ORDER BY c.char_start, c.claim_id
    """, doc_id))


def review_event_reports(doc_id: str) -> list[dict]:
    """A document's event reports with their event (type, date, place) and its actors."""
    return _records(_run("""
        SELECT r.report_id, r.event_id, r.method, r.confidence, r.stance, r.claimant_id, s.name AS claimant,
               r.evidence, r.char_start, r.char_end, r.claimant_text, r.date_text, r.coded_at,
               e.event_type, e.sub_event_type, e.method AS event_method, e.place_id, p.name AS place_name,
               e.date_start, e.date_end, e.date_precision, e.summary,
               (SELECT list({'actor_id': ea.actor_id, 'role': ea.role, 'name': a.name} ORDER BY ea.role, a.name)
                FROM event_actors ea JOIN actors a USING (actor_id) WHERE ea.event_id = r.event_id) AS actors
        FROM event_reports r JOIN sources s ON s.source_id = r.claimant_id JOIN events e USING (event_id)
        LEFT JOIN places p ON p.place_id = e.place_id
        WHERE r.doc_id = ?
        ORDER BY r.char_start, r.report_id
    """, doc_id))


def review_choices() -> dict[str, dict[str, str]]:
    """What a claimant, place, actor or event may be: the warehouse's sources, places, actors and checked events, by id."""
    sources = _run("SELECT source_id, name || ' (' || kind || ')' AS label FROM sources ORDER BY name")
    places = _run("SELECT place_id, name || coalesce(' (' || admin1 || ')', '') || ', ' || kind AS label "
                  "FROM places ORDER BY name, place_id")
    actors = _run("SELECT actor_id, name || ' (' || kind || ', ' || side || ')' AS label FROM actors ORDER BY name")
    # Only events a person coded or reviewed: their ids are the slugs written in the fact files.
    events = _run("SELECT event_id, event_type || ': ' || sub_event_type || ' · ' || coalesce(p.name, 'no place') || ' · '"
                  " || coalesce(CAST(date_start AS VARCHAR), 'undated') || ' · ' || event_id AS label"
                  " FROM events e LEFT JOIN places p USING (place_id) WHERE e.method <> 'machine'"
                  " ORDER BY date_start NULLS LAST, event_id")
    return {"sources": dict(zip(sources.source_id, sources.label)), "places": dict(zip(places.place_id, places.label)),
            "actors": dict(zip(actors.actor_id, actors.label)), "events": dict(zip(events.event_id, events.label))}


def review_group_claims() -> pd.DataFrame:
    """Every claim with its comparison group and why it is there, for moving and splitting groups."""
    return _run("""
        SELECT c.claim_id, c.doc_id, c.comparison_group, c.claimant, c.figure_text, c.kind, c.outlet,
               c.published_on, c.published_precision, m.reason, m.confidence, m.assigned_by
        FROM claim_overview c JOIN comparison_members m USING (claim_id)
        ORDER BY c.comparison_group, c.published_on, c.claimant, c.claim_id
    """)


# --- Dates as precisely as they are known ------------------------------------------------------

def claim_dates(claim_ids: tuple[str, ...]) -> pd.DataFrame:
    """When each claim was published and the day its figure refers to, each with its precision."""
    return _run("""
        SELECT claim_id, published_on, published_precision, as_of, as_of_precision
        FROM claim_overview WHERE list_contains(?, claim_id)
    """, list(claim_ids))


# --- Actors: who appears with whom, who is named where (the Actors page's matrices) -------------

def actor_pair_matrix(filters) -> pd.DataFrame:
    """The cells of the matrix of actors sharing events (the macro actor_pair_matrix): each pair both ways."""
    return _run(f"SELECT actor, with_actor, shared_events FROM actor_pair_matrix({FILTERED})", *_filter_values(filters))


def actor_document_mentions(actor_ids: tuple[str, ...], most: int) -> tuple[pd.DataFrame, int]:
    """How often each document names each of these actors (the view actor_mentions, pivoted): one row per
    actor, one column per document, headed by its doc_id, NULL where it names none; only the `most`
    documents that name them most often (a corpus of thousands would be a table of thousands of
    columns). With the number of documents that name any of them."""
    top = _run("""
        SELECT doc_id, count(*) OVER () AS naming FROM actor_mentions WHERE list_contains(?, actor_id)
        GROUP BY doc_id ORDER BY sum(mentions) DESC, doc_id LIMIT ?
    """, list(actor_ids), most)
    if top.empty:
        return pd.DataFrame(), 0
    # A PIVOT can take no parameter in its source or its IN list: the ids, read from the warehouse, are
    # written in as SQL strings.
    def strings(values) -> str:
        return ", ".join("'" + str(value).replace("'", "''") + "'" for value in values)
    frame = _run(f"""
        SELECT * EXCLUDE (actor_id) FROM (
            PIVOT (SELECT actor_id, actor, doc_id, mentions FROM actor_mentions
                   WHERE actor_id IN ({strings(actor_ids)}))
            ON doc_id IN ({strings(top.doc_id)}) USING CAST(sum(mentions) AS INTEGER)
            GROUP BY actor_id, actor)
        ORDER BY actor
    """)
    return frame, int(top.naming.iloc[0])


# --- The Claims page's lists, a page of ranks at a time (macros ranked_comparisons, claimant_group_cells) ---

RANKINGS = {"claimants": "claimants_rank", "disagreement": "disagreement_rank"}


def comparison_counts(filters) -> dict:
    """How many comparison groups have a claim the filters keep (`ranked`), and how many of them two or
    more claimants report (`compared`)."""
    frame = _run(f"SELECT count(*) AS ranked, count(*) FILTER (WHERE claimants >= 2) AS compared "
                 f"FROM ranked_comparisons({FILTERED})", *_filter_values(filters))
    return {key: int(value) for key, value in frame.iloc[0].items()}


def ranked_comparisons(filters, ranking: str, first: int, last: int) -> pd.DataFrame:
    """The comparison groups ranked `first` to `last` (1-based, inclusive) by `ranking`, a key of RANKINGS."""
    rank = RANKINGS[ranking]
    return _run(f"""
        SELECT *, {rank} AS rank FROM ranked_comparisons({FILTERED})
        WHERE {rank} BETWEEN ? AND ? ORDER BY {rank}
    """, *_filter_values(filters), first, last)


def comparison_group_names(filters, wanted: str | None, most: int) -> list[str]:
    """What the Claims page offers to open, of the comparison groups with a claim the filters keep: the `most`
    with most claimants, and the one `wanted` (a link's), in that order. A warehouse of a million claims has
    hundreds of thousands of groups: a box of them all would cost every visit seconds."""
    return list(_run(f"""
        SELECT comparison_group FROM ranked_comparisons({FILTERED})
        WHERE claimants_rank <= ? OR comparison_group = ? ORDER BY claimants_rank""",
                     *_filter_values(filters), most, wanted or "").comparison_group)


def group_summary(group: str) -> dict | None:
    """One comparison group as ranked_comparisons summarises it (unfiltered: a chosen group is shown whole)."""
    frame = _run("SELECT * FROM ranked_comparisons() WHERE comparison_group = ?", group)
    return None if frame.empty else frame.iloc[0].to_dict()


def claimant_matrix(filters, groups: tuple[str, ...]) -> pd.DataFrame:
    """Claimant × comparison group for these groups, pivoted in the warehouse: one row per claimant with a
    figure in any of them, one column per group (in the order given), NULL where it gives none."""
    if not groups:
        return pd.DataFrame(columns=["claimant", "alignment"])
    # The columns are named in the PIVOT (IN ...): a PIVOT that finds them in the data takes no parameters.
    return _run(f"""
        SELECT * EXCLUDE (claimant_id) FROM (
            PIVOT (SELECT claimant_id, claimant, alignment, comparison_group, figures
                   FROM claimant_group_cells({FILTERED}) WHERE list_contains(?, comparison_group))
            ON comparison_group IN ({", ".join("?" for _ in groups)}) USING first(figures)
            GROUP BY claimant_id, claimant, alignment)
        ORDER BY claimant, alignment
    """, *_filter_values(filters), list(groups), *groups)


def groups_reported_on_different_days(filters) -> list[str]:
    """The comparison groups with a claim the filters keep whose claims refer to more than one day, most
    claimants first."""
    return list(_run(f"""
        SELECT comparison_group FROM ranked_comparisons({FILTERED})
        WHERE first_as_of < last_as_of ORDER BY claimants_rank
    """, *_filter_values(filters)).comparison_group)
