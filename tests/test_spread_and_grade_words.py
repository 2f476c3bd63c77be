"""The spread and the grade as a reader meets them beside a comparison group's figures: a spread written
as a reader reads numbers, a note where it may mislead, and grade words that say what the figures next
to them show (as many claimants as the group lists, their alignments, the figure a side concedes)."""
import re

import duckdb
import pytest
import yaml

from etl.build import build
from etl.settings import REFERENCE_DIR
from tests.conftest import rows

# One wire story, coded by hand: two sources of one government on one toll, two international sources
# on one count of the displaced, a day's toll grouped with a war's, an "up to" figure against a firm one,
# and Hezbollah's own television conceding fewer of its dead than the opposition says.
TEXT = """Fighting around Jobar

DAMASCUS, 20 May 2013 - Syrian state media said 12 civilians were killed in Jobar on Sunday. Syrian government sources said 14 civilians were killed in Jobar on Sunday.

The United Nations said 3,000 people had fled Jobar since Friday. GlobalPost correspondents counted 4,500 people who had fled Jobar since Friday.

The Syrian Observatory for Human Rights said four civilians were killed in Syria on Sunday. The United Nations says more than 80,000 people have been killed in Syria since the uprising began.

Opposition sources said up to 10 rebels were wounded in Jobar on Sunday; the Syrian army said 40 rebels were wounded there.

Opposition sources said 80 Hezbollah fighters were killed in Jobar. Hezbollah's Al-Manar television said three of its fighters died there.
"""
CLAIMS = [
    ("Syrian state media said 12 civilians were killed in Jobar on Sunday", "12", "killed", "civilians",
     "syrian-state-media", "Damascus", "civilians killed in Jobar"),
    ("Syrian government sources said 14 civilians were killed in Jobar on Sunday", "14", "killed", "civilians",
     "syrian-government-sources", "Damascus", "civilians killed in Jobar"),
    ("The United Nations said 3,000 people had fled Jobar", "3,000", "displaced", "civilians", "united-nations",
     "Damascus", "people who fled Jobar"),
    ("GlobalPost correspondents counted 4,500 people who had fled Jobar", "4,500", "displaced", "civilians",
     "globalpost", "Damascus", "people who fled Jobar"),
    ("The Syrian Observatory for Human Rights said four civilians were killed in Syria on Sunday", "four", "killed",
     "civilians", "syrian-observatory-for-human-rights", "Syria", "civilians killed in Syria"),
    ("The United Nations says more than 80,000 people have been killed in Syria", "more than 80,000", "killed",
     "civilians", "united-nations", "Syria", "civilians killed in Syria"),
    ("Opposition sources said up to 10 rebels were wounded in Jobar on Sunday", "up to 10", "wounded",
     "opposition fighters", "opposition-sources", "Damascus", "rebels wounded in Jobar"),
    ("the Syrian army said 40 rebels were wounded there", "40", "wounded", "opposition fighters", "syrian-army",
     "Damascus", "rebels wounded in Jobar"),
    ("Opposition sources said 80 Hezbollah fighters were killed in Jobar", "80", "killed", "foreign fighters",
     "opposition-sources", "Damascus", "Hezbollah fighters killed in Jobar"),
    ("Hezbollah's Al-Manar television said three of its fighters died there", "three", "killed", "foreign fighters",
     "al-manar", "Damascus", "Hezbollah fighters killed in Jobar"),
]


