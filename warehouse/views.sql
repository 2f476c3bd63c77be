-- Views that do the comparison work. Built on the tables of schema.sql; part of the contract.

CREATE VIEW claims AS
WITH joined AS (
    SELECT c.*,
           d.title AS document_title, d.outlet, d.published_on, d.published_precision,
           s.name AS claimant, s.kind AS claimant_kind, s.alignment,
           p.name AS place_name, e.summary AS event_summary
    FROM casualties c
    JOIN documents d USING (doc_id)
    JOIN sources s USING (source_id)
    LEFT JOIN places p USING (place_id)
    LEFT JOIN events e USING (event_id)
),
final AS (
    SELECT *,
           coalesce(date_start, published_on) AS as_of,
           CASE WHEN date_start IS NOT NULL THEN date_precision ELSE published_precision END AS as_of_precision,
           coalesce(count_low, count_high) AS value_low,
           coalesce(count_high, count_low) AS value_high,
           CASE WHEN count_low IS NULL THEN 'up to ' || format('{:,}', count_high)
                WHEN count_high IS NULL THEN format('{:,}', count_low) || ' or more'
                WHEN count_low = count_high THEN format('{:,}', count_low)
                ELSE format('{:,}', count_low) || '–' || format('{:,}', count_high) END AS range_text
    FROM joined
)
SELECT * FROM final;
COMMENT ON VIEW claims IS 'Casualty claims with their document, claimant (name, kind, alignment), place and event: one row per claim. as_of is the date the figure refers to, else the publication date, known to as_of_precision (day, week, month, year); value_low/value_high fill an open bound with the other one; range_text is the bounds in words.';

CREATE VIEW comparison_claims AS
WITH grouped AS (
    SELECT * FROM claims WHERE comparison_group IS NOT NULL
),
final AS (
    SELECT comparison_group, casualty_id, claimant, alignment, claimant_kind, figure_text, qualifier,
           count_low, count_high, range_text, value_low, value_high, as_of, as_of_precision, date_precision, doc_id, outlet,
           evidence, sentence, char_start, char_end,
           min(value_low) OVER (PARTITION BY comparison_group) AS group_min,
           max(value_high) OVER (PARTITION BY comparison_group) AS group_max,
           round(max(value_high) OVER (PARTITION BY comparison_group)
                 / nullif(min(value_low) OVER (PARTITION BY comparison_group), 0), 2) AS spread
    FROM grouped
)
SELECT * FROM final ORDER BY comparison_group, as_of, claimant;
COMMENT ON VIEW comparison_claims IS 'Claims about the same quantity side by side: each claimant''s figure with its date, and the group''s min, max and spread (max/min).';

CREATE VIEW comparisons AS
WITH final AS (
    SELECT comparison_group,
           any_value(kind) AS kind,
           count(*) AS claims,
           count(DISTINCT source_id) AS claimants,
           count(DISTINCT doc_id) AS documents,
           min(value_low) AS min_figure,
           max(value_high) AS max_figure,
           round(max(value_high) / nullif(min(value_low), 0), 2) AS spread,
           min(as_of) AS first_as_of,
           max(as_of) AS last_as_of,
           list_sort(list_distinct(list(alignment))) AS alignments,
           string_agg(claimant || ' (' || alignment || '): ' || figure_text, '; ' ORDER BY as_of, claimant) AS who_says_what
    FROM claims
    WHERE comparison_group IS NOT NULL
    GROUP BY comparison_group
)
SELECT * FROM final ORDER BY claimants DESC, spread DESC NULLS LAST, comparison_group;
COMMENT ON VIEW comparisons IS 'One row per comparison group: how many claimants, the lowest and highest figure, spread (max/min), alignments of the claimants, and who says what.';

CREATE VIEW event_casualty_rollup AS
WITH per_quantity AS (
    -- Claims about the same quantity (comparison group) are alternatives: keep the field's
    -- conventions per quantity. Different quantities (residents, Hezbollah fighters, militants)
    -- are different victims and are added up. A claim without a group is its own quantity.
    SELECT event_id, kind, coalesce(comparison_group, casualty_id) AS quantity,
           min(count_low) AS lowest,
           median(coalesce(figure, count_low, count_high)) AS best,
           max(greatest(coalesce(count_high, 0), coalesce(figure, count_low, 0))) AS highest,
           list(source_id) AS source_ids,
           list(alignment) AS alignments
    FROM claims
    WHERE event_id IS NOT NULL
    GROUP BY ALL
),
final AS (
    SELECT event_id, kind,
           sum(coalesce(lowest, 0))::BIGINT AS acled_fatalities,
           sum(coalesce(lowest, 0))::BIGINT AS ucdp_low,
           sum(best) AS ucdp_best,
           sum(highest)::BIGINT AS ucdp_high,
           count(*) AS quantities,
           len(list_distinct(flatten(list(source_ids)))) AS sources,
           len(list_distinct(flatten(list(alignments)))) AS alignments,
           list_sort(list_distinct(flatten(list(source_ids)))) AS source_ids
    FROM per_quantity
    GROUP BY event_id, kind
)
SELECT e.summary, e.date_start, e.date_end, e.date_precision, f.*
FROM final f JOIN events e USING (event_id)
ORDER BY e.date_start, f.event_id, f.kind;
COMMENT ON VIEW event_casualty_rollup IS 'Per event and kind of toll, the conventions of the field side by side: ACLED-style most conservative figure (the lowest claim for each quantity, summed over quantities), UCDP-style low / best (median claim) / high, and the number of independent sources and of their alignments.';

