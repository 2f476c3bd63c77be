"""Casualty claims: a figure that counts people, the kind of toll, the victims and their class.

A figure is a human toll when the words after it name people ("58 Qusayr residents", "600
wounded", "thousands of them") or when a toll word leads to it ("killing 12", "the death toll
rose to 45"). The kind comes from, in order: a toll word right before the figure, the first toll
word after the victims in the same clause, a toll word that is itself the victim noun ("600
wounded"), and last the siege rule (people said to be inside a besieged place are trapped).
"""
import re
from dataclasses import dataclass

from etl.extract.machine import lexicon
from etl.resolve.quantities import Quantity, QuantityError, parse_figure

_STOPWORDS = {"were", "was", "had", "have", "has", "are", "is", "be", "been", "being", "in", "on", "at", "by", "from",
              "to", "and", "or", "who", "that", "which", "with", "for", "as", "into", "across", "after", "before",
              "since", "during", "while", "when", "said", "says", "told", "reported", "including", "among", "than",
              "per", "each", "a", "an", "the", "this", "these", "those", "they", "their", "would", "will", "could",
              "may", "might", "also", "not", "of", "over", "under", "up", "down", "out", "there", "here", "since"}
_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
_LEADING_KIND = re.compile(
    r"(?:\b(?:killing|killed|kill|wounding|wounded|injuring|injured|leaving|left|claimed the lives of|lives of|"
    r"abducting|abducted|kidnapping|capturing|captured|displacing|displaced|arresting|arrested)"
    r"|\btoll\b[^.;]{0,30}?\b(?:to|at|of|reached|hit|stood at|rose to|climbed to))\s+$", re.IGNORECASE)
_ASIDE = re.compile(r",\s*(?:mainly|mostly|largely|many|most|all|both|mainly\s+\w+)[^,]{0,40},")
_OF = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
# "including five children": a figure inside a toll takes that toll's kind.
_PART_OF_TOLL = re.compile(r"\b(?:including|among them|among whom|of whom|of them|most of them|among the dead)\s+$", re.IGNORECASE)
_PRESENCE = re.compile(r"\b(?:there\s+(?:are|were|remain(?:ed)?|are\s+still|were\s+still)|still\s+(?:live|living|sheltering))\s+$", re.IGNORECASE)
_INSIDE = re.compile(r"\s*(?:are\s+|were\s+)?(?:still\s+)?(?:in|inside|living\s+in|sheltering\s+in)\b", re.IGNORECASE)
_SIEGE = re.compile(r"\b(?:besieged|siege|trapped|encircled|surrounded|no safe passage|cut off|unable to (?:leave|escape|flee)|"
                    r"no way out|blockade|escape)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r",\s+\w+ing\b|;|\s[–—-]\s(?!(?:many|most|all|some|including|among)\b)|\bbut\b")


@dataclass
class Figure:
    start: int
    end: int
    text: str
    quantity: Quantity


@dataclass
class Victims:
    start: int
    end: int
    text: str
    victim_class: str


@dataclass
class CasualtyFinding:
    figure: Figure
    victims: Victims | None
    kind: str
    kind_start: int
    kind_end: int
    kind_source: str  # 'before', 'after', 'noun' or 'siege': how the kind was read (for confidence)
    victim_class: str


def figures_in(text: str, start: int, end: int) -> list[Figure]:
    found = []
    for match in lexicon.figures().finditer(text, start, end):
        raw = match.group()
        try:
            quantity = parse_figure(raw)
        except QuantityError:
            continue
        if quantity.figure is not None and 1900 <= quantity.figure <= 2100 and re.fullmatch(r"\d{4}", raw):
            continue  # a year
        found.append(Figure(match.start(), match.end(), raw, quantity))
    return found


def _victims(text: str, start: int, end: int) -> Victims | None:
    """The people a figure counts: a short noun phrase right after it, its head a people noun."""
    at = start
    aside = _ASIDE.match(text, at, end)
    if aside:
        at = aside.end()
    of = _OF.match(text, at, end)
    if of:
        at = of.end()
    while at < end and text[at].isspace():
        at += 1
    phrase_start = at
    words = []
    for token in _WORD.finditer(text, at, min(end, at + 90)):
        if not re.match(r"[\w'’-]", token.group()) or token.group().lower() in _STOPWORDS or len(words) >= 5:
            break
        words.append(token)
    if not words:
        return None
    phrase_end = words[-1].end()
    best = None
    for cls, pattern in lexicon.victim_noun_patterns():
        for token in words:
            found = pattern.match(text, token.start(), phrase_end)
            if found and (best is None or (cls != "unknown" and best[0] == "unknown") or
                          (cls == best[0] and found.end() > best[1].end()) or
                          (cls != "unknown" and best[0] != "unknown" and found.end() > best[1].end())):
                best = (cls, found)
    if best is None:
        return None
    cls, found = best
    return Victims(phrase_start, found.end(), text[phrase_start:found.end()], cls)


def _kind_in(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The first toll word in text[start:end] (situations before killed/wounded at one place)."""
    hits = []
    for order, (kind, pattern) in enumerate(lexicon.kind_patterns()):
        found = pattern.search(text, start, end)
        if found:
            hits.append((found.start(), order, kind, found.end()))
    if not hits:
        return None
    start_at, _, kind, end_at = min(hits)
    return kind, start_at, end_at


def find_casualties(text: str, sentence_start: int, sentence_end: int, paragraph_text: str) -> list[CasualtyFinding]:
    findings = []
    figures = figures_in(text, sentence_start, sentence_end)
    for number, figure in enumerate(figures):
        next_start = figures[number + 1].start if number + 1 < len(figures) else sentence_end
        victims = _victims(text, figure.end, next_start)
        before = text[max(sentence_start, figure.start - 45):figure.start]
        leading = _LEADING_KIND.search(before)
        if victims is None and not leading:
            continue
        after_start = victims.end if victims else figure.end
        clause_end = _CLAUSE_END.search(text, after_start, next_start)
        window_end = min(next_start, clause_end.start() if clause_end else next_start, after_start + 120)
        kind = None
        if leading:
            lead_kind = _kind_in(text, figure.start - len(before) + leading.start(), figure.start)
            if lead_kind:
                kind, kind_source = lead_kind, "before"
        if kind is None and findings and _PART_OF_TOLL.search(before):
            previous = findings[-1]
            kind, kind_source = (previous.kind, previous.kind_start, previous.kind_end), "before"
        if kind is None:
            found = _kind_in(text, after_start, window_end)
            if found:
                kind, kind_source = found, "after"
        if kind is None and victims:
            found = _kind_in(text, victims.start, victims.end)
            if found:
                kind, kind_source = found, "noun"
        if kind is None and victims and (_PRESENCE.search(before) or _INSIDE.match(text, victims.end, window_end)) \
                and _SIEGE.search(paragraph_text):
            kind, kind_source = ("trapped", victims.start, victims.end), "siege"
        if kind is None:
            continue
        victim_class = victims.victim_class if victims else "unknown"
        if lexicon.pattern("mixed_cues").search(text, sentence_start, sentence_end):
            victim_class = "mixed"
        findings.append(CasualtyFinding(figure, victims, kind[0], kind[1], kind[2], kind_source, victim_class))
    return findings
