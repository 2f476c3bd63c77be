"""The article as the extractor reads it: paragraphs (article parts) cut into sentences."""
from dataclasses import dataclass

from etl.ingest.documents import Document
from etl.resolve.sentences import sentence_spans


FACT_PARTS = ("body", "standfirst")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the article part it belongs to
    part_kind: str
    text: str


def article_sentences(doc: Document) -> list[Sentence]:
    """Every sentence of the article's body and standfirst, in text order. Reader comments and
    page furniture are not read, as in the coded facts; nor are headlines, subheadings and
    captions, which repeat the body's facts and would count them twice."""
    sentences = []
    for number, part in enumerate(doc.parts):
        if part.kind not in FACT_PARTS:
            continue
        for start, end in sentence_spans(doc.text, part.start, part.end):
            sentences.append(Sentence(start, end, number, part.kind, doc.text[start:end]))
    return sentences
