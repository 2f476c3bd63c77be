"""The extractor's word lists (etl/lexicon/machine.yaml) compiled once into patterns."""
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
try:  # the parser of Python's own `re` (private: read for the first words of an expression)
    from re import _constants as sre, _parser as sre_parse
except ImportError:  # a Python that moved them: every pattern is then tried everywhere, as if not analysed
    sre = sre_parse = None

import yaml

from etl.core.quantities import hedges, number_words, vague_quantities
from etl.settings import LEXICON_DIR

LEXICON_FILE = LEXICON_DIR / "machine.yaml"


def alternation(words) -> str:
    return "|".join(sorted((str(w) for w in words), key=len, reverse=True))


def words_pattern(words, flags=re.IGNORECASE) -> re.Pattern:
    """Any of `words` (regular expressions) as whole words."""
    return re.compile(r"(?<![\w-])(?:" + alternation(words) + r")(?![\w-])", flags)


class WordStartPattern:
    """A pattern whose every match starts where a word starts, tried only at the words a match
    can start with.

    Searching tries a pattern at every character of the text, and the extractor's patterns are
    long alternations (word lists, figures, dates): most of a sentence's words can start none of
    their matches. The words a match can start with are read off the expression (`_beginnings`:
    "fle[ed]" -> fled, flee; "\\d+" -> a word that starts with a digit), the text's words and
    where they stand are read once per stretch of text (`words_at`), and the pattern is tried at
    those words only, in text order, as `finditer` would find them."""

    def __init__(self, regex: re.Pattern, beginnings: "_Beginnings | None"):
        self.regex = regex
        self.beginnings = beginnings  # None: not known, the pattern is tried everywhere

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        # the bounds as a pattern reads them: a negative one counts as 0, none reaches past the text
        start = start if start > 0 else 0
        end = len(text) if end is None or end > len(text) else end if end > 0 else 0
        words = words_at(text, start, end) if self.beginnings is not None else None
        if words is None:
            return self.regex.finditer(text, start, end)
        positions = self.beginnings.positions(words)
        return self._matches_at(text, positions, end) if positions else iter(())

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        for match in self.finditer(text, start, end):
            return match
        return None

    def _matches_at(self, text: str, positions: list[int], end: int):
        resume = 0
        for position in positions:
            if position >= resume:  # matches do not overlap, as finditer's do not
                match = self.regex.match(text, position, end)
                if match:
                    resume = match.end()
                    yield match


def WordList(words) -> WordStartPattern:
    """Any of `words` (regular expressions) as whole words, ignoring case (`words_pattern`)."""
    words = [str(w) for w in words]
    return WordStartPattern(words_pattern(words), _beginnings(words, ends_word=True))


def at_word_starts(regex: re.Pattern) -> WordStartPattern:
    """`regex`, which opens with a look-behind that refuses a word character before a match."""
    if sre_parse is None:
        return WordStartPattern(regex, None)
    parsed = list(sre_parse.parse(regex.pattern, regex.flags))
    opening = parsed[0] if parsed else (None, None)
    # (with re.ASCII its word characters would not be those of the words it is tried at)
    starts_words = not regex.flags & re.ASCII and opening[0] == sre.ASSERT_NOT and opening[1][0] == -1 and len(opening[1][1]) == 1 \
        and _is_word_class(opening[1][1][0])
    return WordStartPattern(regex, _beginnings([regex.pattern], ends_word=False, flags=regex.flags) if starts_words else None)


_WORD_RUN = re.compile(r"\w+")
# The only characters that a pattern ignoring case matches with an ASCII letter although
# str.lower() does not turn them into it (İ, dotless ı, long ſ, the Kelvin sign; İ is also the
# one character whose lower case is two): in a text that holds one, words cannot be compared by
# lowering them, and every pattern is tried everywhere.
_FOLDS_APART = re.compile("[\u0130\u0131\u017f\u212a]")


class _Words(NamedTuple):
    present: frozenset[str]  # the words of a stretch of text, in lower case
    starts: dict[str, list[int]]  # each -> where it starts


