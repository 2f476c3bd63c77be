"""Every table and view as Parquet, described by a Frictionless Data Package (datapackage.json); not the
rows of a user's ACLED or UCDP file (THEIR_DATA), nor the old names kept for old queries (OLD_NAMES).

The descriptions are the warehouse's own COMMENT ON text: in each Parquet file (field metadata
`description`, file metadata `description`) and in datapackage.json. A view's column that has no
comment of its own takes the comment of the table column it is read from (same name), else the
view's comment says what it is.
"""
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from etl.export.tables import _rows

# DuckDB type -> Frictionless Table Schema type. Lists are "any": Frictionless reads a Parquet list as
# an array object its "array" type does not take; the description says what the items are.
FIELD_TYPES = {"VARCHAR": "string", "INTEGER": "integer", "BIGINT": "integer", "HUGEINT": "integer",
               "SMALLINT": "integer", "TINYINT": "integer", "UBIGINT": "integer", "DOUBLE": "number",
               "FLOAT": "number", "BOOLEAN": "boolean", "DATE": "date", "TIMESTAMP": "datetime"}

LICENCES = {
    "geonames": {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                 "title": "GeoNames gazetteer rows (places): Creative Commons Attribution 4.0"},
    "natural-earth": {"name": "other-pd", "path": "https://www.naturalearthdata.com/about/terms-of-use/",
                      "title": "Natural Earth borders (the dashboard's map): public domain"},
    "publishers": {"name": "other-closed", "path": "https://en.wikipedia.org/wiki/Copyright",
                   "title": "Article texts and quotes: copyright of their publishers, kept for research; "
                            "ask the publisher before republishing"},
}
SOURCES = [
    {"title": "GeoNames", "path": "https://www.geonames.org"},
    {"title": "Natural Earth", "path": "https://www.naturalearthdata.com"},
]
# A user's own ACLED / UCDP rows (--compare-with) and what is read off them are theirs, under ACLED's
# and UCDP's terms: the package never republishes them.
THEIR_DATA = {"reference_acled_events", "reference_ucdp_events", "reference_matches", "event_reference_codings"}
# Names the warehouse keeps for queries written before a rename (warehouse/views.sql, end): the rows of
# a table the package already holds under its own name, not written twice.
OLD_NAMES = {"casualties"}
# Tables and views that hold the articles' words (texts, quotes, sentences): the publishers' licence.
PUBLISHER_WORDS = {"documents", "document_parts", "claims", "event_reports", "counted_things", "mentions",
                   "claim_overview", "claim_revisions", "comparison_claims", "comparisons", "claimant_group_ratios",
                   "contested_events", "event_overview", "document_overview", "document_facts"}


def _field_type(duckdb_type: str) -> str:
    if duckdb_type.endswith("[]") or duckdb_type.startswith(("STRUCT", "MAP")):
        return "any"
    if duckdb_type.startswith("DECIMAL"):
        return "number"
    return FIELD_TYPES.get(duckdb_type, "string")


def _field(column: dict) -> dict:
    field = {"name": column["name"], "type": _field_type(column["type"]), "description": column["description"]}
    if field["type"] in ("integer", "number"):
        # Readers that go through pandas (Frictionless among them) turn an empty integer cell into NaN.
        field["missingValues"] = ["", "nan"]
    return field


def relations(connection: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every table and view of the warehouse with its comment and its columns' names, types and comments."""
    found = _rows(connection, """
        SELECT table_name AS name, 'table' AS kind, comment FROM duckdb_tables() WHERE schema_name = 'main'
        UNION ALL
        SELECT view_name, 'view', comment FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'
        ORDER BY kind, name""")
    columns = _rows(connection, """
        SELECT table_name, column_name, data_type, comment FROM duckdb_columns()
        WHERE schema_name = 'main' ORDER BY table_name, column_index""")
    table_names = {r["name"] for r in found if r["kind"] == "table"}
    inherited = {}
    for column in columns:
        if column["table_name"] in table_names and column["comment"]:
            inherited.setdefault(column["column_name"], column["comment"])
    for relation in found:
        relation["columns"] = []
        for column in (c for c in columns if c["table_name"] == relation["name"]):
            description = column["comment"] or inherited.get(column["column_name"]) or \
                f"Column of the view {relation['name']}: {relation['comment']}"
            if column["data_type"].endswith("[]"):
                description += " (a list)"
            relation["columns"].append({"name": column["column_name"], "type": column["data_type"],
                                        "description": description})
    return found


def _licences(name: str) -> list[dict]:
    if name == "places":
        return [LICENCES["geonames"]]
    if name in PUBLISHER_WORDS:
        return [LICENCES["publishers"]]
    return []


def write(connection: duckdb.DuckDBPyConnection, folder: Path) -> dict:
    """Write <name>.parquet for every table and view and datapackage.json into `folder`; returns the package."""
    folder.mkdir(parents=True, exist_ok=True)
    outlets = [r["outlet"] for r in _rows(connection, "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY 1")]
    resources = []
    for relation in relations(connection):
        name = relation["name"]
        if name in THEIR_DATA or name in OLD_NAMES:
            continue
        table = connection.execute(f'SELECT * FROM "{name}"').to_arrow_table()  # names from the catalogue
        descriptions = {c["name"]: c["description"] for c in relation["columns"]}
        schema = pa.schema([field.with_metadata({"description": descriptions[field.name]}) for field in table.schema],
                           metadata={"description": relation["comment"] or "", "relation": relation["kind"]})
        pq.write_table(table.cast(schema), folder / f"{name}.parquet")
        resource = {
            "name": name.replace("_", "-"), "path": f"{name}.parquet", "format": "parquet",
            "mediatype": "application/vnd.apache.parquet", "profile": "tabular-data-resource",
            "title": f"{relation['kind']} {name}", "description": relation["comment"] or "",
            "schema": {"fields": [_field(c) for c in relation["columns"]]},
        }
        if _licences(name):
            resource["licenses"] = _licences(name)
        if name == "places":
            resource["sources"] = [SOURCES[0]]
        if name in PUBLISHER_WORDS:
            resource["sources"] = [{"title": outlet} for outlet in outlets]
        resources.append(resource)
    package = {
        "name": "conflict-claims-warehouse",
        "title": "Conflicting reports: a claim-level fact base",
        "description": "Every table and view of the warehouse, one row per claim with its claimant and sentence. "
                       "Column descriptions are the warehouse's COMMENT ON text.",
        "profile": "tabular-data-package",
        "licenses": list(LICENCES.values()),
        "sources": SOURCES + [{"title": f"{outlet} (articles)"} for outlet in outlets],
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return package
