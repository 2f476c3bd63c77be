"""The questions pages ask of the warehouse. Aggregation happens in DuckDB; pages get small frames.

Every function that takes a `Filters` applies the shared filters the same way:
- events: dates overlap the range; at one of the places; one of the actors takes part; reported
  by a source of one of the alignments; reported in one of the documents;
- claims: the date the figure refers to (else the publication date) lies in the range; at one of
  the places; about an event one of the actors takes part in, or made by one of them; made by a
  source of one of the alignments; made in one of the documents.
"""
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.data import query, warehouse_signature
from dashboard.formatting import when


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(sql: str, signature, params: tuple = ()) -> pd.DataFrame:
    return query(sql, list(params))


def _run(sql: str, *params) -> pd.DataFrame:
    # The warehouse signature is part of the cache key: a rebuilt warehouse is a new cache entry.
    return _cached(sql, warehouse_signature(), params)


# Each filter as a SQL condition on an event (alias {a} of event_overview) or a claim (alias {a} of
# claims); every ? is bound to the filter's value.
EVENT_CONDITIONS = {
    "date_from": "{a}.date_end >= ?",
    "date_to": "{a}.date_start <= ?",
    "places": "list_contains(?, {a}.place_id)",
    "actors": "EXISTS (SELECT 1 FROM event_actors fa WHERE fa.event_id = {a}.event_id AND list_contains(?, fa.actor_id))",
    "alignments": "EXISTS (SELECT 1 FROM event_reports fr JOIN sources fs USING (source_id)"
                  " WHERE fr.event_id = {a}.event_id AND list_contains(?, fs.alignment))",
    "documents": "EXISTS (SELECT 1 FROM event_reports fr WHERE fr.event_id = {a}.event_id AND list_contains(?, fr.doc_id))",
}
CLAIM_CONDITIONS = {
    "date_from": "coalesce({a}.date_end, {a}.as_of) >= ?",
    "date_to": "{a}.as_of <= ?",
    "places": "list_contains(?, {a}.place_id)",
    "actors": "(EXISTS (SELECT 1 FROM event_actors fa WHERE fa.event_id = {a}.event_id AND list_contains(?, fa.actor_id))"
              " OR EXISTS (SELECT 1 FROM sources fs WHERE fs.source_id = {a}.source_id AND list_contains(?, fs.actor_id)))",
    "alignments": "list_contains(?, {a}.alignment)",
    "documents": "list_contains(?, {a}.doc_id)",
}


def _conditions(filters, templates: dict[str, str], alias: str) -> tuple[str, list]:
    sql, params = [], []
    for field, template in templates.items():
        value = getattr(filters, field)
        if value:
            sql.append(template.format(a=alias))
            params += [list(value) if isinstance(value, tuple) else value] * template.count("?")
    return " AND ".join(sql) or "TRUE", params


def event_conditions(filters, alias: str = "e") -> tuple[str, list]:
    return _conditions(filters, EVENT_CONDITIONS, alias)


def claim_conditions(filters, alias: str = "c") -> tuple[str, list]:
    return _conditions(filters, CLAIM_CONDITIONS, alias)


# --- What the warehouse holds ------------------------------------------------------------------

def holdings() -> dict:
    row = _run("""
        SELECT (SELECT count(*) FROM documents) AS documents,
               (SELECT count(DISTINCT source_id) FROM (SELECT source_id FROM casualties UNION ALL
                   SELECT source_id FROM event_reports UNION ALL SELECT outlet_source_id FROM documents)
                WHERE source_id IS NOT NULL) AS sources,
               (SELECT count(*) FROM casualties) AS claims,
               (SELECT count(*) FROM events) AS events,
               (SELECT count(*) FROM event_reports) AS reports,
               (SELECT count(*) FROM contested_events) AS contested,
               (SELECT min(date_start) FROM events) AS first_day,
               (SELECT max(date_end) FROM events) AS last_day
    """)
    return row.iloc[0].to_dict()


