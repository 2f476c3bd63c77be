"""Source comparison on a corpus nobody grouped by hand (docs/comparison.md): groups by rule, revisions,
grades and claimants' track records, as an analyst would draw them from the invented battle of
tests/comparison_corpus.py; and the seeds' two coded groups coming out of the rule unaided."""
import shutil
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from etl.core.errors import BuildError
from etl.settings import REFERENCE_DIR, SEEDS_DIR
from tests.comparison_corpus import write_corpus

HADI, SOHR, UN, LCC = "hadi-al-abdallah", "syrian-observatory-for-human-rights", "united-nations", "local-coordination-committees"
STATE, MANAR, ACTIVISTS = "syrian-state-media", "al-manar", "opposition-activists"


@pytest.fixture(scope="module")
def battle(tmp_path_factory):
    folder = write_corpus(tmp_path_factory.mktemp("battle") / "corpus")
    path = folder.parent / "battle.duckdb"
    build(folder, path, REFERENCE_DIR)
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def build_articles(tmp_path, texts: dict[str, str], published: str | dict[str, str | None]) -> duckdb.DuckDBPyConnection:
    """A warehouse of a corpus of these wire articles (file name -> text), published on one day or
    each on its own (file name -> day, or None for a page kept without its date), opened read-only."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    days = published if isinstance(published, dict) else dict.fromkeys(texts, published)
    (corpus / "catalog.yaml").write_text("".join(f"- file: {name}\n  outlet: Reuters\n"
                                                 + (f"  published: {days[name]}\n" if days[name] else "")
                                                 for name in texts), encoding="utf-8")
    build(corpus, tmp_path / "w.duckdb", REFERENCE_DIR)
    return duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)


def rows(db, sql, *params):
    return db.execute(sql, list(params)).fetchall()


def grouped_figures(db) -> dict[str, str]:
    """Each figure's comparison group, by the figure's text."""
    return dict(rows(db, "SELECT figure_text, comparison_group FROM claim_overview"))


def grouped_in_articles(tmp_path, texts: dict[str, str], published: str) -> dict[str, str]:
    """Each figure's comparison group in a warehouse of these articles, published on one day."""
    with build_articles(tmp_path, texts, published) as db:
        return grouped_figures(db)


def grouped_and_reason(tmp_path, texts: dict[str, tuple[str, str]], figure_text: str) -> tuple[dict[str, str], str]:
    """Each figure's group in a warehouse of these articles (file name -> (day published, text)),
    and the reason one figure is in its group."""
    with build_articles(tmp_path, {name: text for name, (_, text) in texts.items()},
                        {name: day for name, (day, _) in texts.items()}) as db:
        grouped = grouped_figures(db)
        [(reason,)] = rows(db, "SELECT reason FROM comparison_members JOIN claims USING (claim_id) "
                               "WHERE figure_text = ?", figure_text)
    return grouped, reason


def groups(db) -> dict[str, list[tuple[str, str]]]:
    return {group: members for group, members in rows(db, """
        SELECT comparison_group, list((claimant_id, figure_text) ORDER BY published_on, claimant_id)
        FROM claim_overview GROUP BY comparison_group""")}


def test_fifty_articles_every_claim_in_a_group(battle):
    assert rows(battle, "SELECT count(*) FROM documents") == [(50,)]
    assert rows(battle, "SELECT count(*) FROM claims WHERE comparison_group IS NULL") == [(0,)]
    assert rows(battle, "SELECT count(*) FROM claims") == rows(battle, "SELECT count(*) FROM comparison_members")