@pytest.fixture(scope="module")
def jobar(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("jobar") / "corpus"
    (corpus / "facts").mkdir(parents=True)
    (corpus / "jobar.txt").write_text(TEXT, encoding="utf-8")
    (corpus / "catalog.yaml").write_text(
        '- file: jobar.txt\n  title: Fighting around Jobar\n  outlet: Test Wire\n  published: "2013-05-20"\n',
        encoding="utf-8")
    claims = [{"quote": quote, "figure": figure, "kind": kind, "victim_group": group.split(" killed")[0].split(" wounded")[0],
               "victim_class": victim_class, "claimant": claimant, "place": place, "comparison_group": group}
              for quote, figure, kind, victim_class, claimant, place, group in CLAIMS]
    (corpus / "facts" / "jobar.yaml").write_text(
        yaml.safe_dump({"document": "jobar.txt", "coder": "test", "claims": claims}, sort_keys=False), encoding="utf-8")
    build(corpus, corpus.parent / "jobar.duckdb", REFERENCE_DIR)
    connection = duckdb.connect(str(corpus.parent / "jobar.duckdb"), read_only=True)
    yield connection
    connection.close()


def by_group(db, column: str, view: str = "comparisons") -> dict[str, str]:
    return dict(rows(db, f"SELECT comparison_group, {column} FROM {view}"))


def reasons(db) -> dict[str, str]:
    return dict(rows(db, "SELECT comparison_group, grade_reason FROM toll_grades WHERE scope = 'group'"))


def test_a_spread_reads_as_a_reader_reads_numbers(jobar, db):
    assert by_group(jobar, "spread_text") == {
        "civilians killed in Jobar": "×1.2", "people who fled Jobar": "×1.5", "rebels wounded in Jobar": "×4",
        "Hezbollah fighters killed in Jobar": "×27", "civilians killed in Syria": "more than ×1,000"}
    assert by_group(db, "spread_text")["civilians inside Qusayr"] == "×2"  # no ".0"
    # The same words wherever a group's spread is given.
    assert set(rows(jobar, "SELECT DISTINCT comparison_group, spread_text FROM comparison_claims")) == \
        set(by_group(jobar, "spread_text").items())


def test_a_spread_that_may_mislead_says_why(jobar):
    notes = by_group(jobar, "spread_note")
    # Four dead in a day beside the war's 80,000: not one quantity, whatever the group says.
    assert notes["civilians killed in Syria"].startswith("The highest figure is more than 1,000 times the lowest: "
                                                         "the claims may count different things")
    # "Up to 10" is the lowest: the opposition gives no lower bound, so ×4 is the least they disagree by.
    assert "The lowest figure is an \"up to\" figure" in notes["rebels wounded in Jobar"]
    assert notes["people who fled Jobar"] is None and notes["Hezbollah fighters killed in Jobar"] is None


def test_grade_words_say_what_the_figures_beside_them_show(jobar):
    said = reasons(jobar)
    # Two claimants are shown, and both speak for the Syrian government: one voice, not "one claimant".
    assert said["civilians killed in Jobar"] == ("Weak: 2 claimants who speak for one actor (pro-government), and not "
                                                 "conceded by the side that would rather the toll were low.")
    # Both international: fair for an independent voice, not for being "of both sides".
    assert said["people who fled Jobar"] == ("Fair: 2 claimants, each an independent voice, one or more of them "
                                             "international or independent (international).")
    # Confirmed beside a spread of ×27: what is confirmed is the figure conceded, which the words name.
    assert said["Hezbollah fighters killed in Jobar"] == ("Confirmed: the side that would rather the toll were low "
                                                          "concedes it: Al-Manar says three.")


@pytest.mark.parametrize("corpus", ["jobar", "db"])
def test_every_grade_counts_the_claimants_and_alignments_the_group_lists(corpus, request):
    db = request.getfixturevalue(corpus)
    groups = {g: (n, a) for g, n, a in rows(db, "SELECT comparison_group, claimants, alignments FROM comparisons")}
    for group, reason in reasons(db).items():
        claimants, alignments = groups[group]
        if reason.startswith(("Fair", "Weak")):  # the grades that rest on how many speak
            counted = re.search(r"\bone claimant\b|(\d+) claimants", reason)
            assert counted and (int(counted[1]) if counted[1] else 1) == claimants, (group, reason)
        named = re.search(r"\(([a-z, -]+)\)[.,]", reason)
        if named:
            assert named[1].split(", ") == list(alignments), (group, reason)
        if "of both sides" in reason:
            assert {"pro-government", "opposition"} <= set(alignments), (group, reason)
