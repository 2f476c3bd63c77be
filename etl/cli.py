"""Command line: `python -m etl build|evaluate|explain|export ...` (`python -m etl --help`)."""
import argparse
import sys
from pathlib import Path

from etl.core.errors import BuildError
from etl.settings import DEFAULT_DB, REFERENCE_DIR, SEEDS_DIR


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return int(value)


def _folder_or_url(value: str) -> Path | str:
    from etl.ingest.remote import is_url

    return value if is_url(value) else Path(value)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Build the conflict-reports fact warehouse.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="turn a corpus folder into the DuckDB warehouse")
    build.add_argument("--docs", type=_folder_or_url, default=SEEDS_DIR,
                       help="corpus folder: documents, catalog.yaml, facts/ (default: seeds/); or its URL "
                            "(s3://bucket/corpus, gs://..., file://...), read through fsspec (docs/scale.md)")
    build.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"warehouse file to write (default: {DEFAULT_DB.name} in warehouse/)")
    build.add_argument("--reference", type=Path, default=REFERENCE_DIR,
                       help="gazetteer, actors and sources (default: seeds/reference/)")
    build.add_argument("--machine-only", action="store_true",
                       help="ignore coded facts and review decisions: the machine extractor's output alone")
    build.add_argument("--keep-mode", action="store_true",
                       help="build in the mode the warehouse at --db was built in (a --machine-only one stays so)")
    build.add_argument("--compare-with", type=Path, action="append", default=[], metavar="FILE",
                       help="your own ACLED export or UCDP GED CSV, read into reference tables and matched to the "
                            "events (repeatable; docs/exports.md)")
    build.add_argument("--workers", type=_positive, default=None, metavar="N",
                       help="processes that extract documents at once (default: one per core this process may use); "
                            "the warehouse is the same with any number")
    build.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="where documents are extracted: local (this machine's cores, --workers) or dask "
                            "(the workers of a Dask cluster, --scheduler); the warehouse is the same (docs/scale.md)")
    build.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="with --engine dask: a running scheduler's address (tcp://host:8786), or local:N to "
                            "start a local cluster of N worker processes for this build")
    evaluate = commands.add_parser("evaluate", help="measure the machine extractor against the coded facts")
    evaluate.add_argument("--docs", type=Path, action="append",
                          help="corpus folder with coded facts; repeat for several (default: seeds/)")
    evaluate.add_argument("--reference", type=Path, default=None,
                          help="gazetteer, actors and sources (default: the corpus's own reference/ folder if it has "
                               "one, else seeds/reference/)")
    evaluate.add_argument("--out", type=Path, default=DEFAULT_DB.with_name("evaluation.json"),
                          help="where to save the figures as JSON (default: evaluation.json in warehouse/)")
    evaluate.add_argument("--markdown", type=Path, default=None,
                          help="also write the figures and every miss of each corpus as a Markdown page")
    explain = commands.add_parser("explain", help="every number of one document with the extractor's decision and rule")
    explain.add_argument("file", type=Path, help="a document of a corpus folder (its catalog.yaml gives date and outlet)")
    explain.add_argument("--reference", type=Path, default=REFERENCE_DIR,
                         help="gazetteer, actors and sources (default: seeds/reference/)")
    export = commands.add_parser("export", help="write the warehouse in a field format (ACLED, UCDP GED, GeoJSON, ...)")
    from etl.export.formats import FORMATS

    export.add_argument("--format", required=True, choices=list(FORMATS),
                        help="; ".join(f"{name}: {fmt.label}" for name, fmt in FORMATS.items()))
    export.add_argument("--out", type=Path, required=True, help="file to write (a folder for parquet)")
    export.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"warehouse to read (default: {DEFAULT_DB.name} in warehouse/)")
    from etl.export.filters import add_command_options

    add_command_options(export)  # the pages' shared filters, under their URL keys
    export.add_argument("--base-url", metavar="URL", default="http://localhost:8501/",
                        help="the dashboard's address, for the claims' permalinks (default: http://localhost:8501/)")
    return parser