def date_span() -> tuple[date, date] | None:
    row = _run("""
        SELECT least(min(e.date_start), (SELECT min(as_of) FROM claims)) AS first_day,
               greatest(max(e.date_end), (SELECT max(coalesce(date_end, as_of)) FROM claims)) AS last_day
        FROM events e
    """).iloc[0]
    if pd.isna(row.first_day):
        return None
    return row.first_day.date(), row.last_day.date()


def filter_options() -> dict[str, dict[str, str]]:
    """Choices for the shared filters: only places and actors that something refers to."""
    places = _run("""
        SELECT place_id, name FROM places
        WHERE place_id IN (SELECT place_id FROM events UNION SELECT place_id FROM casualties)
        ORDER BY name
    """)
    actors = _run("""
        SELECT actor_id, name FROM actors
        WHERE actor_id IN (SELECT actor_id FROM event_actors UNION SELECT actor_id FROM sources)
        ORDER BY name
    """)
    alignments = _run("SELECT DISTINCT alignment FROM sources ORDER BY alignment")
    documents = _run("""
        SELECT doc_id, coalesce(outlet, 'unknown outlet') || ', ' || coalesce(strftime(published_on, '%Y-%m-%d'), 'undated')
               || ': ' || title AS label
        FROM documents ORDER BY published_on NULLS LAST, doc_id
    """)
    return {
        "places": dict(zip(places.place_id, places.name)),
        "actors": dict(zip(actors.actor_id, actors.name)),
        "alignments": {a: a for a in alignments.alignment},
        "documents": dict(zip(documents.doc_id, documents.label)),
    }


def documents(filters=None) -> pd.DataFrame:
    doc_filter = "TRUE" if not filters or not filters.documents else "list_contains(?, d.doc_id)"
    params = [list(filters.documents)] if filters and filters.documents else []
    return _run(f"""
        SELECT d.doc_id, d.title, d.outlet, d.published_on, d.published_precision, s.alignment AS outlet_alignment,
               d.authors, d.url, d.char_count,
               (SELECT count(*) FROM casualties c WHERE c.doc_id = d.doc_id) AS claims,
               (SELECT count(*) FROM event_reports r WHERE r.doc_id = d.doc_id) AS event_reports
        FROM documents d LEFT JOIN sources s ON s.source_id = d.outlet_source_id
        WHERE {doc_filter}
        ORDER BY d.published_on NULLS LAST, d.doc_id
    """, *params)


# --- Events ------------------------------------------------------------------------------------

def events(filters) -> pd.DataFrame:
    where, params = event_conditions(filters)
    return _run(f"""
        SELECT e.event_id, e.date_start, e.date_end, e.date_precision, e.event_type, e.sub_event_type,
               e.place_id, e.place_name, e.latitude, e.longitude, e.where_prec, e.summary,
               e.reports, e.documents, e.sources, e.contested, e.asserted_by, e.denied_by,
               (SELECT string_agg(a.name, ', ' ORDER BY a.name) FROM event_actors ea JOIN actors a USING (actor_id)
                WHERE ea.event_id = e.event_id) AS actors
        FROM event_overview e
        WHERE {where}
        ORDER BY e.date_start NULLS LAST, e.event_id
    """, *params)


def event(event_id: str) -> dict | None:
    frame = _run("SELECT * FROM event_overview WHERE event_id = ?", event_id)
    return None if frame.empty else frame.iloc[0].to_dict()


def event_actors(event_id: str) -> pd.DataFrame:
    return _run("""
        SELECT a.name, ea.role, a.kind, a.side, a.actor_id
        FROM event_actors ea JOIN actors a USING (actor_id)
        WHERE ea.event_id = ? ORDER BY ea.role, a.name
    """, event_id)


def event_reports(event_id: str) -> pd.DataFrame:
    return _run("""
        SELECT s.name AS source, s.alignment, r.stance, r.evidence AS quote, r.sentence, r.claimant_text,
               r.date_text, d.outlet, d.published_on, r.doc_id, r.char_start, r.char_end, r.report_id
        FROM event_reports r JOIN sources s USING (source_id) JOIN documents d USING (doc_id)
        WHERE r.event_id = ?
        ORDER BY d.published_on, r.doc_id, r.char_start
    """, event_id)


