"""The machine extractor: one document in, its facts out, each with the text it came from.

Rule-based and offline (docs/extraction/README.md): sentences of the article parts; figures
that count people become casualty claims with bounds by the warehouse's contract; speech
patterns give the claimant; date expressions are resolved against the publication date; alias
lookup (then a fuzzy match) gives places and actors; trigger words give ACLED-typed event
reports. Every fact carries method 'machine' and a confidence (a fixed rule score, see
`_confidence`), in the same columns as coded facts.
"""
import hashlib
from bisect import bisect_left
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from etl.extract.machine import lexicon
from etl.extract.machine.claims import BREAKDOWN, PART_OF_A_TOLL, find_candidates, toll_word_in
from etl.extract.machine.claimants import Claimant, ClaimantFinder
from etl.extract.machine.dates import WEEKDAY, find_dates
from etl.ingest.parts import labelled_line_pattern
from etl.extract.machine.events import denial_at, find_triggers, is_hypothetical, roles, stance_of, sub_type_for
from etl.extract.machine.places import FIRST_LEVEL_KINDS, PlaceFinder
from etl.extract.machine.text import article_sentences, clauses
from etl.ingest.documents import Document
from etl.ingest.reference import Source
from etl.ingest.aliases import AliasIndex
from etl.core.dates import DateRange
from etl.core import rows
from etl.settings import WAR_SCALE_TOLL

METHOD = "machine"
_ETL_DIR = Path(__file__).resolve().parents[2]


def extractor_inputs(reference_files) -> list[Path]:
    """Every file the machine facts of a document depend on besides the document: all of the
    ETL's code (the extractor reads the ingest, resolve and settings modules too, and a narrower
    list went stale when a word list or a resolver changed), every word list of the lexicon and
    the reference data. Only the one-off generators in etl/tools are left out."""
    code = [p for p in _ETL_DIR.rglob("*.py") if "tools" not in p.relative_to(_ETL_DIR).parts]
    lexicon_files = [p for p in lexicon.LEXICON_FILE.parent.iterdir() if p.is_file()]
    return sorted(code) + sorted(lexicon_files) + sorted(reference_files)


