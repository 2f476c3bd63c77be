"""The construction catalogue's cases (tests/constructions/*.yaml, docs/extraction/constructions*.md):
short texts of our own in the shapes real reporting uses, each with every casualty claim an
expert coder records. A case passes when the machine finds exactly those claims (figure, kind,
bounds, and the claimant, date and place where the case gives them) and nothing else.

Cases the extractor does not read yet are listed, with why, in tests/constructions/known_misses.yaml:
they are expected to fail (strictly: a case that starts passing must leave the list), so the
misses stay in view. `python -m tests.test_constructions` prints the pass rate by construction.
"""
import re
import sys
from collections import Counter
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz

from etl.core.dates import DateRange, resolve
from etl.ingest.aliases import normal_key
from etl.ingest.outlets import extraction_context
from etl.extract.machine import extract_document
from etl.ingest.documents import read_corpus
from etl.ingest.reference import read_reference
from etl.settings import REFERENCE_DIR

CASES_DIR = Path(__file__).resolve().parent / "constructions"
DEFAULT_PUBLISHED = "2015-06-15"
TITLE = "Construction case"


def _cases() -> list[dict]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        if path.name == "known_misses.yaml":
            continue
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            case["file"] = path.name
            case["key"] = f"{path.stem}/{case['id']}"  # ids are unique within a file
            cases.append(case)
    return cases


def _known_misses() -> dict[str, str]:
    path = CASES_DIR / "known_misses.yaml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


CASES = _cases()
KNOWN_MISSES = _known_misses()


@lru_cache(maxsize=1)
def _machine_claims(folder: str) -> dict[str, list[dict]]:
    """Every case as a document of one corpus (a headline, then the case's text), extracted once."""
    corpus = Path(folder)
    catalog = []
    for number, case in enumerate(CASES):
        name = f"case{number:04d}.txt"
        (corpus / name).write_text(f"{TITLE}\n\n{case['text'].strip()}\n", encoding="utf-8")
        catalog.append({"file": name, "title": TITLE, "outlet": "Construction Wire",
                        "published": str(case.get("published") or DEFAULT_PUBLISHED)})
    (corpus / "catalog.yaml").write_text(yaml.safe_dump(catalog), encoding="utf-8")
    documents, _ = read_corpus(corpus)
    index, sources, outlet_of = extraction_context(read_reference(REFERENCE_DIR), documents, [])
    claims = {}
    for doc in documents:
        number = int(doc.file[4:8])
        claims[CASES[number]["key"]] = extract_document(doc, index, sources, outlet_of[doc.doc_id]).claims
    return claims, index


def _same_claimant(expected: str | None, claim: dict, index) -> bool:
    """The coder's words and the machine's name one speaker: the same words (one inside the
    other), or the source the coder's words name (the machine may have carried it: "It said")."""
    if expected is None:
        return True
    words = (claim["claimant_text"] or "").lower().strip()
    if expected == "outlet":
        return not words
    wanted = expected.lower().strip()
    if words and (wanted in words or words in wanted):
        return True
    bare = re.sub(r"^(?:the|a|an)\s+", "", wanted)
    named = set(index.lookup("source", expected) + index.lookup("source", bare) + index.longest_inside("source", expected))
    named.add(re.sub(r"[^a-z0-9]+", "-", bare).strip("-"))
    return claim["claimant_id"] in named


def _same_figure(coded: str, machine: str) -> bool:
    """The same figure as written, give or take a word that leaves its bounds ("another 23", "12 more")."""
    coded, machine = coded.lower(), machine.lower()
    return coded in machine or machine in coded


def compare(case: dict, machine: list[dict], index) -> list[str]:
    """What the machine got wrong on a case (empty when it read the case as the coder did)."""
    problems, free = [], list(machine)
    for claim in case.get("claims") or []:
        bounds = (claim["kind"], claim.get("low"), claim.get("high"))
        match = next((m for m in free if (m["kind"], m["low"], m["high"]) == bounds
                      and _same_figure(str(claim["figure"]), m["figure_text"])), None)
        if match is None:
            problems.append(f"missed {claim['kind']} {claim['figure']!r} [{claim.get('low')}..{claim.get('high')}]")
            continue
        free.remove(match)
        if not _same_claimant(claim.get("claimant"), match, index):
            problems.append(f"{claim['figure']!r}: claimant {match['claimant_text'] or 'own voice'!r}, "
                            f"coded {claim.get('claimant')!r}")
        if "date" in claim and _case_dates(claim["date"], case) != _machine_dates(match):
            problems.append(f"{claim['figure']!r}: date {_shown(_machine_dates(match))}, "
                            f"coded {_shown(_case_dates(claim['date'], case))}")
        if "place" in claim and not _same_place(claim["place"], match["place_id"], index):
            problems.append(f"{claim['figure']!r}: place {match['place_id']!r}, coded {claim['place']!r}")
    for extra in free:
        problems.append(f"extra {extra['kind']} {extra['figure_text']!r} [{extra['low']}..{extra['high']}]")
    return problems