def event_tolls(event_id: str) -> pd.DataFrame:
    return _run("""
        SELECT r.kind, r.acled_fatalities, r.ucdp_low, r.ucdp_best, r.ucdp_high, r.quantities, r.sources,
               g.grade, g.grade_reason
        FROM event_casualty_rollup r
        LEFT JOIN toll_grades g ON g.scope = 'event toll' AND g.event_id = r.event_id AND g.kind = r.kind
        WHERE r.event_id = ? ORDER BY r.kind
    """, event_id)


def event_claims(event_id: str) -> pd.DataFrame:
    return _run("""
        SELECT casualty_id, claimant, alignment, kind, victim_group, figure_text, range_text, sentence
        FROM claims WHERE event_id = ? ORDER BY kind, claimant
    """, event_id)


# --- Places ------------------------------------------------------------------------------------

def map_places(filters, day: date | None = None) -> pd.DataFrame:
    """Per place: events and claims (up to `day` when replaying), the commonest event type, what happened."""
    event_where, event_params = event_conditions(filters)
    claim_where, claim_params = claim_conditions(filters)
    replay = [] if day is None else [day]
    day_events = "TRUE" if day is None else "e.date_start <= ?"
    day_claims = "TRUE" if day is None else "c.as_of <= ?"
    active = "FALSE" if day is None else "bool_or(e.date_start <= ? AND e.date_end >= ?)"
    params = event_params + replay + claim_params + replay + replay * 2
    return _run(f"""
        WITH ev AS (
            SELECT e.* FROM event_overview e WHERE {event_where} AND {day_events} AND e.place_id IS NOT NULL
        ),
        cl AS (
            SELECT c.* FROM claims c WHERE {claim_where} AND {day_claims} AND c.place_id IS NOT NULL
        ),
        per_place_events AS (
            SELECT e.place_id, count(*) AS events, mode(e.event_type) AS main_type,
                   bool_or(e.contested) AS contested, {active} AS active_on_day,
                   string_agg(CASE e.date_precision WHEN 'year' THEN strftime(e.date_start, '%Y')
                                   WHEN 'month' THEN strftime(e.date_start, '%b %Y')
                                   WHEN 'week' THEN 'week of ' || strftime(e.date_start, '%d %b %Y')
                                   ELSE coalesce(strftime(e.date_start, '%d %b %Y'), 'undated') END
                              || ': ' || e.summary, '\n'
                              ORDER BY e.date_start) AS what_happened
            FROM ev e GROUP BY e.place_id
        ),
        per_place_claims AS (
            SELECT c.place_id, count(*) AS claims,
                   string_agg(c.claimant || ': ' || c.figure_text || ' ' || c.kind || ' (' || c.victim_group || ')', '\n'
                              ORDER BY c.as_of) AS figures
            FROM cl c GROUP BY c.place_id
        )
        SELECT p.place_id, p.name, p.latitude, p.longitude, p.where_prec, p.kind AS place_kind,
               coalesce(e.events, 0) AS events, coalesce(c.claims, 0) AS claims,
               coalesce(e.main_type, 'claims only') AS main_type, coalesce(e.contested, FALSE) AS contested,
               coalesce(e.active_on_day, FALSE) AS active_on_day,
               coalesce(e.what_happened, '') AS what_happened, coalesce(c.figures, '') AS figures
        FROM places p
        LEFT JOIN per_place_events e USING (place_id)
        LEFT JOIN per_place_claims c USING (place_id)
        WHERE e.events IS NOT NULL OR c.claims IS NOT NULL
        ORDER BY events DESC, claims DESC, p.name
    """, *params)


# --- Claims ------------------------------------------------------------------------------------

CLAIM_COLUMNS = """c.casualty_id, c.comparison_group, c.claimant, c.claimant_kind, c.alignment, c.kind,
    c.victim_group, c.victim_class, c.figure_text, c.qualifier, c.count_low, c.count_high, c.range_text,
    c.value_low, c.value_high, c.figure, c.as_of, c.as_of_precision, c.date_start, c.date_end, c.date_precision, c.date_text,
    c.place_name, c.event_id, c.event_summary, c.doc_id, c.document_title, c.outlet, c.published_on,
    c.evidence, c.sentence, c.sentence_start, c.char_start, c.char_end, c.claimant_text"""


