-- Views that do the comparison work. Built on the tables of schema.sql; part of the contract.
-- Three of them, claim_revisions, comparison_estimates and comparison_claims, are tables computed here, once
-- per build: they order, join and aggregate every claim, which at a million claims took one to two seconds
-- at every reading, and the Claims and SQL pages and most views read them (docs/scale.md). Same names,
-- columns and comments as when they were views.

CREATE VIEW claim_overview AS
WITH joined AS (
    SELECT c.*,
           d.title AS document_title, d.outlet, d.published_on, d.published_precision,
           s.name AS claimant, s.kind AS claimant_kind, s.alignment,
           p.name AS place_name, e.summary AS event_summary
    FROM claims c
    JOIN documents d USING (doc_id)
    JOIN sources s ON s.source_id = c.claimant_id
    LEFT JOIN places p USING (place_id)
    LEFT JOIN events e USING (event_id)
),
final AS (
    SELECT *,
           coalesce(date_start, published_on) AS as_of,
           coalesce(date_end, date_start, published_on) AS as_of_until,
           CASE WHEN date_start IS NOT NULL THEN date_precision ELSE published_precision END AS as_of_precision,
           -- One rule for open bounds, used by every estimate of the warehouse and the pages: an open
           -- bound counts at the figure the source states ("up to 1,000" is low 1,000, "more than
           -- 20,000" is high 20,000), the smallest and largest numbers the source put on the quantity.
           coalesce(low, high) AS lowest,
           coalesce(high, low) AS highest,
           coalesce(figure, CASE WHEN low IS NOT NULL AND high IS NOT NULL
                                 THEN (low + high) / 2 END, low, high) AS best,
           CASE WHEN low IS NULL THEN 'up to ' || format('{:,}', high)
                WHEN high IS NULL THEN format('{:,}', low) || ' or more'
                WHEN low = high THEN format('{:,}', low)
                ELSE format('{:,}', low) || '–' || format('{:,}', high) END AS range_text
    FROM joined
)
SELECT * FROM final;
COMMENT ON VIEW claim_overview IS 'The claims (table claims) with their document, claimant (name, kind, alignment), place and event: one row per claim. as_of is the date the figure refers to, else the publication date, known to as_of_precision (day, week, month, year); lowest/highest fill an open bound with the stated figure (the one rule for open bounds: up to 1,000 is low 1,000); best is the figure as stated, else the middle of the bounds, else the one bound given; range_text is the bounds in words.';
COMMENT ON COLUMN claim_overview.as_of IS 'The first day the figure refers to (date_start), else the publication date (published_on).';
COMMENT ON COLUMN claim_overview.as_of_until IS 'The last day the figure refers to (date_end), else as_of: with as_of, the days the date filter of the pages and exports compares with.';
COMMENT ON COLUMN claim_overview.as_of_precision IS 'How precisely as_of is known: date_precision, else published_precision.';
COMMENT ON COLUMN claim_overview.lowest IS 'The lowest number the claimant put on the quantity: low, else (an open lower bound, up to 1,000) high.';
COMMENT ON COLUMN claim_overview.highest IS 'The highest number the claimant put on the quantity: high, else (an open upper bound, at least 58) low.';
COMMENT ON COLUMN claim_overview.best IS 'The figure as stated, else the middle of the bounds, else the one bound given.';
COMMENT ON COLUMN claim_overview.range_text IS 'The bounds in words: 58, 27–33, 58 or more, up to 1,000.';
COMMENT ON COLUMN claim_overview.claimant IS 'The claimant''s name (sources.name of claimant_id).';
COMMENT ON COLUMN claim_overview.claimant_kind IS 'The claimant''s kind (sources.kind).';
COMMENT ON COLUMN claim_overview.alignment IS 'The claimant''s alignment (sources.alignment).';
COMMENT ON COLUMN claim_overview.document_title IS 'Title of the document the claim is in.';
COMMENT ON COLUMN claim_overview.place_name IS 'Name of the place (places.name of place_id).';
COMMENT ON COLUMN claim_overview.event_summary IS 'Summary of the event (events.summary of event_id).';

CREATE TABLE claim_revisions AS
WITH base AS (
    SELECT c.comparison_group, c.claim_id, c.claimant_id, c.claimant, c.alignment, c.kind,
           c.figure_text, c.range_text, c.lowest, c.highest, c.best,
           c.published_on, c.as_of, c.as_of_precision, c.doc_id, c.document_title, c.outlet,
           c.sentence, c.evidence, c.char_start, c.char_end
    FROM claim_overview c
),
ordered AS (
    -- Two figures of one quote start at the same character: the end of their evidence, then the id,
    -- settle which comes first, so that which figure is current (and every estimate and spread
    -- over current figures) is the same at every reading.
    SELECT *,
           row_number() OVER (PARTITION BY comparison_group
                              ORDER BY published_on NULLS LAST, as_of NULLS LAST, doc_id, char_start, char_end, claim_id) AS publication_step,
           row_number() OVER (PARTITION BY comparison_group
                              ORDER BY as_of NULLS LAST, published_on NULLS LAST, doc_id, char_start, char_end, claim_id) AS as_of_step,
           row_number() OVER claimant_order AS claimant_step,
           lag(claim_id) OVER claimant_order AS supersedes,
           lag(figure_text) OVER claimant_order AS supersedes_figure,
           lag(best) OVER claimant_order AS claimant_previous_best,
           lead(claim_id) OVER claimant_order AS superseded_by
    FROM base
    WINDOW claimant_order AS (PARTITION BY comparison_group, claimant_id
                              ORDER BY published_on NULLS LAST, as_of NULLS LAST, doc_id, char_start, char_end, claim_id)
),
final AS (
    SELECT *,
           superseded_by IS NULL AS current,
           lag(best) OVER (PARTITION BY comparison_group ORDER BY publication_step) AS previous_step_best,
           lag(claimant) OVER (PARTITION BY comparison_group ORDER BY publication_step) AS previous_step_claimant,
           best - claimant_previous_best AS claimant_change
    FROM ordered
)
SELECT * FROM final ORDER BY comparison_group, publication_step;
COMMENT ON COLUMN claim_revisions.supersedes IS 'The claimant''s own earlier claim in the group that this one revises (claim_id), if any.';
COMMENT ON COLUMN claim_revisions.supersedes_figure IS 'That earlier claim''s figure as written.';
COMMENT ON COLUMN claim_revisions.current IS 'True for the claimant''s latest figure in the group: the one the group''s conventions count.';
-- (columns copied from the claims, their overview and their groups keep those columns' comments)
COMMENT ON COLUMN claim_revisions.comparison_group IS 'The quantity the figure measures, named so a person understands it (civilians inside Qusayr); claims in one group are compared side by side. Every claim has one: the coder''s, a reviewer''s, else the rule''s (comparison_members says why).';
COMMENT ON COLUMN claim_revisions.claim_id IS 'Stable id of the claim (permalink).';
COMMENT ON COLUMN claim_revisions.claimant_id IS 'The claimant (sources.source_id): the person or body the text attributes the figure to, or the outlet when the article states it in its own voice.';
COMMENT ON COLUMN claim_revisions.claimant IS 'The claimant''s name (sources.name of claimant_id).';
COMMENT ON COLUMN claim_revisions.alignment IS 'The claimant''s alignment (sources.alignment).';
COMMENT ON COLUMN claim_revisions.kind IS 'killed, wounded, trapped (also besieged, or said to remain inside a besieged place), displaced, captured or missing. A figure that is two things takes the situation (1,500 wounded trapped: trapped).';
COMMENT ON COLUMN claim_revisions.figure_text IS 'The figure exactly as written, hedge included.';
COMMENT ON COLUMN claim_revisions.range_text IS 'The bounds in words: 58, 27–33, 58 or more, up to 1,000.';
COMMENT ON COLUMN claim_revisions.lowest IS 'The lowest number the claimant put on the quantity: low, else (an open lower bound, up to 1,000) high.';
COMMENT ON COLUMN claim_revisions.highest IS 'The highest number the claimant put on the quantity: high, else (an open upper bound, at least 58) low.';
COMMENT ON COLUMN claim_revisions.best IS 'The figure as stated, else the middle of the bounds, else the one bound given.';
COMMENT ON COLUMN claim_revisions.published_on IS 'Publication date; the first possible day when only the month or year is known.';
COMMENT ON COLUMN claim_revisions.as_of IS 'The first day the figure refers to (date_start), else the publication date (published_on).';
COMMENT ON COLUMN claim_revisions.as_of_precision IS 'How precisely as_of is known: date_precision, else published_precision.';
COMMENT ON COLUMN claim_revisions.doc_id IS 'The document the claim is in.';
COMMENT ON COLUMN claim_revisions.document_title IS 'Title of the document the claim is in.';
COMMENT ON COLUMN claim_revisions.outlet IS 'Publishing outlet from the catalog, else from the document''s own metadata; NULL when unknown.';
COMMENT ON COLUMN claim_revisions.sentence IS 'The whole sentence(s) the quote is in.';
COMMENT ON COLUMN claim_revisions.evidence IS 'The exact quote; equals the document text at char_start..char_end.';
COMMENT ON COLUMN claim_revisions.char_start IS 'Start offset of the quote in documents.text (0-based).';
COMMENT ON COLUMN claim_revisions.char_end IS 'End offset of the quote (exclusive).';
COMMENT ON TABLE claim_revisions IS 'How each quantity''s estimate moved: every claim of a comparison group in order of publication (publication_step) and of the day it refers to (as_of_step). A claimant''s later figure supersedes its own earlier one in the group (supersedes, superseded_by, claimant_change); a different claimant''s figure supersedes nothing. current is true for each claimant''s latest figure; previous_step_best and previous_step_claimant are the step before, whoever said it.';
COMMENT ON COLUMN claim_revisions.publication_step IS 'The claim''s place in its group in order of publication (1: published first).';
COMMENT ON COLUMN claim_revisions.as_of_step IS 'Its place in order of the day the figure refers to.';
COMMENT ON COLUMN claim_revisions.claimant_step IS 'Its place among its own claimant''s figures in the group, in order of publication.';
COMMENT ON COLUMN claim_revisions.claimant_previous_best IS 'The claimant''s own previous figure in the group (best), if any.';
COMMENT ON COLUMN claim_revisions.superseded_by IS 'The claimant''s own later claim in the group that revises this one, if any.';
COMMENT ON COLUMN claim_revisions.previous_step_best IS 'The figure (best) of the step before, whoever gave it.';
COMMENT ON COLUMN claim_revisions.previous_step_claimant IS 'Who gave the step before.';
COMMENT ON COLUMN claim_revisions.claimant_change IS 'best minus the claimant''s own previous figure: how far it revised itself.';

CREATE TABLE comparison_estimates AS
WITH current_claims AS (
    SELECT r.*, k.low FROM claim_revisions r JOIN claims k USING (claim_id) WHERE r.current
),
final AS (
    SELECT g.comparison_group, g.kind, g.victim_side, g.place_id, g.event_id, g.running_total, g.assigned_by,
           min(c.lowest) AS lowest,
           median(c.best) AS best,
           max(c.highest) AS highest,
           round(max(c.highest) / nullif(min(c.lowest), 0), 2) AS spread,
           count(*) AS current_claims,
           list(c.claim_id ORDER BY c.best) AS current_claim_ids,
           coalesce(min(c.lowest) FILTER (WHERE c.low IS NULL) = min(c.lowest), FALSE) AS lowest_open
    FROM comparison_groups g JOIN current_claims c USING (comparison_group)
    GROUP BY ALL
),
worded AS (
    -- The spread as a reader takes it in: one decimal below 10 (x1.5), whole numbers with separators
    -- above (x26, x867), and no number at all past x1,000, where the figures rarely measure one thing.
    SELECT *,
           CASE WHEN spread IS NULL THEN 'no ratio: the lowest figure is 0'
                WHEN spread >= 1000 THEN 'more than ×1,000'
                WHEN spread >= 10 THEN '×' || format('{:,}', round(spread)::BIGINT)
                ELSE '×' || regexp_replace(printf('%.1f', spread), '\.0$', '') END AS spread_text
    FROM final
)
SELECT *,
       nullif(concat_ws(' ',
           CASE WHEN spread >= 100 THEN 'The highest figure is ' || CASE WHEN spread >= 1000 THEN 'more than 1,000'
                                                                      ELSE format('{:,}', round(spread)::BIGINT) END
                || ' times the lowest: the claims may count different things (one day''s dead beside a whole'
                || ' war''s, one town''s beside a country''s); read each claim''s sentence.' END,
           CASE WHEN lowest_open THEN 'The lowest figure is an "up to" figure, counted at its value: its claimant'
                || ' gives no lower bound, so the claimants may disagree more than the spread says.' END), '') AS spread_note
FROM worded ORDER BY comparison_group;
-- (columns copied from the claims, their overview and their groups keep those columns' comments)
COMMENT ON COLUMN comparison_estimates.comparison_group IS 'The readable name of the quantity (Hezbollah fighters killed in the battle for al-Qusayr; civilians trapped in al-Qusayr), unique; claims.comparison_group holds it.';
COMMENT ON COLUMN comparison_estimates.kind IS 'The kind of toll its claims count (killed, wounded, trapped, displaced, captured, missing).';
COMMENT ON COLUMN comparison_estimates.victim_side IS 'Whose dead: the side (actors.side) of the actor the victims belong to, else civilians, opposition, government, foreign fighters, all sides, unknown; mixed when the members disagree.';
COMMENT ON COLUMN comparison_estimates.place_id IS 'The most local place its claims name (the others name it or a place that holds it).';
COMMENT ON COLUMN comparison_estimates.event_id IS 'The event its claims name most often, if any.';
COMMENT ON COLUMN comparison_estimates.running_total IS 'True for a running total (a cumulative cue such as since the battle began, or no day given): its claims are successive estimates of one total, not tolls of one period.';
COMMENT ON COLUMN comparison_estimates.assigned_by IS 'coder (a coded comparison_group), rule (etl/resolve/comparison.py) or reviewer (made by a split or a move on the Review page).';
COMMENT ON TABLE comparison_estimates IS 'Per comparison group, the field''s conventions over each claimant''s current figure (its latest; superseded figures do not count): lowest (ACLED''s conservative figure and UCDP low: the smallest of the claims'' lowest, where an open lower bound counts at its stated figure), best (UCDP best: the median of the claims'' best) and highest (UCDP high: the largest of the claims'' highest). The one place these conventions are defined: comparisons, comparison_claims and event_casualty_rollup read them here.';
COMMENT ON COLUMN comparison_estimates.lowest IS 'ACLED''s most conservative figure and UCDP low: the smallest of the current claims'' lowest (claim_overview.lowest).';
COMMENT ON COLUMN comparison_estimates.best IS 'UCDP best: the median of the current claims'' best.';
COMMENT ON COLUMN comparison_estimates.highest IS 'UCDP high: the largest of the current claims'' highest.';
COMMENT ON COLUMN comparison_estimates.spread IS 'How far the claimants disagree: highest / lowest, to 2 decimals (NULL when lowest is 0).';
COMMENT ON COLUMN comparison_estimates.current_claims IS 'How many current claims (one per claimant) the conventions are taken over.';
COMMENT ON COLUMN comparison_estimates.current_claim_ids IS 'Those claims (claim_id), the lowest best figure first.';
COMMENT ON COLUMN comparison_estimates.lowest_open IS 'True when the lowest figure is an open lower bound (a current claim says up to, and its figure is the lowest).';
COMMENT ON COLUMN comparison_estimates.spread_text IS 'The spread in words: ×1.5 (one decimal below 10), ×26 and ×867 (whole, with thousands separators), more than ×1,000, or no ratio when the lowest figure is 0.';
COMMENT ON COLUMN comparison_estimates.spread_note IS 'Why a spread may mislead, or NULL: a spread of 100 or more (the claims may count different things), a lowest figure that is an up to figure (no lower bound).';

CREATE TABLE comparison_claims AS
WITH final AS (
    SELECT c.*, r.current, m.reason AS group_reason, m.confidence AS group_confidence,
           e.lowest AS group_lowest, e.highest AS group_highest, e.spread, e.spread_text
    FROM claim_overview c
    JOIN claim_revisions r USING (claim_id)
    JOIN comparison_members m USING (claim_id)
    JOIN comparison_estimates e ON e.comparison_group = c.comparison_group
)
-- (stored in this order, which a query without ORDER BY reads it in: DuckDB keeps insertion order)
SELECT * FROM final ORDER BY comparison_group, as_of, claimant, claim_id;
COMMENT ON TABLE comparison_claims IS 'Claims about the same quantity side by side, in the order of their group, date and claimant: every column of claim_overview, whether it is the claimant''s latest figure (current), why it is in its group, and the group''s lowest, highest and spread over the latest figures (comparison_estimates). Computed by the build.';
COMMENT ON COLUMN comparison_claims.group_reason IS 'Why the claim is in its group (comparison_members.reason).';
COMMENT ON COLUMN comparison_claims.group_confidence IS 'How sure that membership is (comparison_members.confidence).';
COMMENT ON COLUMN comparison_claims.group_lowest IS 'The group''s lowest figure (comparison_estimates.lowest).';
COMMENT ON COLUMN comparison_claims.group_highest IS 'The group''s highest figure (comparison_estimates.highest).';
COMMENT ON COLUMN comparison_claims.spread IS 'The group''s spread (comparison_estimates.spread).';
COMMENT ON COLUMN comparison_claims.spread_text IS 'The group''s spread in words (comparison_estimates.spread_text).';
-- The columns it copies carry the comments of the columns they copy (claim_overview, claims, documents).
COMMENT ON COLUMN comparison_claims.claim_id IS 'Stable id of the claim (permalink).';
COMMENT ON COLUMN comparison_claims.doc_id IS 'The document the claim is in.';
COMMENT ON COLUMN comparison_claims.claimant_id IS 'The claimant (sources.source_id): the person or body the text attributes the figure to, or the outlet when the article states it in its own voice.';
COMMENT ON COLUMN comparison_claims.event_id IS 'The event the toll belongs to, where the text ties it to one.';
COMMENT ON COLUMN comparison_claims.place_id IS 'Where the toll occurred, where the text fixes it.';
COMMENT ON COLUMN comparison_claims.date_start IS 'First possible day the figure refers to, where the text fixes it.';
COMMENT ON COLUMN comparison_claims.date_end IS 'Last possible day the figure refers to.';
COMMENT ON COLUMN comparison_claims.date_precision IS 'day, week, month or year.';
COMMENT ON COLUMN comparison_claims.date_text IS 'The date expression as written.';
COMMENT ON COLUMN comparison_claims.kind IS 'killed, wounded, trapped (also besieged, or said to remain inside a besieged place), displaced, captured or missing. A figure that is two things takes the situation (1,500 wounded trapped: trapped).';
COMMENT ON COLUMN comparison_claims.victim_group IS 'The victims as written (Qusayr residents, wounded civilians, Hezbollah fighters).';
COMMENT ON COLUMN comparison_claims.victim_class IS 'civilians, opposition fighters, government forces, foreign fighters, mixed or unknown.';
COMMENT ON COLUMN comparison_claims.figure IS 'The number as stated (58 in "at least 58"); NULL for vague words such as hundreds.';
COMMENT ON COLUMN comparison_claims.low IS 'Lower bound by the bounds contract: exact 58 -> 58; at least 58 -> 58; up to 1,000 -> NULL; some 30 -> 27; hundreds -> 100.';
COMMENT ON COLUMN comparison_claims.high IS 'Upper bound by the bounds contract: exact 58 -> 58; at least 58 -> NULL (open); up to 1,000 -> 1000; some 30 -> 33.';
COMMENT ON COLUMN comparison_claims.approximate IS 'True for approximate hedges (some, about, around, nearly, almost): low/high are a band around the figure.';
COMMENT ON COLUMN comparison_claims.qualifier IS 'The hedge or vague word verbatim (At least, up to, as many as, some, Hundreds); NULL for an exact figure.';
COMMENT ON COLUMN comparison_claims.figure_text IS 'The figure exactly as written, hedge included.';
COMMENT ON COLUMN comparison_claims.evidence IS 'The exact quote; equals the document text at char_start..char_end.';
COMMENT ON COLUMN comparison_claims.char_start IS 'Start offset of the quote in documents.text (0-based).';
COMMENT ON COLUMN comparison_claims.char_end IS 'End offset of the quote (exclusive).';
COMMENT ON COLUMN comparison_claims.sentence IS 'The whole sentence(s) the quote is in.';
COMMENT ON COLUMN comparison_claims.sentence_start IS 'Start offset of the sentence.';
COMMENT ON COLUMN comparison_claims.sentence_end IS 'End offset of the sentence.';
COMMENT ON COLUMN comparison_claims.claimant_text IS 'The words naming the claimant as written (local opposition spokesman Hadi al-Abdallah).';
COMMENT ON COLUMN comparison_claims.claimant_start IS 'Start offset of claimant_text.';
COMMENT ON COLUMN comparison_claims.claimant_end IS 'End offset of claimant_text.';
COMMENT ON COLUMN comparison_claims.comparison_group IS 'The quantity the figure measures, named so a person understands it (civilians inside Qusayr); claims in one group are compared side by side. Every claim has one: the coder''s, a reviewer''s, else the rule''s (comparison_members says why).';
COMMENT ON COLUMN comparison_claims.method IS 'coded (by hand), machine (proposed by the extractor, not yet reviewed) or reviewed (a person accepted, corrected or added it in the review page).';
COMMENT ON COLUMN comparison_claims.confidence IS 'How sure the machine extractor is (0-1, a rule score: README "Machine extraction"); NULL for coded and reviewed facts.';
COMMENT ON COLUMN comparison_claims.coded_at IS 'Fact file and line of the coded claim.';
COMMENT ON COLUMN comparison_claims.note IS 'Coder''s note.';
COMMENT ON COLUMN comparison_claims.document_title IS 'Title of the document the claim is in.';
COMMENT ON COLUMN comparison_claims.claimant IS 'The claimant''s name (sources.name of claimant_id).';
COMMENT ON COLUMN comparison_claims.claimant_kind IS 'The claimant''s kind (sources.kind).';
COMMENT ON COLUMN comparison_claims.alignment IS 'The claimant''s alignment (sources.alignment).';
COMMENT ON COLUMN comparison_claims.place_name IS 'Name of the place (places.name of place_id).';
COMMENT ON COLUMN comparison_claims.event_summary IS 'Summary of the event (events.summary of event_id).';
COMMENT ON COLUMN comparison_claims.as_of IS 'The first day the figure refers to (date_start), else the publication date (published_on).';
COMMENT ON COLUMN comparison_claims.as_of_until IS 'The last day the figure refers to (date_end), else as_of: with as_of, the days the date filter of the pages and exports compares with.';
COMMENT ON COLUMN comparison_claims.as_of_precision IS 'How precisely as_of is known: date_precision, else published_precision.';
COMMENT ON COLUMN comparison_claims.lowest IS 'The lowest number the claimant put on the quantity: low, else (an open lower bound, up to 1,000) high.';
COMMENT ON COLUMN comparison_claims.highest IS 'The highest number the claimant put on the quantity: high, else (an open upper bound, at least 58) low.';
COMMENT ON COLUMN comparison_claims.best IS 'The figure as stated, else the middle of the bounds, else the one bound given.';
COMMENT ON COLUMN comparison_claims.range_text IS 'The bounds in words: 58, 27–33, 58 or more, up to 1,000.';
COMMENT ON COLUMN comparison_claims.outlet IS 'Publishing outlet of the claim''s document (documents.outlet).';
COMMENT ON COLUMN comparison_claims.published_on IS 'Publication date of the claim''s document (documents.published_on).';
COMMENT ON COLUMN comparison_claims.published_precision IS 'How precisely the publication date is known (documents.published_precision).';
COMMENT ON COLUMN comparison_claims.current IS 'True for the claimant''s latest figure in the group: the one the group''s conventions count (claim_revisions.current).';

CREATE VIEW comparisons AS
WITH per_group AS (
    SELECT comparison_group,
           any_value(kind) AS kind,
           count(*) AS claims,
           count(DISTINCT claimant_id) AS claimants,
           count(DISTINCT doc_id) AS documents,
           min(as_of) AS first_as_of,
           max(as_of) AS last_as_of,
           list_sort(list_distinct(list(alignment))) AS alignments,
           string_agg(claimant || ' (' || alignment || '): ' || figure_text, '; ' ORDER BY as_of, claimant) AS who_says_what
    FROM claim_overview
    WHERE comparison_group IS NOT NULL
    GROUP BY comparison_group
),
final AS (
    -- Disagreement is between what the claimants say now: a figure its own claimant revised is
    -- history (claim_revisions), not a side of the disagreement; comparison_estimates takes only
    -- each claimant's latest.
    SELECT p.comparison_group, p.kind, p.claims, p.claimants, p.documents,
           e.lowest, e.highest, e.spread,
           p.first_as_of, p.last_as_of, p.alignments, p.who_says_what, e.spread_text, e.spread_note
    FROM per_group p JOIN comparison_estimates e USING (comparison_group)
)
SELECT * FROM final ORDER BY claimants DESC, spread DESC NULLS LAST, comparison_group;
COMMENT ON VIEW comparisons IS 'One row per comparison group: how many claims and claimants, the lowest and highest figure and the spread (max/min) over each claimant''s latest figure (comparison_estimates), alignments of the claimants, and who says what (every claim).';
COMMENT ON COLUMN comparisons.lowest IS 'The group''s lowest figure (comparison_estimates.lowest).';
COMMENT ON COLUMN comparisons.highest IS 'The group''s highest figure (comparison_estimates.highest).';
COMMENT ON COLUMN comparisons.spread IS 'The group''s spread, highest / lowest (comparison_estimates.spread).';
COMMENT ON COLUMN comparisons.spread_text IS 'The spread in words (comparison_estimates.spread_text).';
COMMENT ON COLUMN comparisons.spread_note IS 'Why the spread may mislead, if it may (comparison_estimates.spread_note).';
COMMENT ON COLUMN comparisons.who_says_what IS 'Every claim of the group in words, by day: claimant (alignment): figure as written.';
COMMENT ON COLUMN comparisons.claims IS 'Claims in the group (superseded ones included).';
COMMENT ON COLUMN comparisons.claimants IS 'Distinct claimants in the group.';
COMMENT ON COLUMN comparisons.documents IS 'Distinct documents its claims are in.';
COMMENT ON COLUMN comparisons.first_as_of IS 'The earliest day its claims refer to (claim_overview.as_of).';
COMMENT ON COLUMN comparisons.last_as_of IS 'The latest day its claims refer to.';
COMMENT ON COLUMN comparisons.alignments IS 'The alignments of its claimants, sorted.';

CREATE VIEW event_quantities AS
WITH final AS (
    SELECT g.event_id, g.kind, g.comparison_group, g.victim_side,
           mode(c.victim_class) AS victim_class,
           g.lowest, g.best, g.highest,
           coalesce(bool_or(c.high IS NULL AND c.highest = g.highest
                            AND list_contains(g.current_claim_ids, c.claim_id)), FALSE) AS open_high,
           list(c.claimant_id ORDER BY c.claim_id) AS claimant_ids,
           list(c.alignment ORDER BY c.claim_id) AS alignments
    FROM comparison_estimates g JOIN claim_overview c USING (comparison_group)
    WHERE g.event_id IS NOT NULL
    GROUP BY g.event_id, g.kind, g.comparison_group, g.victim_side, g.lowest, g.best, g.highest
)
SELECT * FROM final ORDER BY event_id, kind, comparison_group;
COMMENT ON VIEW event_quantities IS 'The quantities an event''s toll is made of: each comparison group whose event is the event, with the group''s conventions (comparison_estimates). Claims about one quantity are alternatives and give one lowest, best and highest; different quantities (residents, Hezbollah fighters, militants) are different victims, added up by event_casualty_rollup and split by victim class in the exports.';
COMMENT ON COLUMN event_quantities.victim_class IS 'The commonest victim class of the group''s claims (civilians, opposition fighters, government forces, foreign fighters, mixed, unknown).';
COMMENT ON COLUMN event_quantities.open_high IS 'True when highest is an open bound (a current claim says at least or more than, and that is the highest figure): the toll may be higher.';
COMMENT ON COLUMN event_quantities.claimant_ids IS 'The claimants of the group''s claims (sources.source_id), one per claim.';
COMMENT ON COLUMN event_quantities.alignments IS 'Their alignments, one per claim.';
COMMENT ON COLUMN event_quantities.lowest IS 'The quantity''s lowest figure (comparison_estimates.lowest).';
COMMENT ON COLUMN event_quantities.best IS 'Its best figure (comparison_estimates.best).';
COMMENT ON COLUMN event_quantities.highest IS 'Its highest figure (comparison_estimates.highest).';

CREATE VIEW event_casualty_rollup AS
WITH final AS (
    SELECT event_id, kind,
           sum(lowest)::BIGINT AS acled_lowest,
           CASE WHEN kind = 'killed' THEN sum(lowest)::BIGINT END AS acled_fatalities,
           sum(lowest)::BIGINT AS ucdp_low,
           sum(best) AS ucdp_best,
           sum(highest)::BIGINT AS ucdp_high,
           count(*) AS quantities,
           len(list_distinct(flatten(list(claimant_ids)))) AS claimants,
           len(list_distinct(flatten(list(alignments)))) AS alignments,
           list_sort(list_distinct(flatten(list(claimant_ids)))) AS claimant_ids
    FROM event_quantities
    GROUP BY event_id, kind
)
SELECT e.summary, e.date_start, e.date_end, e.date_precision, f.*
FROM final f JOIN events e USING (event_id)
ORDER BY e.date_start, f.event_id, f.kind;
COMMENT ON VIEW event_casualty_rollup IS 'Per event and kind of toll, the conventions of the field side by side, summed over the quantities of the event (event_quantities: each comparison group''s lowest, best, highest over current figures): ACLED-style most conservative figure and UCDP low (sum of the lowest), UCDP best (sum of the medians), UCDP high (sum of the highest), and the number of claimants and of their alignments.';
COMMENT ON COLUMN event_casualty_rollup.acled_lowest IS 'ACLED''s convention, the most conservative figure, applied to this kind of toll: the sum of the quantities'' lowest figures.';
COMMENT ON COLUMN event_casualty_rollup.acled_fatalities IS 'ACLED''s fatalities: acled_lowest on the row of the killed, NULL on the rows of the wounded, trapped and the other kinds (which ACLED does not count).';
COMMENT ON COLUMN event_casualty_rollup.ucdp_low IS 'UCDP low: the sum of the quantities'' lowest figures.';
COMMENT ON COLUMN event_casualty_rollup.ucdp_best IS 'UCDP best: the sum of the quantities'' best figures (medians).';
COMMENT ON COLUMN event_casualty_rollup.ucdp_high IS 'UCDP high: the sum of the quantities'' highest figures.';
COMMENT ON COLUMN event_casualty_rollup.quantities IS 'How many quantities (comparison groups) are added up.';
COMMENT ON COLUMN event_casualty_rollup.claimants IS 'How many distinct claimants give figures for them.';
COMMENT ON COLUMN event_casualty_rollup.alignments IS 'How many distinct alignments those claimants have.';
COMMENT ON COLUMN event_casualty_rollup.claimant_ids IS 'The claimants (sources.source_id), sorted.';

CREATE VIEW claim_support AS
WITH final AS (
    SELECT c.claim_id, c.comparison_group, g.event_id AS group_event_id, coalesce(c.event_id, g.event_id) AS event_id,
           c.kind, c.claimant_id, c.claimant, c.alignment, coalesce(s.actor_id, c.claimant_id) AS voice,
           m.victim_side, r.current, c.highest,
           CASE c.alignment WHEN 'pro-government' THEN 'government' WHEN 'opposition' THEN 'opposition' END AS claimant_side,
           (SELECT min(a.side) FROM event_actors ea JOIN actors a USING (actor_id)
            WHERE ea.event_id = coalesce(c.event_id, g.event_id) AND ea.role = 'initiator'
              AND a.side IN ('government', 'opposition')) AS blamed_side
    FROM claim_overview c
    JOIN sources s ON s.source_id = c.claimant_id
    JOIN comparison_members m USING (claim_id)
    JOIN comparison_groups g ON g.comparison_group = c.comparison_group
    JOIN claim_revisions r USING (claim_id)
)
SELECT *,
       -- The party that would rather the toll were low says it: its own fighters' losses, or civilians
       -- harmed by an event it initiated.
       claimant_side IS NOT NULL AND claimant_side = CASE WHEN victim_side IN ('government', 'opposition') THEN victim_side
                                                          WHEN victim_side = 'civilians' THEN blamed_side END AS concedes
FROM final;
COMMENT ON VIEW claim_support IS 'What grading reads off each claim: the independent voice behind it (the actor its source speaks for, else the source), the claimant''s side, the side of the victims, the side blamed (the initiator of its event), and whether the claim concedes the toll (made by the side that would rather it were low: its own fighters, or civilians harmed by an event it initiated).';
COMMENT ON COLUMN claim_support.group_event_id IS 'The event of the claim''s comparison group (comparison_groups.event_id).';
COMMENT ON COLUMN claim_support.event_id IS 'The claim''s own event, else its group''s.';
COMMENT ON COLUMN claim_support.voice IS 'The independent voice behind the claim: the actor its source speaks for, else the source.';
COMMENT ON COLUMN claim_support.claimant_side IS 'The side the claimant is on: government for pro-government sources, opposition for opposition ones, else NULL.';
COMMENT ON COLUMN claim_support.blamed_side IS 'The side of the initiator of the claim''s event (government or opposition), if any.';
COMMENT ON COLUMN claim_support.concedes IS 'True when the claim is made by the side that would rather the toll were low: its own fighters'' dead, or civilians harmed by an event it initiated.';

CREATE VIEW toll_grades AS
WITH scoped AS (
    SELECT 'group' AS scope, comparison_group, group_event_id AS event_id, kind, * EXCLUDE (comparison_group, event_id, kind, group_event_id)
    FROM claim_support
    UNION ALL
    SELECT 'event toll', NULL, event_id, kind, * EXCLUDE (comparison_group, event_id, kind, group_event_id)
    FROM claim_support WHERE event_id IS NOT NULL
),
scoped_figures AS (
    SELECT d.*, k.figure_text FROM scoped d JOIN claims k ON k.claim_id = d.claim_id
),
denials AS (
    SELECT r.event_id, list_sort(list_distinct(list(s.name))) AS denied_by,
           bool_or(s.alignment IN ('international', 'independent')) AS denied_independently,
           list_sort(list_distinct(list(s.name) FILTER (WHERE s.alignment IN ('international', 'independent'))))
               AS independent_deniers
    FROM event_reports r JOIN sources s ON s.source_id = r.claimant_id
    WHERE r.stance = 'denies'
    GROUP BY r.event_id
),
support AS (
    SELECT scope, comparison_group, d.event_id, kind,
           count(DISTINCT voice) AS voices,
           count(DISTINCT claimant_id) AS claimants,
           list_sort(list_distinct(list(alignment))) AS alignments,
           count(DISTINCT claimant_side) AS sides,
           bool_or(alignment IN ('international', 'independent')) AS independent_voice,
           list_sort(list_distinct(coalesce(list(claimant) FILTER (WHERE concedes), []))) AS conceded_by,
           -- a claimant's current figure, not the earlier ones it revised, where its current one concedes
           list_sort(coalesce(list(claimant || ' says ' || figure_text) FILTER (WHERE concedes AND current),
                              list(claimant || ' says ' || figure_text) FILTER (WHERE concedes), [])) AS conceded_figures,
           coalesce(max(highest) FILTER (WHERE current), 1) = 0 AS retracted,
           any_value(n.denied_by) AS denied_by,
           coalesce(any_value(n.denied_independently), FALSE) AS denied_independently,
           any_value(n.independent_deniers) AS independent_deniers
    FROM scoped_figures d LEFT JOIN denials n USING (event_id)
    GROUP BY scope, comparison_group, d.event_id, kind
),
final AS (
    SELECT *,
           CASE WHEN retracted OR (denied_independently AND sides <= 1 AND NOT independent_voice AND len(conceded_by) = 0)
                    THEN 'discounted'
                WHEN len(conceded_by) > 0 THEN 'confirmed'
                WHEN denied_by IS NOT NULL THEN 'contested'
                WHEN voices >= 2 AND (sides >= 2 OR independent_voice) THEN 'fair'
                ELSE 'weak' END AS grade
    FROM support
)
SELECT *,
       -- Each reason names what the page shows beside it: the claimants it counts (as many as the
       -- comparison group lists), the alignments, and for a concession the figure conceded, so that
       -- "confirmed" beside a wide range says which figure is confirmed.
       CASE grade
           WHEN 'discounted' THEN CASE WHEN retracted THEN 'Discounted: every claimant''s latest figure is zero.'
                                       ELSE 'Discounted: denied by ' || array_to_string(independent_deniers, ', ')
                                            || ' (on neither side), while claimants of one side alone give the toll'
                                            || ' and none concedes it.' END
           WHEN 'confirmed' THEN 'Confirmed: the side that would rather the toll were low concedes it: '
                                 || array_to_string(conceded_figures, '; ') || '.'
           WHEN 'contested' THEN 'Contested: denied by ' || array_to_string(denied_by, ', ') || ', conceded by no one.'
           WHEN 'fair' THEN 'Fair: ' || CASE WHEN voices = claimants THEN claimants || ' claimants, each an independent voice'
                                             ELSE voices || ' independent voices among ' || claimants || ' claimants' END
                            || CASE WHEN sides >= 2 THEN ', of both sides' ELSE ', one or more of them international or independent' END
                            || ' (' || array_to_string(alignments, ', ') || ').'
           ELSE 'Weak: ' || CASE WHEN claimants = 1 THEN 'one claimant (' || alignments[1] || ')'
                                 WHEN voices = 1 THEN claimants || ' claimants who speak for one actor ('
                                                      || array_to_string(alignments, ', ') || ')'
                                 ELSE claimants || ' claimants of one side at most, none international or independent ('
                                      || array_to_string(alignments, ', ') || ')' END
                || ', and not conceded by the side that would rather the toll were low.' END AS grade_reason
FROM final
ORDER BY scope, comparison_group, event_id, kind;
COMMENT ON VIEW toll_grades IS 'A grade per comparison group (scope group) and per event and kind of toll (scope event toll), as Airwars grades, by the first rule that applies: discounted (every latest figure is zero, or an international or independent source denies the event while claimants of one side alone assert it and none concedes it), confirmed (the side that would rather it were low says it: claim_support.concedes), contested (a source denies the event), fair (two or more independent voices, of two sides or one of them international or independent), else weak. grade_reason says it in one sentence.';
COMMENT ON COLUMN toll_grades.scope IS 'group (one comparison group) or event toll (an event and a kind of toll).';
COMMENT ON COLUMN toll_grades.voices IS 'Distinct independent voices behind the claims (claim_support.voice).';
COMMENT ON COLUMN toll_grades.alignments IS 'Alignments of the claimants, sorted.';
COMMENT ON COLUMN toll_grades.sides IS 'How many sides (government, opposition) the claimants are on.';
COMMENT ON COLUMN toll_grades.independent_voice IS 'True when a claimant is international or independent.';
COMMENT ON COLUMN toll_grades.conceded_by IS 'Claimants who concede the toll (claim_support.concedes).';
COMMENT ON COLUMN toll_grades.claimants IS 'Distinct claimants behind the claims (as comparisons.claimants counts them for a group).';
COMMENT ON COLUMN toll_grades.conceded_figures IS 'What the conceding claimants say (claimant says figure as written): their current figures, else (where only an earlier one concedes) every conceding figure.';
COMMENT ON COLUMN toll_grades.independent_deniers IS 'Sources on neither side (international or independent) that deny the event, if any.';
COMMENT ON COLUMN toll_grades.retracted IS 'True when every claimant''s latest figure is zero.';
COMMENT ON COLUMN toll_grades.denied_by IS 'Sources that deny the event, if any.';
COMMENT ON COLUMN toll_grades.denied_independently IS 'True when an international or independent source denies the event.';
COMMENT ON COLUMN toll_grades.grade IS 'discounted, confirmed, contested, fair or weak: the first rule that applies (the view''s comment).';
COMMENT ON COLUMN toll_grades.grade_reason IS 'The grade and why, in one sentence: the claimants it counts (as many as comparisons.claimants), their alignments and, for confirmed, the figure conceded.';

CREATE VIEW claimant_group_ratios AS
WITH current_claims AS (
    SELECT r.comparison_group, r.claimant_id, r.claimant, r.alignment, r.kind, r.claim_id, r.best,
           r.figure_text, g.victim_side
    FROM claim_revisions r JOIN comparison_groups g USING (comparison_group)
    WHERE r.current AND r.best > 0
),
final AS (
    SELECT a.comparison_group, a.kind, a.victim_side, a.claimant_id, a.claimant, a.alignment,
           a.claim_id, a.best,
           median(b.best) AS others_median,
           count(*) AS others,
           list(b.claim_id ORDER BY b.best) AS others_claim_ids,
           string_agg(b.claimant || ': ' || b.figure_text, '; ' ORDER BY b.best) AS others_say
    FROM current_claims a JOIN current_claims b
      ON a.comparison_group = b.comparison_group AND a.claimant_id <> b.claimant_id
    GROUP BY ALL
)
SELECT *, round(best / others_median, 3) AS ratio FROM final ORDER BY claimant, comparison_group;
COMMENT ON VIEW claimant_group_ratios IS 'For each claimant and each comparison group others also report: its current figure (best of its latest claim), the median of the other claimants'' current figures, and the ratio of the two (above 1: it says more than the others), with the claims behind both.';
COMMENT ON COLUMN claimant_group_ratios.others_say IS 'The other claimants'' current figures in words, lowest first: claimant: figure as written.';
COMMENT ON COLUMN claimant_group_ratios.best IS 'The claimant''s current figure in the group (best of its latest claim).';
COMMENT ON COLUMN claimant_group_ratios.others_median IS 'The median of the other claimants'' current figures.';
COMMENT ON COLUMN claimant_group_ratios.others IS 'How many other claimants have a current figure in the group.';
COMMENT ON COLUMN claimant_group_ratios.others_claim_ids IS 'Their claims (claim_id), lowest first.';
COMMENT ON COLUMN claimant_group_ratios.ratio IS 'best / others_median, to 3 decimals: above 1, the claimant says more than the others.';

CREATE VIEW claimant_track_record AS
WITH logs AS (
    SELECT *, ln(ratio) AS log_ratio FROM claimant_group_ratios WHERE ratio > 0
),
final AS (
    SELECT claimant_id, any_value(claimant) AS claimant, any_value(alignment) AS alignment, kind, victim_side,
           count(*) AS groups,
           round(exp(avg(log_ratio)), 3) AS typical_ratio,
           round(min(ratio), 3) AS lowest_ratio,
           round(max(ratio), 3) AS highest_ratio,
           round(stddev_samp(log_ratio), 3) AS log_spread,
           CASE WHEN count(*) >= 2 THEN round(exp(avg(log_ratio) - 2 * stddev_samp(log_ratio) / sqrt(count(*))), 3) END AS ratio_low,
           CASE WHEN count(*) >= 2 THEN round(exp(avg(log_ratio) + 2 * stddev_samp(log_ratio) / sqrt(count(*))), 3) END AS ratio_high,
           list(claim_id ORDER BY comparison_group) AS claim_ids,
           list(comparison_group ORDER BY comparison_group) AS comparison_groups
    FROM logs
    GROUP BY claimant_id, kind, victim_side
)
SELECT *,
       CASE WHEN groups < 2 THEN 'one group: no pattern yet'
            WHEN ratio_low > 1 THEN 'runs high'
            WHEN ratio_high < 1 THEN 'runs low'
            ELSE 'in line with the others' END AS leaning
FROM final
ORDER BY victim_side, kind, typical_ratio DESC;
COMMENT ON VIEW claimant_track_record IS 'How each claimant''s figures sit against the other claimants'', by kind of toll and by whose dead (victim_side): over the groups it shares with others (claimant_group_ratios), typical_ratio is the geometric mean of its ratios to the others'' median, lowest_ratio / highest_ratio their range, log_spread the standard deviation of their logarithms, and ratio_low / ratio_high the geometric mean''s rough 95 % interval (mean of the logs +/- 2 standard errors; two groups or more). leaning: runs high when the whole interval is above 1, runs low when below, else in line.';
COMMENT ON COLUMN claimant_track_record.groups IS 'How many groups the claimant shares with others (ratios taken).';
COMMENT ON COLUMN claimant_track_record.typical_ratio IS 'The geometric mean of its ratios to the others'' median.';
COMMENT ON COLUMN claimant_track_record.lowest_ratio IS 'Its lowest ratio.';
COMMENT ON COLUMN claimant_track_record.highest_ratio IS 'Its highest ratio.';
COMMENT ON COLUMN claimant_track_record.log_spread IS 'The standard deviation of the logarithms of its ratios.';
COMMENT ON COLUMN claimant_track_record.ratio_low IS 'Lower end of the rough 95 % interval of typical_ratio (two groups or more).';
COMMENT ON COLUMN claimant_track_record.ratio_high IS 'Upper end of that interval.';
COMMENT ON COLUMN claimant_track_record.claim_ids IS 'Its claims behind the ratios.';
COMMENT ON COLUMN claimant_track_record.comparison_groups IS 'The groups the ratios are taken in.';
COMMENT ON COLUMN claimant_track_record.leaning IS 'runs high (the whole interval above 1), runs low (below 1), in line with the others, or one group: no pattern yet.';

CREATE VIEW event_overview AS
WITH reports AS (
    SELECT r.event_id,
           count(*) AS reports,
           count(DISTINCT r.doc_id) AS documents,
           count(DISTINCT r.claimant_id) AS claimants,
           bool_or(r.stance = 'denies') AS denied,
           -- an empty list, not NULL, where every report denies (or none does)
           coalesce(list_sort(list_distinct(list(s.name) FILTER (WHERE r.stance <> 'denies'))), []) AS asserted_by,
           coalesce(list_sort(list_distinct(list(s.name) FILTER (WHERE r.stance = 'denies'))), []) AS denied_by
    FROM event_reports r JOIN sources s ON s.source_id = r.claimant_id
    GROUP BY r.event_id
)
SELECT e.*, p.name AS place_name, p.latitude, p.longitude,
       r.reports, r.documents, r.claimants, r.denied AS contested, r.asserted_by, r.denied_by
FROM events e
JOIN reports r USING (event_id)
LEFT JOIN places p USING (place_id)
ORDER BY e.date_start, e.event_id;
COMMENT ON VIEW event_overview IS 'Events with their place, number of reports, documents and claimants, and whether any claimant denies them (contested), with who asserts and who denies.';
COMMENT ON COLUMN event_overview.place_name IS 'Name of the event''s place.';
COMMENT ON COLUMN event_overview.latitude IS 'Latitude of the place.';
COMMENT ON COLUMN event_overview.longitude IS 'Longitude of the place.';
COMMENT ON COLUMN event_overview.reports IS 'How many reports of the event.';
COMMENT ON COLUMN event_overview.documents IS 'How many documents report it.';
COMMENT ON COLUMN event_overview.claimants IS 'How many distinct claimants report, assert or deny it (the claimants of its event reports).';
COMMENT ON COLUMN event_overview.contested IS 'True when a source denies the event.';
COMMENT ON COLUMN event_overview.asserted_by IS 'Sources that report or claim it, sorted.';
COMMENT ON COLUMN event_overview.denied_by IS 'Sources that deny it, sorted.';

CREATE VIEW contested_events AS
SELECT event_id, date_start, date_end, date_precision, event_type, sub_event_type, place_name, summary,
       asserted_by, denied_by
FROM event_overview
WHERE contested;
COMMENT ON VIEW contested_events IS 'Events that at least one source denies, with who asserts and who denies.';

CREATE VIEW evidence_mismatches AS
SELECT 'claims' AS table_name, claim_id AS row_id FROM claims c JOIN documents d USING (doc_id)
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
    SELECT event_id, ucdp_low AS claims_lowest, ucdp_high AS claims_highest, quantities AS killed_claims
    FROM event_casualty_rollup WHERE kind = 'killed'
),
final AS (
    SELECT m.*, k.claims_lowest, k.claims_highest, coalesce(k.killed_claims, 0) AS killed_quantities,
           concat_ws('; ',
               CASE WHEN m.acled_events > 0 THEN 'ACLED: ' || format('{:,}', m.acled_fatalities)
                    || CASE WHEN m.acled_events > 1 THEN ' (' || m.acled_events || ' events)' ELSE '' END END,
               CASE WHEN m.ucdp_events > 0 THEN 'UCDP best ' || format('{:,}', m.ucdp_best) || ' (low '
                    || format('{:,}', m.ucdp_low) || ', high ' || format('{:,}', m.ucdp_high) || ')'
                    || CASE WHEN m.ucdp_events > 1 THEN ' over ' || m.ucdp_events || ' events' ELSE '' END END,
               CASE WHEN k.killed_claims IS NULL THEN 'the claims: no killed figure'
                    WHEN k.claims_lowest = k.claims_highest THEN 'the claims: ' || format('{:,}', k.claims_lowest)
                    ELSE 'the claims: ' || format('{:,}', k.claims_lowest) || ' to ' || format('{:,}', k.claims_highest) END
           ) AS coded_text
    FROM matched m LEFT JOIN killed k USING (event_id)
)
SELECT * FROM final ORDER BY event_id;
COMMENT ON VIEW event_reference_codings IS 'Per warehouse event matched in a user''s ACLED or UCDP GED file: what ACLED coded (fatalities, summed over matched ACLED events), what UCDP coded (low / best / high, summed), the claims'' killed toll from event_casualty_rollup (lowest to highest, summed over quantities), and all of it in words (coded_text: "ACLED: 12; UCDP best 15 (low 12, high 30); the claims: 16 to 104").';

-- What the pages and the exports ask, defined once: the dashboard's queries and `python -m etl export`
-- select from these views and macros, filtering, ordering and formatting only.

CREATE VIEW holdings AS
SELECT (SELECT count(*) FROM documents) AS documents,
       (SELECT count(DISTINCT source_id) FROM (SELECT claimant_id AS source_id FROM claims UNION ALL
           SELECT claimant_id FROM event_reports UNION ALL SELECT outlet_source_id FROM documents)
        WHERE source_id IS NOT NULL) AS sources,
       (SELECT count(*) FROM claims) AS claims,
       (SELECT count(*) FROM events) AS events,
       (SELECT count(*) FROM event_reports) AS reports,
       (SELECT count(*) FROM contested_events) AS contested,
       (SELECT min(date_start) FROM events) AS first_day,
       (SELECT max(date_end) FROM events) AS last_day,
       least((SELECT min(date_start) FROM events), (SELECT min(as_of) FROM claim_overview)) AS span_start,
       greatest((SELECT max(date_end) FROM events), (SELECT max(as_of_until) FROM claim_overview)) AS span_end;
COMMENT ON VIEW holdings IS 'What the warehouse holds, in one row: documents, sources that speak in them (claimants, reporting sources, outlets), casualty claims, events, event reports, contested events, the days events span, and the days events and claims span together (what the date filter offers).';
COMMENT ON COLUMN holdings.sources IS 'Sources that speak in the documents: claimants, reporting sources and outlets.';
COMMENT ON COLUMN holdings.first_day IS 'The first day of any event.';
COMMENT ON COLUMN holdings.last_day IS 'The last day of any event.';
COMMENT ON COLUMN holdings.span_start IS 'The first day of any event or claim (claim_overview.as_of).';
COMMENT ON COLUMN holdings.span_end IS 'The last day of any event or claim (claim_overview.as_of_until).';
COMMENT ON COLUMN holdings.documents IS 'Documents in the corpus.';
COMMENT ON COLUMN holdings.claims IS 'Casualty claims.';
COMMENT ON COLUMN holdings.events IS 'Events.';
COMMENT ON COLUMN holdings.reports IS 'Event reports.';
COMMENT ON COLUMN holdings.contested IS 'Events a source denies.';

CREATE VIEW document_overview AS
WITH facts AS (
    -- A document's facts: its casualty claims and the events it reports (each once, whatever its reports).
    SELECT doc_id, method, claim_id AS fact_id FROM claims
    UNION ALL SELECT DISTINCT doc_id, method, event_id FROM event_reports
),
per_document AS (
    SELECT doc_id,
           count(*) FILTER (WHERE method = 'machine') AS machine_facts,
           count(*) FILTER (WHERE method <> 'machine') AS checked_facts
    FROM facts GROUP BY doc_id
)
SELECT d.* EXCLUDE (text), s.name AS outlet_name, s.alignment AS outlet_alignment,
       (SELECT count(*) FROM claims c WHERE c.doc_id = d.doc_id) AS claims,
       (SELECT count(*) FROM event_reports r WHERE r.doc_id = d.doc_id) AS event_reports,
       coalesce(f.machine_facts, 0) AS machine_facts, coalesce(f.checked_facts, 0) AS checked_facts
FROM documents d
LEFT JOIN sources s ON s.source_id = d.outlet_source_id
LEFT JOIN per_document f USING (doc_id)
ORDER BY d.published_on NULLS LAST, d.doc_id;
COMMENT ON VIEW document_overview IS 'Every document (without its text) with its outlet as a source, and how many casualty claims, event reports and facts it holds: the facts the machine proposed and no one checked, and the facts a coder or reviewer made.';
COMMENT ON COLUMN document_overview.outlet_name IS 'The outlet''s name as a source (sources.name of outlet_source_id).';
COMMENT ON COLUMN document_overview.outlet_alignment IS 'The outlet''s alignment.';
COMMENT ON COLUMN document_overview.claims IS 'Casualty claims made in the document.';
COMMENT ON COLUMN document_overview.event_reports IS 'Event reports in the document.';
COMMENT ON COLUMN document_overview.machine_facts IS 'Claims and reported events the machine proposed (method machine), unchecked.';
COMMENT ON COLUMN document_overview.checked_facts IS 'Claims and reported events a coder or a reviewer made or checked.';

CREATE VIEW actor_mentions AS
SELECT m.entity_id AS actor_id, a.name AS actor, m.doc_id, d.outlet, d.published_on, d.published_precision,
       count(*) AS mentions
FROM mentions m JOIN actors a ON a.actor_id = m.entity_id JOIN documents d USING (doc_id)
WHERE m.entity_kind = 'actor'
GROUP BY ALL
ORDER BY actor, d.published_on NULLS LAST, m.doc_id;
COMMENT ON VIEW actor_mentions IS 'How often each document names each actor.';
COMMENT ON COLUMN actor_mentions.actor IS 'The actor''s name.';
COMMENT ON COLUMN actor_mentions.mentions IS 'Times the document names the actor.';

CREATE VIEW document_facts AS
SELECT c.doc_id, 'claim' AS fact_type, c.claim_id AS fact_id, c.char_start, c.char_end,
       c.claimant || ': ' || c.figure_text || ' ' || c.kind || ' (' || c.victim_group || ')' AS label,
       c.sentence_start, c.sentence_end
FROM claim_overview c
UNION ALL
SELECT n.doc_id, 'counted thing', n.count_id, n.char_start, n.char_end, s.name || ': ' || n.figure_text || ' ' || n.what,
       n.sentence_start, n.sentence_end
FROM counted_things n JOIN sources s ON s.source_id = n.claimant_id
UNION ALL
SELECT r.doc_id, 'event report', r.report_id, r.char_start, r.char_end, s.name || ' ' || r.stance || ': ' || e.summary,
       r.sentence_start, r.sentence_end
FROM event_reports r JOIN sources s ON s.source_id = r.claimant_id JOIN events e USING (event_id)
UNION ALL
SELECT m.doc_id, m.entity_kind || ' mention', m.entity_id, m.char_start, m.char_end, coalesce(p.name, a.name, m.surface),
       NULL, NULL
FROM mentions m
LEFT JOIN places p ON m.entity_kind = 'place' AND p.place_id = m.entity_id
LEFT JOIN actors a ON m.entity_kind = 'actor' AND a.actor_id = m.entity_id;
COMMENT ON VIEW document_facts IS 'Every fact located in its document, for reading the document with its facts marked: casualty claims, counted things, event reports, and place and actor mentions, each with its offsets, a line saying what it is, and the sentence it is in (none for a mention).';
COMMENT ON COLUMN document_facts.fact_type IS 'claim, counted thing, event report, place mention or actor mention.';
COMMENT ON COLUMN document_facts.fact_id IS 'The fact''s id: claim_id, count_id, report_id, or the place or actor a mention names (NULL for a place the gazetteer lacks).';
COMMENT ON COLUMN document_facts.label IS 'What the fact says, in a line (claimant: figure kind (victims); source stance: event; the name mentioned).';

-- The shared filters of the pages and the exports (the sidebar of the dashboard, the options of `python
-- -m etl export`), one definition both read. Each filter left NULL (or an empty list) does not filter;
-- the filters given must all hold, and a list holds when any of its values does:
-- - events: their days overlap from_day .. to_day; at one of place_ids; one of actor_ids takes part;
--   reported by a source of one of source_alignments; reported in one of doc_ids;
-- - claims: the days the figure refers to (as_of .. as_of_until) overlap from_day .. to_day; at one of
--   place_ids; about an event one of actor_ids takes part in, or made by a source that speaks for one of
--   them; made by a source of one of source_alignments; made in one of doc_ids.
-- E.g. SELECT * FROM filtered_claims(place_ids := ['al-qusayr'], source_alignments := ['opposition']).
CREATE MACRO unfiltered(choice) AS choice IS NULL OR len(choice) = 0;
COMMENT ON MACRO unfiltered IS 'True when a list filter chooses nothing (NULL or empty): it does not filter.';

CREATE MACRO filtered_events(from_day := NULL, to_day := NULL, place_ids := NULL, actor_ids := NULL,
                             source_alignments := NULL, doc_ids := NULL) AS TABLE
SELECT e.* FROM event_overview e
WHERE (from_day IS NULL OR e.date_end >= from_day)
  AND (to_day IS NULL OR e.date_start <= to_day)
  AND (unfiltered(place_ids) OR list_contains(place_ids, e.place_id))
  AND (unfiltered(actor_ids)
       OR e.event_id IN (SELECT event_id FROM event_actors WHERE list_contains(actor_ids, actor_id)))
  AND (unfiltered(source_alignments)
       OR e.event_id IN (SELECT r.event_id FROM event_reports r JOIN sources s ON s.source_id = r.claimant_id
                         WHERE list_contains(source_alignments, s.alignment)))
  AND (unfiltered(doc_ids)
       OR e.event_id IN (SELECT event_id FROM event_reports WHERE list_contains(doc_ids, doc_id)));
COMMENT ON MACRO TABLE filtered_events IS 'The rows of event_overview the shared filters keep (from_day, to_day, place_ids, actor_ids, source_alignments, doc_ids; NULL or empty: no filter): events whose days overlap the range, at one of the places, with one of the actors taking part, reported by a source of one of the alignments, in one of the documents.';

CREATE MACRO filtered_claims(from_day := NULL, to_day := NULL, place_ids := NULL, actor_ids := NULL,
                             source_alignments := NULL, doc_ids := NULL) AS TABLE
SELECT c.* FROM claim_overview c
WHERE (from_day IS NULL OR c.as_of_until >= from_day)
  AND (to_day IS NULL OR c.as_of <= to_day)
  AND (unfiltered(place_ids) OR list_contains(place_ids, c.place_id))
  AND (unfiltered(actor_ids)
       OR c.event_id IN (SELECT event_id FROM event_actors WHERE list_contains(actor_ids, actor_id))
       OR c.claimant_id IN (SELECT source_id FROM sources WHERE list_contains(actor_ids, actor_id)))
  AND (unfiltered(source_alignments) OR list_contains(source_alignments, c.alignment))
  AND (unfiltered(doc_ids) OR list_contains(doc_ids, c.doc_id));
COMMENT ON MACRO TABLE filtered_claims IS 'The rows of claim_overview the shared filters keep (from_day, to_day, place_ids, actor_ids, source_alignments, doc_ids; NULL or empty: no filter): claims whose days (as_of .. as_of_until) overlap the range, at one of the places, about an event one of the actors takes part in or made by a source speaking for one of them, made by a source of one of the alignments, in one of the documents.';

CREATE MACRO place_activity(from_day := NULL, to_day := NULL, place_ids := NULL, actor_ids := NULL,
                            source_alignments := NULL, doc_ids := NULL, on_day := NULL, listed := 10) AS TABLE
WITH per_place_events AS (
    SELECT place_id, count(*) AS events, mode(event_type) AS main_type, bool_or(contested) AS contested,
           coalesce(bool_or(date_start <= on_day AND date_end >= on_day), FALSE) AS active_on_day,
           list_slice(list({'date_start': date_start, 'date_end': date_end, 'date_precision': date_precision,
                            'summary': summary} ORDER BY date_start DESC NULLS LAST, event_id), 1, listed) AS event_list
    FROM filtered_events(from_day, to_day, place_ids, actor_ids, source_alignments, doc_ids)
    WHERE place_id IS NOT NULL
    GROUP BY place_id
),
per_place_claims AS (
    SELECT place_id, count(*) AS claims,
           list_slice(list({'claimant': claimant, 'figure_text': figure_text, 'kind': kind, 'victim_group': victim_group}
                           ORDER BY as_of DESC NULLS LAST, claim_id), 1, listed) AS claim_list
    FROM filtered_claims(from_day, to_day, place_ids, actor_ids, source_alignments, doc_ids)
    WHERE place_id IS NOT NULL
    GROUP BY place_id
)
SELECT p.place_id, p.name, p.latitude, p.longitude, p.where_prec, p.kind AS place_kind,
       coalesce(e.events, 0) AS events, coalesce(c.claims, 0) AS claims,
       coalesce(e.main_type, 'claims only') AS main_type, coalesce(e.contested, FALSE) AS contested,
       coalesce(e.active_on_day, FALSE) AS active_on_day,
       coalesce(e.event_list, []) AS event_list, coalesce(c.claim_list, []) AS claim_list
FROM places p
LEFT JOIN per_place_events e USING (place_id)
LEFT JOIN per_place_claims c USING (place_id)
WHERE e.events IS NOT NULL OR c.claims IS NOT NULL
ORDER BY events DESC, claims DESC, p.name;
COMMENT ON MACRO TABLE place_activity IS 'Per place, the events and casualty claims the shared filters keep (as filtered_events and filtered_claims): how many, the commonest ACLED event type (claims only where there is no event), whether a source denies one of its events, whether one is under way on on_day, and the latest `listed` (default 10) of its events (days, precision, summary) and claims (claimant, figure, kind, victims) themselves, newest first: a busy place of a large warehouse has thousands, more than a tooltip can show.';

CREATE MACRO actor_activity(from_day := NULL, to_day := NULL, place_ids := NULL, actor_ids := NULL,
                            source_alignments := NULL, doc_ids := NULL) AS TABLE
WITH taking_part AS (
    SELECT ea.actor_id, count(DISTINCT ea.event_id) AS events,
           string_agg(DISTINCT ea.role, ', ' ORDER BY ea.role) AS roles
    FROM event_actors ea
    JOIN filtered_events(from_day, to_day, place_ids, actor_ids, source_alignments, doc_ids) e USING (event_id)
    GROUP BY ea.actor_id
),
mentioned AS (
    SELECT m.entity_id AS actor_id, count(*) AS mentions, count(DISTINCT m.doc_id) AS documents
    FROM mentions m
    WHERE m.entity_kind = 'actor' AND (unfiltered(doc_ids) OR list_contains(doc_ids, m.doc_id))
    GROUP BY m.entity_id
),
speaking AS (
    SELECT s.actor_id, count(*) AS claims_made FROM claims c JOIN sources s ON s.source_id = c.claimant_id
    WHERE s.actor_id IS NOT NULL GROUP BY s.actor_id
)
SELECT a.actor_id, a.name, a.kind, a.side, coalesce(t.events, 0) AS events, t.roles,
       coalesce(m.mentions, 0) AS mentions, coalesce(m.documents, 0) AS documents,
       coalesce(sp.claims_made, 0) AS claims_made
FROM actors a
LEFT JOIN taking_part t USING (actor_id)
LEFT JOIN mentioned m USING (actor_id)
LEFT JOIN speaking sp USING (actor_id)
WHERE (t.events IS NOT NULL OR m.mentions IS NOT NULL) AND (unfiltered(actor_ids) OR list_contains(actor_ids, a.actor_id))
ORDER BY events DESC, mentions DESC, a.name;
COMMENT ON MACRO TABLE actor_activity IS 'Per actor named in the documents or taking part in an event: the events the shared filters keep that it takes part in and its roles there, its mentions in the chosen documents (doc_ids), and the casualty claims made by sources that speak for it; only the chosen actors (actor_ids) when some are.';

CREATE MACRO actor_pairs(from_day := NULL, to_day := NULL, place_ids := NULL, actor_ids := NULL,
                         source_alignments := NULL, doc_ids := NULL) AS TABLE
WITH taking_part AS (
    SELECT DISTINCT ea.event_id, a.name
    FROM event_actors ea
    JOIN filtered_events(from_day, to_day, place_ids, actor_ids, source_alignments, doc_ids) e USING (event_id)
    JOIN actors a USING (actor_id)
)
SELECT x.name AS actor, y.name AS with_actor, count(*) AS shared_events
FROM taking_part x JOIN taking_part y ON x.event_id = y.event_id AND x.name < y.name
GROUP BY ALL
ORDER BY shared_events DESC, actor, with_actor;
COMMENT ON MACRO TABLE actor_pairs IS 'Actors that take part in the same events the shared filters keep: each pair once (by name), with how many events they share.';

-- The Claims page's lists, ranked here so that a page of them is a range of ranks: the comparison
-- groups by disagreement or by claimants, and the cells of the claimant × comparison group matrix.
CREATE MACRO ranked_comparisons(from_day := NULL, to_day := NULL, place_ids := NULL, actor_ids := NULL,
                                source_alignments := NULL, doc_ids := NULL) AS TABLE
SELECT g.comparison_group, g.kind, g.claims, g.claimants, g.documents, g.lowest, e.best, g.highest, g.spread,
       g.spread_text, g.spread_note, t.grade, t.grade_reason, g.alignments, g.who_says_what, g.first_as_of, g.last_as_of,
       -- A group one claimant alone reports has no disagreement between claimants, whatever its own range.
       row_number() OVER (ORDER BY g.claimants >= 2 DESC, g.spread DESC NULLS LAST, g.claimants DESC,
                          g.comparison_group) AS disagreement_rank,
       row_number() OVER (ORDER BY g.claimants DESC, g.spread DESC NULLS LAST, g.comparison_group) AS claimants_rank
FROM comparisons g
JOIN comparison_estimates e USING (comparison_group)
JOIN toll_grades t ON t.scope = 'group' AND t.comparison_group = g.comparison_group
WHERE g.comparison_group IN (SELECT comparison_group
                             FROM filtered_claims(from_day, to_day, place_ids, actor_ids, source_alignments, doc_ids));
COMMENT ON MACRO TABLE ranked_comparisons IS 'The comparison groups with a claim the shared filters keep (each then summarised whole), with their estimates, spread in words and grade, ranked two ways: disagreement_rank (groups two or more claimants report first, widest spread first) and claimants_rank (most claimants first, then widest spread).';

CREATE MACRO claimant_group_cells(from_day := NULL, to_day := NULL, place_ids := NULL, actor_ids := NULL,
                                  source_alignments := NULL, doc_ids := NULL) AS TABLE
SELECT claimant_id, claimant, alignment, comparison_group,
       string_agg(range_text, '; ' ORDER BY as_of, claim_id) AS figures
FROM filtered_claims(from_day, to_day, place_ids, actor_ids, source_alignments, doc_ids)
WHERE comparison_group IS NOT NULL
GROUP BY ALL;
COMMENT ON MACRO TABLE claimant_group_cells IS 'The cells of the claimant × comparison group matrix, for the claims the shared filters keep: one row per claimant and group it puts a figure in; figures is its claims'' bounds in words (range_text), earliest first, joined by semicolons. A PIVOT makes the matrix, e.g. of the ten groups most claimants report: PIVOT (SELECT claimant, alignment, comparison_group, figures FROM claimant_group_cells() WHERE comparison_group IN (SELECT comparison_group FROM ranked_comparisons() WHERE claimants_rank <= 10)) ON comparison_group USING first(figures) GROUP BY claimant, alignment.';

-- Names kept for queries written before 2026-12-06, when the warehouse took the glossary's words
-- (docs/glossary.md; the whole old -> new list is in CHANGELOG.md). The table casualties became the
-- table claims; a query that still says casualties, casualty_id, source_id or count_low reads the
-- same rows here. The old view claims is not kept: that name is now the table's.
CREATE VIEW casualties AS
SELECT * RENAME (claim_id AS casualty_id, claimant_id AS source_id, low AS count_low, high AS count_high)
FROM claims;
COMMENT ON VIEW casualties IS 'The table claims under its name before 2026-12-06, kept for old queries: casualty_id is claim_id, source_id is claimant_id, count_low / count_high are low / high, every other column as it is. New queries read claims.';

-- The Actors page's matrix of who appears with whom, shaped here so that the page only selects and draws.
CREATE MACRO actor_pair_matrix(from_day := NULL, to_day := NULL, place_ids := NULL, actor_ids := NULL,
                               source_alignments := NULL, doc_ids := NULL) AS TABLE
SELECT actor, with_actor, shared_events
FROM actor_pairs(from_day, to_day, place_ids, actor_ids, source_alignments, doc_ids)
UNION ALL
SELECT with_actor, actor, shared_events
FROM actor_pairs(from_day, to_day, place_ids, actor_ids, source_alignments, doc_ids)
ORDER BY actor, with_actor;
COMMENT ON MACRO TABLE actor_pair_matrix IS 'The cells of a matrix of actor_pairs: each pair of actors that share an event the shared filters keep, once from each of the two (actor, with_actor), so that the matrix reads the same by row and by column; a pair that shares no event has no row.';
