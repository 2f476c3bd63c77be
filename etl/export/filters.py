"""The shared filters, defined once: the sidebar of every page, the dashboard's URL, the options of
`python -m etl export` and the downloads all read this one list.

What a filter keeps is SQL: the macros filtered_events and filtered_claims of warehouse/views.sql and
the roll-ups made of them. Here each filter is one field of `Filters`, named in its metadata by the
macros' parameter (the queries pass the values by that name, so a name the macros lack fails the first
query), by its key (the URL's `?place=` and the command's `--place`: one word for both) and by what it
keeps. The dashboard reads this module through etl.review. Adding a filter is one field here and one
parameter of the macros; the sidebar, the links, the command line and the downloads follow.
"""
from dataclasses import Field, dataclass, field, fields, replace
from datetime import date


@dataclass(frozen=True)
class Filter:
    """How one filter is named and explained wherever it appears."""

    parameter: str  # of the filter macros
    key: str  # the dashboard's URL key and the export command's option
    label: str  # its name in the sidebar and in a description of the filters
    help: str  # what it keeps (the sidebar's help, the command's --help)


def _filter(default, **naming) -> Field:
    return field(default=default, metadata={"filter": Filter(**naming)})


@dataclass(frozen=True)
class Filters:
    """The shared filters' values, in the macros' order; a day left None or an empty tuple does not filter."""

    date_from: date | None = _filter(None, parameter="from_day", key="from", label="from",
                                     help="first day (YYYY-MM-DD): events whose days overlap the range, claims "
                                          "whose figure refers to a day in it")
    date_to: date | None = _filter(None, parameter="to_day", key="to", label="to", help="last day (YYYY-MM-DD)")
    places: tuple[str, ...] = _filter((), parameter="place_ids", key="place", label="places",
                                      help="Events and claims at these places.")
    actors: tuple[str, ...] = _filter((), parameter="actor_ids", key="actor", label="actors",
                                      help="Events these actors take part in; claims about those events or by them.")
    alignments: tuple[str, ...] = _filter((), parameter="source_alignments", key="alignment", label="source alignment",
                                          help="Events reported, and claims made, by sources of this alignment.")
    documents: tuple[str, ...] = _filter((), parameter="doc_ids", key="doc", label="documents",
                                         help="Events reported, and claims made, in these documents.")

    def active(self) -> bool:
        return self != Filters()

    def ending_by(self, day: date | None) -> "Filters":
        """These filters with the date range ended at `day` at the latest (the Map replayed to a day)."""
        if day is None:
            return self
        return replace(self, date_to=min(self.date_to, day) if self.date_to else day)


# Each filter by its field's name, in the macros' order.
FILTERS: dict[str, Filter] = {f.name: f.metadata["filter"] for f in fields(Filters)}
# The filters that choose from a list of ids (the others are the two days of the date range).
LISTS = tuple(name for name, f in zip(FILTERS, fields(Filters)) if f.default == ())
# The macros' arguments as a query writes them: filtered_claims({FILTERED}), the values by `arguments`.
FILTERED = ", ".join(f"{f.parameter} := ?" for f in FILTERS.values())


def arguments(filters: Filters | None) -> list:
    """The filters (None: no filter) as the macros' arguments, in FILTERED's order."""
    filters = filters or Filters()
    return [list(getattr(filters, name)) if name in LISTS else getattr(filters, name) for name in FILTERS]


def command_options(filters: Filters) -> list[str]:
    """The filters as options of `python -m etl export` (`--from=2013-05-19`, `--place=aleppo`, ...)."""
    options = []
    for name, naming in FILTERS.items():
        value = getattr(filters, name)
        values = value if name in LISTS else [value.isoformat()] if value else []
        options += [f"--{naming.key}={v}" for v in values]
    return options


def add_command_options(parser) -> None:
    """The filters as options of an argparse parser, each under its key (repeatable for a list)."""
    for name, naming in FILTERS.items():
        if name in LISTS:
            parser.add_argument(f"--{naming.key}", dest=name, action="append", default=[], metavar=naming.key.upper(),
                                help=f"{naming.help[:-1]} (repeatable)")
        else:
            parser.add_argument(f"--{naming.key}", dest=name, type=date.fromisoformat, metavar="YYYY-MM-DD",
                                help=naming.help)


def from_command(args) -> Filters:
    """The filters the options of `add_command_options` gave."""
    return Filters(**{name: tuple(getattr(args, name)) if name in LISTS else getattr(args, name) for name in FILTERS})
