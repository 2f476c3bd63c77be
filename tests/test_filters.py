"""The shared filters are one list (etl/export/filters.py): the warehouse's filter macros take exactly its
parameters, the export command takes every filter under its URL key, and a download hands the command
every filter a page has."""
from datetime import date

import pytest

from etl.cli import _parser
from etl.export.filters import FILTERS, Filters, command_options, from_command

FILTER_MACROS = ["filtered_events", "filtered_claims", "place_activity", "actor_activity", "actor_pairs",
                 "actor_pair_matrix"]
EVERY_FILTER = Filters(date_from=date(2013, 5, 1), date_to=date(2013, 6, 30), places=("al-qusayr", "aleppo"),
                       actors=("hezbollah",), alignments=("opposition",), documents=("002_996f98365809a89b",))


@pytest.mark.parametrize("macro", FILTER_MACROS)
def test_each_filter_macro_takes_the_shared_filters_in_their_order(db, macro):
    parameters = db.execute("SELECT parameters FROM duckdb_functions() WHERE function_name = ?", [macro]).fetchone()[0]
    assert parameters[:len(FILTERS)] == [f.parameter for f in FILTERS.values()]
    # place_activity's on_day (the Map's replay) and listed (how many of a place's events it lists) are not filters
    assert len(parameters) - len(FILTERS) <= 2


def test_every_filter_of_the_list_is_set_in_the_example():
    # So that the round trips below cover a filter added to the list.
    assert all(getattr(EVERY_FILTER, name) != getattr(Filters(), name) for name in FILTERS)


def test_the_export_command_takes_every_filter_under_its_url_key():
    args = _parser().parse_args(["export", "--format=acled", "--out=x.csv", *command_options(EVERY_FILTER)])
    assert from_command(args) == EVERY_FILTER  # an option it lacked would stop the parse
    assert {option.split("=")[0] for option in command_options(EVERY_FILTER)} == {f"--{f.key}" for f in FILTERS.values()}


def test_no_filter_is_no_option():
    assert command_options(Filters()) == []
    args = _parser().parse_args(["export", "--format=acled", "--out=x.csv"])
    assert from_command(args) == Filters() and not from_command(args).active()


def test_a_range_ended_by_the_map_replay():
    assert Filters().ending_by(date(2013, 5, 20)).date_to == date(2013, 5, 20)
    assert EVERY_FILTER.ending_by(date(2013, 5, 20)).date_to == date(2013, 5, 20)
    assert EVERY_FILTER.ending_by(date(2014, 1, 1)) == EVERY_FILTER
    assert EVERY_FILTER.ending_by(None) == EVERY_FILTER