def _as_of_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The date a figure refers to, written no more precisely than it is known."""
    frame["as_of_text"] = [when(row.as_of, row.date_end if not pd.isna(row.date_start) else None, row.as_of_precision)
                           for row in frame.itertuples()]
    return frame


def comparisons(filters=None, min_claimants: int = 2) -> pd.DataFrame:
    """Comparison groups with a claim that matches the filters (the group is then summarised whole)."""
    where, params = claim_conditions(filters) if filters else ("TRUE", [])
    return _run(f"""
        SELECT g.comparison_group, g.kind, g.claims, g.claimants, g.documents, g.min_figure, g.max_figure,
               g.spread, g.alignments, g.who_says_what, g.first_as_of, g.last_as_of,
               t.grade, t.grade_reason, e.lowest, e.best, e.highest, e.running_total
        FROM comparisons g
        JOIN toll_grades t ON t.scope = 'group' AND t.comparison_group = g.comparison_group
        JOIN comparison_estimates e ON e.comparison_group = g.comparison_group
        WHERE g.claimants >= ?
          AND g.comparison_group IN (SELECT c.comparison_group FROM claims c WHERE {where})
        ORDER BY g.spread DESC NULLS LAST, g.claimants DESC, g.comparison_group
    """, min_claimants, *params)


def group_claims(groups: tuple[str, ...]) -> pd.DataFrame:
    """Every claim of the given comparison groups, with the group's field conventions (one definition:
    the view comparison_estimates) and why the claim is in the group."""
    return _run(f"""
        SELECT {CLAIM_COLUMNS},
               e.lowest AS acled_lowest, e.lowest AS ucdp_low, e.best AS ucdp_best, e.highest AS ucdp_high,
               m.reason AS group_reason, m.confidence AS group_confidence, m.assigned_by AS grouped_by,
               r.current
        FROM claims c
        JOIN comparison_estimates e USING (comparison_group)
        JOIN comparison_members m USING (casualty_id)
        JOIN claim_revisions r USING (casualty_id)
        WHERE list_contains(?, c.comparison_group)
        ORDER BY c.comparison_group, c.as_of, c.claimant
    """, list(groups)).pipe(_as_of_text)


def revisions(group: str) -> pd.DataFrame:
    """How one quantity's estimate moved, step by step (the view claim_revisions)."""
    return _run("""
        SELECT r.publication_step, r.as_of_step, r.claimant_step, r.casualty_id, r.claimant, r.alignment,
               r.figure_text, r.range_text, r.value_low, r.value_best, r.value_high, r.published_on, r.as_of,
               r.outlet, r.sentence, r.current, r.claimant_change, r.previous_step_best, r.previous_step_claimant,
               (SELECT figure_text FROM casualties p WHERE p.casualty_id = r.supersedes) AS supersedes_figure
        FROM claim_revisions r WHERE r.comparison_group = ?
        ORDER BY r.publication_step
    """, group)


def track_record(filters=None) -> pd.DataFrame:
    """Each claimant's figures against the others', by kind of toll and whose dead (claimant_track_record);
    a claimant is listed when one of its claims matches the filters."""
    where, params = claim_conditions(filters) if filters else ("TRUE", [])
    return _run(f"""
        SELECT t.source_id, t.claimant, t.alignment, t.kind, t.victim_side, t.groups, t.typical_ratio,
               t.lowest_ratio, t.highest_ratio, t.log_spread, t.ratio_low, t.ratio_high, t.leaning
        FROM claimant_track_record t
        WHERE t.source_id IN (SELECT c.source_id FROM claims c WHERE {where})
        ORDER BY t.victim_side, t.kind, t.typical_ratio DESC, t.claimant
    """, *params)


