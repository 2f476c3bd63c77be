"""Paths and tunable numbers of the build, in one place."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
# War-specific reference data (gazetteer, actors, sources): a user extends it for another war.
REFERENCE_DIR = SEEDS_DIR / "reference"
# The world gazetteer, under every reference folder's places (etl/tools/extract_geonames.py writes it).
WORLD_PLACES = Path(__file__).resolve().parent / "gazetteer" / "places_world.csv"
# Language-of-the-field data (hedges, vague quantities, event types, page furniture).
LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"
# Place names that are also common English words or first names: places only in place context.
PLACE_STOPWORDS = LEXICON_DIR / "place_stopwords.txt"
PLACE_CONTEXT = LEXICON_DIR / "place_context.yaml"
WAREHOUSE_DIR = ROOT / "warehouse"
DEFAULT_DB = WAREHOUSE_DIR / "conflict.duckdb"
SCHEMA_SQL = WAREHOUSE_DIR / "schema.sql"
VIEWS_SQL = WAREHOUSE_DIR / "views.sql"

CATALOG_NAME = "catalog.yaml"
FACTS_SUBDIR = "facts"
DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")

# "some/about/around 30": the band kept around an approximate figure (+/- 10 %).
APPROXIMATE_BAND = 0.10

# An undated document's publication date is read from a dateline among its first parts (lines).
DATELINE_MAX_PARTS = 6

# An HTML page whose extracted text has no line this long (in words) has no article, only menus.
HTML_MIN_PARAGRAPH_WORDS = 8

# A paragraph right after the headline that is one sentence no longer than this is a standfirst.
STANDFIRST_MAX_CHARS = 160

# Date ranges are given the precision of the smallest unit that covers them (in days).
PRECISION_MAX_DAYS = (("day", 1), ("week", 7), ("month", 45))

# Below this share of printable characters a decoded file is treated as binary.
MIN_PRINTABLE_SHARE = 0.95

# Machine extraction (etl/extract/machine): how close a transliterated name must be to a known
# one (rapidfuzz ratio, 0-100) to be taken for it, after exact alias lookup has failed.
FUZZY_NAME_MIN_SCORE = 90
FUZZY_PLACE_MIN_SCORE = 88
# Reports of the same type at the same place are one event when their dates lie within this
# many days of each other (the space-and-time window of event-matching tools such as meltt).
EVENT_MATCH_WINDOW_DAYS = 1
# Comparison groups (etl/resolve/comparison.py): running totals of one quantity are compared when
# the days they refer to lie within this many days of each other (a battle, a siege, a campaign).
CUMULATIVE_WINDOW_DAYS = 120
# One claimant's same figure told twice in an article (a headline's toll and the lead's) is one quantity,
# from this figure up: below it, the same small number in two sentences is as often two things ("two
# women" found in a cellar, "the two of them" in a yard).
RESTATED_FROM = 10
# Two sources' figures in one article, one this many times the other or more, are not rival counts of one
# quantity but a part and a whole (the reporter sets rival counts side by side; across articles, any gap stands).
RIVALS_WITHIN = 10
# A toll of violence an article gives no day for, and no word of a running total, is read as a toll
# of its news: of the days from this many before its publication to publication (a wire story's
# "at least 12 people were killed" is this week's, not the war's).
NEWS_WINDOW_DAYS = 7
# A vague toll of at least this many dead ("tens of thousands have been killed") told with no place
# of its own is the war's toll, so the country's: no town's single happening is told so.
WAR_SCALE_TOLL = 10_000

# Rows handed to DuckDB at a time when the warehouse is written: a large table is never held twice
# (as Python rows and as Arrow) in full (docs/scale.md).
LOAD_CHUNK_ROWS = 20_000