def test_groups_an_analyst_draws(battle):
    drawn = groups(battle)
    # Running totals of Hezbollah's dead: "Hezbollah fighters", "its members" and "the group's martyrs"
    # (Hezbollah named in the sentence) are one quantity; Lebanese fighters on the other side are not.
    assert drawn["Hezbollah fighters killed in the battle for al-Qusayr"] == [
        (HADI, "40"), (SOHR, "20"), (HADI, "90"), (SOHR, "45"), (MANAR, "23"), (HADI, "150"), (SOHR, "75"), (MANAR, "38")]
    assert drawn["Lebanese anti-Assad fighters killed in the battle for al-Qusayr"] == [(ACTIVISTS, "12")]
    # "terrorists" (a class) and "rebels" (an actor of that class) are one quantity.
    assert drawn["Syrian rebels killed in the battle for al-Qusayr"] == [
        (STATE, "300"), (SOHR, "120"), (STATE, "500"), (SOHR, "200"), (ACTIVISTS, "150")]
    # Tolls of one day apart from each other and from the running total; Homs province holds al-Qusayr,
    # Damascus does not.
    assert sorted(drawn["civilians killed in al-Qusayr on 24 May 2013"]) == [(HADI, "17"), (SOHR, "8"), (STATE, "7"), (UN, "9")]
    assert drawn["civilians killed in Damascus on 24 May 2013"] == [(SOHR, "5")]
    assert sorted(drawn["civilians killed in al-Qusayr on 20 May 2013"]) == [(HADI, "22"), (LCC, "12"), (SOHR, "10"), (UN, "11")]
    assert drawn["civilians killed in the battle for al-Qusayr"] == [(HADI, "300"), (SOHR, "120"), (UN, "at least 100")]
    assert drawn["civilians wounded in al-Qusayr on 20 May 2013"] == [(SOHR, "30")]
    # People inside the besieged town: civilians, residents and people are one population; the wounded
    # among them another quantity.
    assert drawn["civilians trapped in al-Qusayr"] == [(UN, "about 25,000"), (HADI, "50,000"), (SOHR, "20,000"), (HADI, "45,000")]
    assert drawn["wounded civilians trapped in al-Qusayr"] == [("humanitarian-agencies", "1,000"), (ACTIVISTS, "up to 1,500")]
    assert len(drawn) == 15


def test_each_membership_has_a_reason_and_a_confidence(battle):
    homs = rows(battle, """SELECT m.confidence, m.reason FROM comparison_members m JOIN claims c USING (claim_id)
                           WHERE c.place_id = 'homs-governorate'""")
    assert homs[0][0] < 0.9 and "a place inside or around the group's" in homs[0][1]
    manar = rows(battle, """SELECT m.victims, m.victim_actor_id, m.victim_side, m.reason FROM comparison_members m
                            JOIN claims c USING (claim_id) WHERE c.claimant_id = 'al-manar' ORDER BY c.doc_id""")
    assert [r[:3] for r in manar] == [("Hezbollah fighters", "hezbollah", "government")] * 2
    assert "the victims' actor read from the sentence" in manar[0][3]
    assert rows(battle, "SELECT DISTINCT assigned_by FROM comparison_members") == [("rule",)]
    assert rows(battle, "SELECT min(confidence) > 0, max(confidence) <= 1 FROM comparison_members") == [(True, True)]


def test_revisions_supersede_only_the_claimants_own(battle):
    steps = rows(battle, """SELECT publication_step, claimant_id, figure_text, claimant_step, current, claimant_change,
                                   (SELECT figure_text FROM claims WHERE claim_id = r.supersedes)
                            FROM claim_revisions r
                            WHERE comparison_group = 'Hezbollah fighters killed in the battle for al-Qusayr'
                            ORDER BY publication_step""")
    assert steps == [
        (1, HADI, "40", 1, False, None, None),
        (2, SOHR, "20", 1, False, None, None),
        (3, HADI, "90", 2, False, 50.0, "40"),
        (4, SOHR, "45", 2, False, 25.0, "20"),
        (5, MANAR, "23", 1, False, None, None),  # another claimant's lower figure revises nobody
        (6, HADI, "150", 3, True, 60.0, "90"),
        (7, SOHR, "75", 3, True, 30.0, "45"),
        (8, MANAR, "38", 2, True, 15.0, "23"),
    ]
    # The field's conventions count each claimant's latest figure only.
    assert rows(battle, """SELECT lowest, best, highest, current_claims FROM comparison_estimates
                           WHERE comparison_group = 'Hezbollah fighters killed in the battle for al-Qusayr'""") == [
        (38, 75.0, 150, 3)]