def track_record_claims(source_id: str, kind: str, victim_side: str) -> pd.DataFrame:
    """The claims behind one track-record number: the claimant's figure in each group beside the others'."""
    return _run("""
        SELECT g.comparison_group, g.own_figure, g.others_median, g.others, g.ratio, g.casualty_id,
               c.figure_text, c.sentence, c.outlet, c.published_on,
               (SELECT string_agg(o.claimant || ': ' || o.figure_text, '; ' ORDER BY o.value_best)
                FROM claims o WHERE list_contains(g.others_claim_ids, o.casualty_id)) AS others_say
        FROM claimant_group_ratios g JOIN claims c USING (casualty_id)
        WHERE g.source_id = ? AND g.kind = ? AND g.victim_side = ?
        ORDER BY g.ratio DESC, g.comparison_group
    """, source_id, kind, victim_side)


def claims(filters) -> pd.DataFrame:
    where, params = claim_conditions(filters)
    return _as_of_text(_run(f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE {where} ORDER BY c.as_of, c.claimant", *params))


def claim(casualty_id: str) -> dict | None:
    frame = _run(f"SELECT {CLAIM_COLUMNS} FROM claims c WHERE c.casualty_id = ?", casualty_id)
    return None if frame.empty else _as_of_text(frame).iloc[0].to_dict()


def contested_events(filters) -> pd.DataFrame:
    where, params = event_conditions(filters)
    return _run(f"""
        SELECT e.event_id, e.date_start, e.date_end, e.date_precision, e.event_type, e.place_name, e.summary,
               e.asserted_by, e.denied_by
        FROM event_overview e WHERE e.contested AND {where}
        ORDER BY e.date_start, e.event_id
    """, *params)


def contested_reports(event_ids: tuple[str, ...]) -> pd.DataFrame:
    return _run("""
        SELECT r.event_id, s.name AS source, s.alignment, r.stance, r.evidence AS quote, r.doc_id
        FROM event_reports r JOIN sources s USING (source_id)
        WHERE list_contains(?, r.event_id)
        ORDER BY r.event_id, r.stance, s.name
    """, list(event_ids))


# --- Actors ------------------------------------------------------------------------------------

def actors(filters) -> pd.DataFrame:
    where, params = event_conditions(filters)
    doc_filter = "TRUE" if not filters.documents else "list_contains(?, m.doc_id)"
    doc_params = [list(filters.documents)] if filters.documents else []
    return _run(f"""
        WITH ev AS (SELECT e.event_id FROM event_overview e WHERE {where}),
        taking_part AS (
            SELECT ea.actor_id, count(DISTINCT ea.event_id) AS events,
                   string_agg(DISTINCT ea.role, ', ' ORDER BY ea.role) AS roles
            FROM event_actors ea JOIN ev USING (event_id) GROUP BY ea.actor_id
        ),
        mentioned AS (
            SELECT m.entity_id AS actor_id, count(*) AS mentions, count(DISTINCT m.doc_id) AS documents
            FROM mentions m WHERE m.entity_kind = 'actor' AND {doc_filter} GROUP BY m.entity_id
        ),
        speaking AS (
            SELECT s.actor_id, count(*) AS claims_made FROM casualties c JOIN sources s USING (source_id)
            WHERE s.actor_id IS NOT NULL GROUP BY s.actor_id
        )
        SELECT a.actor_id, a.name, a.kind, a.side, coalesce(t.events, 0) AS events, t.roles,
               coalesce(m.mentions, 0) AS mentions, coalesce(m.documents, 0) AS documents,
               coalesce(sp.claims_made, 0) AS claims_made
        FROM actors a
        LEFT JOIN taking_part t USING (actor_id)
        LEFT JOIN mentioned m USING (actor_id)
        LEFT JOIN speaking sp USING (actor_id)
        WHERE (t.events IS NOT NULL OR m.mentions IS NOT NULL)
          AND ({'TRUE' if not filters.actors else 'list_contains(?, a.actor_id)'})
        ORDER BY events DESC, mentions DESC, a.name
    """, *params, *doc_params, *([list(filters.actors)] if filters.actors else []))


def actor_mentions_by_document() -> pd.DataFrame:
    return _run("""
        SELECT a.name AS actor, coalesce(d.outlet, d.doc_id) || ' ' || coalesce(strftime(d.published_on, '%Y-%m-%d'), '')
               AS document, count(*) AS mentions
        FROM mentions m JOIN actors a ON a.actor_id = m.entity_id JOIN documents d USING (doc_id)
        WHERE m.entity_kind = 'actor'
        GROUP BY ALL ORDER BY actor, document
    """)


def actor_events(actor_id: str) -> pd.DataFrame:
    return _run("""
        SELECT e.event_id, e.date_start, e.date_end, e.date_precision, e.event_type, e.place_name, ea.role,
               e.summary, e.contested
        FROM event_actors ea JOIN event_overview e USING (event_id)
        WHERE ea.actor_id = ? ORDER BY e.date_start, e.event_id
    """, actor_id)


def actor_pairs(filters) -> pd.DataFrame:
    """Actors that take part in the same events: each pair once, with how many events they share."""
    where, params = event_conditions(filters)
    return _run(f"""
        WITH ev AS (SELECT e.event_id FROM event_overview e WHERE {where}),
        taking_part AS (SELECT DISTINCT ea.event_id, a.name FROM event_actors ea JOIN ev USING (event_id)
                        JOIN actors a USING (actor_id))
        SELECT x.name AS actor, y.name AS with_actor, count(*) AS shared_events
        FROM taking_part x JOIN taking_part y ON x.event_id = y.event_id AND x.name < y.name
        GROUP BY ALL ORDER BY shared_events DESC, actor, with_actor
    """, *params)


# --- Documents ---------------------------------------------------------------------------------

def document(doc_id: str) -> dict | None:
    frame = _run("""
        SELECT d.*, s.name AS outlet_name, s.alignment AS outlet_alignment
        FROM documents d LEFT JOIN sources s ON s.source_id = d.outlet_source_id WHERE d.doc_id = ?
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
        SELECT 'casualty claim' AS fact_type, casualty_id AS fact_id, char_start, char_end,
               claimant || ': ' || figure_text || ' ' || kind || ' (' || victim_group || ')' AS label,
               sentence_start, sentence_end
        FROM claims WHERE doc_id = ?
        UNION ALL
        SELECT 'counted thing', n.count_id, n.char_start, n.char_end,
               s.name || ': ' || n.figure_text || ' ' || n.what, n.sentence_start, n.sentence_end
        FROM counted_things n JOIN sources s USING (source_id) WHERE n.doc_id = ?
        UNION ALL
        SELECT 'event report', r.report_id, r.char_start, r.char_end,
               s.name || ' ' || r.stance || ': ' || e.summary, r.sentence_start, r.sentence_end
        FROM event_reports r JOIN sources s USING (source_id) JOIN events e USING (event_id) WHERE r.doc_id = ?
        UNION ALL
        SELECT m.entity_kind || ' mention', m.entity_id, m.char_start, m.char_end,
               coalesce(p.name, a.name, m.entity_id), NULL, NULL
        FROM mentions m LEFT JOIN places p ON m.entity_kind = 'place' AND p.place_id = m.entity_id
        LEFT JOIN actors a ON m.entity_kind = 'actor' AND a.actor_id = m.entity_id
        WHERE m.doc_id = ?
        ORDER BY char_start, char_end DESC
    """, doc_id, doc_id, doc_id, doc_id)


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
        SELECT DISTINCT sentence_start, sentence_end FROM (
            SELECT sentence_start, sentence_end FROM casualties WHERE doc_id = ?
            UNION ALL SELECT sentence_start, sentence_end FROM counted_things WHERE doc_id = ?
            UNION ALL SELECT sentence_start, sentence_end FROM event_reports WHERE doc_id = ?)
        ORDER BY sentence_start
    """, doc_id, doc_id, doc_id)


# --- Review ------------------------------------------------------------------------------------

def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain values (None for an empty cell, dates as dates), for building fact records."""
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{k: v.date() if isinstance(v, pd.Timestamp) else v.tolist() if isinstance(v, np.ndarray) else v
             for k, v in row.items()} for row in rows]


def review_documents() -> pd.DataFrame:
    """Every document with how many of its facts are the machine's, unconfirmed, and how many a person checked."""
    return _run("""
        WITH facts AS (
            SELECT doc_id, method, casualty_id AS fact_id FROM casualties
            UNION ALL SELECT DISTINCT doc_id, method, event_id FROM event_reports
        )
        SELECT d.doc_id, d.file, d.title, coalesce(d.outlet, 'unknown outlet') AS outlet,
               coalesce(d.outlet_source_id, '') AS outlet_source_id, d.published_on, d.published_precision, d.sha256,
               count(f.fact_id) FILTER (WHERE f.method = 'machine') AS machine_facts,
               count(f.fact_id) FILTER (WHERE f.method <> 'machine') AS checked_facts
        FROM documents d LEFT JOIN facts f USING (doc_id)
        GROUP BY ALL
        ORDER BY machine_facts = 0, d.published_on NULLS LAST, d.doc_id
    """)


def review_claims(doc_id: str) -> list[dict]:
    """A document's casualty claims with what a reviewer checks: bounds, claimant, date, place, sentence."""
    return _records(_run("""
        SELECT c.casualty_id, c.method, c.confidence, c.kind, c.figure_text, c.count_low, c.count_high, c.range_text,
               c.victim_group, c.victim_class, c.claimant, c.source_id, c.claimant_text, c.date_text, c.date_start,
               c.date_end, c.date_precision, c.place_id, c.place_name, c.evidence, c.char_start, c.char_end,
               c.sentence, c.sentence_start, c.comparison_group, c.coded_at
        FROM claims c WHERE c.doc_id = ?
        ORDER BY c.char_start, c.casualty_id
    """, doc_id))


def review_event_reports(doc_id: str) -> list[dict]:
    """A document's event reports with their event (type, date, place) and its actors."""
    return _records(_run("""
        SELECT r.report_id, r.event_id, r.method, r.confidence, r.stance, r.source_id, s.name AS source,
               r.evidence, r.char_start, r.char_end, r.claimant_text, r.date_text, r.coded_at,
               e.event_type, e.sub_event_type, e.method AS event_method, e.place_id, p.name AS place_name,
               e.date_start, e.date_end, e.date_precision, e.summary,
               (SELECT list({'actor_id': ea.actor_id, 'role': ea.role, 'name': a.name} ORDER BY ea.role, a.name)
                FROM event_actors ea JOIN actors a USING (actor_id) WHERE ea.event_id = r.event_id) AS actors
        FROM event_reports r JOIN sources s USING (source_id) JOIN events e USING (event_id)
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
        SELECT c.casualty_id, c.doc_id, c.comparison_group, c.claimant, c.figure_text, c.kind, c.outlet,
               c.published_on, m.reason, m.confidence, m.assigned_by
        FROM claims c JOIN comparison_members m USING (casualty_id)
        ORDER BY c.comparison_group, c.published_on, c.claimant, c.casualty_id
    """)


# --- Dates as precisely as they are known ------------------------------------------------------

def claim_dates(casualty_ids: tuple[str, ...]) -> pd.DataFrame:
    """When each claim was published and the day its figure refers to, each with its precision."""
    return _run("""
        SELECT casualty_id, published_on, published_precision, as_of, as_of_precision
        FROM claims WHERE list_contains(?, casualty_id)
    """, list(casualty_ids))


def document_dates() -> pd.DataFrame:
    """Each document's publication day and its precision (a document may be known only to the month)."""
    return _run("SELECT doc_id, published_on, published_precision FROM documents")


def actor_mentions_per_document() -> pd.DataFrame:
    """How often the articles name each actor, per document, with the document's date and its precision
    (the page writes the date; supersedes actor_mentions_by_document, whose label wrote every date as a day)."""
    return _run("""
        SELECT a.name AS actor, d.doc_id, coalesce(d.outlet, d.doc_id) AS outlet, d.published_on,
               d.published_precision, count(*) AS mentions
        FROM mentions m JOIN actors a ON a.actor_id = m.entity_id JOIN documents d USING (doc_id)
        WHERE m.entity_kind = 'actor'
        GROUP BY ALL ORDER BY actor, d.published_on NULLS LAST, d.doc_id
    """)