@lru_cache(maxsize=256)
def words_at(text: str, start: int, end: int) -> _Words | None:
    """The words of text[start:end] (None if lowering cannot stand for ignoring case).
    Remembered: the same sentence is asked about by many patterns."""
    stretch = text[start:end]
    if _FOLDS_APART.search(stretch):
        return None
    starts: dict[str, list[int]] = {}
    for word in _WORD_RUN.finditer(stretch.lower()):
        starts.setdefault(word.group(), []).append(start + word.start())
    return _Words(frozenset(starts), starts)


@dataclass(frozen=True)
class _Beginnings:
    """How a match's first word (its first run of word characters) can look."""
    words: frozenset[str]  # the whole first word, in lower case
    prefixes: tuple[str, ...]  # how the first word starts, where more of it is not known
    digit: bool  # the first word may start with any digit

    def positions(self, words: _Words) -> list[int]:
        """Where a match can start, among `words` (from `words_at`), in text order."""
        starting = self.words & words.present
        if self.prefixes or self.digit:
            starting |= {w for w in words.present if w.startswith(self.prefixes) or self.digit and w[0].isdecimal()}
        if not starting:
            return []
        return sorted(p for word in starting for p in words.starts[word])


class _Unknown(Exception):
    """The first words of an expression cannot be told: its pattern is tried everywhere."""


def _beginnings(expressions: list[str], ends_word: bool, flags: int = 0) -> _Beginnings | None:
    """The first words of the matches of `expressions` (alternatives of one pattern whose matches
    start at a word's start). `ends_word`: the pattern makes each expression end a word, as
    `words_pattern` does; else an expression's end says nothing about where its word ends."""
    if sre_parse is None:
        return None
    found = _Found()
    try:
        for expression in expressions:
            open_ = _follow(list(sre_parse.parse(expression, flags)), [""], found)
            for beginning in open_:
                (found.words if ends_word else found.prefixes).add(beginning)
    except (re.error, _Unknown):
        return None
    every = found.words | found.prefixes
    if "" in every or not all(b.isascii() for b in every):
        return None  # a match may start with no word; or lower() might not stand for ignoring case
    prefixes: list[str] = []
    for prefix in sorted({b.lower() for b in found.prefixes}):  # a prefix sorts before the longer ones it begins
        if not prefix.startswith(tuple(prefixes)):
            prefixes.append(prefix)
    words = {b.lower() for b in found.words}
    return _Beginnings(frozenset(w for w in words if not w.startswith(tuple(prefixes))), tuple(prefixes), found.digit)


class _Found:
    def __init__(self):
        self.words: set[str] = set()
        self.prefixes: set[str] = set()
        self.digit = False


_MAX_BEGINNINGS = 2000  # more than this many ways to begin: not worth reading


def _follow(items, open_: list[str], found: _Found) -> list[str]:
    """Follow the parsed expression `items` from each beginning in `open_` (first words read so
    far): a beginning that meets a non-word character is a whole first word (into `found`);
    one that meets what is not followed here (\\w, a repeat of letters) is a prefix. Returns
    the beginnings still open after `items`."""
    for op, value in items:
        if not open_:
            break
        if op == sre.LITERAL:
            open_ = _extend(open_, [chr(value)], found)
        elif op == sre.ASSERT_NOT and value[0] == 1 and _refuses_word_characters(list(value[1])):
            found.words.update(open_)  # "(?![\\w...])": no word character follows, the word ends here
            open_ = []
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: it only narrows the matches
        elif op == sre.IN and all(kind == sre.LITERAL or (kind, code) == _SPACE for kind, code in value):
            # a set of characters; any space stands for them all (none is a word character)
            open_ = _extend(open_, [" " if (kind, code) == _SPACE else chr(code) for kind, code in value], found)
        elif op == sre.SUBPATTERN:
            open_ = _follow(list(value[-1]), open_, found)
        elif op == sre.BRANCH:
            open_ = list(dict.fromkeys(b for branch in value[1] for b in _follow(list(branch), open_, found)))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and value[1] >= 1:
            low, high, body = value
            once = _follow(list(body), open_, found)
            if high > 1:
                found.prefixes.update(once)  # more of the body may follow
                once = []
            open_ = list(dict.fromkeys(once + (open_ if low == 0 else [])))
        elif op == sre.IN and value == [(sre.CATEGORY, sre.CATEGORY_DIGIT)] and open_ == [""]:
            found.digit = True
            open_ = []
        else:
            found.prefixes.update(open_)  # the word goes on in a way not followed here
            open_ = []
        if len(open_) > _MAX_BEGINNINGS:
            raise _Unknown("too many ways to begin")
    return open_


