"""The bounds contract: a figure as written ("at least 58", "hundreds") -> low/high bounds.

Contract (docs/rules.md, bounds): exact -> low = high = figure; floor hedges -> high open;
ceiling hedges -> low open; ranges -> both ends; approximate hedges -> a band of
APPROXIMATE_BAND around the figure; vague words -> low from the vague-quantity table, high open.
"""
import csv
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from etl.settings import APPROXIMATE_BAND, LEXICON_DIR


class QuantityError(ValueError):
    pass


@dataclass(frozen=True)
class Quantity:
    qualifier: str | None  # the hedge or vague word, verbatim
    figure: int | None  # the number as stated (None for vague words)
    low: int | None
    high: int | None
    approximate: bool


def _rows(name: str) -> list[dict]:
    with open(LEXICON_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=None)
def hedges() -> dict[str, str]:
    return {row["phrase"]: row["bound"] for row in _rows("hedges.csv")}


@lru_cache(maxsize=None)
def vague_quantities() -> dict[str, int]:
    return {row["phrase"]: int(row["low"]) for row in _rows("vague_quantities.csv")}


@lru_cache(maxsize=None)
def number_words() -> dict[str, int]:
    return {row["word"]: int(row["value"]) for row in _rows("number_words.csv")}


_LARGEST = 2**63 - 1  # the warehouse stores counts as BIGINT
_MULTIPLIERS = {"dozen", "hundred", "thousand", "million", "billion"}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


def parse_number(text: str) -> int:
    """'1,500' -> 1500; 'ten' -> 10; 'two dozen' -> 24; '1.5 million' -> 1500000."""
    words = number_words()
    # The hyphen of "twenty-five" is dropped below; a sign before a figure must not be dropped with it.
    if re.match(r"\s*[-\u2212]\s*\d", text):
        raise QuantityError(f"a count cannot be negative: {text!r}")
    cleaned = " ".join(text.strip().lower().replace("-", " ").split())
    if cleaned in words and cleaned not in _MULTIPLIERS:
        return words[cleaned]
    total, current, seen, after_digits = 0, 0.0, False, False
    for token in cleaned.split(" "):
        if _DIGITS.match(token):
            if after_digits:  # "23-40" is a range, not 63: the caller reads it as one
                raise QuantityError(f"not a number: {text!r}")
            current += float(token.replace(",", ""))
        elif token in _MULTIPLIERS:
            current = (current or 1) * words[token]
            if token != "dozen" and words[token] >= 1000:
                total, current = total + current, 0.0
        elif token in words:
            current += words[token]
        elif token == "and":
            continue
        else:
            raise QuantityError(f"not a number: {text!r}")
        seen, after_digits = True, bool(_DIGITS.match(token))
    if not seen:
        raise QuantityError(f"not a number: {text!r}")
    value = total + current
    if value != int(value):
        raise QuantityError(f"not a whole number: {text!r}")
    if value > _LARGEST:
        raise QuantityError(f"too large to store: {text!r}")
    return int(value)


_RANGE = re.compile(
    r"^(?:(?P<lead>anywhere from|between|from)\s+)?(?P<a>.+?)\s*(?:\bto\b|\band\b|-|–)\s*(?P<b>.+)$",
    re.IGNORECASE,
)


def _band(figure: int, bound: str) -> tuple[int, int]:
    # rounded first: 2,800 * 1.1 is 3080.0000000000005 in floating point, and the band ends at 3,080
    below = math.floor(round(figure * (1 - APPROXIMATE_BAND), 6))
    above = math.ceil(round(figure * (1 + APPROXIMATE_BAND), 6))
    return {"approximate": (below, above), "below": (below, figure), "above": (figure, above)}[bound]


@lru_cache(maxsize=None)
def _longest_first(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=None)
def _hedges_longest_first() -> tuple[tuple[str, str], ...]:
    """The hedges, longest first ("no more than" before "more than"): sorted once, not per figure."""
    return tuple(sorted(hedges().items(), key=lambda item: -len(item[0])))


def parse_figure(text: str) -> Quantity:
    """Read a figure as written, hedge included, into bounds by the contract."""
    raw = " ".join(text.split())
    lowered = raw.lower()
    vague = vague_quantities()
    for phrase in _longest_first(tuple(vague)):
        if lowered in (phrase, phrase + " of"):
            return Quantity(raw, None, vague[phrase], None, False)
    for phrase, bound in _hedges_longest_first():
        if lowered.startswith(phrase + " "):
            qualifier, rest = raw[: len(phrase)], raw[len(phrase) + 1 :]
            figure = parse_number(rest)
            if bound == "lower":
                return Quantity(qualifier, figure, figure, None, False)
            if bound == "upper":
                return Quantity(qualifier, figure, None, figure, False)
            low, high = _band(figure, bound)
            return Quantity(qualifier, figure, low, high, True)
    try:
        figure = parse_number(raw)
    except QuantityError:
        match = _RANGE.match(raw)
        if not match:
            raise
        low, high = parse_number(match["a"]), parse_number(match["b"])
        if low > high:
            raise QuantityError(f"range reversed: {text!r}") from None
        qualifier = raw[: match.start("a")].strip() or None
        return Quantity(qualifier, None, low, high, False)
    return Quantity(None, figure, figure, figure, False)
