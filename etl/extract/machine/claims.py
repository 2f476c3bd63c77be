"""Casualty claims: every figure of a sentence is a candidate, and each gets a decision.

A candidate is any number, number word or vague quantity ("dozens") the figure pattern reads.
Its decision, with the rule that took it (`python -m etl explain` prints them):
  - not a count of people: a year, an age, a percentage, a sum, a distance, a span of time, a
    part of a date, a unit's number, a ranking (the `not_counts` rules of machine.yaml);
  - a counted thing: the words after it name things, not people ("30 air strikes");
  - a casualty claim: its kind read, in order, from a toll word right before it ("killing 12",
    "the death of 26", "the toll rose to 45"), a toll it is part of ("including 12 children"),
    the first toll word after its victims in the same clause (which may run past an aside:
    "58 residents, most of them women, were killed"), the victim noun itself ("600 wounded"),
    the siege rule (people said to be inside a besieged place are trapped), a figure it is
    joined to ("12 soldiers and 30 rebels were killed"), or the head of a list it continues
    ("190 martyrs fell in Damascus Suburbs, 30 in Aleppo");
  - people counted with no toll: a population, a crowd (no kind could be read).
The words that decide are data (`casualty_rules`, `kind_words`, `victim_nouns` in machine.yaml).
"""
import re
from functools import lru_cache
from dataclasses import dataclass

from etl.extract.machine import lexicon
from etl.core.quantities import Quantity, QuantityError, parse_figure

_STOPWORDS = {"were", "was", "had", "have", "has", "are", "is", "be", "been", "being", "in", "on", "at", "by", "from",
              "to", "and", "or", "who", "that", "which", "with", "for", "as", "into", "across", "after", "before",
              "since", "during", "while", "when", "said", "says", "told", "reported", "including", "among", "than",
              "per", "each", "a", "an", "the", "this", "these", "those", "they", "their", "would", "will", "could",
              "may", "might", "also", "not", "of", "over", "under", "up", "down", "out", "there", "here", "since"}
# Words after a figure that say when or how, not what was counted ("killing 12 yesterday").
_NOT_A_NOUN = _STOPWORDS | {"yesterday", "today", "overnight", "tonight", "earlier", "later", "last", "so", "more", "others",
                            "other", "again", "too", "both", "all", "alone", "altogether", "in", "inside", "near", "around",
                            "people", "persons", "according", "but", "then", "now", "since", "respectively", "mostly",
                            "many", "most", "some", "several", "another", "dead",
                            "he", "she", "they", "we", "it", "i", "you"}  # "the seven he reported": a clause, no noun
_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
_QUOTE = "\"“”‘’'«»"
_ASIDE = re.compile(r",\s*(?:mainly|mostly|largely|many|most|all|both|mainly\s+\w+)[^,]{0,40},")
_OF = re.compile(r"\s*\bof\s+(?:the\s+|those\s+)?", re.IGNORECASE)
_CLAUSE_END = re.compile(r",\s+(\w+ing)\b|;|\s[–—-]\s(?!(?:many|most|all|some|including|among)\b)|\bbut\b|\bwhile\b|\bwhereas\b")
# A proper name between a figure and its toll verb stands for the victims ("40 Taliban were killed").
_PROPER = re.compile(r"(?:[A-Z][\w'’-]*\s+){1,3}")
# What may join a figure to the next in one list or one toll ("12 soldiers and 30 rebels").
_JOINED = re.compile(r"\s*(?:,\s*(?:and\s+|while\s+|with\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|\s+plus\s+|;\s*)"
                     r"(?:another\s+|a\s+further\s+|at\s+least\s+another\s+)?$", re.IGNORECASE)