_SPACE = (sre.CATEGORY, sre.CATEGORY_SPACE)


def _refuses_word_characters(items) -> bool:
    """Whether a negative look-ahead of `items` fails before any word character."""
    if len(items) == 1 and items[0][0] == sre.BRANCH:
        return any(_refuses_word_characters(list(branch)) for branch in items[0][1][1])
    return len(items) == 1 and _is_word_class(items[0])


def _is_word_class(item) -> bool:
    """Whether `item` is a character set that holds every word character ([\\w...], not [^\\w...])."""
    return item[0] == sre.IN and (sre.CATEGORY, sre.CATEGORY_WORD) in item[1] and (sre.NEGATE, None) not in item[1]


def _extend(open_: list[str], characters: list[str], found: _Found) -> list[str]:
    extended = []
    for beginning in open_:
        for character in characters:
            if _WORD_RUN.match(character):
                extended.append(beginning + character)
            else:
                found.words.add(beginning)
    return extended


@lru_cache(maxsize=None)
def raw() -> dict:
    return yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def kind_patterns() -> list[tuple[str, WordList]]:
    return [(kind, WordList(words)) for kind, words in raw()["kind_words"].items()]


@lru_cache(maxsize=None)
def victim_noun_patterns() -> list[tuple[str, re.Pattern]]:
    """(class, pattern) with the longest, most specific classes first; `unknown` last."""
    nouns = raw()["victim_nouns"]
    order = ["foreign fighters", "government forces", "opposition fighters", "civilians", "unknown"]
    return [(cls, re.compile(r"(?:" + alternation(nouns[cls]) + r")(?![\w-])", re.IGNORECASE)) for cls in order]


@lru_cache(maxsize=None)
def pattern(section: str) -> WordList:
    return WordList(raw()[section])


@lru_cache(maxsize=None)
def compared_since() -> re.Pattern:
    """What stands before a day or a place a figure is compared with, not its own: "the highest
    weekly total since the battle for El Geneina in June" (searched up to the day or the place)."""
    return re.compile(r"\b(?:" + alternation(raw()["superlatives"]) + r")\b[^.;:]{0,60}\b(?P<since>since)\b[^.;:]{0,70}$",
                      re.IGNORECASE)


def compared_with(text: str, start: int, at: int, focus: int) -> bool:
    """Whether the day or place at `at` is one the figure at `focus` (before the comparison) is
    compared with: "312 fatalities, the highest weekly total since the battle for El Geneina in
    June". A figure inside the comparison ("since the strike on Kramatorsk, which claimed 61
    lives") keeps it."""
    found = compared_since().search(text, max(start, at - 90), at)
    return bool(found) and focus < found.start("since")


@lru_cache(maxsize=None)
def country_wide() -> WordList:
    """The words that put a happening in a whole country ("across the country")."""
    return WordList(raw()["country_wide"]["words"])


def region_words() -> list[str]:
    """The words a region's name takes ("Aleppo province", "Donetsk oblast")."""
    return list(raw()["region_words"])


@lru_cache(maxsize=None)
def speech_patterns() -> dict[str, WordList]:
    speech = raw()["speech"]
    return {key: WordList(values) for key, values in speech.items()}


@lru_cache(maxsize=None)
def source_kind_rules() -> list[tuple[str, WordList]]:
    return [(rule["kind"], WordList(rule["words"])) for rule in raw()["source_kinds"]]


@lru_cache(maxsize=None)
def seat_cues(place: str) -> re.Pattern:
    """The words that make the government sitting at `place` a party to a contact."""
    rule = next(r["seat"] for r in raw()["event_triggers"] if r.get("seat", {}).get("place") == place)
    return words_pattern(rule["when"], flags=0)


@lru_cache(maxsize=None)
def event_rules() -> list[tuple[WordList, dict]]:
    return [(WordList(rule["words"]), rule) for rule in raw()["event_triggers"]]


# -- figures ---------------------------------------------------------------------------------
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s+(?:million|billion|thousand|hundred))?"


@lru_cache(maxsize=None)
def figures() -> WordStartPattern:
    return at_word_starts(figure_pattern())


