-- Example questions for the SQL page. Each starts at its "-- title:" line and runs to the next one;
-- the page offers each as a one-click run. Every query must run on any warehouse the build makes, so
-- none names a claimant, place or group of one corpus: where a question needs one, the query chooses
-- it (the group most claimants report, the claimant quoted most). The tests run each on the seeds and
-- on the development articles read by the machine alone, and each must return rows on both.

-- title: Who says how many, in the comparison group the most claimants report?
-- Change the chosen group's name to see another: WHERE comparison_group = '...'.
WITH chosen AS (
    SELECT comparison_group FROM comparisons
    ORDER BY claimants DESC, spread DESC NULLS LAST, comparison_group
    LIMIT 1
)
SELECT comparison_group, claimant, alignment, figure_text, range_text, as_of, outlet, sentence
FROM comparison_claims
WHERE comparison_group = (SELECT comparison_group FROM chosen)
ORDER BY as_of, claimant;

-- title: Where do the sources disagree most?
-- Spread = the highest figure divided by the lowest one for the same quantity; spread_note says when
-- it may mislead.
SELECT comparison_group, kind, claimants, lowest, highest, spread, spread_text, spread_note, alignments, who_says_what
FROM comparisons
WHERE claimants >= 2
ORDER BY spread DESC, comparison_group;

-- title: Which events does some source deny, and who asserts them?
SELECT date_start, place_name, event_type, sub_event_type, summary, asserted_by, denied_by
FROM contested_events
ORDER BY date_start;

-- title: What each side claims and denies about the contested events, in its own words
SELECT r.event_id, r.stance, s.name AS source, s.alignment, d.outlet, r.evidence
FROM event_reports r
JOIN sources s ON s.source_id = r.claimant_id
JOIN documents d USING (doc_id)
WHERE r.event_id IN (SELECT event_id FROM contested_events)
ORDER BY r.event_id, r.stance, s.name;

-- title: Casualty claims per claimant alignment and kind of toll
SELECT alignment, kind,
       count(*) AS claims,
       count(DISTINCT claimant_id) AS claimants,
       sum(lowest) AS sum_of_low_bounds,
       sum(highest) AS sum_of_high_bounds
FROM claim_overview
GROUP BY alignment, kind
ORDER BY alignment, kind;

-- title: Tolls per event: the ACLED-style figure beside UCDP's low, best and high
SELECT date_start, summary, kind, acled_fatalities, ucdp_low, ucdp_best, ucdp_high,
       quantities, claimants, alignments
FROM event_casualty_rollup
ORDER BY date_start, event_id, kind;

-- title: Every sentence the most quoted claimant is quoted in
-- Casualty figures, other counts and event reports alike; an outlet's own voice is not a quotation.
-- Change the chosen claimant to follow another: WHERE s.name = '...'.
WITH quoted AS (
    SELECT doc_id, claimant_id, 'casualty figure' AS fact, figure_text AS says, sentence, sentence_start
    FROM claims
    UNION ALL
    SELECT doc_id, claimant_id, 'count of ' || what, figure_text, sentence, sentence_start
    FROM counted_things
    UNION ALL
    SELECT doc_id, claimant_id, stance || ' ' || event_id, evidence, sentence, sentence_start
    FROM event_reports
),
chosen AS (
    SELECT claimant_id FROM quoted
    WHERE claimant_id NOT IN (SELECT outlet_source_id FROM documents WHERE outlet_source_id IS NOT NULL)
    GROUP BY claimant_id
    ORDER BY count(*) DESC, claimant_id
    LIMIT 1
)
SELECT s.name AS claimant, d.outlet, d.published_on, q.fact, q.says, q.sentence
FROM quoted q
JOIN sources s ON s.source_id = q.claimant_id
JOIN documents d USING (doc_id)
WHERE q.claimant_id = (SELECT claimant_id FROM chosen)
ORDER BY d.published_on, q.doc_id, q.sentence_start;