def test_grades_as_airwars_grades(battle):
    grades = dict(rows(battle, "SELECT comparison_group, grade FROM toll_grades WHERE scope = 'group'"))
    assert grades["Hezbollah fighters killed in the battle for al-Qusayr"] == "confirmed"  # Hezbollah's own TV
    assert grades["Syrian rebels killed in the battle for al-Qusayr"] == "confirmed"  # opposition activists
    assert grades["civilians killed in al-Qusayr on 24 May 2013"] == "confirmed"  # state media, the side that shelled
    assert grades["civilians killed in al-Qusayr on 28 May 2013"] == "contested"  # the army denies the shelling
    assert grades["opposition fighters killed in Dabaa on 2 June 2013"] == "discounted"  # the UN denies it
    assert grades["civilians killed in al-Qusayr on 20 May 2013"] == "fair"
    assert grades["civilians trapped in al-Qusayr"] == "fair"
    assert grades["civilians killed in al-Qusayr on 1 June 2013"] == "weak"  # Hadi al-Abdallah alone
    events = dict(rows(battle, "SELECT event_id, grade FROM toll_grades WHERE scope = 'event toll' AND kind = 'killed'"))
    assert events["qusayr-shelling-2013-05-28"] == "contested" and events["qusayr-shelling-2013-05-24"] == "confirmed"
    reason = rows(battle, "SELECT grade_reason FROM toll_grades WHERE comparison_group LIKE 'civilians killed in al-Qusayr on 28%'")
    assert reason == [("Contested: denied by Syrian army, conceded by no one.",)]


def test_track_record_finds_the_claimant_who_inflates(battle):
    record = {(r[0], r[1], r[2]): r[3:] for r in rows(battle, """
        SELECT claimant_id, kind, victim_side, groups, typical_ratio, ratio_low, ratio_high, leaning
        FROM claimant_track_record""")}
    groups_, typical, low, high, leaning = record[(HADI, "killed", "civilians")]
    # Five tolls of a day and the running total, each about twice what the others say.
    assert groups_ == 6 and 2.0 <= typical <= 2.5 and low > 1 and leaning == "runs high"
    others = [v for k, v in record.items() if k[0] != HADI and k[1:] == ("killed", "civilians")]
    assert len(others) == 4 and not any(v[-1] == "runs high" for v in others)
    assert max(v[1] for v in others) < 1.0 < typical
    # Whose dead: the same claimant's figures for Hezbollah's dead, apart.
    assert record[(HADI, "killed", "government")][:2] == (1, 2.655)
    assert record[(STATE, "killed", "opposition")][1] > 2
    # The claims behind each number open from the view.
    behind = rows(battle, """SELECT best, others_median, ratio FROM claimant_group_ratios
                             WHERE claimant_id = ? AND comparison_group = 'civilians killed in al-Qusayr on 20 May 2013'""", HADI)
    assert behind == [(22.0, 11.0, 2.0)]


def test_open_lower_bound_one_rule(battle, db):
    # "up to 1,500" is low 1,500 wherever a lowest is taken: in the group's estimates and the event roll-up.
    assert rows(battle, """SELECT lowest, highest FROM comparison_estimates
                           WHERE comparison_group = 'wounded civilians trapped in al-Qusayr'""") == [(1000, 1500)]
    assert rows(db, """SELECT lowest, best, highest FROM comparison_estimates
                       WHERE comparison_group = 'wounded trapped in Qusayr'""") == [(1000, 1250.0, 1500)]


def test_seeds_machine_only_find_the_coded_groups(tmp_path, db):
    path = tmp_path / "machine.duckdb"
    build(SEEDS_DIR, path, REFERENCE_DIR, machine_only=True)
    machine = duckdb.connect(str(path), read_only=True)
    try:
        for coded in ("civilians inside Qusayr", "wounded trapped in Qusayr"):
            figures = sorted(rows(db, "SELECT doc_id, figure_text FROM claim_overview WHERE comparison_group = ?", coded))
            group_of = {(doc, figure): group for doc, figure, group in
                        rows(machine, "SELECT doc_id, figure_text, comparison_group FROM claim_overview")}
            found = {group_of.get(claim) for claim in figures}
            assert len(found) == 1 and None not in found, (coded, found)
            assert sorted(rows(machine, "SELECT doc_id, figure_text FROM claim_overview WHERE comparison_group = ?",
                               found.pop())) == figures
        names = {r[0] for r in rows(machine, "SELECT comparison_group FROM comparison_groups")}
        assert {"civilians trapped in al-Qusayr", "wounded civilians trapped in al-Qusayr"} <= names
    finally:
        machine.close()


