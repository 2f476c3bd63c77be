"""Each seed split into its parts; facts come from the article only."""
from tests.conftest import rows


def part_of(db, doc_prefix, needle):
    return rows(db, """SELECT p.kind FROM document_parts p JOIN documents d USING (doc_id)
                       WHERE d.doc_id LIKE ? AND position(? IN p.text) > 0""", doc_prefix + "%", needle)


def test_reader_comment_of_002_is_set_apart(db):
    assert part_of(db, "002", "johnSyria") == [("reader_comment",)]
    assert part_of(db, "002", "leaflet drop") == [("reader_comment",)]
    assert part_of(db, "002", "May 25, 2013") == [("reader_comment",)]


def test_page_furniture_is_set_apart(db):
    assert part_of(db, "001", "Leave a Reply") == [("furniture",)]
    assert part_of(db, "001", "About the author") == [("furniture",)]
    assert part_of(db, "001", "You are commenting using your Twitter account") == [("furniture",)]
    assert part_of(db, "004", "More from GlobalPost") == [("furniture",)]
    assert part_of(db, "004", "Related Stories") == [("furniture",)]
    assert part_of(db, "004", "Agence France-Presse") == [("furniture",)]
    assert part_of(db, "002", "Yara Chehayed contributed reporting") == [("furniture",)]


def test_article_parts(db):
    assert part_of(db, "004", "What's the big deal about Qusayr?") == [("headline",)]
    assert part_of(db, "003", "A rebel incursion in the northwest") == [("standfirst",)]
    assert part_of(db, "002", "Alex Rowell & Yara Chehayed") == [("byline",)]
    assert part_of(db, "004", "Civilians and wounded") == [("subheading",)]
    assert part_of(db, "004", "left in ruins in the city of Qusayr on June 5") == [("caption",)]
    # 002's map caption runs into the first body paragraph on the same line: split at its credit.
    assert part_of(db, "002", "(Source: NOW/Opposition activists)") == [("caption",)]
    assert part_of(db, "002", "The streets of the western Syrian town") == [("body",)]


def test_no_fact_and_no_mention_outside_the_article(db):
    outside = rows(db, """
        WITH facts AS (
            SELECT doc_id, char_start, char_end FROM claims
            UNION ALL SELECT doc_id, char_start, char_end FROM event_reports
            UNION ALL SELECT doc_id, char_start, char_end FROM counted_things
            UNION ALL SELECT doc_id, char_start, char_end FROM mentions
        )
        SELECT f.* FROM facts f
        WHERE NOT EXISTS (SELECT 1 FROM document_parts p WHERE p.doc_id = f.doc_id AND p.is_article
                          AND p.char_start <= f.char_start AND f.char_end <= p.char_end)""")
    assert outside == []
    # The reader comment names Assad's forces; no mention may come from it.
    assert rows(db, "SELECT count(*) FROM mentions m JOIN document_parts p ON p.doc_id = m.doc_id "
                    "AND m.char_start >= p.char_start AND m.char_end <= p.char_end WHERE p.kind = 'reader_comment'") == [(0,)]