CREATE VIEW event_overview AS
WITH reports AS (
    SELECT r.event_id,
           count(*) AS reports,
           count(DISTINCT r.doc_id) AS documents,
           count(DISTINCT r.source_id) AS sources,
           bool_or(r.stance = 'denies') AS denied,
           list_sort(list_distinct(list(s.name) FILTER (WHERE r.stance <> 'denies'))) AS asserted_by,
           list_sort(list_distinct(list(s.name) FILTER (WHERE r.stance = 'denies'))) AS denied_by
    FROM event_reports r JOIN sources s USING (source_id)
    GROUP BY r.event_id
)
SELECT e.*, p.name AS place_name, p.latitude, p.longitude,
       r.reports, r.documents, r.sources, r.denied AS contested, r.asserted_by, r.denied_by
FROM events e
JOIN reports r USING (event_id)
LEFT JOIN places p USING (place_id)
ORDER BY e.date_start, e.event_id;
COMMENT ON VIEW event_overview IS 'Events with their place, number of reports, documents and sources, and whether any source denies them (contested), with who asserts and who denies.';

CREATE VIEW contested_events AS
SELECT event_id, date_start, date_end, date_precision, event_type, sub_event_type, place_name, summary,
       asserted_by, denied_by
FROM event_overview
WHERE contested;
COMMENT ON VIEW contested_events IS 'Events that at least one source denies, with who asserts and who denies.';

CREATE VIEW evidence_mismatches AS
SELECT 'casualties' AS table_name, casualty_id AS row_id FROM casualties c JOIN documents d USING (doc_id)
WHERE substring(d.text, c.char_start + 1, c.char_end - c.char_start) <> c.evidence
UNION ALL
SELECT 'event_reports', report_id FROM event_reports r JOIN documents d USING (doc_id)
WHERE substring(d.text, r.char_start + 1, r.char_end - r.char_start) <> r.evidence
UNION ALL
SELECT 'counted_things', count_id FROM counted_things n JOIN documents d USING (doc_id)
WHERE substring(d.text, n.char_start + 1, n.char_end - n.char_start) <> n.evidence
UNION ALL
SELECT 'mentions', m.doc_id || ':' || m.char_start FROM mentions m JOIN documents d USING (doc_id)
WHERE substring(d.text, m.char_start + 1, m.char_end - m.char_start) <> m.surface;
COMMENT ON VIEW evidence_mismatches IS 'Rows whose evidence is not the document text at their offsets; always empty in a sound warehouse.';

-- Their events beside ours: an ACLED or UCDP event matches a warehouse event that has a place and a
-- date when it lies within MATCH WINDOW: at most 1 day outside the event's date range, at most 25 km
-- from its place (great-circle distance between the two points), and of a compatible type (ACLED: the
-- same event_type; UCDP: Battles ~ type 1 or 2, Explosions/Remote violence ~ 1, 2 or 3, Violence
-- against civilians ~ 3). docs/exports.md explains the window.
CREATE VIEW reference_matches AS
WITH located AS (
    SELECT e.event_id, e.event_type, e.date_start, e.date_end, p.latitude, p.longitude
    FROM events e JOIN places p USING (place_id)
    WHERE e.date_start IS NOT NULL
),
acled AS (
    SELECT l.event_id, 'ACLED' AS dataset, a.event_id_cnty AS reference_id, a.file, a.line,
           a.event_date AS reference_start, a.event_date AS reference_end, a.event_type AS reference_type,
           a.location AS reference_location, a.fatalities AS acled_fatalities,
           NULL::INTEGER AS ucdp_low, NULL::INTEGER AS ucdp_best, NULL::INTEGER AS ucdp_high,
           greatest(l.date_start - a.event_date, a.event_date - l.date_end, 0) AS days_apart,
           2 * 6371.0088 * asin(sqrt(pow(sin(radians(a.latitude - l.latitude) / 2), 2)
               + cos(radians(l.latitude)) * cos(radians(a.latitude)) * pow(sin(radians(a.longitude - l.longitude) / 2), 2)))
               AS distance_km
    FROM located l JOIN reference_acled_events a ON a.event_type = l.event_type
),
ucdp AS (
    SELECT l.event_id, 'UCDP GED', u.id, u.file, u.line, u.date_start, u.date_end,
           'type_of_violence ' || u.type_of_violence, u.where_coordinates, NULL::INTEGER, u.low, u.best, u.high,
           greatest(u.date_start - l.date_end, l.date_start - u.date_end, 0),
           2 * 6371.0088 * asin(sqrt(pow(sin(radians(u.latitude - l.latitude) / 2), 2)
               + cos(radians(l.latitude)) * cos(radians(u.latitude)) * pow(sin(radians(u.longitude - l.longitude) / 2), 2)))
    FROM located l JOIN reference_ucdp_events u
      ON (l.event_type = 'Battles' AND u.type_of_violence IN (1, 2))
      OR (l.event_type = 'Explosions/Remote violence' AND u.type_of_violence IN (1, 2, 3))
      OR (l.event_type = 'Violence against civilians' AND u.type_of_violence = 3)
),
final AS (
    SELECT * FROM acled UNION ALL SELECT * FROM ucdp
)
SELECT event_id, dataset, reference_id, file, line, reference_start, reference_end, reference_type,
       reference_location, acled_fatalities, ucdp_low, ucdp_best, ucdp_high, days_apart,
       round(distance_km, 1) AS distance_km