def _same_place(expected: str | None, place_id: str | None, index) -> bool:
    """The place the coder names is the machine's: none where the coder gives none (null), one of
    the places the name means, or, for a spelling the gazetteer does not list ("Tell Rifaat" for
    Tall Rifat), a place whose name is the same give or take a transliteration (the machine's fuzzy
    match does the same on the text)."""
    if expected is None or place_id is None:
        return expected is None and place_id is None
    expected = str(expected)
    if place_id in index.lookup("place", expected):
        return True
    place = index.reference.places.get(place_id)
    return place is not None and fuzz.ratio(normal_key(expected), normal_key(place.name)) >= 80


def _case_dates(value, case: dict) -> tuple[date, date] | None:
    """A case's date (a day, a month "2019-04", a range "a..b" or null) as its first and last day,
    read by the coded facts' own rule."""
    if value is None:
        return None
    published = date.fromisoformat(str(case.get("published") or DEFAULT_PUBLISHED))
    days = resolve(str(value), DateRange(published, published, "day"))
    return days.start, days.end


def _machine_dates(claim: dict) -> tuple[date, date] | None:
    return (claim["date_start"], claim["date_end"]) if claim["date_start"] else None


def _shown(days: tuple[date, date] | None) -> str:
    return "none" if days is None else str(days[0]) if days[0] == days[1] else f"{days[0]}..{days[1]}"


@pytest.fixture(scope="module")
def machine_claims(tmp_path_factory):
    return _machine_claims(str(tmp_path_factory.mktemp("constructions")))


def _param(case):
    marks = [pytest.mark.xfail(reason=KNOWN_MISSES[case["key"]], strict=True)] if case["key"] in KNOWN_MISSES else []
    return pytest.param(case, id=case["key"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_construction_case_is_read_as_the_coder_reads_it(case, machine_claims):
    claims, index = machine_claims
    problems = compare(case, claims[case["key"]], index)
    assert not problems, f"{case['file']} {case['id']} ({case['construction']}): {'; '.join(problems)}"


def test_every_case_has_its_own_id():
    keys = Counter(case["key"] for case in CASES)
    assert [key for key, count in keys.items() if count > 1] == []


def test_every_known_miss_names_a_case():
    ids = {case["key"] for case in CASES}
    assert not set(KNOWN_MISSES) - ids, "known misses that are no case"


def summary(out=sys.stdout) -> None:
    """Pass rate by construction family, and the failing cases."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        claims, index = _machine_claims(folder)
        passed, total = Counter(), Counter()
        failures = []
        for case in CASES:
            family = case["construction"].rstrip("0123456789") or case["construction"]
            problems = compare(case, claims[case["key"]], index)
            total[family] += 1
            passed[family] += not problems
            if problems:
                failures.append(f"{case['key']}: {'; '.join(problems)}")
    print(f"construction cases: {sum(passed.values())} of {sum(total.values())} read as coded", file=out)
    for family in sorted(total):
        print(f"  {family:<4} {passed[family]:>3} / {total[family]:<3}", file=out)
    for line in failures:
        print(f"  - {line}", file=out)


def write_known_misses() -> None:
    """Rewrite known_misses.yaml with the cases the extractor reads otherwise today, each with what
    it gets wrong (run after a change to the rules, and read the difference)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        claims, index = _machine_claims(folder)
        misses = {case["key"]: "; ".join(problems) for case in CASES
                  if (problems := compare(case, claims[case["key"]], index))}
    header = ("# Construction cases the machine extractor does not yet read as the coder does, with what it gets\n"
              "# wrong. tests/test_constructions.py expects each of them to fail (a case that starts passing must\n"
              "# leave this list). Regenerate: python -m tests.test_constructions --write-known-misses\n")
    (CASES_DIR / "known_misses.yaml").write_text(header + yaml.safe_dump(misses, allow_unicode=True, width=200),
                                                  encoding="utf-8")
    print(f"{len(misses)} known misses written")


if __name__ == "__main__":
    write_known_misses() if "--write-known-misses" in sys.argv else summary()