-- title: Each claim beside the lowest and highest figure for the same quantity (window functions)
SELECT comparison_group, claimant, alignment, figure_text,
       lowest, highest,
       min(lowest) OVER (PARTITION BY comparison_group) AS group_lowest,
       max(highest) OVER (PARTITION BY comparison_group) AS group_highest,
       rank() OVER (PARTITION BY comparison_group ORDER BY highest DESC) AS rank_by_high
FROM claim_overview
WHERE comparison_group IS NOT NULL
ORDER BY comparison_group, rank_by_high;

-- title: Who takes part in the events, and in what role
SELECT a.name AS actor, a.side, ea.role,
       count(*) AS events,
       min(e.date_start) AS first_day,
       max(e.date_end) AS last_day
FROM event_actors ea
JOIN actors a USING (actor_id)
JOIN events e USING (event_id)
GROUP BY ALL
ORDER BY events DESC, actor, ea.role;

-- title: Events per week and type of event, with a running total
WITH weekly AS (
    SELECT date_trunc('week', date_start) AS week, event_type, count(*) AS events
    FROM events
    WHERE date_start IS NOT NULL
    GROUP BY ALL
)
SELECT week, event_type, events,
       sum(events) OVER (PARTITION BY event_type ORDER BY week) AS running_total
FROM weekly
ORDER BY week, event_type;

-- title: Which outlet states figures in its own voice, and which attributes them to others?
SELECT d.outlet,
       count(*) FILTER (WHERE c.claimant_id = d.outlet_source_id) AS in_its_own_voice,
       count(*) FILTER (WHERE c.claimant_id <> d.outlet_source_id) AS attributed_to_others,
       string_agg(DISTINCT s.name, '; ') FILTER (WHERE c.claimant_id <> d.outlet_source_id) AS attributed_to
FROM claims c
JOIN documents d USING (doc_id)
JOIN sources s ON s.source_id = c.claimant_id
GROUP BY d.outlet
ORDER BY d.outlet;

-- title: The places named most often in the articles
SELECT p.name AS place, p.kind, p.admin1, count(*) AS mentions, count(DISTINCT m.doc_id) AS documents
FROM mentions m
JOIN places p ON p.place_id = m.entity_id
WHERE m.entity_kind = 'place'
GROUP BY ALL
ORDER BY mentions DESC, place
LIMIT 20;

-- title: Every table and view with its description
SELECT table_name AS name, 'table' AS kind, comment AS description
FROM duckdb_tables() WHERE NOT internal
UNION ALL
SELECT view_name, 'view', comment
FROM duckdb_views() WHERE NOT internal
ORDER BY kind, name;

-- title: Describe a table: its columns and their types
DESCRIBE claims;

-- title: Summarize a table: each column's range, distinct values and nulls
SUMMARIZE claim_overview;

-- title: How well is each toll supported? (grades as Airwars grades)
SELECT scope, coalesce(comparison_group, event_id) AS toll, kind, grade, grade_reason
FROM toll_grades
ORDER BY scope DESC, grade, toll;

-- title: Who runs high or low, and about whose dead?
-- Ratio of a claimant's latest figure to the median of the others' latest figures, over shared quantities.
SELECT claimant, alignment, kind, victim_side, groups, typical_ratio, ratio_low, ratio_high, leaning
FROM claimant_track_record
ORDER BY victim_side, kind, typical_ratio DESC;

-- title: How each estimate moved, and who revised whom
SELECT comparison_group, publication_step, claimant, figure_text, published_on, current,
       (SELECT figure_text FROM claims p WHERE p.claim_id = r.supersedes) AS revises_its_own
FROM claim_revisions r
ORDER BY comparison_group, publication_step;

-- title: Why is each claim in its comparison group?
SELECT m.comparison_group, c.claimant, c.figure_text, m.assigned_by, m.confidence, m.reason
FROM comparison_members m JOIN claim_overview c USING (claim_id)
ORDER BY m.comparison_group, c.as_of;