def _export(args) -> int:
    import duckdb

    from etl.export.filters import from_command
    from etl.export.writer import write

    filters = from_command(args)
    if args.format == "parquet" and filters.active():
        print("error: the parquet export is the whole warehouse; filters apply to the other formats", file=sys.stderr)
        return 2
    if not args.db.is_file():
        print(f"error: {args.db}: no warehouse there (build one with python -m etl build)", file=sys.stderr)
        return 2
    if not args.out.parent.is_dir():
        print(f"error: {args.out}: the folder to write into does not exist", file=sys.stderr)
        return 2
    if args.format == "parquet" and args.out.exists() and not args.out.is_dir():
        print(f"error: {args.out}: the parquet export is a folder, and this is a file", file=sys.stderr)
        return 2
    if args.format != "parquet" and args.out.is_dir():
        print(f"error: {args.out}: a folder; name the file to write", file=sys.stderr)
        return 2
    # An empty address keeps the permalinks relative (claims?claim=...), as a page run without one writes them.
    base_url = args.base_url if not args.base_url or args.base_url.endswith("/") else args.base_url + "/"
    connection = duckdb.connect(str(args.db), read_only=True)
    try:
        write(connection, args.format, args.out, filters, base_url)
    finally:
        connection.close()
    return 0


def _built_machine_only(db: Path) -> bool:
    """Whether the warehouse at `db` was built with --machine-only (no file, or no warehouse: no)."""
    import duckdb

    from etl.load.warehouse import MACHINE_ONLY_MODE

    if not db.is_file():
        return False
    try:
        with duckdb.connect(str(db), read_only=True) as connection:
            return connection.execute("SELECT value FROM build_info WHERE key = 'mode'").fetchone() == (MACHINE_ONLY_MODE,)
    except duckdb.Error:
        return False


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "export":
        return _export(args)
    if args.command == "explain":
        from etl.explain import main as explain

        return explain(args.file, args.reference)
    if args.command == "evaluate":
        from etl.evaluate import main as evaluate

        try:
            return evaluate(args.docs or [SEEDS_DIR], args.reference, args.out, args.markdown)
        except BuildError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    if args.command == "build":
        from etl.build import build
        from etl.ingest.remote import is_url, staged

        if not is_url(args.docs) and not args.docs.is_dir():
            print(f"error: {args.docs}: corpus folder not found", file=sys.stderr)
            return 2
        if (args.engine == "dask") != (args.scheduler is not None):
            print("error: --engine dask and --scheduler ADDRESS go together (docs/scale.md)", file=sys.stderr)
            return 2
        machine_only = args.machine_only or (args.keep_mode and _built_machine_only(args.db))
        try:
            with staged(args.docs) as docs:
                result = build(docs, args.db, args.reference, machine_only=machine_only,
                               compare_with=args.compare_with, workers=args.workers,
                               scheduler=args.scheduler if args.engine == "dask" else None)
        except BuildError as exc:
            print(f"error: {exc}", file=sys.stderr)
            print("the build failed; the previous warehouse (if any) is untouched", file=sys.stderr)
            return 1
        counts = result.counts
        if args.compare_with:
            print(f"  compared with {counts['reference_acled_events']} ACLED and {counts['reference_ucdp_events']} "
                  f"UCDP GED events (matches: SELECT * FROM reference_matches)")
        print(f"built {args.db}")
        print(f"  documents {counts['documents']}, claims {counts['claims']}, "
              f"events {counts['events']} ({counts['event_reports']} reports), counted things {counts['counted_things']}")
        print(f"  places {counts['places']}, actors {counts['actors']}, sources {counts['sources']}, "
              f"mentions {counts['mentions']}, warnings {len(result.warnings)}")
        for warning in result.warnings:
            print(f"  warning: {warning}")
    return 0