def _append_review(facts: Path, text: str) -> None:
    with open(facts, "a", encoding="utf-8") as handle:
        handle.write("review:\n" + text)


def test_reviewer_moves_and_splits(tmp_path):
    folder = write_corpus(tmp_path / "corpus")
    db_path = tmp_path / "w.duckdb"
    build(folder, db_path, REFERENCE_DIR)
    with duckdb.connect(str(db_path), read_only=True) as first:
        ids = dict(rows(first, "SELECT claimant_id || ':' || figure_text, claim_id FROM claim_overview"))
    _append_review(folder / "facts" / "b00.yaml", f"""\
  - decision: split
    fact: claim
    group: civilians trapped in al-Qusayr
    claims: [{ids[HADI + ':50,000']}, {ids[HADI + ':45,000']}]
    new_group: residents trapped in al-Qusayr, as the opposition counts them
    reviewer: Jane Doe
    reviewed_on: '2026-12-06'
  - decision: move
    fact: claim
    claim: {ids[SOHR + ':5']}
    group: civilians killed in al-Qusayr on 24 May 2013
    reviewer: Jane Doe
    reviewed_on: '2026-12-06'
""")
    build(folder, db_path, REFERENCE_DIR)
    with duckdb.connect(str(db_path), read_only=True) as second:
        drawn = groups(second)
        assert drawn["residents trapped in al-Qusayr, as the opposition counts them"] == [(HADI, "50,000"), (HADI, "45,000")]
        assert drawn["civilians trapped in al-Qusayr"] == [(UN, "about 25,000"), (SOHR, "20,000")]
        assert (SOHR, "5") in drawn["civilians killed in al-Qusayr on 24 May 2013"]
        assert "civilians killed in Damascus on 24 May 2013" not in drawn  # emptied by the move
        assert rows(second, """SELECT assigned_by, reason LIKE 'moved from %by Jane Doe (b00.yaml:%' FROM comparison_members
                               WHERE claim_id = ?""", ids[SOHR + ":5"]) == [("reviewer", True)]
    # A decision missing what it needs fails the build with the file and line.
    (folder / "facts" / "b01.yaml").write_text((folder / "facts" / "b01.yaml").read_text() + """\
review:
  - decision: move
    fact: claim
    claim: c-000000000000
""")
    with pytest.raises(BuildError) as failure:
        build(folder, db_path, REFERENCE_DIR)
    assert Path(failure.value.file).name == "b01.yaml" and failure.value.line and "group" in failure.value.message


QUSAYR_HEZBOLLAH = {  # the example: one armed group's dead, six figures, five articles, no coding
    "a1.txt": ("2013-05-22", "Reuters", "BEIRUT, May 22, 2013 - Hezbollah said on Wednesday that 23 of its members had "
                                        "been killed in the battle for al-Qusayr since the offensive began."),
    "a2.txt": ("2013-05-21", "AFP", "The Syrian Observatory for Human Rights said at least 16 Hezbollah fighters had "
                                    "been killed in Qusayr since Sunday."),
    "a3.txt": ("2013-05-24", "The Guardian", "Rebel commanders in Qusayr said anywhere from 23 to 40 Hezbollah fighters "
                                             "had been killed in the town so far."),
    "a4.txt": ("2013-05-30", "Al Jazeera", "Activists said about 100 Hezbollah fighters had died in al-Qusayr, and the "
                                           "Free Syrian Army claimed 104 of the group's martyrs had been buried in "
                                           "Lebanon since the battle began."),
    "a5.txt": ("2013-06-01", "Reuters", "The Syrian National Coalition said 75 Hezbollah fighters had been killed in "
                                        "al-Qusayr in total."),
}


