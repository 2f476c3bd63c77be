"""A synthetic corpus in the styles of the field, for benchmarks and tests at scale:

    python -m etl.tools.synthesize --docs 10000 --out corpora/synthetic-10k [--seed 0]

writes N stories (wire, newspaper, state media, monitor, UN) about incidents of one war, drawn
from its reference folder, as JSON lines (`batch-0000.jsonl`, ...) the build reads. Several outlets
report each incident on different days with different figures, so that event matching and
comparison groups have real work. The same arguments write the same bytes. docs/scale.md tells
what is generated and how.
"""
from etl.tools.synthesize.corpus import synthesize

__all__ = ["synthesize"]
