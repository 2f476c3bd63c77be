"""The machine extractor: one document in, its facts out, each with the text it came from.

Rule-based and offline (README "Machine extraction"): sentences of the article parts; figures
that count people become casualty claims with bounds by the warehouse's contract; speech
patterns give the claimant; date expressions are resolved against the publication date; alias
lookup (then a fuzzy match) gives places and actors; trigger words give ACLED-typed event
reports. Every fact carries method 'machine' and a confidence (a fixed rule score, see
`_confidence`), in the same columns as coded facts.
"""
import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from etl.extract.machine import lexicon
from etl.extract.machine.casualties import find_casualties
from etl.extract.machine.claimants import ClaimantFinder
from etl.extract.machine.dates import find_dates
from etl.extract.machine.events import denial_at, find_trigger, is_hypothetical, roles, stance_of, sub_type_for
from etl.extract.machine.places import PlaceFinder
from etl.extract.machine.text import article_sentences
from etl.ingest.documents import Document
from etl.ingest.reference import Source
from etl.resolve.aliases import AliasIndex
from etl.resolve.dates import DateRange
from etl.resolve.facts import stable_id

METHOD = "machine"
_CODE_DIR = Path(__file__).resolve().parent


def extractor_digest(reference_files) -> str:
    """Changes whenever the extractor's code, its word lists or the reference data change:
    the incremental build then extracts every document again."""
    digest = hashlib.sha256()
    for path in sorted(_CODE_DIR.glob("*.py")) + [lexicon.LEXICON_FILE] + sorted(reference_files):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class MachineFacts:
    casualties: list[dict] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)  # event reports, each with its event's keys
    mentions: list[dict] = field(default_factory=list)  # place mentions the alias scan does not give
    sources: list[Source] = field(default_factory=list)  # claimants not in the reference data


def _confidence(*penalties: float) -> float:
    """A rule score, not a calibrated probability: 0.9 for a figure with its own toll word, named
    claimant and place in one sentence, less for each thing the extractor had to infer."""
    return round(max(0.3, 0.9 - sum(penalties)), 2)


def _dates_of(mentions, focus: int, exclude) -> tuple[DateRange | None, str | None]:
    usable = [m for m in mentions if not any(s <= m.start < e for s, e in exclude)]
    if not usable:
        return None, None
    nearest = min(usable, key=lambda m: min(abs(m.start - focus), abs(m.end - focus)))
    return nearest.dates, nearest.text


def _evidence(doc: Document, start: int, end: int, sentence) -> dict:
    return {"evidence": doc.text[start:end], "char_start": start, "char_end": end,
            "sentence": sentence.text, "sentence_start": sentence.start, "sentence_end": sentence.end}


