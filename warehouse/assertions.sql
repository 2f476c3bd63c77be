-- Data tests of the warehouse: the rules a CHECK constraint in schema.sql cannot state, because they
-- relate rows of different tables or read a vocabulary kept outside the schema. The build runs them
-- after writing every table and view, before the new file replaces the old one: a rule that finds a
-- row fails the build, naming the rule and the row, and the previous warehouse stays.
--
-- Each rule is the comment right above its SELECT; the SELECT returns the rows that break the rule,
-- none in a sound warehouse. While the build runs them it provides two relations: vocabulary (list,
-- value), the closed lists of etl/lexicon/vocabulary.yaml, and acled_event_types (event_type,
-- sub_event_type, disorder_type), the rows of etl/lexicon/acled_event_types.csv. A reference left
-- empty (NULL) refers to nothing: `IS NOT NULL AND x NOT IN (...)`, as `NULL NOT IN` an empty table is
-- true.

-- Every fact, part and mention belongs to a document of the warehouse.
SELECT 'claims' AS table_name, claim_id AS row_id, doc_id FROM claims
WHERE doc_id NOT IN (SELECT doc_id FROM documents)
UNION ALL SELECT 'event_reports', report_id, doc_id FROM event_reports WHERE doc_id NOT IN (SELECT doc_id FROM documents)
UNION ALL SELECT 'counted_things', count_id, doc_id FROM counted_things WHERE doc_id NOT IN (SELECT doc_id FROM documents)
UNION ALL SELECT 'mentions', doc_id || ':' || char_start, doc_id FROM mentions WHERE doc_id NOT IN (SELECT doc_id FROM documents)
UNION ALL SELECT 'document_parts', doc_id || ':' || part_no, doc_id FROM document_parts WHERE doc_id NOT IN (SELECT doc_id FROM documents);

-- Every claimant, reporting source and outlet is a row of sources.
SELECT 'claims' AS table_name, claim_id AS row_id, claimant_id AS source_id FROM claims
WHERE claimant_id NOT IN (SELECT source_id FROM sources)
UNION ALL SELECT 'event_reports', report_id, claimant_id FROM event_reports WHERE claimant_id NOT IN (SELECT source_id FROM sources)
UNION ALL SELECT 'counted_things', count_id, claimant_id FROM counted_things WHERE claimant_id NOT IN (SELECT source_id FROM sources)
UNION ALL SELECT 'documents', doc_id, outlet_source_id FROM documents WHERE outlet_source_id IS NOT NULL AND outlet_source_id NOT IN (SELECT source_id FROM sources);

-- Every event a claim, report, count, actor or comparison group names is a row of events.
SELECT 'claims' AS table_name, claim_id AS row_id, event_id FROM claims
WHERE event_id IS NOT NULL AND event_id NOT IN (SELECT event_id FROM events)
UNION ALL SELECT 'event_reports', report_id, event_id FROM event_reports WHERE event_id IS NOT NULL AND event_id NOT IN (SELECT event_id FROM events)
UNION ALL SELECT 'counted_things', count_id, event_id FROM counted_things WHERE event_id IS NOT NULL AND event_id NOT IN (SELECT event_id FROM events)
UNION ALL SELECT 'event_actors', event_id || ':' || actor_id, event_id FROM event_actors WHERE event_id NOT IN (SELECT event_id FROM events)
UNION ALL SELECT 'comparison_groups', comparison_group, event_id FROM comparison_groups WHERE event_id IS NOT NULL AND event_id NOT IN (SELECT event_id FROM events);

-- Every event is reported by at least one document (an event no one reports has no source).
SELECT event_id FROM events WHERE event_id NOT IN (SELECT event_id FROM event_reports);

-- Every place an event, claim, count, group or place mention names is a row of places.
SELECT 'events' AS table_name, event_id AS row_id, place_id FROM events WHERE place_id IS NOT NULL AND place_id NOT IN (SELECT place_id FROM places)
UNION ALL SELECT 'claims', claim_id, place_id FROM claims WHERE place_id IS NOT NULL AND place_id NOT IN (SELECT place_id FROM places)
UNION ALL SELECT 'counted_things', count_id, place_id FROM counted_things WHERE place_id IS NOT NULL AND place_id NOT IN (SELECT place_id FROM places)
UNION ALL SELECT 'comparison_groups', comparison_group, place_id FROM comparison_groups WHERE place_id IS NOT NULL AND place_id NOT IN (SELECT place_id FROM places)
UNION ALL SELECT 'mentions', doc_id || ':' || char_start, entity_id FROM mentions
          WHERE entity_kind = 'place' AND entity_id IS NOT NULL AND entity_id NOT IN (SELECT place_id FROM places);

-- Every actor an event, source, victim group or actor mention names is a row of actors.
SELECT 'event_actors' AS table_name, event_id AS row_id, actor_id FROM event_actors WHERE actor_id NOT IN (SELECT actor_id FROM actors)
UNION ALL SELECT 'sources', source_id, actor_id FROM sources WHERE actor_id IS NOT NULL AND actor_id NOT IN (SELECT actor_id FROM actors)
UNION ALL SELECT 'comparison_members', claim_id, victim_actor_id FROM comparison_members
          WHERE victim_actor_id IS NOT NULL AND victim_actor_id NOT IN (SELECT actor_id FROM actors)