# A figure that continues a list of tolls by place or group: "..., 30 in Aleppo" / "4 from the army".
_LIST_TAIL = re.compile(r"\s+(?:in|at|from|on|near|of|inside)\s+(?:the\s+)?[A-Z]|\s*(?:[,;.)]|\band\b|$)")
# How or when each of a toll's people died: "two civilians were killed, one during army raids and one by
# sniper fire" (machine.yaml `manner_joints`)
_MANNER_TAIL = re.compile(r"\s+(?:" + lexicon.alternation(lexicon.raw()["casualty_rules"]["manner_joints"]) + r")\s+[a-z]")
_WORD_START = re.compile(r"(?<![\w'’-])[\w]")
# "Two journalists were among at least 27 people killed": the first figure is part of the second's toll.
_WITH_OTHERS = re.compile(r",?\s+with\s+(?:another\s+)?", re.IGNORECASE)
_OTHERS = re.compile(r"\s+(?:more\s+)?others\b", re.IGNORECASE)
_AMONG = re.compile(r"\s+(?:\w+\s+)?(?:were|was|are|is)\s+(?:\w+\s+)?among\s+(?:the\s+)?", re.IGNORECASE)
_AMONG_BEFORE = re.compile(r"\bamong\s+(?:the\s+|those\s+)?$", re.IGNORECASE)
_WERE_BEFORE = re.compile(r"\b(?:were|was|are|is|included)\s+$", re.IGNORECASE)
# "Tartous: 71; Damascus Suburbs: 26": an item of a breakdown, its name then a colon.
# Killed and wounded counted together: no one kind, so no claim (as ACLED and the coders keep it).
_COMBINED = re.compile(r"\bcasualt(?:y|ies)\b", re.IGNORECASE)
_NAMED_ITEM = re.compile(r"(?:^|[;,.]\s*)[A-Z][\w'’ -]{1,30}:\s*$")
BREAKDOWN = re.compile(r"[A-Z][\w'’ -]{1,30}:\s*\d")
_OF_NAME = re.compile(r"\s+(?:the\s+)?[A-Z]")
_ATTRIBUTIVE = {"reported", "confirmed", "documented", "recorded", "estimated", "verified", "registered", "known"}
# Between "a boy" and its toll only more victims and auxiliaries: "A boy and a 70-year-old man were killed".
_PLAIN_JOIN = re.compile(r"\s+and\s+(?:an?\s+)?[\w'’ -]{1,40}?\s+(?:were|was|had been|have been)\s+", re.IGNORECASE)
_INCREMENT = re.compile(r"\(\s*[+−-]\s*[\d,.]+\s*\)\s*")
_DASH = re.compile(r"\s[–—-]\s")
_FIRST_NUMBER = re.compile(r"\d")
_OF_BEFORE = re.compile(r"\bof\s+$")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_BRACKETED_ACRONYM = re.compile(r"\([A-Z][A-Za-z]{1,7}\)")
_WORDLIKE = re.compile(r"[\w'’-]")
_SENTENCE_STOP = re.compile(r"[.;]")
_LIST_STOP = re.compile(r"[.;:]")
# "casualties" right after the victims, and "and" a figure of the wounded right after it
_CASUALTIES = re.compile(r"\s*(casualt(?:y|ies))\b", re.IGNORECASE)
_AND_WOUNDED = re.compile(r"\s+and\s+(?:[a-z]+\s+){0,2}\d[\d,]*\s+(?:[a-z]+\s+)?(?:wounded|injured)\b")
# A dash that opens a toll's breakdown after words about the toll
_DASH_END = re.compile(r"\s[–—]\s*$")
_COMMA = re.compile(r"\s*,\s*")
_JOINT = re.compile(r"\s*(?:,\s*|\s+and\s+|\s+as\s+well\s+as\s+|\s+plus\s+|\s+[–—-]\s+)")
# Words that open another clause: "received 26 wounded as families flee towards Tawila".
_OTHER_CLAUSE = re.compile(r"\b(?:as|while|whereas|when|after|before|because)\s+(?!many\b|much\b|well\b|of\b)")
_PART_JOINT_END = re.compile(r"(?:,|\band|\balong with|\bas well as|\bplus)\s*$")
_ITEM_END = re.compile(r"[,.;:–—()]|\band\b|\s-\s")
_LIST_JOINT_END = re.compile(r"(?:,|\band|\bwhile|\bwith)\s*(?:another\s+)?$")
_ONE = re.compile(r"(?<![\w-])an?(?=\s)", re.IGNORECASE)
_ONE_PERSON = Quantity(None, 1, 1, 1, False)
_RANGE_JOINT = re.compile(r"\s+to\s+|\s*[-–]\s*(?=\d)")
_WINDOW = 160  # how far after its victims a figure's toll word may stand (an aside, a relative clause)


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


# The reasons (`kind_source`) of a figure read as a part of a toll told before it: such a part is of
# that toll's days where its own sentence names none (etl/extract/machine/__init__.py).
PART_OF_A_TOLL = frozenset({"part of the toll before it", "part of the toll its words name",
                            "an item of a list under a toll", "a table column under a toll",
                            "continues the list of tolls before it", "joined to the toll before it"})


@dataclass
class ClaimFinding:
    figure: Figure
    victims: Victims | None
    kind: str
    kind_start: int
    kind_end: int
    kind_source: str  # the rule that read the kind (for the confidence and `explain`)
    victim_class: str


@dataclass
class Candidate:
    """A number of the sentence and what the extractor decided it is."""
    figure: Figure
    decision: str  # 'claim', 'counted thing', 'people counted, no toll', 'not a count of people'
    reason: str
    finding: ClaimFinding | None = None


def figures_in(text: str, start: int, end: int) -> list[Figure]:
    """Every figure of text[start:end] in text order; "a" or "an" only before one person ("a
    woman", "a 12-year-old boy"), where the article counts a victim."""
    found = []
    ones = _ONE.finditer(text, start, end) if lexicon.any_kind_word().search(text, start, end) else ()
    for match in ones:
        victims = _victims(text, match.end(), end)
        if victims and not victims.text.lower().endswith("s") and victims.text[-1:].isalnum():
            found.append(Figure(match.start(), match.end(), match.group(), _ONE_PERSON))
    for match in lexicon.figures().finditer(text, start, end):
        raw = match.group()
        joint = _RANGE_JOINT.search(raw)
        if joint and not_a_count(text, match.start(), match.start() + joint.start(), raw[:joint.start()], start):
            # "since October 7 to 21,507": a day, then a figure, not a range
            at = match.start() + joint.end()
            match = lexicon.figure_pattern().match(text, at, end)
            if not match:
                continue
            raw = match.group()
        try:
            quantity = parse_figure(raw)
        except QuantityError:
            continue
        found.append(Figure(match.start(), match.end(), raw, quantity))
    # "a dozen", "a number of": where a figure begins with "a", that "a" counts no one by itself
    numbers = [(f.start, f.end) for f in found if f.quantity is not _ONE_PERSON]
    found = [f for f in found if f.quantity is not _ONE_PERSON or not any(s <= f.start < e for s, e in numbers)]
    return sorted(found, key=lambda figure: figure.start)