def extract_document(doc: Document, index: AliasIndex, sources: dict[str, Source],
                     outlet_source_id: str | None) -> MachineFacts:
    facts = MachineFacts()
    sentences = article_sentences(doc)
    if not sentences:
        return facts
    text = doc.text
    spans = [(s.start, s.end) for s in sentences]
    actor_mentions = [m for m in index.find_mentions(text, spans) if m.entity_kind == "actor"]
    places = PlaceFinder(index, text, sentences, [(m.char_start, m.char_end) for m in actor_mentions])
    claimants = ClaimantFinder(index, sources, outlet_source_id)
    published = DateRange(doc.published_on, doc.published_until, doc.published_precision) if doc.published_on else None
    pieces: dict[int, list[str]] = {}
    for s in sentences:
        pieces.setdefault(s.paragraph, []).append(s.text)
    paragraphs = {number: " ".join(texts) for number, texts in pieces.items()}
    anchor: date | None = None
    for number, sentence in enumerate(sentences):
        date_mentions = find_dates(text, sentence.start, sentence.end, published, anchor)
        for mention in date_mentions:
            if mention.dates.precision == "day":
                anchor = mention.dates.start
        previous = sentences[max(0, number - 6):number]
        # -- casualty claims ------------------------------------------------------------------
        for finding in find_casualties(text, sentence.start, sentence.end, paragraphs[sentence.paragraph]):
            figure = finding.figure
            claimant = claimants.find(text, sentence.start, sentence.end, figure.start)
            exclude = [(claimant.start, claimant.end)] if claimant.start is not None else []
            place_id, place_carried = places.for_fact(sentence, figure.start, previous, exclude)
            dates, date_text = _dates_of(date_mentions, finding.kind_start, exclude)
            start = min(figure.start, finding.kind_start)
            end = max(figure.end, finding.kind_end, finding.victims.end if finding.victims else figure.end)
            quantity = figure.quantity
            victim_group = finding.victims.text if finding.victims else "people (not named)"
            place_name = index.reference.places[place_id].name if place_id else None
            row = {
                "doc_id": doc.doc_id, "source_id": claimant.source_id, "event_id": None, "place_id": place_id,
                "date_start": dates.start if dates else None, "date_end": dates.end if dates else None,
                "date_precision": dates.precision if dates else None, "date_text": date_text,
                "kind": finding.kind, "victim_group": victim_group, "victim_class": finding.victim_class,
                "figure": quantity.figure, "count_low": quantity.low, "count_high": quantity.high,
                "approximate": quantity.approximate, "qualifier": quantity.qualifier, "figure_text": figure.text,
                **_evidence(doc, start, end, sentence),
                "claimant_text": claimant.text, "claimant_start": claimant.start, "claimant_end": claimant.end,
                "comparison_group": f"{_group_word(finding)} {finding.kind} in {place_name}" if place_name else None,
                "method": METHOD, "coded_at": None, "note": None,
                "confidence": _confidence(
                    0.1 if finding.kind_source == "noun" else 0.25 if finding.kind_source == "siege" else 0,
                    0.1 if quantity.figure is None else 0,
                    0.1 if claimant.carried else 0,
                    0.05 if place_carried else 0),
            }
            row["casualty_id"] = stable_id("c", doc.doc_id, row["kind"], start, end, figure.text)
            facts.casualties.append(row)
            if claimant.new_source:
                facts.sources.append(claimant.new_source)
        # -- event reports ------------------------------------------------------------------
        trigger = find_trigger(text, sentence.start, sentence.end)
        if trigger is None or "?" in sentence.text or is_hypothetical(text, sentence.start, trigger):
            continue
        in_sentence = [m for m in actor_mentions if sentence.start <= m.char_start < sentence.end]
        claimant = claimants.find(text, sentence.start, sentence.end, trigger.start)
        exclude = [(claimant.start, claimant.end)] if claimant.start is not None else []
        dates, date_text = _dates_of(date_mentions, trigger.start, exclude)
        named_place = places.in_span(sentence.start, sentence.end, exclude)
        if dates is None and not named_place:
            continue  # neither when nor where: analysis, not a report of a happening
        place_id, place_carried = places.for_fact(sentence, trigger.start, previous, exclude)
        actors = [m for m in in_sentence if not any(s <= m.char_start < e for s, e in exclude)]
        actor_roles = roles(trigger, actors, text)
        sub_type = sub_type_for(trigger, actor_roles, index.reference.actors)
        stances = []
        denial = denial_at(text, sentence.start, sentence.end)
        if denial is not None and denial > trigger.start:
            # "X claimed to have conquered ..., Y asserted that no territory had been lost":
            # one happening, asserted by one source and denied by another.
            denier = claimants.find(text, sentence.start, sentence.end, denial)
            if denier.source_id != claimant.source_id:
                stances = [(claimant, "claims"), (denier, "denies")]
        if not stances:
            source = _source(claimants, claimant)
            stances = [(claimant, stance_of(text, sentence.start, sentence.end, source.kind if source else None,
                                            claimant.text is None))]
        for speaker, stance in stances:
            facts.reports.append({
                "event_id": None, "doc_id": doc.doc_id, "source_id": speaker.source_id, "stance": stance,
                **_evidence(doc, sentence.start, sentence.end, sentence),
                "claimant_text": speaker.text, "claimant_start": speaker.start, "claimant_end": speaker.end,
                "date_start": dates.start if dates else None, "date_end": dates.end if dates else None,
                "date_precision": dates.precision if dates else None, "date_text": date_text,
                "method": METHOD, "coded_at": None, "note": None,
                "confidence": _confidence(0.1 if dates is None else 0, 0.1 if place_carried else 0,
                                          0.1 if not actor_roles else 0, 0.1 if speaker.carried else 0),
                # the event's keys, for matching reports into events (etl.resolve.event_matching)
                "event_type": trigger.event_type, "sub_event_type": sub_type, "place_id": place_id,
                "actors": actor_roles, "trigger": text[trigger.start:trigger.end],
            })
            if speaker.new_source:
                facts.sources.append(speaker.new_source)
    for mention in places.mentions:
        if mention.match != "alias":
            facts.mentions.append({"doc_id": doc.doc_id, "entity_kind": "place", "entity_id": mention.place_id,
                                   "surface": mention.surface, "char_start": mention.start, "char_end": mention.end,
                                   "match": mention.match, "confidence": mention.confidence})
    return facts


def _source(claimants: ClaimantFinder, claimant) -> Source | None:
    return claimants.sources.get(claimant.source_id) or claimant.new_source or claimants.added.get(claimant.source_id)


def _group_word(finding) -> str:
    if finding.victim_class not in ("unknown", "mixed"):
        return finding.victim_class
    return finding.victims.text if finding.victims else "people"