def test_machine_only_one_armed_groups_dead_are_one_quantity(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    catalog = []
    for file, (published, outlet, sentence) in QUSAYR_HEZBOLLAH.items():
        (folder / file).write_text(f"A report\n\n{sentence}\n", encoding="utf-8")
        catalog.append(f'- {{file: {file}, title: A report, outlet: {outlet}, published: "{published}"}}')
    (folder / "catalog.yaml").write_text("\n".join(catalog) + "\n", encoding="utf-8")
    build(folder, tmp_path / "w.duckdb", REFERENCE_DIR, machine_only=True)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as db:
        found = rows(db, "SELECT comparison_group, list_sort(list(figure_text)) FROM claim_overview GROUP BY ALL")
    # "its members" and "the group's martyrs" are Hezbollah's, read from the sentence; "since Sunday" and
    # "so far" make running totals, compared with the undated ones.
    assert found == [("Hezbollah fighters killed in the battle for al-Qusayr",
                      sorted(["23", "at least 16", "anywhere from 23 to 40", "about 100", "104", "75"]))]


def test_machine_claims_of_a_new_article_join_the_coders_groups(corpus, tmp_path):
    (corpus / "100_new.txt").write_text(
        "Aid groups warn of siege\n\nThe Red Cross said some 30,000 civilians were trapped in Qusayr, and a local "
        "doctor said 700 wounded were trapped in the town.\n", encoding="utf-8")
    with open(corpus / "catalog.yaml", "a", encoding="utf-8") as catalog:
        catalog.write('\n- file: 100_new.txt\n  title: "Aid groups warn of siege"\n  outlet: Reuters\n'
                      '  published: "2013-05-30"\n')
    build(corpus, tmp_path / "w.duckdb", REFERENCE_DIR)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as db:
        joined = rows(db, """SELECT c.figure_text, m.comparison_group, m.assigned_by FROM claim_overview c
                             JOIN comparison_members m USING (claim_id) WHERE c.doc_id = '100_new' ORDER BY 1""")
        coded = rows(db, "SELECT DISTINCT assigned_by FROM comparison_members WHERE claim_id IN "
                         "(SELECT claim_id FROM claims WHERE method = 'coded')")
    # The coders' groups stand and keep their names; the rule adds the new figures to them.
    assert joined == [("700", "wounded trapped in Qusayr", "rule"), ("some 30,000", "civilians inside Qusayr", "rule")]
    assert coded == [("coder",)]


def test_a_wars_running_total_is_not_a_battles(tmp_path):
    # "The conflict has killed 80,000" (the country) and "120 killed in al-Qusayr since the battle
    # began" (a town in it) are both running totals, of different things.
    texts = {"war.txt": "Syria's toll\n\nThe conflict, now in its third year, has killed more than 80,000 "
                        "people, according to the United Nations.\n",
             "battle.txt": "Qusayr toll rises\n\nAt least 120 people have been killed in al-Qusayr since the "
                           "battle began, the Syrian Observatory for Human Rights said.\n"}
    with build_articles(tmp_path, texts, {"war.txt": "2013-05-20", "battle.txt": "2013-05-21"}) as db:
        placed = dict(rows(db, "SELECT figure_text, place_name FROM claim_overview"))
        grouped = grouped_figures(db)
    assert placed == {"more than 80,000": "Syria", "At least 120": "al-Qusayr"}
    assert grouped["more than 80,000"] != grouped["At least 120"]


def test_a_countrys_toll_of_the_war_is_one_quantity_whatever_day_it_was_told(tmp_path):
    # The UN's 80,000 (May 2013), the Observatory's 94,000 "since March 2011" (June 2013) and "hundreds
    # of thousands" (2016) all estimate the war's toll of Syria: one group, its revisions in order; a
    # toll of one day across Syria is another quantity.
    texts = {
        "un.txt": ("2013-05-15", "Syria's toll\n\nThe conflict has killed more than 80,000 people, according to "
                                 "the United Nations.\n"),
        "sohr.txt": ("2013-06-06", "Toll rises\n\nMore than 94,000 people have been killed in Syria since March "
                                   "2011, the Syrian Observatory for Human Rights said.\n"),
        "later.txt": ("2016-03-15", "Five years on\n\nThe war in Syria has killed hundreds of thousands of people, "
                                    "activists said.\n"),
        "day.txt": ("2013-06-06", "Monday's toll\n\nAt least 120 people were killed across Syria on Monday, the "
                                  "Syrian Observatory for Human Rights said.\n"),
        # a running total of months is no war's toll; soldiers' toll of the war is a part of it, not a rival
        "months.txt": ("2013-05-20", "Camp deaths\n\nAt least 140 people have died in Syria since February, the UN "
                                     "said.\n"),
        "soldiers.txt": ("2013-05-25", "Army losses\n\nThe government says more than 2,000 soldiers have been killed in "
                                       "Syria since March 2011.\n"),
        # a report on a closed half-year counts that period, not the war
        "halfyear.txt": ("2013-07-20", "Mid-year report\n\nBetween 1 January and 30 June 2013, the UN documented 1,674 "
                                       "civilian deaths in Syria.\n"),
    }
    grouped, reason = grouped_and_reason(tmp_path, texts, "more than 80,000")
    assert grouped["more than 80,000"] == grouped["More than 94,000"] == grouped["hundreds of thousands"]
    assert grouped["At least 120"] != grouped["more than 80,000"]
    assert grouped["At least 140"] != grouped["more than 80,000"]
    assert grouped["more than 2,000"] != grouped["more than 80,000"]
    assert grouped["more than 80,000"] == "people killed in the war in Syria"
    assert "the war" not in grouped["1,674"]
    assert "the country's toll of the war" in reason


def test_a_countrys_toll_of_a_day_is_not_a_towns(tmp_path):
    # "120 killed across Syria on Monday" counts more than "12 killed in al-Qusayr on Monday": the two
    # towns' tolls of that Monday are compared, the country's stands apart (docs/comparison.md).
    texts = {
        "country.txt": "Monday's toll\n\nAt least 120 people were killed across Syria on Monday, the Syrian "
                       "Observatory for Human Rights said.\n",
        "town.txt": "Shelling of Qusayr\n\nTwelve people were killed in al-Qusayr on Monday, activists said.\n",
        "town-again.txt": "Qusayr toll\n\nFifteen people were killed in al-Qusayr on Monday, the Syrian "
                          "Observatory for Human Rights said.\n",
    }
    with build_articles(tmp_path, texts, "2013-05-21") as db:
        placed = dict(rows(db, "SELECT figure_text, place_name FROM claim_overview"))
        grouped = grouped_figures(db)
    assert placed == {"At least 120": "Syria", "Twelve": "al-Qusayr", "Fifteen": "al-Qusayr"}
    assert grouped["Twelve"] == grouped["Fifteen"] != grouped["At least 120"]


def test_a_toll_told_without_a_day_is_the_news_of_its_week(tmp_path):
    # "Twelve people were killed" with no day and no word of a running total is the article's news:
    # it is compared with the tolls of the days before publication, not with a toll of the same town
    # told six weeks later. People trapped in a town are a state that lasts: compared across weeks.
    texts = {
        "may-a.txt": ("2016-05-10", "Shelling of Azaz\n\nShelling killed twelve people in Azaz, activists said. "
                                    "About 3,000 civilians are trapped in Azaz, the UN said.\n"),
        "may-b.txt": ("2016-05-11", "Azaz toll\n\nShelling killed 15 people in Azaz on Monday, the Syrian "
                                    "Observatory for Human Rights said.\n"),
        "june.txt": ("2016-06-22", "Azaz again\n\nShelling killed nine people in Azaz, activists said. "
                                   "Some 2,000 civilians are trapped in Azaz, the UN said.\n"),
    }
    grouped, reason = grouped_and_reason(tmp_path, texts, "nine")
    assert grouped["twelve"] == grouped["15"] != grouped["nine"]
    assert grouped["About 3,000"] == grouped["Some 2,000"]
    assert "no day given: a toll of the news" in reason


def test_a_figure_with_no_day_anywhere_is_weighed_only_within_its_article(tmp_path):
    # Pages kept without their publication date: a day's toll and a battle's total at one town look
    # alike, so undated figures of two articles are not one quantity; two sources' figures in one
    # article still are.
    texts = {
        "clash.txt": (None, "Clashes in Mosul\n\nThree Islamic State fighters were killed in clashes in Mosul, "
                            "police said.\n"),
        "battle.txt": (None, "The battle for Mosul\n\nAt least 20,000 Islamic State fighters were killed in Mosul, "
                             "a US general said. The group says only 2,000 of its fighters were killed in Mosul.\n"),
    }
    # In such an article, a count "so far" is the running total the article gives, not a toll of days
    texts["aleppo.txt"] = (None, "'Nearly 1,500' killed by air raids on Aleppo in 2015\n\nNearly 1,500 people have been "
                                 "killed by government air raids in the northern city of Aleppo so far this year, local "
                                 "activists say.\n\nThe dead included 200 women and 400 children, according to the "
                                 "Syrian Observatory for Human Rights.\n\nThe Observatory said 1,482 people had been "
                                 "killed in the city and its countryside since January.\n")
    grouped, reason = grouped_and_reason(tmp_path, texts, "Three")
    assert grouped["Three"] != grouped["At least 20,000"] == grouped["2,000"]
    assert "no publication date" in reason
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as db:
        [(lead,)] = rows(db, "SELECT comparison_group FROM claims WHERE figure_text = 'Nearly 1,500' AND char_start > 10")
    assert lead == grouped["1,482"]


def test_one_claimants_figures_in_one_article_are_parts_unless_it_updates_its_count(tmp_path):
    # A report's total and its part are two quantities; a governor who updates the toll through the
    # day gives one quantity, the later figure revising the earlier (claim_revisions).
    texts = {
        "report.txt": "Mid-year report\n\nBetween 1 January and 30 June, the UN mission documented 1,200 civilians "
                      "killed in Afghanistan. Suicide attacks killed 400 civilians in Afghanistan in the same period, "
                      "the mission said.\n",
        "thread.txt": "Belgorod toll\n\nAs of 19:00, 14 civilians were killed in Belgorod on Saturday, the governor "
                      "said. The toll has risen again: 18 civilians were killed in Belgorod on Saturday, the governor said.\n",
    }
    with build_articles(tmp_path, texts, "2018-07-15") as db:
        grouped = grouped_figures(db)
        revises = rows(db, "SELECT figure_text, supersedes_figure FROM claim_revisions WHERE supersedes IS NOT NULL")
    assert grouped["1,200"] != grouped["400"]
    assert grouped["14"] == grouped["18"]
    assert revises == [("18", "14")]


@pytest.mark.parametrize("corpus", ["development", "synthetic"])
def test_the_group_index_makes_the_groups_trying_every_group_would(corpus, tmp_path, monkeypatch):
    # The index files groups by kind, victims, place and time, and a claim meets only those it may
    # join; it must change nothing but the time taken. Checked against trying every group made so far,
    # on the development articles and on a synthetic corpus of many claims about the same places and days.
    from etl.resolve import comparison
    from etl.tools.synthesize.__main__ import main as synthesize

    if corpus == "synthetic":
        folder = tmp_path / "synthetic"
        assert synthesize(["--docs", "300", "--out", str(folder), "--seed", "3"]) == 0
    else:
        folder = Path(__file__).parent / "development"
    reference = folder / "reference" if (folder / "reference").is_dir() else REFERENCE_DIR
    build(folder, tmp_path / "indexed.duckdb", reference, machine_only=True)
    monkeypatch.setattr(comparison.Grouping, "index_class", comparison.AllGroups)
    build(folder, tmp_path / "every.duckdb", reference, machine_only=True)
    members = []
    for name in ("indexed", "every"):
        with duckdb.connect(str(tmp_path / f"{name}.duckdb"), read_only=True) as db:
            members.append(db.execute("SELECT comparison_group, claim_id, reason FROM comparison_members "
                                      "ORDER BY ALL").fetchall())
    assert len(members[0]) > 100 and len({g for g, *_ in members[0]}) < len(members[0])
    assert members[0] == members[1]


def test_one_voice_told_twice_a_side_and_a_toll_of_people_and_a_total_with_its_days_part(tmp_path):
    # A claimant's figure told again (the lead's "at least 45 civilians" on Tuesday, the same 45 "since the
    # offensive began") is one quantity even where the retelling reads another kind of time; a medics' toll of people is not the army's
    # count of its own soldiers (unless it is the same number: "eight people", "at least eight policemen"),
    # though a toll of people and one of civilians at one village and day are
    # compared; a ministry's total "has risen to" and its toll of the past day told after it are two
    # quantities (the update cue revises the count told before, not every figure of the voice).
    texts = {
        "strike.txt": "Strikes on Saraqeb\n\nAn air strike killed at least 45 civilians in Saraqeb on Tuesday, "
                      "the Syrian Observatory for Human Rights said.\n\nThe Observatory said 45 civilians had been "
                      "killed in Saraqeb since the offensive began.\n",
        "clash.txt": "Fighting in Shejaiya\n\nAt least 70 people were killed in Shejaiya on Sunday, medics said. The army "
                     "said 12 of its soldiers were killed in Shejaiya on Sunday.\n",
        "village.txt": "Village attack\n\nThe Local Coordination Committees said 40 civilians were killed in Kafr Nabl "
                       "on Monday.\n",
        "village2.txt": "Attack on Kafr Nabl\n\nThe Syrian Observatory for Human Rights said 52 people were killed in "
                        "Kafr Nabl on Monday.\n",
        "raid.txt": "Police post stormed\n\nEight people were killed when gunmen stormed a police post in Afgooye on "
                    "Saturday, a police officer said. At least eight policemen were killed in Afgooye on Saturday, "
                    "district commissioner Ali Hassan told reporters.\n",
        "ministry.txt": "Ministry statement\n\nThe health ministry said on Sunday that the toll of the bombardment of Gaza "
                        "City since 7 October has risen to 9,400 killed. In the past 24 hours, hospitals received 180 "
                        "killed, the ministry said.\n",
    }
    with build_articles(tmp_path, texts, "2014-07-22") as db:
        grouped = grouped_figures(db)
        reasons = rows(db, "SELECT reason FROM comparison_members JOIN claims USING (claim_id) "
                           "WHERE figure_text IN ('45', 'at least 45')")
    assert grouped["45"] == grouped["at least 45"]
    assert any("told twice" in reason for (reason,) in reasons)
    assert grouped["At least 70"] != grouped["12"]
    assert grouped["Eight"] == grouped["At least eight"]  # the same number: the same dead, one source saying who
    assert grouped["40"] == grouped["52"]
    assert grouped["9,400"] != grouped["180"]


def test_two_sources_figures_tenfold_apart_in_one_article_are_a_part_and_a_whole(tmp_path):
    # The reporter sets rival counts side by side; "two people" the Foreign Office speaks for beside "at least
    # 170 people" is a part beside the whole. Across articles a gap that wide stands as a dispute (and in one
    # article where both name their victims: test_a_figure_with_no_day_anywhere_...).
    texts = {
        "airport.txt": "Blasts at Kabul airport\n\nAt least 170 people were killed in the blasts at Kabul airport on "
                       "Thursday, a health official said. Two people were killed in the blasts at Kabul airport on "
                       "Thursday, the Foreign Office said. A hospital nurse said 60 people were killed in the blasts "
                       "at Kabul airport on Thursday.\n",
        "later.txt": "Kabul airport\n\nSeven people were killed in the blasts at Kabul airport on Thursday, the Taliban "
                     "said.\n",
    }
    grouped = grouped_in_articles(tmp_path, texts, "2021-08-27")
    assert grouped["At least 170"] == grouped["60"] != grouped["Two"]
    assert grouped["Seven"] == grouped["At least 170"]


def test_one_voices_number_told_with_a_hedge_and_without_is_one_count(tmp_path):
    # "kills at least 7 soldiers" in the headline and "the seven killed" in the body, both the spokesman's:
    # one count, not a total and its part (the parts rule weighs numbers, not hedges)
    texts = {"post.txt": "Spokesman: attack on army post kills at least 7 soldiers in Kunduz\n\nA gunbattle at the "
                         "army post in Kunduz lasted several hours, and along with the seven killed, one soldier "
                         "was wounded, the spokesman said.\n"}
    grouped = grouped_in_articles(tmp_path, texts, "2018-04-26")
    assert grouped["at least 7"] == grouped["seven"]
