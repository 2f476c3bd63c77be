"""The warehouse in the field's formats: `python -m etl export --format F --out PATH [filters]`.

Each format takes the dashboard's filters and holds the rows the pages show for them; the pages'
download controls call `writer.render` with the page's own filters. docs/exports.md describes every
column. formats.py names the formats (light: the command line lists them without loading pandas).
"""
