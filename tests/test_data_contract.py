"""docs/data-contract.md is the warehouse's own COMMENT ON text (etl/tools/data_contract.py): it
cannot drift from the schema, because these tests fail as soon as the two differ."""
import subprocess
import sys

from etl.tools import data_contract
from etl.tools.data_contract import PAGE, describe, page_text, read_catalog, render

REGENERATE = "docs/data-contract.md is out of date: run `python -m etl.tools.data_contract` and commit it"


def test_the_committed_page_is_what_the_schema_says():
    assert PAGE.read_text(encoding="utf-8") == page_text(), REGENERATE


def _content(catalog: dict[str, list[dict]]) -> dict[str, list]:
    # A reopened file numbers its objects afresh (by name), so compare what they say, not their order.
    return {part: sorted((tuple((k, str(v)) for k, v in row.items() if k != "oid") for row in rows))
            for part, rows in catalog.items()}


def test_the_page_is_made_from_what_a_built_warehouse_holds(db):
    # The build may run more SQL than the page is made from; the page must still describe what a
    # user of the warehouse file finds in it.
    sql = [path.read_text(encoding="utf-8") for path in data_contract.SQL_FILES]
    assert _content(read_catalog(db)) == _content(describe(sql)), \
        "the warehouse holds tables, views, comments or macros that etl/tools/data_contract.py does not read"


def test_the_command_writes_the_page(tmp_path):
    out = tmp_path / "contract.md"
    subprocess.run([sys.executable, "-m", "etl.tools.data_contract", "--out", str(out)], check=True,
                   capture_output=True, cwd=data_contract.ROOT)
    assert out.read_text(encoding="utf-8") == page_text()


def test_every_comment_and_rule_reaches_the_page():
    page = render(describe(["""
        CREATE TABLE places (place_id VARCHAR PRIMARY KEY);
        CREATE TABLE claims_table (
            claim_id VARCHAR PRIMARY KEY,
            place_id VARCHAR REFERENCES places (place_id),
            low INTEGER NOT NULL,
            high INTEGER,
            CHECK (high >= low)
        );
        COMMENT ON TABLE claims_table IS 'One row per claim | with a pipe';
        COMMENT ON COLUMN claims_table.low IS 'The lower bound,
            over two lines.';
        CREATE VIEW wide AS SELECT claim_id, high - low AS width FROM claims_table;
        COMMENT ON VIEW wide IS 'How wide each claim is.';
        COMMENT ON COLUMN wide.width IS 'high minus low';
        CREATE MACRO between_bounds(x, lo, hi) AS x BETWEEN lo AND hi;
        COMMENT ON MACRO between_bounds IS 'Whether x lies within the bounds.';
    """]), "test.sql")
    assert "One row per claim \\| with a pipe" in page  # a pipe does not end the table cell
    assert "| `claim_id` | VARCHAR | key |" in page
    assert "| `place_id` | VARCHAR | → `places.place_id` |" in page
    assert "| `low` | INTEGER | not null | The lower bound, over two lines. |" in page
    assert "- `(high >= low)`" in page
    assert "### `wide`\n\nHow wide each claim is." in page
    assert "| `width` | INTEGER | high minus low |" in page  # no empty rule column for a view
    assert "| `between_bounds(x, lo, hi)` | Whether x lies within the bounds. |" in page
    assert page.index("## Tables") < page.index("### `claims_table`") < page.index("## Views") < page.index("### `wide`")
