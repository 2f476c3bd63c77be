"""What the served dashboard may ask of the project's code, and nothing more: the dashboard's one door.

The dashboard reads the warehouse; everything that reads the corpus or writes anything goes through
here. A review decision is checked by the build's own reader and resolver and appended to the
document's coded-fact file (etl/extract/coded.py owns that format, reader and writer side by side);
the build and the exports run as commands, in processes of their own, never in the server.
tests/test_layering.py fails if a dashboard module imports anything else of etl.
"""
from etl.export.filters import FILTERED, FILTERS, LISTS, Filters, arguments as filter_arguments
from etl.export.formats import FORMATS as EXPORT_FORMATS
from etl.load.quotes_only import quotes_only_path
from etl.load.warehouse import MACHINE_ONLY_MODE, contract_digest
from etl.review.commands import CommandFailed, build_warehouse, export
from etl.review.corpus import (FactFile, ReviewError, choices, default_reviewer, fact_file_state, not_writable,
                               read_document, shown_path)
from etl.review.decisions import Decision, Outcome, save, save_group
from etl.review.records import (check_new_event_id, claim_record, event_record, figure_bounds, occurrence_near,
                                resolve_when, suggested_event_id)

__all__ = [
    # Serving: is the warehouse the one this checkout builds, build it, export from it, and where the
    # build put the warehouse's quotes-only copy.
    "contract_digest", "MACHINE_ONLY_MODE", "build_warehouse", "export", "EXPORT_FORMATS", "CommandFailed", "quotes_only_path",
    # The shared filters of the pages and the exports, and how a query passes them to the warehouse's macros.
    "Filters", "FILTERS", "LISTS", "FILTERED", "filter_arguments",
    # Reviewing: the corpus as the build reads it, what the build will make of a reviewer's input,
    # the machine's facts as records, and saving a decision.
    "read_document", "fact_file_state", "FactFile", "not_writable", "default_reviewer", "shown_path", "choices",
    "figure_bounds", "resolve_when", "occurrence_near", "claim_record", "event_record", "suggested_event_id",
    "check_new_event_id", "Decision", "Outcome", "ReviewError", "save", "save_group",
]
