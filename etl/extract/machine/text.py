"""The article as the extractor reads it: paragraphs (article parts) cut into sentences."""
import re
from dataclasses import dataclass

from etl.ingest.documents import Document
from etl.core.sentences import sentence_spans


FACT_PARTS = ("headline", "body", "standfirst")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the article part it belongs to
    part_kind: str
    text: str


def article_sentences(doc: Document) -> list[Sentence]:
    """Every sentence of the article's headline, standfirst and body, in text order. Reader
    comments and page furniture are not read, as in the coded facts; nor are subheadings and
    captions, which repeat the body's facts. A headline's figure is a claim of its own, as
    coders record it ("... kill 45: monitor"); it tells no event the body does not."""
    sentences = []
    for number, part in enumerate(doc.parts):
        if part.kind not in FACT_PARTS:
            continue
        for start, end in sentence_spans(doc.text, part.start, part.end):
            sentences.append(Sentence(start, end, number, part.kind, doc.text[start:end]))
    return sentences


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    # Introduced by "after", "before", "since" ...: it happened at another time than the rest of
    # the sentence, so it neither lends its date to the other clauses nor borrows theirs.
    sequenced: bool


_SEQUENCE_WORDS = r"(?:after|before|since|until|following|prior\s+to)"
# Where a sentence may start another happening: a semicolon; a participle after a comma
# (", capturing ..."); "while"/"whereas"; ", and"/", but"; "and" before a past-tense verb
# ("encircled Qusayr ... and entered the city"); "as" joining two clauses ("... on Wednesday as
# news of the defeat spread"); "after" before a clause or a span of time.
_CLAUSE_START = re.compile(
    r";\s*"
    r"|,\s+(?=(?!(?:including|according|excluding|regarding|concerning|during|bringing)\b)[a-z]+ing\b)"
    r"|,?\s+(?=(?:while|whereas)\s)"
    r"|,\s+(?=(?:and|but|then)\s)"
    r"|\s+(?=and\s+(?:then\s+|later\s+)?(?:[a-z]+ed|took|fell|overran|fought|shot|struck|hit|blew|drove|won|lost|"
    r"began|went|held|seized|stormed|entered|captured|retook|killed)\b)"
    r"|\s+(?=as\s+(?!(?:many|much|few|early|late|long|well|soon|far|high|low|part|a\s+result|if|though|of|to|for|"
    r"such|\w+\s+as)\b)\w)"
    rf"|,?\s+(?={_SEQUENCE_WORDS}\s+(?:[a-z]+ing|weeks|days|months|hours|years|a|an|the|their|its|his|her)\b)"
    rf"|,\s+(?={_SEQUENCE_WORDS}\s)")
# "as many as", "such as", "as well as": comparisons, not a second clause.
_NOT_A_CLAUSE_AS = re.compile(r"\b(?:as\s+\w+|such|well|known|same|so)$", re.IGNORECASE)
# A sentence that opens with a subordinate clause: "After pummelling Qusair ..., government forces ...".
_FRONTED = re.compile(
    r"(?:(?:shortly|soon|just|hours|days|weeks|minutes|immediately|even)\s+)?"
    r"(?:after|as(?!\s+\w+\s+as\b)|while|when|since|before|following|although|though|amid|until)\b"
    r"(?:[^,;]|,(?=\d)){3,160},\s*",
    re.IGNORECASE)
_SEQUENCED = re.compile(rf"(?:[,;]?\s*)(?:(?:shortly|soon|just|hours|days|weeks|minutes|immediately|even)\s+)?{_SEQUENCE_WORDS}\b",
                        re.IGNORECASE)


def clauses(text: str, start: int, end: int) -> list[Clause]:
    """The clauses of text[start:end] that may each report a happening of their own."""
    cuts = [start]
    fronted = _FRONTED.match(text, start, end)
    if fronted:
        cuts.append(fronted.end())
    for match in _CLAUSE_START.finditer(text, fronted.end() if fronted else start, end):
        if text.startswith("as", match.end()) and _NOT_A_CLAUSE_AS.search(text, max(start, match.start() - 20), match.start()):
            continue
        if match.start() > cuts[-1]:
            cuts.append(match.start())
    bounds = list(zip(cuts, cuts[1:] + [end]))
    return [Clause(s, e, bool(_SEQUENCED.match(text, s, e))) for s, e in bounds if e > s]
