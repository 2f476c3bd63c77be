"""The extractor's word lists skip a text only when their pattern cannot match it: a skipped
text must never hide a match (the facts would change with the speed-up)."""
import re

import pytest

from etl.extract.machine import dates, lexicon
from etl.extract.machine.text import article_sentences
from etl.ingest.documents import read_corpus
from etl.settings import SEEDS_DIR
from tests.conftest import ROOT


def _word_lists() -> list[tuple[str, lexicon.WordList]]:
    lists = [(f"kind {kind}", words) for kind, words in lexicon.kind_patterns()]
    lists += [(f"speech {key}", words) for key, words in lexicon.speech_patterns().items()]
    lists += [(f"source kind {kind}", words) for kind, words in lexicon.source_kind_rules()]
    lists += [(f"trigger {rule['type']} {number}", words) for number, (words, rule) in enumerate(lexicon.event_rules())]
    lists += [(section, lexicon.pattern(section)) for section in ("mixed_cues", "denial_cues", "claim_cues", "own_voice")]
    lists.append(("country_wide", lexicon.country_wide()))
    lists += [("figures", lexicon.figures()), ("dates", dates._PATTERN)]
    return lists


def _texts() -> list[str]:
    documents = read_corpus(SEEDS_DIR)[0] + read_corpus(ROOT / "tests" / "articles")[0]
    sentences = [s.text for doc in documents for s in article_sentences(doc)]
    return [change(s) for s in sentences for change in (str, str.lower, str.upper, str.title)]


def test_every_pattern_knows_the_words_its_matches_start_with():
    unknown = [name for name, words in _word_lists() if words.beginnings is None]
    assert not unknown  # not wrong if it happens, only slower: those lists are tried on every text


def _stretches(text: str):
    """The whole text, stretches cut inside words and across its edges, as clauses and windows are."""
    yield 0, len(text)
    yield -4, len(text) + 4
    for cut in range(1, len(text), 41):
        yield cut, len(text) - cut // 2
        yield 0, cut


@pytest.mark.parametrize("name,words", _word_lists(), ids=lambda v: v if isinstance(v, str) else "")
def test_a_pattern_finds_just_what_its_expression_finds_everywhere(name, words):
    for text in _texts():
        for start, end in _stretches(text):
            expected = [m.span() for m in words.regex.finditer(text, start, end)]
            assert [m.span() for m in words.finditer(text, start, end)] == expected, (name, text[start:end])
            first = words.search(text, start, end)
            assert (first.span() if first else None) == (expected[0] if expected else None)


@pytest.mark.parametrize("expression,first", [
    ("fle[ed]", {"fled", "flee"}), ("remain(?:s|ed)?", {"remain", "remains", "remained"}),
    ("air ?strikes?", {"air", "airstrike", "airstrikes"}), ("(?:tele)?phone call", {"phone", "telephone"}),
    ("\\bIED\\b", {"ied"}), ("prisoners?(?! of war camp)", {"prisoner", "prisoners"}),
    ("car-bomb", {"car"}), ("called his \\w+ counterpart", {"called"}),
])
def test_the_first_words_are_read_off_the_expressions(expression, first):
    beginnings = lexicon.WordList([expression]).beginnings
    assert beginnings.words == first and not beginnings.prefixes


def test_an_expression_whose_first_word_is_unknown_is_tried_everywhere():
    words = lexicon.WordList(["\\w+ed"])
    assert words.beginnings is None
    assert words.search("they shelled it").group() == "shelled"


def test_a_letter_that_only_the_pattern_folds_to_ascii_turns_the_check_off():
    # re.IGNORECASE matches "ſ" (long s) with "s"; str.lower() keeps it apart
    words = lexicon.WordList(["shelled"])
    assert words.search("they ſhelled it") is not None
    assert re.search("shelled", "they ſhelled it", re.IGNORECASE)
