"""Sentence spans inside a document part, for showing each fact with its sentence."""
import re

# Abbreviations of this field that end with a full stop but do not end a sentence.
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "brig", "maj", "capt", "sgt", "st", "sen",
                 "rep", "gov", "pres", "no", "vs", "u.s", "u.n", "jan", "feb", "aug", "sept", "oct", "nov", "dec"}
# A full stop before a space and a capital, or glued to the next sentence's first word where a page
# lost its spaces ("on Saturday.The toll later rose"; two lower-case letters before it, so that
# "U.S.Army" and "St.Louis" stay whole).
_END = re.compile(r"[.!?][\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|(?<=[a-z][a-z])[.!?](?=[A-Z][a-z])")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, begin = [], start
    for match in _END.finditer(text, start, end):
        word = re.search(r"([\w.]+)[.!?]?$", text[begin:match.start() + 1])
        if word and match.group()[0] == "." and word.group(1).rstrip(".").lower() in ABBREVIATIONS:
            continue
        spans.append((begin, match.end()))
        begin = match.end()
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end:
        spans.append((begin, end))
    return spans


def sentence_around(text: str, part_start: int, part_end: int, start: int, end: int) -> tuple[int, int]:
    """The smallest run of whole sentences of the part that contains [start, end)."""
    spans = sentence_spans(text, part_start, part_end)
    first = next((s for s in spans if s[0] <= start < s[1]), (part_start, part_end))
    last = next((s for s in spans if s[0] < end <= s[1]), (part_start, part_end))
    return first[0], max(first[1], last[1])