FROM final
WHERE days_apart <= 1 AND distance_km <= 25
ORDER BY event_id, dataset, reference_start, reference_id;
COMMENT ON VIEW reference_matches IS 'Each pair of a warehouse event and an event of a user''s ACLED or UCDP GED file (--compare-with) within the match window: at most 1 day outside the event''s dates, at most 25 km from its place, of a compatible type (ACLED: same event_type; UCDP: Battles ~ 1 or 2, Explosions/Remote violence ~ 1-3, Violence against civilians ~ 3). days_apart and distance_km say how close.';

CREATE VIEW event_reference_codings AS
WITH matched AS (
    SELECT event_id,
           count(*) FILTER (WHERE dataset = 'ACLED') AS acled_events,
           sum(acled_fatalities) AS acled_fatalities,
           string_agg(reference_id, ', ' ORDER BY reference_id) FILTER (WHERE dataset = 'ACLED') AS acled_ids,
           count(*) FILTER (WHERE dataset = 'UCDP GED') AS ucdp_events,
           sum(ucdp_low) AS ucdp_low, sum(ucdp_best) AS ucdp_best, sum(ucdp_high) AS ucdp_high,
           string_agg(reference_id, ', ' ORDER BY reference_id) FILTER (WHERE dataset = 'UCDP GED') AS ucdp_ids
    FROM reference_matches
    GROUP BY event_id
),
killed AS (
    -- The claims' toll by the roll-up's rules: alternatives for one quantity, different victims added up.
    SELECT event_id, ucdp_low AS claims_low, ucdp_high AS claims_high, quantities AS killed_claims
    FROM event_casualty_rollup WHERE kind = 'killed'
),
final AS (
    SELECT m.*, k.claims_low, k.claims_high, coalesce(k.killed_claims, 0) AS killed_quantities,
           concat_ws('; ',
               CASE WHEN m.acled_events > 0 THEN 'ACLED: ' || format('{:,}', m.acled_fatalities)
                    || CASE WHEN m.acled_events > 1 THEN ' (' || m.acled_events || ' events)' ELSE '' END END,
               CASE WHEN m.ucdp_events > 0 THEN 'UCDP best ' || format('{:,}', m.ucdp_best) || ' (low '
                    || format('{:,}', m.ucdp_low) || ', high ' || format('{:,}', m.ucdp_high) || ')'
                    || CASE WHEN m.ucdp_events > 1 THEN ' over ' || m.ucdp_events || ' events' ELSE '' END END,
               CASE WHEN k.killed_claims IS NULL THEN 'the claims: no killed figure'
                    WHEN k.claims_low = k.claims_high THEN 'the claims: ' || format('{:,}', k.claims_low)
                    ELSE 'the claims: ' || format('{:,}', k.claims_low) || ' to ' || format('{:,}', k.claims_high) END
           ) AS coded_text
    FROM matched m LEFT JOIN killed k USING (event_id)
)
SELECT * FROM final ORDER BY event_id;
COMMENT ON VIEW event_reference_codings IS 'Per warehouse event matched in a user''s ACLED or UCDP GED file: what ACLED coded (fatalities, summed over matched ACLED events), what UCDP coded (low / best / high, summed), the claims'' killed toll from event_casualty_rollup (lowest to highest, summed over quantities), and all of it in words (coded_text: "ACLED: 12; UCDP best 15 (low 12, high 30); the claims: 16 to 104").';