def extractor_digest(reference_files) -> str:
    """Changes whenever anything the extractor reads changes (`extractor_inputs`): the
    incremental build then extracts every document again."""
    digest = hashlib.sha256()
    for path in extractor_inputs(reference_files):
        digest.update(str(path.relative_to(_ETL_DIR) if path.is_relative_to(_ETL_DIR) else path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class MachineFacts:
    claims: list[dict] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)  # event reports, each with its event's keys
    mentions: list[dict] = field(default_factory=list)  # place mentions the alias scan does not give
    sources: list[Source] = field(default_factory=list)  # claimants not in the reference data


def _confidence(*penalties: float) -> float:
    """A rule score, not a calibrated probability: 0.9 for a figure with its own toll word, named
    claimant and place in one sentence, less for each thing the extractor had to infer."""
    return round(max(0.3, 0.9 - sum(penalties)), 2)


def _dates_of(mentions, focus: int, exclude, text: str = "") -> tuple[DateRange | None, str | None]:
    """The date of a figure: the date expression nearest to it, leaving out those inside the
    claimant's words and those that date the speaking ("activists said on Tuesday that ...": the
    statement's day, not the deaths')."""
    usable = [m for m in mentions if not any(s <= m.start < e for s, e in exclude)
              and not (text and _SPEECH_DAY.search(text, max(0, m.start - 40), m.start))
              and not (text and m.start > focus and _ADDED_STATEMENT.search(text, focus, m.start))
              and not (text and lexicon.compared_with(text, 0, m.start, focus))]
    if not usable:
        return None, None
    running = [m for m in usable if m.until_published]
    cutoff = [m for m in usable if text and _CUTOFF.search(text, max(0, m.start - 25), m.end)]
    if running and cutoff and cutoff[0].dates.end >= running[0].dates.start:
        # "As of midnight on Sunday, ... 406 deaths since the invasion began on 24 February": the
        # running toll runs from the one day to the other
        first, last = running[0], cutoff[0]
        span = (min(first.start, last.start), max(first.end, last.end))
        return DateRange.spanning(first.dates.start, last.dates.end), text[span[0]:span[1]] if span[1] - span[0] < 200 else first.text
    # "raising to 96 the number of rebels killed since the start of the offensive on 2 March":
    # a running toll's start told after the toll word, in its clause, is its date
    counted_since = [m for m in running if m.start > focus and text and not _CLAUSE_BREAK.search(text, focus, m.start)]
    if counted_since:
        return counted_since[0].until_published, counted_since[0].text
    nearest = min(usable, key=lambda m: min(abs(m.start - focus), abs(m.end - focus)))
    return nearest.until_published or nearest.dates, nearest.text


def _continued_account(named_at: int | None, sentences, starts, number: int, days_told, text: str):
    """The date the sentence that named a speaker told, where that sentence is at most two
    paragraphs before the one that goes on with "he added"."""
    if named_at is None:
        return None, None
    told = bisect_left(starts, named_at + 1) - 1
    if told < 0 or told >= number or sentences[number].paragraph - sentences[told].paragraph > 2:
        return None, None
    mentions = [m for m in days_told.get(told, []) if m.dates.end - m.dates.start <= _NEWS_WEEK]
    return _dates_of(mentions, named_at, [], text) if mentions else (None, None)


def _claim_dates(claim: dict) -> tuple[DateRange | None, str | None]:
    if claim["date_start"] is None:
        return None, None
    return DateRange(claim["date_start"], claim["date_end"], claim["date_precision"]), claim["date_text"]


# A live blog's entry opens with its clock time: "09:30 The Observatory says", "14:05 GMT – ..."
_ENTRY_TIME = re.compile(r"\s*(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s*(?:GMT|UTC|local time|[AP]M))?\s*[-–—:]?\s+[A-Z]")


def _lead_days(text: str, sentences, published: DateRange | None) -> DateRange | None:
    """The days a news story's lead names (the first paragraph that names one, if within a week
    before publication): when the happenings it tells without a date took place. None for an
    article dated only to the month (no news day is known) or whose lead names no day."""
    if published is None or published.precision != "day":
        return None
    body = [s for s in sentences if s.part_kind != "headline"] or sentences
    lead = [s for s in body if s.paragraph <= body[0].paragraph + 1]
    days = [m.dates for s in lead for m in find_dates(text, s.start, s.end, published, None) if m.dates.precision == "day"
            and timedelta(0) <= published.start - m.dates.start <= _NEWS_WEEK]
    if not days:
        return None
    return DateRange.spanning(min(d.start for d in days), max(d.end for d in days))


_NEWS_WEEK = timedelta(days=7)
# A toll counted over more than this ("since March 2011", "in four years of war") is a war's or a
# campaign's, not one town's: told without a place, it is the country's (PlaceFinder.for_fact).
_CAMPAIGN = timedelta(days=90)
# A whole war's start is not a battle's: "since the war began" never takes the battle's day.
_WAR = r"(?:war|conflict|uprising|revolution|revolt|crisis|invasion)\b"
# A running toll whose start the sentence does not date: "since the battle began", "since the
# start of the offensive".
_SINCE_IT_BEGAN = re.compile(r"\bsince the (?:start|beginning|launch) of the (?!" + _WAR + r")\w+\b"
                             r"|\bsince the (?!" + _WAR + r")\w+ (?:began|started|was launched)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:.]")
# Where a running count stops: "as of midnight on Sunday", "up to Friday", "until 1 May".
_CUTOFF = re.compile(r"\b(?:[Aa]s of|[Uu]p to|[Uu]ntil|[Tt]ill|[Aa]s at)\b(?:\s+(?:midnight|noon|\d{1,2}[:.]\d{2}))?(?:\s+on)?\s+")
# A speech verb right before a date: the date is the statement's ("said on Tuesday", "told AFP Thursday").
_SPEECH_DAY = re.compile(r"\b(?:" + lexicon.alternation(lexicon.raw()["speech"]["speech_day"]) + r")"
                         r"(?:\s+(?:" + lexicon.alternation(lexicon.raw()["speech"]["speech_day_adverbs"]) + r"))?\s+$")
# ", adding there had been no fighting in the past 20 days": the days of another statement than the figure's
_ADDED_STATEMENT = re.compile(r",\s+(?:" + lexicon.alternation(lexicon.raw()["added_statement"]) + r")\b")
# "a woman born in 1958", "a group formed in Uganda in 1995": a lifetime's date, no fact's
_LIFETIME_DATE = re.compile(r"\b(?:" + lexicon.alternation(lexicon.raw()["lifetime_dates"])
                            + r")\b(?:\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?\s+(?:in\s+|on\s+)?$")
# The kinds of toll a paragraph's speaker keeps giving when a sentence names no one (machine.yaml).
_DIGIT = re.compile(r"\d")
_CARRIED_KINDS = frozenset(lexicon.raw()["speech"]["carried_kinds"])
# The reasons of a figure that is an item of a list or a table row under a toll told before it.
_ITEMS = frozenset({"an item of a list under a toll", "a table column under a toll"})
# A line of a list: a bullet, or a figure first ("- 19 civilians", "• 21 soldiers", "12 in Aleppo").
# The place words after a speaker named after the toll, up to the speech verb: "a source [at the Homs Governorate] said".
_SPEAKER_PLACE_END = re.compile(r"(\s+(?:at|in|from)\s+[^,.;]{2,60}?)\s+(?:said|says|told|reported|stated)\b")
# A line of a list: a bullet, a figure, or a label, a dash and a figure ("personnel — about 203,160 (+510)")
_LABELLED_LINE = re.compile(labelled_line_pattern())
_LIST_ITEM = re.compile(r"\s*(?:[-–•*·▪]\s*|\d)|" + _LABELLED_LINE.pattern)


def _dates_of_report(mentions, focus: int, clause, clause_list, scope, exclude) -> tuple[DateRange | None, str | None]:
    """The date of the happening a trigger names: one told in its own part of the sentence, the
    first after the trigger (a verb's time follows it: "had battled ... as early as May 2012",
    not "interviewed one last October who had battled ..."); else the sentence's date, unless
    its clause happened at another time ("After pummelling Qusair for two weeks, ...")."""
    usable = [m for m in mentions if not any(s <= m.start < e for s, e in exclude)]
    own = [m for m in usable if scope[0] <= m.start < scope[1]]
    if own:
        after = [m for m in own if m.start >= focus]
        chosen = after[0] if after else own[-1]
        return chosen.dates, chosen.text
    if clause.sequenced:
        return None, None
    timed_apart = [c for c in clause_list if c.sequenced]
    shared = [m for m in usable if not any(c.start <= m.start < c.end for c in timed_apart)]
    # A clause that gives no date of its own shares that of the clause it follows.
    earlier = [m for m in shared if m.start < focus]
    chosen = earlier[-1] if earlier else shared[0] if shared else None
    return (chosen.dates, chosen.text) if chosen else (None, None)


def _long_running(dates: DateRange | None, sentence: str, published: DateRange | None) -> bool:
    """A running toll counted over months or years ("more than 9,000 killed since March 2011", "the
    war, which broke out in April 2023, has killed ..."), not a count of one past period
    ("thousands fled last year"): it runs to the day of writing, or says it is a running total."""
    if dates is None or dates.end - dates.start <= _CAMPAIGN:
        return False
    return (published is not None and dates.end >= published.end) or bool(lexicon.pattern("running_total").search(sentence))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A clause without the punctuation, spaces and "and" that join it to its neighbours."""
    joint = _JOINT.match(text, start, end)
    start = joint.end() if joint else start
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


_JOINT = re.compile(r"(?:[\s,;:–—-]|\band\b)*")


def extract_document(doc: Document, index: AliasIndex, sources: dict[str, Source],
                     outlet_source_id: str | None, trace: list | None = None) -> MachineFacts:
    """The machine facts of one document. `trace`, if given, receives every figure candidate of
    the article with its decision and, for a casualty claim, its row (`python -m etl explain`)."""
    facts = MachineFacts()
    sentences = article_sentences(doc)
    if not sentences:
        return facts
    text = doc.text
    spans = [(s.start, s.end) for s in sentences]
    # One alias scan of the article gives both its actors and its places: it is a costly pass.
    alias_mentions = index.find_mentions(text, spans)
    actor_mentions = sorted((m for m in alias_mentions if m.entity_kind == "actor"), key=lambda m: m.char_start)
    actor_starts = [m.char_start for m in actor_mentions]  # bisected: long articles have thousands
    places = PlaceFinder(index, text, sentences, [(m.char_start, m.char_end) for m in actor_mentions], alias_mentions)
    claimants = ClaimantFinder(index, sources, outlet_source_id)
    claimants.prescan(text, spans, {m.entity_id for m in alias_mentions if m.entity_kind == "actor"},
                      [(m.surface, index.reference.places[m.entity_id].country) for m in alias_mentions
                       if m.entity_kind == "place" and not m.in_dateline], places.story_place_names(),
                      places.story_countries())
    published = DateRange(doc.published_on, doc.published_until, doc.published_precision) if doc.published_on else None
    pieces: dict[int, list[str]] = {}
    for s in sentences:
        pieces.setdefault(s.paragraph, []).append(s.text)
    paragraphs = {number: " ".join(texts) for number, texts in pieces.items()}
    anchor: date | None = None
    heading, heading_paragraph = None, None  # the toll a list of counts is introduced by
    heading_dates = (None, None)  # the days of that toll, which its items count over
    listed = False  # whether the lines read now are a list under a sentence that dates them
    columns, table_paragraph = None, None  # the toll of each column of the table being read
    row_region = None  # the region word of its first column's header ("State"), if its rows name regions
    last_toll, last_toll_sentence = None, None  # the first toll of the last sentence that gave one
    lead_days = _lead_days(text, sentences, published)
    # an event told without a date is of the lead's days, else of the day the story was published
    toll_claimant = None  # the claimant of the last figure that is no item of a list or table
    totals: dict[int, tuple[str, int, int]] = {}  # the tolls told so far, by their figure
    running = None  # the last day the article gave as a running toll's start
    period = None  # the last stretch of days the article named, and its words
    news = lead_days or (published if published is not None and published.precision == "day" else None)
    has_body = any(s.part_kind != "headline" for s in sentences)
    carried_places: set[str] = set()  # claims whose place is not named in their own sentence
    broken_down: set[str] = set()  # claims whose breakdown by place over regions follows them
    paragraph_speaker = None  # (paragraph, claimant) of the last toll in the article that named one
    days_told: dict[int, list] = {}  # the date expressions of each sentence read so far
    sentence_starts = [s.start for s in sentences]
    for number, sentence in enumerate(sentences):
        if number:  # who spoke in the sentence before, figures or not, is whom "he said" refers to
            claimants.note_speakers(text, sentences[number - 1].start, sentences[number - 1].end)
        date_mentions = [m for m in find_dates(text, sentence.start, sentence.end, published, anchor)
                         if not _LIFETIME_DATE.search(text, max(0, m.start - 40), m.start)]
        days_told[number] = date_mentions
        for mention in date_mentions:
            if mention.dates.precision == "day":
                anchor = mention.dates.start
            if mention.until_published:
                running = mention  # the start of a running toll, for "since the battle began" later
            span = mention.until_published or mention.dates
            if span.end > span.start:
                period = (span, mention.text)  # the last stretch of days named, for "in the same period"
        previous = sentences[max(0, number - 6):number]
        # -- casualty claims ------------------------------------------------------------------
        if (heading or listed) and not (_LIST_ITEM.match(sentence.text) or sentence.paragraph == heading_paragraph):
            heading, listed = None, False
        near_toll = last_toll and sentences[last_toll_sentence].paragraph >= sentence.paragraph - 3
        if heading is None and near_toll and (len(BREAKDOWN.findall(sentence.text)) >= 2
                                              or BREAKDOWN.match(sentence.text.lstrip(" -–•*·▪"))):
            # "... documented 142 martyrs today. Tartous: 71; Damascus Suburbs: 26; ..." or a line
            # "Children: 4,609" after a toll: a breakdown of that toll
            heading, heading_paragraph = last_toll, sentence.paragraph
            heading_dates = _claim_dates(facts.claims[-1]) if facts.claims else (None, None)
        if "|" in sentence.text:
            cells = sentence.text.strip(" |").split("|")
            if not lexicon.figures().search(text, sentence.start, sentence.end):
                # a table's header row: the toll each column counts ("Party | Killed | Injured")
                columns = [toll_word_in(text, text.find(cell, sentence.start), text.find(cell, sentence.start) + len(cell))
                           for cell in cells]
                columns = columns if any(columns) else None
                # "State | Events | Fatalities": the rows are named by region ("Khartoum" is the state)
                first = cells[0].strip().lower()
                row_region = next((w for w in lexicon.region_words() if first in (w, w + "s")), None)
        elif sentence.paragraph != table_paragraph:
            columns = row_region = None
        table_paragraph = sentence.paragraph if "|" in sentence.text else table_paragraph
        for candidate in find_candidates(text, sentence.start, sentence.end, paragraphs[sentence.paragraph], heading,
                                         columns if "|" in sentence.text else None, totals):
            finding = candidate.finding
            if finding is None:
                if trace is not None:
                    trace.append((candidate, None))
                continue
            figure = finding.figure
            if finding.kind_source in _ITEMS and toll_claimant is not None:
                # "Children: 4,609" under a toll, a row of a table: the label names the victims,
                # not a speaker; the figure is the toll's claimant's
                claimant = toll_claimant
            else:
                claimant = claimants.find(text, sentence.start, sentence.end, figure.start)
            exclude = [(claimant.start, claimant.end)] if claimant.start is not None and not claimant.carried else []
            if exclude and claimant.start > figure.start:
                # "..., claiming the lives of 3 citizens, a source at the Homs Governorate said": where
                # the speaker sits, told after the toll, is not where the toll happened
                said = _SPEAKER_PLACE_END.match(text, claimant.end)
                if said:
                    exclude = [(claimant.start, said.end(1))]
            dates, date_text = _dates_of(date_mentions, finding.kind_start, exclude, text)
            increment = text[max(0, figure.start - 2):figure.start] == "(+"
            if dates is None and published is not None and published.precision == "day" and increment:
                # "about 203,160 (+510)": a running total's increment since the bulletin before, the
                # day before it was issued and that day (as "over the past day")
                dates, date_text = DateRange(published.start - timedelta(days=1), published.end, "day"), None
            if dates is None and finding.kind_source in PART_OF_A_TOLL and facts.claims:
                # "Of those killed: 3,604 men, ...": a part of a toll is of the toll's days
                whole = facts.claims[-1]
                if whole["date_start"] is not None:
                    dates = DateRange(whole["date_start"], whole["date_end"], whole["date_precision"])
                    date_text = whole["date_text"]
            if dates is None and heading_dates[0] is not None and (
                    finding.kind_source in _ITEMS or listed and _LABELLED_LINE.match(sentence.text)):
                # "- 173 fighters of the rebel battalions" under "The toll since 19 May is as follows:"
                dates, date_text = heading_dates
            if dates is None and published is not None and published.precision == "day" \
                    and _ENTRY_TIME.match(sentence.text) and not lexicon.pattern("running_total").search(sentence.text):
                # "09:30 The Observatory says at least 13 were killed ...": a live blog's entry of the day
                # it was published, told as it happens
                dates, date_text = published, None
            if dates is None and claimant.carried and not lexicon.pattern("running_total").search(sentence.text):
                # "Militiamen attacked a market in Malakal on Saturday, a commissioner said. ¶ Nineteen
                # civilians were killed, he added.": the speaker's account goes on, of the day it told
                dates, date_text = _continued_account(claimants.named_at.get(claimant.claimant_id), sentences,
                                                      sentence_starts, number, days_told, text)
            if dates is None and running is not None and _SINCE_IT_BEGAN.search(sentence.text):
                # "killed since the battle began" with no day: since the start the article gave before
                dates, date_text = running.until_published, running.text
            if dates is None and period is not None and lexicon.pattern("same_period").search(text, sentence.start, sentence.end):
                # "at least 298 civilians had been killed in the same period": the stretch named before
                dates, date_text = period
            # (an increment of a running total is where the total is: the country, not a town)
            long_running = increment or _long_running(dates, sentence.text, published) or (
                figure.quantity.figure is None and (figure.quantity.low or 0) >= WAR_SCALE_TOLL and finding.kind == "killed")
            if (claimant.text is None and paragraph_speaker and paragraph_speaker[0] == sentence.paragraph
                    and finding.kind in _CARRIED_KINDS and not places.country_wide(sentence)
                    and not lexicon.pattern("own_voice").search(sentence.text)):
                # "The governor said 40 people were killed. At least 75 were injured.": a toll told
                # with no speaker, after one who gave tolls in its paragraph, is that one's (not the
                # war's toll the outlet tells as background: "The war ... has killed tens of thousands";
                # nor one the outlet hedges in its own voice: "Twelve people are reportedly missing", A77)
                said = paragraph_speaker[1]
                claimant = Claimant(said.claimant_id, said.text, said.start, said.end, carried=True)
            if claimant.text is not None:
                paragraph_speaker = (sentence.paragraph, claimant)
            place_id, place_carried = places.for_fact(sentence, figure.start, previous, exclude,
                                                      row_region=row_region if "|" in sentence.text else None,
                                                      long_running=long_running)
            whole = places.breakdown_whole(sentence, sentences[number + 1] if number + 1 < len(sentences) else None,
                                           figure.start) if finding.kind_source not in _ITEMS and not listed else None
            if whole:
                place_id, place_carried = whole, False
            if place_carried and facts.claims and facts.claims[-1]["sentence_start"] == sentence.start \
                    and facts.claims[-1]["claim_id"] not in carried_places and not long_running \
                    and places.settlement(facts.claims[-1]["place_id"]):
                # "the airstrike hit the Tajoura centre, killing at least 40 people and injuring around
                # 80": a toll joined to one the sentence places in a town is of the same town
                place_id, place_carried = facts.claims[-1]["place_id"], False
            start = min(figure.start, finding.kind_start)
            end = max(figure.end, finding.kind_end, finding.victims.end if finding.victims else figure.end)
            quantity = figure.quantity
            victim_group = finding.victims.text if finding.victims else "people (not named)"
            row = rows.claim(
                doc_id=doc.doc_id, claimant_id=claimant.claimant_id, place_id=place_id, **rows.when(dates, date_text),
                kind=finding.kind, victim_group=victim_group, victim_class=finding.victim_class,
                **rows.figure(quantity, figure.text), **rows.evidence(text, start, end, sentence.start, sentence.end),
                claimant_text=claimant.text, claimant_start=claimant.start, claimant_end=claimant.end,
                method=METHOD,  # comparison_group: by rule across documents (etl/resolve/comparison.py)
                confidence=_confidence(
                    0.1 if finding.kind_source == "noun" else 0.25 if finding.kind_source == "siege" else 0,
                    0.1 if quantity.figure is None else 0,
                    0.1 if claimant.carried else 0,
                    0.05 if place_carried else 0))
            facts.claims.append(row)
            if place_carried:
                carried_places.add(row["claim_id"])
            if whole:
                broken_down.add(row["claim_id"])
            if row["figure"] is not None:  # "Of the 403, ..." later parts this toll
                totals[row["figure"]] = (finding.kind, finding.kind_start, finding.kind_end)
            if finding.kind_source not in _ITEMS:
                toll_claimant = claimant
            last_toll = last_toll if last_toll and last_toll_sentence == number else (finding.kind, finding.kind_start, finding.kind_end)
            last_toll_sentence = number
            if trace is not None:
                trace.append((candidate, row))
            if claimant.new_source:
                facts.sources.append(claimant.new_source)
        if sentence.text.rstrip().endswith(":"):  # a list under a toll: "documented the death of 52 people, as follows:"
            heading, heading_paragraph = toll_word_in(text, sentence.start, sentence.end), sentence.paragraph
            # "The toll of the battle documented since 19 May is as follows:": the items' days; "The total
            # combat losses of the enemy from 24.02.2022 to 21.05.2023 are:" dates its lines, whose
            # kinds are their own (personnel, tanks), by its toll noun
            toll_noun = lexicon.casualty_rule("toll_nouns").search(text, sentence.start, sentence.end)
            focus = heading[1] if heading else toll_noun.start() if toll_noun else None
            heading_dates = _dates_of(date_mentions, focus, [], text) if focus is not None else (None, None)
            listed = focus is not None
        # -- event reports ------------------------------------------------------------------
        if "?" in sentence.text or (sentence.part_kind == "headline" and has_body):
            continue  # a question; a headline, which tells the body's happenings in other words
        told = set()  # one report of one happening per sentence, however many words name it
        clause_list = clauses(text, sentence.start, sentence.end)
        for trigger, clause, (scope_start, scope_end) in find_triggers(text, clause_list):
            if is_hypothetical(text, sentence.start, trigger):
                continue
            claimant = claimants.find(text, sentence.start, sentence.end, trigger.start)
            exclude = [(claimant.start, claimant.end)] if claimant.start is not None else []
            dates, date_text = _dates_of_report(date_mentions, trigger.start, clause, clause_list, (scope_start, scope_end),
                                                exclude)
            if dates is None and not places.in_span(sentence.start, sentence.end, exclude):
                continue  # neither when nor where: analysis, not a report of a happening
            dated_by_news = dates is None and not clause.sequenced and news is not None
            if dated_by_news:
                dates = news
            place_id, place_carried = places.for_fact(sentence, trigger.start, previous, exclude, (scope_start, scope_end))
            seat = places.seat(trigger.rule, scope_start, scope_end)
            if seat:
                place_id, place_carried = seat, False
            first = bisect_left(actor_starts, sentence.start)
            in_sentence = [m for m in actor_mentions[first:bisect_left(actor_starts, sentence.end, lo=first)]
                           if not any(s <= m.char_start < e for s, e in exclude)]
            actors = [m for m in in_sentence if scope_start <= m.char_start < scope_end]
            if not any(m.char_end <= trigger.start for m in actors) and in_sentence and in_sentence[0].char_start < scope_start:
                actors.insert(0, in_sentence[0])  # ", capturing an airport": the sentence's subject acts
            actor_roles = roles(trigger, actors, text)
            sub_type = sub_type_for(trigger, actor_roles, index.reference.actors)
            stances = _stances(text, sentence, trigger, (scope_start, scope_end), claimants, claimant)
            # One territorial happening at each place it lists (ACLED's events have one location),
            # each told by the words from the name before to its own.
            listed = places.listed_after(trigger.end, clause.end, exclude) if trigger.rule.get("side") else []
            if len(listed) < 2:
                listed = [(place_id, scope_end)]
            told_from = scope_start
            for place_id, told_to in listed:
                start, end = _trimmed(text, told_from, told_to if told_to < scope_end else scope_end)
                told_from = told_to
                if (trigger.event_type, sub_type, place_id, dates) in told:
                    continue
                told.add((trigger.event_type, sub_type, place_id, dates))
                for report_claimant, stance in stances:
                    facts.reports.append(rows.event_report(
                        doc_id=doc.doc_id, claimant_id=report_claimant.claimant_id, stance=stance,
                        **rows.evidence(text, start, end, sentence.start, sentence.end),
                        claimant_text=report_claimant.text, claimant_start=report_claimant.start, claimant_end=report_claimant.end,
                        **rows.when(dates, date_text), method=METHOD,
                        confidence=_confidence(0.1 if dates is None or dated_by_news else 0,
                                               0.1 if place_carried else 0,
                                               0.1 if not actor_roles else 0, 0.1 if report_claimant.carried else 0),
                        # the event's keys, for matching reports into events (etl.resolve.event_matching)
                        event_type=trigger.event_type, sub_event_type=sub_type, place_id=place_id,
                        actors=actor_roles, trigger=text[trigger.start:trigger.end]))
                    if report_claimant.new_source:
                        facts.sources.append(report_claimant.new_source)
        if not told and facts.reports:
            _denial_of_the_happening(doc.doc_id, text, sentence, previous, claimants, facts)
        if not told:
            _fighting_of_a_toll(doc.doc_id, sentence, facts)
    headline_starts = {s.start for s in sentences if s.part_kind == "headline"}
    _headline_claimants(facts.claims, headline_starts,
                        {s.start for s in sentences if s.part_kind in ("standfirst", "caption")}, sources)
    _dated_afterwards(facts.claims, facts.reports, headline_starts)
    _headline_dates(facts.claims, headline_starts, lead_days)
    _headline_places(facts.claims, headline_starts, index.reference.places, broken_down,
                     {s.start for s in sentences if s.part_kind in ("headline", "standfirst")})
    paragraph_of = {s.start: s.paragraph for s in sentences}  # each sentence's paragraph, by where it starts
    _happening_dates(facts.claims, facts.reports, paragraph_of, headline_starts)
    _period_dates(facts.claims, headline_starts)
    _the_happening_dates(facts.claims, facts.reports, headline_starts, lead_days)
    _the_happening_claimants(facts.claims, paragraph_of, headline_starts)
    _continuing_claimants(facts.claims, paragraph_of, headline_starts, sources)
    outlet = sources.get(outlet_source_id) if outlet_source_id else None
    if outlet and outlet.kind in lexicon.raw()["statement_outlets"]:
        _statement_dates(facts.claims, outlet_source_id, news)
    _repeated_tolls(facts.claims, carried_places)
    # Every source a claim or report names is in the facts, however it was reached (a speaker the
    # article names later, found before the sentence that adds it, carries no new source of its own).
    used = {row["claimant_id"] for row in facts.claims + facts.reports}
    listed = {source.source_id for source in facts.sources}
    facts.sources += [source for source_id, source in claimants.added.items() if source_id in used - listed]
    for mention in places.mentions:
        if mention.match != "alias":
            facts.mentions.append({"doc_id": doc.doc_id, "entity_kind": "place", "entity_id": mention.place_id,
                                   "surface": mention.surface, "char_start": mention.start, "char_end": mention.end,
                                   "match": mention.match, "confidence": mention.confidence})
    return facts


def _headline_claimants(claims: list[dict], headline_starts: set[int], restating_starts: set[int],
                        known: dict) -> None:
    """A headline's figure with no speaker of its own ("Air strike kills 33 soldiers") is the
    claim the article's body attributes: it takes the claimant of the body's first claim of the
    same kind and figure that names one ("72 killed as Israel loses 13 soldiers": the medics' 72,
    the army's 13), else of the same kind (a wire headline's figure is its lead's).
    A standfirst or a caption (`restating_starts`) restates the body only where it gives the body's
    figure ("At least 19 killed and scores injured in rebel bombardment" over "At least 19 civilians
    were killed and 120 wounded ..., a monitoring group said"): then that claim's claimant is the
    speaker of every figure of its sentence with none of its own (the sentence is one summary of the
    one account). A figure of its own there ("Over 300 civilians killed" over a body's 333) stays
    the outlet's. A headline's speaker in headline words that name no known source ("...: Gaddafi
    aide") is the one the body names for the same figure ("Spokesman Moussa Ibrahim"), A72."""
    body = [c for c in claims if c["sentence_start"] not in headline_starts and c["claimant_text"]]
    below = [c for c in body if c["sentence_start"] not in restating_starts]
    restated: dict[int, dict] = {}  # a standfirst's or caption's sentence -> the body claim it restates
    for claim in claims:
        if claim["sentence_start"] in restating_starts and not claim["claimant_text"]:
            restated[claim["sentence_start"]] = restated.get(claim["sentence_start"]) or _body_figure(claim, below)
    for claim in claims:
        if claim["claimant_text"] and claim["sentence_start"] in headline_starts and claim["claimant_id"] not in known:
            fuller = _body_figure(claim, body)
            if fuller is not None and fuller["claimant_id"] in known:
                claim.update({key: fuller[key] for key in _CLAIMANT_FIELDS})
            continue
        if claim["claimant_text"]:
            continue
        if claim["sentence_start"] in headline_starts:
            lead = _body_figure(claim, body) or next((c for c in body if c["kind"] == claim["kind"]), None)
        else:
            lead = restated.get(claim["sentence_start"])
        if lead:
            claim.update(claimant_id=lead["claimant_id"], claimant_text=lead["claimant_text"],
                         claimant_start=lead["claimant_start"], claimant_end=lead["claimant_end"],
                         confidence=round(max(0.3, claim["confidence"] - 0.1), 2))


def _headline_dates(claims: list[dict], headline_starts: set[int], news: DateRange | None) -> None:
    """A headline's figure with no date of its own is the body's news ("Air strike kills 33
    soldiers" is the lead's strike): it takes the date of the body's claim of the same kind and
    figure, else the days the lead names (a wire story's headline reports its lead's news). With
    neither it stays undated, like an undated figure of the body."""
    body = [c for c in claims if c["sentence_start"] not in headline_starts and c["date_start"] is not None]
    for claim in claims:
        if claim["sentence_start"] not in headline_starts or claim["date_start"] is not None:
            continue
        same = next((c for c in body if c["kind"] == claim["kind"]
                     and (c["low"], c["high"]) == (claim["low"], claim["high"])), None) or _body_figure(claim, body)
        if same:
            _take_dates(claim, same)
        elif news is not None:
            claim.update(rows.when(news, None))


def _body_figure(claim: dict, body: list[dict], also=lambda c: True) -> dict | None:
    """The body's first claim of a headline's kind and figure (its lower bound: "33" in the
    headline is "at least 33" in the lead)."""
    return next((c for c in body if c["kind"] == claim["kind"] and c["low"] == claim["low"] and also(c)), None)


def _headline_places(claims: list[dict], headline_starts: set[int], gazetteer, broken_down: set[str],
                     summary_starts: set[int]) -> None:
    """A headline's figure placed in a country or a region ("Car bomb in Iraq kills 10") is the
    body's same figure, placed where the body says ("the Bayaa district of Baghdad"), when the body
    places it inside that country or region. A headline's figure the body breaks down over regions
    (`broken_down`: "270 martyrs today as regime forces commit a massacre in Daraya" ¶ "... 190 in
    Damascus Suburbs, 30 in Aleppo, 22 in Daraa") is the country's, as the body's is, and so is a
    standfirst's (`summary_starts`: the headline's and the standfirst's sentences)."""
    body = [c for c in claims if c["sentence_start"] not in headline_starts and c["place_id"] is not None]
    for claim in claims:
        if claim["sentence_start"] in summary_starts:
            whole = _body_figure(claim, body, lambda c: c["claim_id"] in broken_down)
            if whole:
                claim["place_id"] = whole["place_id"]
                continue
        coarse = gazetteer.get(claim["place_id"]) if claim["place_id"] else None
        if claim["sentence_start"] not in headline_starts or coarse is None or (
                coarse.kind != "country" and coarse.kind not in FIRST_LEVEL_KINDS):
            continue
        same = _body_figure(claim, body, lambda c: c["place_id"] != claim["place_id"])
        inside = gazetteer.get(same["place_id"]) if same else None
        if inside and inside.country == coarse.country and (coarse.kind == "country" or inside.admin1 == coarse.admin1):
            claim["place_id"] = same["place_id"]


def _take_dates(claim: dict, other: dict) -> None:
    """The claim is dated as the other fact is, with the other's words for it."""
    claim.update({key: other[key] for key in ("date_start", "date_end", "date_precision", "date_text")})


def _happening_dates(claims: list[dict], reports: list[dict], paragraph_of: dict[int, int],
                     headline_starts: set[int]) -> None:
    """A toll told without a date, in a paragraph that dated a happening before it, is of that
    happening's days: "An air strike hit the market on Tuesday. Medics said 14 people were
    killed." The happening is the last fact of the paragraph before it with a date of its own
    of at most a week (not a running toll's span, not a day only the lead gave). A sentence with
    words of a running total ("so far", "since", "in all") keeps no date: its count is no one
    day's."""
    running_total = lexicon.pattern("running_total")
    # (not a running toll's first day: "displaced since Dec. 1" dates no happening of that day)
    dated = sorted((f for f in claims + reports if f["date_start"] is not None and f["date_text"]
                    and f["sentence_start"] not in headline_starts
                    and f["date_end"] - f["date_start"] <= _NEWS_WEEK and not running_total.regex.match(f["date_text"])),
                   key=lambda f: f["sentence_start"])
    starts = [f["sentence_start"] for f in dated]
    for claim in claims:
        if claim["date_start"] is not None or claim["sentence_start"] in headline_starts:
            continue
        last = bisect_left(starts, claim["sentence_start"]) - 1
        if last < 0 or paragraph_of[dated[last]["sentence_start"]] != paragraph_of[claim["sentence_start"]]:
            continue
        if running_total.search(claim["sentence"]):
            continue
        happening = dated[last]
        _take_dates(claim, happening)


def _the_happening_dates(claims: list[dict], reports: list[dict], headline_starts: set[int],
                         lead_days: DateRange | None) -> None:
    """A toll told without a date, with words that point back to the article's happening ("Among
    the dead were 15 children", "the attack killed 29"), is of the day the article first dated a
    happening of at most a day, else of the days its lead names; a sentence of a running total
    keeps none."""
    facts = sorted((f for f in claims + reports if f["sentence_start"] not in headline_starts), key=lambda f: f["char_start"])
    first = next((f for f in facts if f["date_start"] is not None and f["date_text"] and _one_day(f)), None)
    if first is None and lead_days is None:
        return
    pointing, running_total = lexicon.pattern("the_happening"), lexicon.pattern("running_total")
    for claim in claims:
        if claim["date_start"] is None and claim["sentence_start"] not in headline_starts \
                and (first is None or claim["char_start"] > first["char_start"]) \
                and pointing.search(claim["sentence"]) and not running_total.search(claim["sentence"]):
            if first is not None:
                _take_dates(claim, first)
            else:
                claim.update(rows.when(lead_days, None))


# "The air strike took place on Thursday": a sentence that opens with the happening and says when it was
_HAPPENING_DATED = re.compile(r"\s*(?:" + lexicon.alternation(lexicon.raw()["the_happening"]) + r")[^.;]{0,40}?\b(?:"
                              + lexicon.alternation(lexicon.raw()["happening_dated"]) + r")\b", re.IGNORECASE)


def _dated_afterwards(claims: list[dict], reports: list[dict], headline_starts: set[int]) -> None:
    """"At least eight civilians were killed in an air strike on a village ..." ¶ "The air strike took place
    on Thursday, ...": a sentence that opens with the happening and says when it took place dates the
    tolls told before it with no date of their own (not a running total's, not a headline's)."""
    dating = next((r for r in sorted(reports, key=lambda r: r["char_start"]) if r["date_text"] and _one_day(r)
                   and _HAPPENING_DATED.match(r["sentence"])), None)
    if dating is None:
        return
    running_total = lexicon.pattern("running_total")
    for claim in claims:
        if claim["date_start"] is None and claim["sentence_start"] not in headline_starts \
                and claim["char_start"] < dating["sentence_start"] and claim["kind"] in _CARRIED_KINDS \
                and not running_total.search(claim["sentence"]):
            _take_dates(claim, dating)


_CLAIMANT_FIELDS = ("claimant_id", "claimant_text", "claimant_start", "claimant_end")
_WEEKDAY_NAMED = re.compile(r"\b" + WEEKDAY + r"\b")


def _one_day(fact: dict) -> bool:
    """A fact of one day: a day's date, or a weekday in a page dated only to its month ("late on
    Sunday": one of that month's Sundays, not known which)."""
    return fact["date_end"] == fact["date_start"] or (
        fact["date_precision"] == "month" and bool(_WEEKDAY_NAMED.search(fact["date_text"])))


def _the_happening_claimants(claims: list[dict], paragraph_of: dict[int, int], headline_starts: set[int]) -> None:
    """A paragraph that goes on with the toll its speaker gave at the end of the paragraph before
    ("... with the death toll rising to 40, officials say. ¶ Five children are among the dead. At
    least 75 people were injured") is the same speaker's account: its first toll points back to the
    happening ("among the dead", "the attack killed"), and the paragraph's tolls with no speaker of
    their own take that speaker. Not a running total (the outlet's own background)."""
    pointing, running_total = lexicon.pattern("the_happening"), lexicon.pattern("running_total")
    last_named, carried_paragraph = None, None
    for claim in sorted(claims, key=lambda c: c["char_start"]):
        if claim["sentence_start"] in headline_starts:
            continue
        paragraph = paragraph_of[claim["sentence_start"]]
        if claim["claimant_text"] is not None:
            last_named = claim
            continue
        if last_named is None or claim["kind"] not in _CARRIED_KINDS or running_total.search(claim["sentence"]):
            continue
        if carried_paragraph == paragraph or (paragraph == paragraph_of[last_named["sentence_start"]] + 1
                                              and pointing.search(claim["sentence"])):
            claim.update({key: last_named[key] for key in _CLAIMANT_FIELDS})
            carried_paragraph = paragraph


def _continuing_claimants(claims: list[dict], paragraph_of: dict[int, int], headline_starts: set[int],
                          sources: dict) -> None:
    """A toll with no speaker that goes on with a speaker's account is that speaker's (A62):
    - between two paragraphs of one speaker's figures ("It said ... 124,752 men, 17,139 children
      ... had been killed." ¶ "A total of 831 men ... died in attacks by IS." ¶ "The SNHR said a
      total of 158,218 people had died"), in the paragraphs next to it on each side;
    - opened by words that go on with the count before (`continuing` in machine.yaml: "Another 109
      people were killed ..."; "Elsewhere, seven people were killed ..." after a monitor's or the UN's
      figure, `roundup`), within two paragraphs of the speaker's last figure and with no figure of
      the outlet's own in between."""
    ordered = [c for c in sorted(claims, key=lambda c: c["char_start"]) if c["sentence_start"] not in headline_starts]
    continuing, roundup = lexicon.pattern("continuing"), lexicon.pattern("roundup")
    roundup_kinds = set(lexicon.raw()["roundup_kinds"])
    going_on: set[int] = set()  # the claims this rule gave a speaker, which the next may go on from

    def told(c):  # a figure whose speaker its own sentence names (not one carried to it)
        return c["claimant_start"] is not None and c["sentence_start"] <= c["claimant_start"] < c["sentence_end"]

    for i, claim in enumerate(ordered):
        if claim["claimant_text"] is not None or claim["kind"] not in _CARRIED_KINDS:
            continue
        paragraph = paragraph_of[claim["sentence_start"]]
        before = next((c for c in reversed(ordered[:i]) if c["sentence_start"] != claim["sentence_start"]), None)
        if before is None or not (told(before) or id(before) in going_on):
            continue  # the outlet's own figure comes between, or one whose speaker another rule carried to it
        after = next((c for c in ordered[i + 1:] if told(c) and c["sentence_start"] != claim["sentence_start"]), None)
        gap = paragraph - paragraph_of[before["sentence_start"]]
        between = after is not None and after["claimant_id"] == before["claimant_id"] and gap <= 1 \
            and paragraph_of[after["sentence_start"]] - paragraph <= 1
        # "Hundreds of civilians have been killed ..., a monitoring group said." ¶ "At least 333 civilians
        # have been killed since ...": the exact figure of a vague one of the paragraph before, within its
        # order of magnitude ("dozens" is no war's 240,000)
        elaborating = gap == 1 and not _DIGIT.search(before["figure_text"]) and _DIGIT.search(claim["figure_text"]) \
            and before["kind"] == claim["kind"] and claim["low"] is not None and before["low"] is not None \
            and before["low"] <= claim["low"] < 10 * before["low"] and (before["high"] is None or claim["low"] <= before["high"])
        opening = claim["sentence"].lstrip()
        speaker = sources.get(before["claimant_id"])
        going = continuing.search(opening) or (roundup.search(opening) and speaker is not None
                                               and speaker.kind in roundup_kinds)
        if between or elaborating or (gap <= 2 and going):
            claim.update({key: before[key] for key in _CLAIMANT_FIELDS})
            going_on.add(id(claim))


# The kinds a period report counts together (civilian casualties: the dead and the injured); a
# period of another kind ("thousands fled last year") dates no toll of these.
_COUNTED_TOGETHER = {"killed": "casualties", "wounded": "casualties"}


def _period_dates(claims: list[dict], headline_starts: set[int]) -> None:
    """A report on a period ("Between 1 January and 30 June, UNAMA documented 1,674 deaths";
    "In November, the Observatory documented ...") counts its later figures over the same period:
    a toll of the same claimant told after it without a date of its own ("Children continued to
    pay a heavy price, with 363 killed"; a table's rows) of the same kinds takes the period. The period is closed
    (more than a week, not a running toll "since ..."); tolls dated by a happening of their
    paragraph (_happening_dates) keep that day."""
    running_total, background = lexicon.pattern("running_total"), lexicon.country_wide()
    period = {}  # claimant -> the last period its claims were dated by
    for claim in sorted(claims, key=lambda c: c["char_start"]):
        if claim["sentence_start"] in headline_starts:
            continue
        if running_total.search(claim["sentence"]) or background.search(claim["sentence"]):
            continue  # a running total ("since the assault began on 19 May") or the war's toll: no period
        counted = _COUNTED_TOGETHER.get(claim["kind"], claim["kind"])
        if claim["date_start"] is not None:
            if claim["date_text"] and claim["date_end"] - claim["date_start"] > _NEWS_WEEK:
                period[(claim["claimant_id"], counted)] = claim
        elif (claim["claimant_id"], counted) in period:
            _take_dates(claim, period[(claim["claimant_id"], counted)])


def _repeated_tolls(claims: list[dict], carried_places: set[str]) -> None:
    """A toll told again ("Four dead and eleven hurt so far," he wrote) is the toll told before
    or after with its day and place: a figure of the same kind and bounds in the same article,
    told where its words give a date or a place of their own, lends them to one told without."""
    told = {}
    for claim in claims:
        if claim["figure"] is not None:
            told.setdefault((claim["kind"], claim["low"], claim["high"]), []).append(claim)
    for same in told.values():
        if len(same) < 2:
            continue
        for claim in same:
            # one toll, not two of one figure: no place of its own elsewhere, no day of its own another day
            own_place = claim["claim_id"] not in carried_places
            dated = next((c for c in same if c["date_text"] is not None
                          and (not own_place or c["place_id"] == claim["place_id"])), None)
            placed = next((c for c in same if c["place_id"] is not None and c["claim_id"] not in carried_places
                           and (claim["date_start"] is None or c["date_start"] == claim["date_start"])), None)
            if dated is not None and claim["date_start"] is None:
                _take_dates(claim, dated)
            if placed is not None and not own_place:
                claim["place_id"] = placed["place_id"]


def _denial_of_the_happening(doc_id: str, text: str, sentence, previous, claimants: ClaimantFinder,
                             facts: MachineFacts) -> None:
    """A denial that tells no happening of its own denies one told before it. A denied role ("The
    government has denied any role.") is in the story's own happening, the one its lead tells first: a
    story is written around the happening someone is accused of, and the sentences in between are as
    often background. A denied act or report ("IS claimed to have taken the hill. The YPG denied the
    claim.") is the one told just before, in its paragraph or the sentence before, else the story's
    own. The denial's report is that happening's (type, place, days, actors, so that it joins the same
    event) in the denier's voice."""
    role = lexicon.pattern("denied_role").search(text, sentence.start, sentence.end)
    cue = role or lexicon.pattern("denied_happening").search(text, sentence.start, sentence.end)
    if not cue:
        return
    near = {s.start for s in previous if s.paragraph == sentence.paragraph} | {s.start for s in previous[-1:]}
    denied = facts.reports[-1] if not role and facts.reports[-1]["sentence_start"] in near else facts.reports[0]
    denier = claimants.find(text, sentence.start, sentence.end, cue.start())
    if denier.claimant_id == denied["claimant_id"]:
        return  # a source does not deny what it has just told
    start, end = _trimmed(text, sentence.start, sentence.end)
    facts.reports.append(rows.event_report(
        doc_id=doc_id, claimant_id=denier.claimant_id, stance="denies",
        **rows.evidence(text, start, end, sentence.start, sentence.end),
        claimant_text=denier.text, claimant_start=denier.start, claimant_end=denier.end,
        date_start=denied["date_start"], date_end=denied["date_end"], date_precision=denied["date_precision"],
        date_text=None, method=METHOD,
        # what it denies is inferred from the sentences before, never named in its own words
        confidence=_confidence(0.2, 0.1 if denier.carried else 0),
        event_type=denied["event_type"], sub_event_type=denied["sub_event_type"], place_id=denied["place_id"],
        actors=list(denied["actors"]), trigger=cue.group()))
    if denier.new_source:
        facts.sources.append(denier.new_source)


def _statement_dates(claims: list[dict], outlet_source_id: str, news: DateRange | None) -> None:
    """"During the clearing operations our forces eliminated 57 terrorists": a party's own communiqué (an
    army's, an armed group's, its media's: `statement_outlets`) tells its day's news. A toll it tells in
    its own voice that no other rule dated is of the days its lead names, else of the day it was issued;
    not a running total."""
    if news is None:
        return
    for claim in claims:
        if claim["date_start"] is None and claim["claimant_id"] == outlet_source_id and claim["claimant_text"] is None \
                and not lexicon.pattern("running_total").search(claim["sentence"]):
            claim.update(rows.when(news, None))


def _fighting_of_a_toll(doc_id: str, sentence, facts: MachineFacts) -> None:
    """"SOHR documented the death of 4 Hezbollah members in Qusayr yesterday", "Our forces offered 11
    martyrs": a toll of fighters that names no happening reports the fighting they fell in (ACLED's
    armed clash, `fighting_of_a_toll` in machine.yaml), where and when the toll says, in its
    claimant's voice. Civilians' tolls do not: they are killed in as many ways as there are types."""
    rule = lexicon.raw()["fighting_of_a_toll"]
    for claim in reversed(facts.claims):
        if not sentence.start <= claim["char_start"] < sentence.end:
            return  # (a list item's claim carries its heading's sentence, told once)
        if claim["kind"] in rule["kinds"] and claim["victim_class"] in rule["victim_classes"] \
                and claim["date_precision"] == "day" and claim["date_start"] == claim["date_end"]:
            facts.reports.append(rows.event_report(
                doc_id=doc_id, claimant_id=claim["claimant_id"], stance="reports",
                **{key: claim[key] for key in ("evidence", "char_start", "char_end", "sentence", "sentence_start",
                                               "sentence_end", "claimant_text", "claimant_start", "claimant_end",
                                               "date_start", "date_end", "date_precision", "date_text")},
                method=METHOD, confidence=_confidence(0.2),  # the fighting is inferred from its toll
                event_type=rule["event_type"], sub_event_type=rule["sub_event_type"], place_id=claim["place_id"],
                actors=[], trigger=claim["evidence"]))
            return


def _stances(text: str, sentence, trigger, scope, claimants: ClaimantFinder, claimant) -> list[tuple]:
    """Who tells the happening and how: one source, or one that asserts it and one that denies it."""
    denial = denial_at(text, *scope)
    if denial is not None and denial > trigger.start:
        # "X claimed to have conquered ..., Y asserted that no territory had been lost":
        # one happening, asserted by one source and denied by another.
        denier = claimants.find(text, sentence.start, sentence.end, denial)
        if denier.claimant_id != claimant.claimant_id:
            return [(claimant, "asserts"), (denier, "denies")]
    source = _source(claimants, claimant)
    return [(claimant, stance_of(text, *scope, source.kind if source else None, claimant.text is None))]


def _source(claimants: ClaimantFinder, claimant) -> Source | None:
    return claimants.sources.get(claimant.claimant_id) or claimant.new_source or claimants.added.get(claimant.claimant_id)
