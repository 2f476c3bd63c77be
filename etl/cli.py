"""Command line: `python -m etl build|evaluate|explain ...` (`python -m etl --help`)."""
import argparse
import sys
from pathlib import Path

from etl.errors import BuildError
from etl.settings import DEFAULT_DB, REFERENCE_DIR, SEEDS_DIR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Build the conflict-reports fact warehouse.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="turn a corpus folder into the DuckDB warehouse")
    build.add_argument("--docs", type=Path, default=SEEDS_DIR,
                       help="corpus folder: documents, catalog.yaml, facts/ (default: seeds/)")
    build.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"warehouse file to write (default: {DEFAULT_DB.name} in warehouse/)")
    build.add_argument("--reference", type=Path, default=REFERENCE_DIR,
                       help="gazetteer, actors and sources (default: seeds/reference/)")
    build.add_argument("--machine-only", action="store_true",
                       help="ignore coded facts and review decisions: the machine extractor's output alone")
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
    return parser


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
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

        if not args.docs.is_dir():
            print(f"error: {args.docs}: corpus folder not found", file=sys.stderr)
            return 2
        try:
            result = build(args.docs, args.db, args.reference, machine_only=args.machine_only)
        except BuildError as exc:
            print(f"error: {exc}", file=sys.stderr)
            print("the build failed; the previous warehouse (if any) is untouched", file=sys.stderr)
            return 1
        counts = result.counts
        print(f"built {args.db}")
        print(f"  documents {counts['documents']}, casualty claims {counts['casualties']}, "
              f"events {counts['events']} ({counts['event_reports']} reports), counted things {counts['counted_things']}")
        print(f"  places {counts['places']}, actors {counts['actors']}, sources {counts['sources']}, "
              f"mentions {counts['mentions']}, warnings {len(result.warnings)}")
        for warning in result.warnings:
            print(f"  warning: {warning}")
    return 0