def not_a_count(text: str, start: int, end: int, raw: str, line_start: int) -> str | None:
    """Why the figure text[start:end] counts no one, if a `not_counts` rule says so."""
    if _YEAR.fullmatch(raw):
        return "a year"
    before = text[max(line_start, start - 30):start]
    # the words before the number itself too: "children under 5" (the hedge "under" is the figure's)
    number = _FIRST_NUMBER.search(raw)
    before_number = text[max(line_start, start - 30):start + number.start()] if number and number.start() else before
    before_words, after_words, reasons = lexicon.not_count_patterns()
    found = [m for m in (before_words.search(before), before_words.search(before_number) if before_number is not before
                         else None, after_words.match(text, end, min(len(text), end + 40))) if m]
    if not found:
        return None
    # the first rule of the list that fits, as the rules are ordered
    return reasons[min(int(m.lastgroup[1:]) for m in found)]


def _victims(text: str, start: int, end: int) -> Victims | None:
    """The people a figure counts: a short noun phrase right after it, its head a people noun."""
    at = start
    while at < end and (text[at] in _QUOTE or text[at] == " "):
        at += 1
    increment = _INCREMENT.match(text, at, end)
    if increment:  # "about 203,160 (+510) persons liquidated": the day's increment stands between
        at = increment.end()
    aside = _ASIDE.match(text, at, end)
    if aside:
        at = aside.end()
    of = _OF.match(text, at, end)
    if of:
        at = of.end()
    while at < end and (text[at].isspace() or text[at] in _QUOTE):
        at += 1
    phrase_start = at
    if lexicon.counted_things().match(text, at):
        return None  # "16 donkeys killed", "12 houses destroyed": things, not people
    words = []
    skip_to = at
    for token in _WORD.finditer(text, at, min(end, at + 90)):
        if token.start() < skip_to:
            continue
        if token.group() in _QUOTE:
            continue  # a victim noun in quotation marks: killing "dozens of terrorists"
        acronym = _BRACKETED_ACRONYM.match(text, token.start()) if words else None
        if acronym:  # "19 Syrian Democratic Forces (SDF) militants": the name's acronym, inside the noun phrase (V17)
            skip_to = acronym.end()
            continue
        word = token.group().lower()
        if words and lexicon.any_kind_word().regex.fullmatch(token.group()) and _has_people_noun(text, words):
            break  # "27 people killed": the participle after the noun is the toll, not the victims
        if word == "of" and words and len(words) < 5 and _OF_NAME.match(text, token.end()):
            continue  # "61 members of Hezbollah", "173 fighters of the Islamic State": whose they are
        if word in ("and", "or") and words and len(words) < 5 and words[-1].group()[:1].isupper() \
                and text[token.end():token.end() + 2].strip()[:1].isupper():
            continue  # "33 Afghan and Pakistani militiamen": adjectives joined before the noun
        if word in _ATTRIBUTIVE and not words:
            continue  # "312 reported fatalities", "40 confirmed deaths": the participle describes the noun
        if not _WORDLIKE.match(token.group()) or word in _STOPWORDS or len(words) >= 6:
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


def _has_people_noun(text: str, words) -> bool:
    start, end = words[0].start(), words[-1].end()
    return any(pattern.search(text, start, end) for _, pattern in lexicon.victim_noun_patterns()[:-1]) or \
        lexicon.victim_noun_patterns()[-1][1].search(text, start, end) is not None


# the words between a noun and its toll verb: "traders were killed", "monks have been wounded"
_TOLL_PASSIVE = re.compile(r"\s+(?:were|was|are|is|have been|has been|had been|got)\s+(?:also\s+|reportedly\s+)?", re.IGNORECASE)


def _counted_noun(text: str, start: int, end: int) -> str | None:
    """The noun a figure counts where it is not people: the first content word after it."""
    for token in _WORD.finditer(text, start, min(end, start + 60)):
        word = token.group()
        if word in _QUOTE:
            continue
        if not _WORDLIKE.match(word) or word.lower() in _NOT_A_NOUN:
            return None
        if word[0].isupper() or lexicon.casualty_rule("auxiliaries").fullmatch(word):
            return None  # a name stands for people ("40 Taliban")
        if lexicon.any_kind_word().regex.match(text, token.start()):
            return None  # a toll word or phrase starts here ("managed to leave", "died")
        return word
    return None


def _noun_start(text: str, at: int) -> int:
    while at < len(text) and (text[at] == " " or text[at] in _QUOTE):
        at += 1
    return at


def _noun_phrase(text: str, start: int, end: int) -> Victims | None:
    """The words after a figure up to a stop word: people a toll verb counts ("50 nationalists")."""
    at = _noun_start(text, start)
    words = []
    for token in _WORD.finditer(text, at, min(end, at + 60)):
        if not _WORDLIKE.match(token.group()) or token.group().lower() in _NOT_A_NOUN or len(words) >= 4:
            break
        words.append(token)
    if not words:
        return None
    return Victims(at, words[-1].end(), text[at:words[-1].end()], "unknown")