@lru_cache(maxsize=None)
def figure_pattern() -> re.Pattern:
    """A figure as written: an optional hedge, then a range, a number or a vague quantity."""
    # "a"/"an" count only before a unit ("a dozen", "a hundred"): alone they are articles.
    words = [w for w in number_words() if w not in ("a", "an", "a dozen", "half a dozen")]
    word = r"(?:" + alternation(re.escape(w) for w in words) + r")"
    unit = r"(?:dozen|hundred|thousand|million)"
    number_words_run = rf"(?:half\s+a\s+dozen|an?\s+{unit}|{word}(?:[\s-]+(?:and\s+)?{word})*)"
    number = rf"(?:(?:{_DIGITS}){_SCALE}|{number_words_run})"
    hedge = r"(?:" + alternation(re.escape(h) for h in hedges()) + r")"
    vague = r"(?:" + alternation(re.escape(v) for v in vague_quantities()) + r")"
    range_ = rf"(?:(?:anywhere\s+from|between|from)\s+{number}\s+(?:to|and)\s+{number}|{number}\s*(?:-|–|to)\s*{number})"
    body = rf"(?:{range_}|{number}|{vague})"
    # (a hyphen joined to a word before it, "F-16", "al-Qusayr", is no figure's start; a dateline's
    # dash glued to the lead's first word is: "KYIV (Reuters) -At least five", and a state agency's
    # "Damascus, SANA-Three civilians", an agency's capitals glued to a capitalised word)
    glued = r"(?<![^\s]-)|(?-i:(?<=[A-Z][A-Z]-)(?=[A-Z][a-z]))"
    return re.compile(rf"(?<![\w$£€.,])(?:{glued})(?:{hedge}\s+)?{body}(?![\w%]|,\d|\.\d|-(?:year|month|day|week))",
                      re.IGNORECASE)


# -- casualty decisions ----------------------------------------------------------------------
@lru_cache(maxsize=None)
def casualty_rule(name: str) -> re.Pattern:
    """One list of `casualty_rules` as a pattern of whole words (ignoring case)."""
    return words_pattern(raw()["casualty_rules"][name])


@lru_cache(maxsize=None)
def casualty_rule_at_end(name: str) -> re.Pattern:
    """One list of `casualty_rules` that must end where the searched text ends."""
    return re.compile(r"(?<![\w-])(?:" + alternation(raw()["casualty_rules"][name]) + r")\s*$", re.IGNORECASE)


@lru_cache(maxsize=None)
def casualty_rule_alone(name: str) -> re.Pattern:
    """One list of `casualty_rules` as the whole of a stretch of text (spaces around allowed)."""
    return re.compile(r"\s*(?:" + alternation(raw()["casualty_rules"][name]) + r")\s*", re.IGNORECASE)


@lru_cache(maxsize=None)
def not_count_patterns() -> tuple[re.Pattern, re.Pattern, list[str]]:
    """All `not_counts` rules as two patterns (words right before a figure, right after it), each
    alternative in a group named after its rule's place in the list: one search finds the first."""
    rules = raw()["not_counts"]
    before = "|".join(f"(?P<r{n}>(?:{alternation(r['before'])}))" for n, r in enumerate(rules) if r.get("before"))
    after = "|".join(f"(?P<r{n}>(?:{alternation(r['after'])}))" for n, r in enumerate(rules) if r.get("after"))
    return (re.compile(r"(?<![\w-])(?:" + before + r")\s*$", re.IGNORECASE),
            re.compile(r"\s*(?:" + after + r")(?![\w])", re.IGNORECASE), [r["reason"] for r in rules])


@lru_cache(maxsize=None)
def any_kind_word() -> WordStartPattern:
    """Any toll word of any kind: to ask once whether a stretch of text names a toll at all."""
    return WordList([word for words in raw()["kind_words"].values() for word in words])


@lru_cache(maxsize=None)
def counted_things() -> re.Pattern:
    """Nouns a toll verb may count that are not people (`counted_things`)."""
    return re.compile(r"(?:" + alternation(raw()["counted_things"]) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=None)
def source_side_rules() -> list[tuple[str, re.Pattern]]:
    """(alignment, words) of `source_sides`, in order."""
    return [(rule["alignment"], words_pattern(rule["words"])) for rule in raw()["source_sides"]]