UNION ALL SELECT 'mentions', doc_id || ':' || char_start, entity_id FROM mentions
          WHERE entity_kind = 'actor' AND entity_id IS NOT NULL AND entity_id NOT IN (SELECT actor_id FROM actors);

-- Every casualty claim is in exactly one comparison group: the one comparison_members gives it, a row
-- of comparison_groups counting the same kind of toll.
SELECT c.claim_id, c.comparison_group, m.comparison_group AS member_of, c.kind, g.kind AS group_kind
FROM claims c
LEFT JOIN comparison_members m USING (claim_id)
LEFT JOIN comparison_groups g ON g.comparison_group = c.comparison_group
WHERE c.comparison_group IS NULL OR m.comparison_group IS DISTINCT FROM c.comparison_group
   OR g.comparison_group IS NULL OR g.kind <> c.kind;

-- Every membership is a claim's, and every comparison group has a claim.
SELECT 'comparison_members' AS table_name, claim_id AS row_id FROM comparison_members
WHERE claim_id NOT IN (SELECT claim_id FROM claims)
UNION ALL SELECT 'comparison_groups', comparison_group FROM comparison_groups
WHERE comparison_group NOT IN (SELECT comparison_group FROM claims);

-- Every quote, name and part is the document's text at its offsets, and every sentence too.
SELECT table_name, row_id FROM evidence_mismatches
UNION ALL SELECT 'claims (sentence)', claim_id FROM claims c JOIN documents d USING (doc_id)
          WHERE substring(d.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) <> c.sentence
UNION ALL SELECT 'event_reports (sentence)', report_id FROM event_reports r JOIN documents d USING (doc_id)
          WHERE substring(d.text, r.sentence_start + 1, r.sentence_end - r.sentence_start) <> r.sentence
UNION ALL SELECT 'document_parts', p.doc_id || ':' || p.part_no FROM document_parts p JOIN documents d USING (doc_id)
          WHERE substring(d.text, p.char_start + 1, p.char_end - p.char_start) <> p.text;

-- Casualty kinds (claims, comparison_groups) and victim classes are those of vocabulary.yaml.
SELECT 'claims' AS table_name, claim_id AS row_id, 'kind' AS column_name, kind AS value FROM claims
WHERE kind NOT IN (SELECT value FROM vocabulary WHERE list = 'casualty_kinds')
UNION ALL SELECT 'comparison_groups', comparison_group, 'kind', kind FROM comparison_groups
          WHERE kind NOT IN (SELECT value FROM vocabulary WHERE list = 'casualty_kinds')
UNION ALL SELECT 'claims', claim_id, 'victim_class', victim_class FROM claims
          WHERE victim_class NOT IN (SELECT value FROM vocabulary WHERE list = 'victim_classes');

-- Stances of event reports and roles of event actors are those of vocabulary.yaml.
SELECT 'event_reports' AS table_name, report_id AS row_id, 'stance' AS column_name, stance AS value FROM event_reports
WHERE stance NOT IN (SELECT value FROM vocabulary WHERE list = 'stances')
UNION ALL SELECT 'event_actors', event_id || ':' || actor_id, 'role', role FROM event_actors
          WHERE role NOT IN (SELECT value FROM vocabulary WHERE list = 'event_roles');

-- Kinds and sides of actors, kinds and alignments of sources are those of vocabulary.yaml.
SELECT 'actors' AS table_name, actor_id AS row_id, 'kind' AS column_name, kind AS value FROM actors
WHERE kind NOT IN (SELECT value FROM vocabulary WHERE list = 'actor_kinds')
UNION ALL SELECT 'actors', actor_id, 'side', side FROM actors
          WHERE side NOT IN (SELECT value FROM vocabulary WHERE list = 'actor_sides')
UNION ALL SELECT 'sources', source_id, 'kind', kind FROM sources
          WHERE kind NOT IN (SELECT value FROM vocabulary WHERE list = 'source_kinds')
UNION ALL SELECT 'sources', source_id, 'alignment', alignment FROM sources
          WHERE alignment NOT IN (SELECT value FROM vocabulary WHERE list = 'alignments');

-- Whose dead (victim_side) is a side of vocabulary.yaml's actor_sides, or civilians, foreign fighters,
-- all sides or unknown; a group's members may also disagree (mixed).
SELECT 'comparison_members' AS table_name, claim_id AS row_id, victim_side FROM comparison_members
WHERE victim_side NOT IN (SELECT value FROM vocabulary WHERE list = 'actor_sides')
  AND victim_side NOT IN ('civilians', 'foreign fighters', 'all sides', 'unknown')
UNION ALL SELECT 'comparison_groups', comparison_group, victim_side FROM comparison_groups
WHERE victim_side NOT IN (SELECT value FROM vocabulary WHERE list = 'actor_sides')
  AND victim_side NOT IN ('civilians', 'foreign fighters', 'all sides', 'unknown', 'mixed');

-- Every event's ACLED event type, sub-event type and disorder type are a row of acled_event_types.csv.
SELECT e.event_id, e.event_type, e.sub_event_type, e.disorder_type FROM events e
WHERE NOT EXISTS (SELECT 1 FROM acled_event_types a WHERE a.event_type = e.event_type
                  AND a.sub_event_type = e.sub_event_type AND a.disorder_type = e.disorder_type);
