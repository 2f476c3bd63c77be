"""The extractor's word lists (etl/lexicon/machine.yaml) compiled once into patterns."""
import re
from functools import lru_cache

import yaml

from etl.resolve.quantities import hedges, number_words, vague_quantities
from etl.settings import LEXICON_DIR

LEXICON_FILE = LEXICON_DIR / "machine.yaml"


def _alternation(words) -> str:
    return "|".join(sorted((str(w) for w in words), key=len, reverse=True))


def words_pattern(words, flags=re.IGNORECASE) -> re.Pattern:
    """Any of `words` (regular expressions) as whole words."""
    return re.compile(r"(?<![\w-])(?:" + _alternation(words) + r")(?![\w-])", flags)


@lru_cache(maxsize=None)
def raw() -> dict:
    return yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def kind_patterns() -> list[tuple[str, re.Pattern]]:
    return [(kind, words_pattern(words)) for kind, words in raw()["kind_words"].items()]


@lru_cache(maxsize=None)
def victim_noun_patterns() -> list[tuple[str, re.Pattern]]:
    """(class, pattern) with the longest, most specific classes first; `unknown` last."""
    nouns = raw()["victim_nouns"]
    order = ["foreign fighters", "government forces", "opposition fighters", "civilians", "unknown"]
    return [(cls, re.compile(r"(?:" + _alternation(nouns[cls]) + r")(?![\w-])", re.IGNORECASE)) for cls in order]


@lru_cache(maxsize=None)
def pattern(section: str) -> re.Pattern:
    return words_pattern(raw()[section])


@lru_cache(maxsize=None)
def country_wide() -> tuple[str, re.Pattern]:
    """(the country's name, the words that put a happening in all of it)."""
    section = raw()["country_wide"]
    return section["place"], words_pattern(section["words"])


@lru_cache(maxsize=None)
def speech_patterns() -> dict[str, re.Pattern]:
    speech = raw()["speech"]
    return {key: words_pattern(values) for key, values in speech.items()}


@lru_cache(maxsize=None)
def source_kind_rules() -> list[tuple[str, re.Pattern]]:
    return [(rule["kind"], words_pattern(rule["words"])) for rule in raw()["source_kinds"]]


@lru_cache(maxsize=None)
def seat_cues(place: str) -> re.Pattern:
    """The words that make the government sitting at `place` a party to a contact."""
    rule = next(r["seat"] for r in raw()["event_triggers"] if r.get("seat", {}).get("place") == place)
    return words_pattern(rule["when"], flags=0)


@lru_cache(maxsize=None)
def event_rules() -> list[tuple[re.Pattern, dict]]:
    return [(words_pattern(rule["words"]), rule) for rule in raw()["event_triggers"]]


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