def _kind_in(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The first toll word in text[start:end] (situations before killed/wounded at one place):
    one search for any toll word, then the kinds in order at the place it was found."""
    first = lexicon.any_kind_word().search(text, start, end)
    if first is None:
        return None
    for kind, pattern in lexicon.kind_patterns():
        found = pattern.regex.match(text, first.start(), end)
        if found:
            return kind, found.start(), found.end()
    return None


def toll_word_in(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The kind named by the first toll word of text[start:end], with where the word stands."""
    return _kind_in(text, start, end)


def _kind_before(text: str, sentence_start: int, figure: Figure) -> tuple[str, int, int] | None:
    """A toll right before the figure: a toll word with only `lead_gap` words between ("killing
    at least 12", "the death of 26", "killed: 12"), or a toll noun leading to it ("the death toll
    rose to 45", "put the number of dead at 78")."""
    window_start = max(sentence_start, figure.start - 180)
    window = text[window_start:figure.start]
    trimmed = window.rstrip(" " + _QUOTE)
    gap = lexicon.casualty_rule_at_end("lead_gap").search(trimmed)
    head = trimmed[:gap.start()].rstrip() if gap else trimmed
    # the toll word must end where the gap begins: tried at the starts of the last few words
    last = None
    starts = [m.start() for m in _WORD_START.finditer(head, max(0, len(head) - 45))]
    for kind, pattern in lexicon.kind_patterns():
        for at in starts:
            found = pattern.regex.match(head, at)
            if found and found.end() == len(head) and (last is None or found.start() < last[1]):
                last = (kind, found.start(), found.end())
                break
    if last:
        return last[0], window_start + last[1], window_start + last[2]
    raised = _RAISED_TO.search(trimmed)
    if raised:
        # "raising to 173 the number of rebel fighters killed": the toll noun follows the figure
        after = _THE.match(text, figure.end)
        noun = lexicon.casualty_rule("toll_nouns").match(text, after.end()) if after else None
        if noun:
            said = _kind_in(text, noun.start(), noun.end())
            return said[0] if said else "killed", noun.start(), noun.end()
    link = lexicon.casualty_rule_at_end("toll_links").search(trimmed)
    # "Death toll in Darfur clashes surpasses 300": the figure's own bound verb links it to the toll
    link_start = link.start() if link else len(trimmed) if _LINKING_BOUND.match(figure.text) else None
    if link_start is not None:
        noun = None
        for noun in lexicon.casualty_rule("toll_nouns").finditer(trimmed, 0, link_start):
            pass
        if noun and not _SENTENCE_STOP.search(trimmed, noun.end(), link_start) and link_start - noun.end() <= 150:
            said = _kind_in(text, window_start + noun.start(), window_start + link_start)
            return said[0] if said else "killed", window_start + noun.start(), window_start + noun.end()
    return None


_LINKING_BOUND = re.compile(r"(?:surpass|exceed|top|pass)(?:es|ed|s|ped)?\b", re.IGNORECASE)


_AFTER_COMMA = re.compile(r",")
_OWN_KIND_REACH = 25  # characters after the victims within which a toll verb is theirs
# "Of the 403, ...": a toll given before, by its figure alone.
_OF_TOTAL = re.compile(r"\W*(?:[Oo]f|[Aa]mong) (?:the|those|these) ([\d,]+\d|\d+),")
_RAISED_TO = re.compile(r"\b(?:rais|bring|increas|push|tak)(?:e|es|ed|ing)?\s+to\s*$|\b(?:brought|took|rose|pushed)\s+to\s*$", re.IGNORECASE)
_THE = re.compile(r"\s+(?:the\s+)?")


def _part_words() -> str:
    return lexicon.alternation(lexicon.raw()["casualty_rules"]["part_of_toll"])


@lru_cache(maxsize=1)
def _inclusion_aside() -> re.Pattern:
    """A comma or dash aside that names a toll's parts: ", including a woman and four children,",
    " – including 9 children –" (L15); or the parts told straight after the victims, up to the toll's
    auxiliary or a comma: "128 citizens including 29 children and 16 women were killed" (L16)."""
    return re.compile(r"(?:(?:,|\s[–—-])\s*|\s+)(?:" + _part_words() + r")\b[^,;.()–—]{1,80}?"
                      r"(?:(?:,|\s[–—-])\s*|(?=\s+(?:were|was|have|has|had|are|is)\s))", re.IGNORECASE)


_AFTER_ASIDE = 40  # how far after the aside its toll word may stand ("were later killed")


@lru_cache(maxsize=1)
def _later_part() -> re.Pattern:
    """The words before a toll's second or later part: "including a woman and " (four children)."""
    # (not across a dash that closes an aside: "– many of them civilians – and over 600 wounded")
    return re.compile(r"\b(?:" + _part_words() + r")\b(?:(?![–—]|\s-\s)[^,;.:()]){1,40}(?:,\s*|\s+and\s+)$", re.IGNORECASE)


def _window_end(text: str, after_start: int, limit: int) -> int:
    end = min(limit, after_start + _WINDOW)
    resume = after_start
    for found in _CLAUSE_END.finditer(text, after_start, end):
        if found.start() < resume:
            continue
        participle = found.group(1)
        if participle and lexicon.casualty_rule("clause_end_exceptions").fullmatch(participle):
            continue
        if found.group().strip() in "–—-":
            closing = _DASH.search(text, found.end(), min(len(text), found.end() + 100))
            if closing:  # an aside between dashes ("13 service members – 11 marines and a medic – were killed")
                resume = closing.end()
                end = min(limit, max(end, resume + _WINDOW // 2))
                continue
        return found.start()
    return end


def _bare_toll(text: str, start: int, end: int) -> tuple[str, int, int, Victims | None] | None:
    """A toll verb right after a figure that names no victims: "at least 20 were killed",
    "dozens more had been injured", "40 Taliban have died", "15 killed and 30 wounded"."""
    at = start
    while at < end and text[at] in " " + _QUOTE:
        at += 1
    victims = None
    proper = _PROPER.match(text, at, end)
    if proper and not lexicon.casualty_rule("auxiliaries").match(text, at, proper.end()):
        victims = Victims(at, at + len(proper.group().rstrip()), proper.group().rstrip(), "unknown")
        at = proper.end()
    for _ in range(4):
        aux = lexicon.casualty_rule("auxiliaries").match(text, at, end)
        if not aux:
            break
        at = aux.end()
        while at < end and text[at] == " ":
            at += 1
    found = _kind_in(text, at, min(end, at + 40))
    if found and found[1] == at:
        return found[0], found[1], found[2], victims
    return None


def find_candidates(text: str, sentence_start: int, sentence_end: int, paragraph_text: str,
                    heading: tuple[str, int, int] | None = None,
                    columns: list[tuple[str, int, int] | None] | None = None,
                    totals: dict[int, tuple[str, int, int]] | None = None) -> list[Candidate]:
    """Every figure of the sentence with its decision. `heading`: the toll of the line that
    introduces a list this sentence is an item of ("SOHR documented the death of 52 people, as
    follows:" then "- 19 civilians"). `totals`: the tolls the document gave before, by figure
    ("... 403 residents were killed." then "Of the 403, at least 39 were women")."""
    candidates: list[Candidate] = []
    findings: list[ClaimFinding] = []
    figures = figures_in(text, sentence_start, sentence_end)
    of_total = _OF_TOTAL.match(text, sentence_start, sentence_end)
    total = totals.get(int(of_total.group(1).replace(",", ""))) if of_total and totals else None
    mixed = lexicon.pattern("mixed_cues").search(text, sentence_start, sentence_end) is not None
    # "Of those killed: 3,604 men, 2,349 women ...": the words before a colon name the toll of the figures after it
    colon = text.find(":", sentence_start, sentence_end)
    inline = toll_word_in(text, sentence_start, colon) if colon > 0 and not any(f.start < colon for f in figures) else None
    # A figure inside another's description ("Seventeen members of one family died") bounds
    # nothing: the words about the figure before it run on past it.
    describing = {f.start for f in figures if _OF_BEFORE.search(text, max(sentence_start, f.start - 4), f.start)
                  and _counted_noun(text, f.end, sentence_end)
                  or not_a_count(text, f.start, f.end, f.text, sentence_start)
                  or text[max(0, f.start - 2):f.start] in ("(+", "(−")}
    for number, figure in enumerate(figures):
        if total and figure.start == of_total.start(1):
            candidates.append(Candidate(figure, "not a count of people", "the toll told before, which the figures after it part"))
            continue
        reason = not_a_count(text, figure.start, figure.end, figure.text, sentence_start)
        if reason:
            candidates.append(Candidate(figure, "not a count of people", reason))
            continue
        following = [f for f in figures[number + 1:] if f.start not in describing and f.text.lower() not in ("a", "an")]
        aside = _DASH.search(text, figure.end, following[0].start) if following else None
        closing = _DASH.search(text, following[0].end, min(sentence_end, following[0].end + 120)) if aside else None
        if following and not closing:
            # "More than 300 villagers, among them dozens of children, were held": a part of the
            # toll told in an aside between commas; the toll word comes after it
            between = text[figure.end:following[0].start]
            part = lexicon.casualty_rule_at_end("part_of_toll").search(between.rstrip())
            if part and between[:part.start()].rstrip().endswith(","):
                comma = text.find(",", following[0].end, min(sentence_end, following[0].end + 120))
                closing = _AFTER_COMMA.match(text, comma) if comma > 0 else None
        if closing:  # "13 service members – 11 marines, a medic and a soldier – were killed": look past the aside
            following = [f for f in following if f.start > closing.end()]
        next_start = following[0].start if following else sentence_end
        previous = findings[-1] if findings else None
        column = text.count("|", sentence_start, figure.start) - (1 if text[sentence_start:figure.start].lstrip().startswith("|") else 0)
        if columns and 0 <= column < len(columns) and columns[column]:
            # "Taliban | 693 | 1,442" under "Party | Killed | Injured": the column's header names the toll
            label = text[sentence_start:sentence_end].strip(" |").split("|")[0].strip()
            first = text.find(label, sentence_start) if label else -1
            victims = _victims(text, first, first + len(label)) if first >= 0 else None
            kind = columns[column]
            finding = ClaimFinding(figure, victims, kind[0], kind[1], kind[2], "a table column under a toll",
                                      victims.victim_class if victims else "unknown")
            findings.append(finding)
            candidates.append(Candidate(figure, "claim", finding.kind_source, finding))
            continue
        victims = _victims(text, figure.end, next_start)
        kind = source = None
        leading = _kind_before(text, sentence_start, figure)
        if victims is None:
            noun = _counted_noun(text, figure.end, next_start)
            if noun and leading and not lexicon.counted_things().match(text, _noun_start(text, figure.end)):
                # "eliminated more than 50 nationalists": after a toll verb, a noun that is no thing names people
                victims = _noun_phrase(text, figure.end, next_start)
            elif noun and not lexicon.counted_things().match(text, _noun_start(text, figure.end)) \
                    and _TOLL_PASSIVE.match(text, _noun_start(text, figure.end) + len(noun)) \
                    and lexicon.any_kind_word().regex.match(text, _TOLL_PASSIVE.match(text, _noun_start(text, figure.end) + len(noun)).end()):
                # "Nineteen traders were killed", "three neighbours were hurt": a noun the people words
                # lack, that no list of things holds, told with its own toll, counts people
                victims = _noun_phrase(text, figure.end, next_start)
            elif noun:
                candidates.append(Candidate(figure, "counted thing", f"counts {noun!r}, not people"))
                continue
        if leading is None and total and figure.start > of_total.end():
            # "Of the 403, at least 39 were women": a part of the toll told before
            kind, source = total, "part of the toll before it"
            if victims is None:
                victims = _victims(text, _after_part_words(text, figure.end), next_start)
        if leading:
            kind, source = leading, "a toll word right before it"
            if leading[1] > figure.end and victims is None:  # "to 173 the number of rebel fighters killed"
                of = text.find(" of ", leading[1], leading[2])
                victims = _victims(text, of + 4, leading[2]) if of > 0 else None
        before = text[max(sentence_start, figure.start - 45):figure.start]
        part_of = lexicon.casualty_rule_at_end("part_of_toll").search(before.rstrip(" " + _QUOTE)) \
            or _later_part().search(before)  # "including a woman and four children": the second part too
        if kind is None and previous and _part_of_previous(text, previous, figure):
            kind, source = (previous.kind, previous.kind_start, previous.kind_end), "part of the toll before it"
            if victims is None:
                victims = _victims(text, _after_part_words(text, figure.end), next_start)
        if kind is None and previous and previous.kind_source in PART_OF_A_TOLL \
                and _next_part(text, previous, figure):
            # "among them 138 civilians, 380 fighters of HTS and allied factions and 392 soldiers": the
            # parts go on after a part, however long each part's words ("... and 27 were rebels")
            kind, source = (previous.kind, previous.kind_start, previous.kind_end), "part of the toll before it"
            if victims is None:
                victims = _victims(text, _after_part_words(text, figure.end), next_start)
        if kind is None and part_of and previous:
            kind, source = (previous.kind, previous.kind_start, previous.kind_end), "part of the toll before it"
        elif kind is None and part_of:  # "The dead included five children": the phrase names its toll
            base = figure.start - len(before)
            named = _kind_in(text, base + part_of.start(), base + part_of.end())
            if named:
                kind, source = named, "part of the toll its words name"
                if victims is None:  # "of those killed, 94 were civilians"
                    victims = _victims(text, _after_part_words(text, figure.end), next_start)
        if kind is None and victims is None and previous and _verb_left_out(text, previous, figure):
            kind, source = (previous.kind, previous.kind_start, previous.kind_end), "the toll verb before it, left out"
        if kind is None and victims is None:
            bare = _bare_toll(text, figure.end, next_start)
            if bare:
                kind, source, victims = bare[:3], "a toll verb right after it", bare[3]
            elif previous and _continues_list(text, previous, figure):
                kind, source = (previous.kind, previous.kind_start, previous.kind_end), "continues the list of tolls before it"
            elif inline and figure.start > colon:
                kind, source = inline, "an item of a list under a toll"
            elif heading and (not number or _NAMED_ITEM.search(text, max(sentence_start, figure.start - 40), figure.start)):
                kind, source = heading, "an item of a list under a toll"
            else:
                candidates.append(Candidate(figure, "not a count of people", "no people noun and no toll word next to it"))
                continue
        after_start = victims.end if victims else figure.end
        window_end = _window_end(text, after_start, next_start)
        if kind is None and victims is not None:
            # "At least 24 civilians, including a woman and four children, were killed": the toll
            # word after the aside that names the toll's parts
            aside = _inclusion_aside().match(text, victims.end, sentence_end)
            own = _kind_in(text, victims.start, victims.end) if aside else None
            if own:
                # "at least 93 Palestinian killed, including 11 children, who had sought shelter":
                # the victims' own toll word, not one of the words about them after the aside
                kind, source = own, "the victim noun is a toll word"
            elif aside:
                found = _kind_in(text, aside.end(), _window_end(text, aside.end(), sentence_end))
                if found and found[1] - aside.end() <= _AFTER_ASIDE:
                    kind, source = found, "the first toll word after its victims"
        if kind is None:
            found = _kind_in(text, after_start, window_end)
            own = _kind_in(text, victims.start, victims.end) if found and victims else None
            if own and own[0] != found[0] and _OTHER_CLAUSE.search(text, victims.end, found[1]):
                # "received 26 wounded as families flee": a toll word in the next clause is another's
                kind, source = own, "the victim noun is a toll word"
            elif own and {own[0], found[0]} == {"killed", "wounded"} and (
                    found[1] - victims.end > _OWN_KIND_REACH or "," in text[victims.end:found[1]]):
                # "19 wounded in this epic battle ... martyrs", "12 wounded fighters had been brought
                # in": the victims' own toll word says the kind; a later one of the other kind, away
                # from them or past a comma ("14 wounded, a toll confirmed by ..."), is about someone
                # else ("Two wounded fighters later died" is not)
                kind, source = own, "the victim noun is a toll word"
            elif found:
                kind, source = found, "the first toll word after its victims"
        casualties = _CASUALTIES.match(text, victims.end) if kind is None and victims is not None else None
        if casualties and _AND_WOUNDED.match(text, casualties.end()):
            # "about 520 civilian casualties and more than 2500 wounded": casualties joined to a figure
            # of the wounded are the dead (not "5,092 civilian casualties (1,674 killed and 3,418
            # injured)", casualties of both kinds)
            kind, source = ("killed", casualties.start(1), casualties.end(1)), "casualties beside the wounded"
        if kind is None:
            found = _kind_in(text, victims.start, victims.end)
            if found:
                kind, source = found, "the victim noun is a toll word"
        if kind is None and (lexicon.casualty_rule_at_end("presence").search(before)
                             or lexicon.casualty_rule("inside").match(text, victims.end, window_end)) \
                and lexicon.casualty_rule("siege").search(paragraph_text):
            kind, source = ("trapped", victims.start, victims.end), "people inside a besieged place"
        if kind is None and previous and previous.victims and _joined(text, previous.victims.end, figure.start):
            kind, source = (previous.kind, previous.kind_start, previous.kind_end), "joined to the toll before it"
        combined = victims is not None and _COMBINED.search(victims.text)
        if kind is None and inline and figure.start > colon and not combined:
            kind, source = inline, "an item of a list under a toll"
        if kind is None and heading and not combined and (
                not number or _NAMED_ITEM.search(text, max(sentence_start, figure.start - 40), figure.start)):
            kind, source = heading, "an item of a list under a toll"
        head = next((f for f in findings if f.kind_source == "part of the toll its words name"), None)
        if kind is None and head is not None and victims is not None:
            # "Among those killed, five people died in Tel Abyad, two Christians were killed in Qamishli,
            # and one other civilian in Ras al-Ain"; "Overnight fatalities include nine people in Khan
            # Yunis; eight members of one family in Beit Hanoun; and three brothers near Rafah": the
            # sentence's head names the toll of every count of people after it (L14)
            kind, source = (head.kind, head.kind_start, head.kind_end), "part of the toll its words name"
        if kind is None:
            candidates.append(Candidate(figure, "people counted, no toll", f"counts {victims.text!r} but no toll word reads"))
            continue
        if figure.text.lower() in ("a", "an") and not (
                source == "a toll word right before it"
                # "killed 13 people, including a child": one of the toll's parts
                or source == "part of the toll before it" and victims and victims.victim_class != "unknown"
                or victims and victims.victim_class != "unknown" and (
                    _bare_toll(text, victims.end, next_start)
                    or source == "the first toll word after its victims" and kind[1] - victims.end <= 60
                    and _PLAIN_JOIN.fullmatch(text, victims.end, kind[1])
                    # "Eleven men, two women and a boy of 14 were found shot dead": the last of the
                    # victims one toll word counts
                    or previous is not None and (previous.kind_start, previous.kind_end) == (kind[1], kind[2])
                    and kind[1] > figure.end and re.search(r"(?:,|\band)\s*$", text[max(sentence_start, figure.start - 6):figure.start]))):
            continue  # "a" counts one victim only next to its toll or as its part: "killing a woman", "a child died"
        if mixed:
            victim_class = "mixed"
        elif victims:
            victim_class = victims.victim_class
        else:  # a list's item counts the same people as its head
            victim_class = previous.victim_class if previous and source.startswith("continues") else "unknown"
        if victim_class == "unknown" and previous and previous.victim_class not in ("unknown", "mixed") \
                and (victims is None or source == "the victim noun is a toll word") \
                and _gapped(text, previous, figure):
            # "killed 29 civilians and wounded 50", "killing 12 soldiers, wounding 30": the second toll
            # counts the same people as the first, whose noun it leaves out
            victim_class = previous.victim_class
        if victim_class == "unknown" and (victims is None or source == "the victim noun is a toll word"):
            # "5,092 civilian casualties: 1,674 deaths and 3,418 injured", "(90 killed and 220 injured)":
            # a breakdown counts the people its head names
            victim_class = _class_of_head(text, sentence_start, figure) or victim_class
        finding = ClaimFinding(figure, victims, kind[0], kind[1], kind[2], source, victim_class)
        findings.append(finding)
        candidates.append(Candidate(figure, "claim", source, finding))
    _share_kind_forward(text, candidates)
    # "a" is a figure only where it counts a victim; elsewhere it is an article, not a number
    return [c for c in candidates if c.finding or c.figure.text.lower() not in ("a", "an")]


def _end_of(finding: ClaimFinding, before: int) -> int:
    """Where the words of a toll end, short of `before` (its toll word may stand after an aside)."""
    ends = [finding.figure.end, finding.victims.end if finding.victims else 0, finding.kind_end]
    return max((end for end in ends if end <= before), default=min(finding.figure.end, before))


def _part_of_previous(text: str, previous: ClaimFinding, figure: Figure) -> bool:
    """'318 deaths, 120 of whom were children'; 'Of the 63 dead, 41 were students'; 'Among the 40
    killed were three aid workers': a figure that counts some of the toll just before it."""
    between = text[_end_of(previous, figure.start):figure.start]
    if _AMONG_BEFORE.search(text, max(0, previous.figure.start - 15), previous.figure.start) \
            and _WERE_BEFORE.search(text, max(0, figure.start - 12), figure.start) \
            and len(between) <= 120 and not _LIST_STOP.search(between):
        return True  # "Among the 40 killed in the village on Thursday were 11 members of one family"
    if text[max(0, figure.start - 2):figure.start] in ("(+", "(−") and figure.start - previous.figure.end <= 3:
        return True  # "203,160 (+510)": the day's increment of the toll before it
    if len(between) <= 120 and _DASH_END.search(between) and not _LIST_STOP.search(between):
        return True  # "225 people were killed on Tuesday, one of the highest tolls of the revolt – 129 civilians, ..."
    if len(between) > 80 or _LIST_STOP.search(between):
        return False
    if len(between) <= 40 and lexicon.casualty_rule_alone("part_between").fullmatch(between):
        return True
    after = lexicon.casualty_rule("part_after").match(text, _skip_spaces(text, figure.end))
    if after and after.group().lower().startswith(("of ", "among ")):
        return len(between) <= 80 and not _LIST_STOP.search(between)  # "..., seven of them officers"
    return bool(after and _COMMA.fullmatch(between))


def _after_part_words(text: str, at: int) -> int:
    """Where the victims of '120 of whom were children' start: after 'of whom were'."""
    at = _skip_spaces(text, at)
    for _ in range(2):
        found = lexicon.casualty_rule("part_after").match(text, at)
        if not found:
            break
        at = _skip_spaces(text, found.end())
    return at


def _skip_spaces(text: str, at: int) -> int:
    while at < len(text) and text[at] == " ":
        at += 1
    return at


def _class_of_head(text: str, sentence_start: int, figure: Figure) -> str | None:
    """The victim class a breakdown's head names ("civilian casualties: ..."), where the figure
    follows its colon or bracket within a few words."""
    head = _BREAKDOWN_HEAD.search(text, max(sentence_start, figure.start - 160), figure.start)
    if not head:
        return None
    named = {cls for cls, pattern in lexicon.victim_noun_patterns() if cls != "unknown" and pattern.search(head.group(1))}
    return named.pop() if len(named) == 1 else None


# "civilian casualties: 1,674 deaths and 3,418 injured": two or three words before a colon or an
# opening bracket, then at most one number and a few words before the figure
_BREAKDOWN_HEAD = re.compile(r"((?:[\w'-]+\s+){0,2}[\w'-]+)\s*[:(]\s*(?:[^\d:();.]{0,30}\d[\d,]*\s+[^\d:();.]{0,30}?)?(?:and\s+)?$")


def _gapped(text: str, previous: ClaimFinding, figure: Figure) -> bool:
    """Whether only a toll verb and `and` or a comma stand between the toll before and `figure`:
    "killed 29 civilians and wounded 50" (not "killed 29 civilians; the army said 50 ...")."""
    start = max(previous.figure.end, previous.victims.end if previous.victims else 0, previous.kind_end)
    if start > figure.start or figure.start - start > 40:
        return False
    words = [w for w in re.findall(r"[\w'-]+", text[start:figure.start].lower()) if w not in ("and", "while")]
    return len(words) == 1 and bool(lexicon.any_kind_word().regex.fullmatch(words[0])) \
        and not re.search(r"[.;:!?]", text[start:figure.start])


def _joined(text: str, start: int, end: int) -> bool:
    return _JOINED.fullmatch(text[start:end] if start <= end else "") is not None or \
        _JOINT.fullmatch(text[start:end]) is not None


def _verb_left_out(text: str, previous: ClaimFinding, figure: Figure) -> bool:
    """"39 people died at the station and 11 more in hospital": joined by "and" to the toll before
    it, the figure leaves its verb out (`gapped_after`)."""
    between = text[previous.figure.end:figure.start]
    return len(between) <= 80 and not _LIST_STOP.search(between) and bool(re.search(r"\band\s*$", between)) \
        and bool(lexicon.casualty_rule("gapped_after").match(text, _skip_spaces(text, figure.end)))


def _next_part(text: str, previous: ClaimFinding, figure: Figure) -> bool:
    """A figure right after a part of a toll and its words, joined by a comma or "and" with no clause
    between ("380 fighters of HTS and allied factions and 392"): the next part."""
    between = text[previous.figure.end:figure.start]
    if len(between) > 80 or _LIST_STOP.search(between) or not _PART_JOINT_END.search(between) \
            or lexicon.any_kind_word().regex.search(between):
        return False
    # (not a toll of its own: "including 58 children, and 1,252 wounded", "and about 30 are missing")
    item = _ITEM_END.search(text, figure.end)
    return not lexicon.any_kind_word().regex.search(text, figure.end, item.start() if item else len(text))


def _continues_list(text: str, previous: ClaimFinding, figure: Figure) -> bool:
    """'190 martyrs fell in Damascus Suburbs, 30 in Aleppo': a bare figure after a joint that is
    followed by a place or ends its item continues the list of the toll before it."""
    between = text[previous.figure.end:figure.start]
    if len(between) > 120 or _LIST_STOP.search(between):
        return False
    if not _LIST_JOINT_END.search(between):
        return False
    return _LIST_TAIL.match(text, figure.end) is not None or (
        (previous.victims is not None or previous.kind_source == "continues the list of tolls before it")
        and _MANNER_TAIL.match(text, figure.end) is not None)


def _share_kind_forward(text: str, candidates: list[Candidate]) -> None:
    """'12 soldiers and 30 rebels were killed': a figure with victims and no toll takes the toll
    of the figure joined after it."""
    for number in range(len(candidates) - 2, -1, -1):
        this, following = candidates[number], candidates[number + 1]
        if this.decision != "people counted, no toll" or following.finding is None:
            continue
        victims = _victims(text, this.figure.end, following.figure.start)
        if victims is None or not (_joined(text, victims.end, following.figure.start)
                                   or _AMONG.fullmatch(text, victims.end, following.figure.start)):
            continue
        then = following.finding
        if _WITH_OTHERS.fullmatch(text, victims.end, following.figure.start) and _OTHERS.match(text, following.figure.end):
            # "Among the victims were 4 women and 10 children, with 17 others injured": the others
            # are set apart from them, so the victims are not of the others' kind (the dead, where
            # the others were hurt; else unknown)
            if then.kind != "wounded":
                continue
            then = ClaimFinding(then.figure, then.victims, "killed", then.kind_start, then.kind_end, then.kind_source,
                                then.victim_class)
        finding = ClaimFinding(this.figure, victims, then.kind, then.kind_start, then.kind_end,
                                  "joined to the toll after it", victims.victim_class if then.victim_class != "mixed" else "mixed")
        candidates[number] = Candidate(this.figure, "claim", finding.kind_source, finding)

