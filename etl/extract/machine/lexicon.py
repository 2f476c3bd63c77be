"""The extractor's word lists (etl/lexicon/machine.yaml) compiled once into patterns."""
import re
from functools import lru_cache
from re import _constants as sre, _parser as sre_parse

import yaml

from etl.resolve.quantities import hedges, number_words, vague_quantities
from etl.settings import LEXICON_DIR

LEXICON_FILE = LEXICON_DIR / "machine.yaml"


def _alternation(words) -> str:
    return "|".join(sorted((str(w) for w in words), key=len, reverse=True))


def words_pattern(words, flags=re.IGNORECASE) -> re.Pattern:
    """Any of `words` (regular expressions) as whole words."""
    return re.compile(r"(?<![\w-])(?:" + _alternation(words) + r")(?![\w-])", flags)


class WordList:
    """Any of `words` as whole words, ignoring case (`words_pattern`), searched only where it can match.

    A word list's pattern is tried at every character of the text it searches, and most sentences
    hold none of its words. Every match starts with a whole word (a run of word characters), one
    of a short set read off the list's regular expressions ("fle[ed]" -> fled, flee); a text
    without any of them is not searched. The check is a set lookup of the text's words, which are
    read once per stretch of text (`words_in`), whatever the number of lists asked about it."""

    def __init__(self, words):
        words = [str(w) for w in words]
        self.regex = words_pattern(words)
        self.first_words = _first_words(words)  # None: unknown, so every text is searched

    def may_match(self, text: str, start: int = 0, end: int | None = None) -> bool:
        if self.first_words is None:
            return True
        # The bounds as a pattern reads them: a negative one counts as 0, none beyond the text.
        end = len(text) if end is None else min(max(end, 0), len(text))
        present = words_in(text, max(start, 0), end)
        return present is None or not present.isdisjoint(self.first_words)

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
        end = len(text) if end is None else end
        return self.regex.search(text, start, end) if self.may_match(text, start, end) else None

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        end = len(text) if end is None else end
        return self.regex.finditer(text, start, end) if self.may_match(text, start, end) else iter(())


_WORD_RUN = re.compile(r"\w+")
# The only characters that a pattern ignoring case matches with an ASCII letter although
# str.lower() does not turn them into it (İ, dotless ı, long ſ, the Kelvin sign): in a text that
# holds one, words cannot be compared by lowering them.
_FOLDS_APART = re.compile("[\u0130\u0131\u017f\u212a]")


@lru_cache(maxsize=256)
def words_in(text: str, start: int, end: int) -> frozenset[str] | None:
    """The words of text[start:end] in lower case (None if lowering cannot stand for ignoring case).
    Remembered: the same sentence and clauses are asked about by many word lists."""
    stretch = text[start:end]
    if _FOLDS_APART.search(stretch):
        return None
    return frozenset(_WORD_RUN.findall(stretch.lower()))


_MAX_STARTS = 500  # more ways to start than this: the list is searched everywhere


def _first_words(words: list[str]) -> frozenset[str] | None:
    """The lower-case whole words the matches of `words` can begin with, or None when that cannot
    be read off the expressions (an expression starting with a class such as \\w, a long repeat).
    A match of a whole-word pattern starts at a word's start and its first word ends where the
    expression's first non-word character (or its end) is: that word is a whole word of the text."""
    found = set()
    for word in words:
        try:
            starts = _starts(list(sre_parse.parse(word)), [""])
        except (re.error, _Unreadable):
            return None
        if starts is None or len(starts) > _MAX_STARTS:
            return None
        for start in starts:
            first = start[:-1] if start.endswith(_CUT) else start
            first = _WORD_RUN.match(first)
            if not first or not first.group().isascii():
                return None
            found.add(first.group().lower())
    return frozenset(found)


class _Unreadable(Exception):
    pass


_CUT = "\x00"  # marks a beginning complete up to a non-word character


def _starts(items, prefixes: list[str]) -> list[str] | None:
    """The beginnings of the strings the parsed expression `items` matches after each of
    `prefixes`, each up to its first non-word character (a beginning that has one ends with _CUT)."""
    for op, value in items:
        open_ = [p for p in prefixes if not p.endswith(_CUT)]
        if not open_:
            break
        done = [p for p in prefixes if p.endswith(_CUT)]
        if op == sre.LITERAL:
            char = chr(value)
            step = [p + (char if _WORD_RUN.match(char) else _CUT) for p in open_]
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width: it only narrows the matches
        elif op == sre.IN and all(kind == sre.LITERAL for kind, _ in value):
            step = [p + (chr(c) if _WORD_RUN.match(chr(c)) else _CUT) for p in open_ for _, c in value]
        elif op == sre.IN and value == [(sre.CATEGORY, sre.CATEGORY_SPACE)]:
            step = [p + _CUT for p in open_]
        elif op == sre.SUBPATTERN:
            step = _starts(list(value[-1]), open_)
        elif op == sre.BRANCH:
            step = [s for branch in value[1] for s in _starts(list(branch), open_)]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and value[1] <= 1:
            low, _, body = value
            step = _starts(list(body), open_) + (open_ if low == 0 else [])
        else:
            raise _Unreadable(op)
        if len(step) > _MAX_STARTS:
            raise _Unreadable("too many")
        prefixes = done + step
    return list(dict.fromkeys(prefixes))


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
    return [(cls, re.compile(r"(?:" + _alternation(nouns[cls]) + r")(?![\w-])", re.IGNORECASE)) for cls in order]


@lru_cache(maxsize=None)
def pattern(section: str) -> WordList:
    return WordList(raw()[section])


@lru_cache(maxsize=None)
def country_wide() -> tuple[str, WordList]:
    """(the country's name, the words that put a happening in all of it)."""
    section = raw()["country_wide"]
    return section["place"], WordList(section["words"])


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
def figure_pattern() -> re.Pattern:
    """A figure as written: an optional hedge, then a range, a number or a vague quantity."""
    # "a"/"an" count only before a unit ("a dozen", "a hundred"): alone they are articles.
    words = [w for w in number_words() if w not in ("a", "an", "a dozen", "half a dozen")]
    word = r"(?:" + _alternation(re.escape(w) for w in words) + r")"
    unit = r"(?:dozen|hundred|thousand|million)"
    number_words_run = rf"(?:half\s+a\s+dozen|an?\s+{unit}|{word}(?:[\s-]+(?:and\s+)?{word})*)"
    number = rf"(?:(?:{_DIGITS}){_SCALE}|{number_words_run})"
    hedge = r"(?:" + _alternation(re.escape(h) for h in hedges()) + r")"
    vague = r"(?:" + _alternation(re.escape(v) for v in vague_quantities()) + r")"
    range_ = rf"(?:(?:anywhere\s+from|between|from)\s+{number}\s+(?:to|and)\s+{number}|{number}\s*(?:-|–|to)\s*{number})"
    body = rf"(?:{range_}|{number}|{vague})"
    return re.compile(rf"(?<![\w$£€.,-])(?:{hedge}\s+)?{body}(?![\w%]|,\d|\.\d|-(?:year|month|day|week))", re.IGNORECASE)
