"""Figures the pages draw with Plotly: time and ranges. Data in, figure out. (The Map page's map is
dashboard/map_view.py.)"""
import html
import textwrap
from datetime import timedelta

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import formatting
from dashboard.formatting import when

# ACLED's six event types, each always the same colour on every page.
EVENT_TYPE_COLORS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#27ae60",
    "Riots": "#16a085",
    "Strategic developments": "#2c3e50",
    "claims only": "#7f8c8d",
}
ALIGNMENT_COLORS = {
    "government": "#b03a2e",
    "pro-government": "#e74c3c",
    "opposition": "#2874a6",
    "independent": "#7d3c98",
    "international": "#138d75",
    "unknown": "#7f8c8d",
}
# Hatching says how precisely an event is dated: solid is a day, patterns are coarser.
PRECISION_PATTERNS = {"day": "", "week": "/", "month": ".", "year": "x"}


# Labels beside a chart are cut to this many characters (the whole text is in the hover): a long
# claimant's name or an event's summary would otherwise take the width the plot needs.
LABEL_CHARS = 48
# The claim ranges' labels: two lines of at most this many characters, in a margin of fixed width, so
# the plot keeps the rest of its column whatever the names.
RANGE_LABEL_CHARS, RANGE_LABEL_MARGIN_PX = 34, 230


def short(text: str, limit: int = LABEL_CHARS) -> str:
    """`text` cut to `limit` characters, an ellipsis saying it was cut."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


# The Timeline's labels: two short lines (the ACLED type; the place and the days) in a margin of fixed
# width; the event's own sentence is in the hover.
TIMELINE_LABEL_CHARS, TIMELINE_LABEL_MARGIN_PX, TIMELINE_ROW_PX = 36, 250, 34


def _event_label(row) -> str:
    flag = "⚑ " if row.contested else ""
    place = f"{row.place_name or 'unplaced'} · {when(row.date_start, row.date_end, row.date_precision)}"
    return (f"{html.escape(short(flag + (row.event_type or 'no event type'), TIMELINE_LABEL_CHARS))}<br>"
            f"{html.escape(short(place, TIMELINE_LABEL_CHARS))}")


def timeline(events: pd.DataFrame) -> go.Figure:
    """One row per dated event, in the order given, each with its bar across the days it may have happened
    (a month-precision event spans its month); the axis spans these events' own days."""
    frame = events.copy()
    frame["finish"] = pd.to_datetime(frame["date_end"]) + timedelta(days=1)
    frame["when"] = [when(r.date_start, r.date_end, r.date_precision) for r in frame.itertuples()]
    frame["precision"] = frame["date_precision"].fillna("day")
    frame["status"] = frame["contested"].map({True: "contested: a source denies it", False: "uncontested"})
    frame["what"] = [_wrapped(summary or "", 80) for summary in frame["summary"]]
    figure = px.timeline(
        frame, x_start="date_start", x_end="finish", y="event_id", color="event_type",
        pattern_shape="precision", pattern_shape_map=PRECISION_PATTERNS,
        color_discrete_map=EVENT_TYPE_COLORS, custom_data=["event_id"],
        hover_name="what",
        hover_data={"when": True, "place_name": True, "precision": True, "sub_event_type": True, "reports": True,
                    "status": True, "event_id": False, "finish": False, "date_start": False, "event_type": False},
        labels={"place_name": "place", "precision": "date precision", "sub_event_type": "sub-event type",
                "event_type": "event type"},
    )
    # A one-day bar is a hairline on a long axis: mark each event's start with a dot too.
    figure.add_trace(go.Scatter(
        x=frame["date_start"], y=frame["event_id"], mode="markers", name="start",
        marker=dict(size=7, color=[EVENT_TYPE_COLORS.get(t, "#555") for t in frame["event_type"]],
                    symbol=["x" if c else "circle" for c in frame["contested"]],
                    line=dict(width=1, color="#111")),
        customdata=frame[["event_id"]].to_numpy(), hoverinfo="skip", showlegend=False,
    ))
    # Rows by the event's id, not its label: two battles at one place on one day keep a row each.
    figure.update_yaxes(categoryorder="array", categoryarray=list(frame["event_id"]), autorange="reversed",
                        tickmode="array", tickvals=list(frame["event_id"]),
                        ticktext=[_event_label(row) for row in frame.itertuples()],
                        title=None, automargin=False, tickfont=dict(size=11))
    start, end = pd.to_datetime(frame["date_start"]).min(), frame["finish"].max()
    pad = max(timedelta(days=1), (end - start) * 0.03)
    figure.update_xaxes(title=None, side="top", range=[start - pad, end + pad])
    figure.update_layout(height=120 + TIMELINE_ROW_PX * len(frame),
                         legend=dict(title_text="ACLED event type, date precision", orientation="h",
                                     yanchor="top", y=-0.01, x=0),
                         margin=dict(l=TIMELINE_LABEL_MARGIN_PX, r=20, t=40, b=10), clickmode="event+select")
    return figure


def events_per_month(counts: pd.DataFrame) -> go.Figure:
    """Bars of events a month by event type, from their counts (queries.events_by_month)."""
    figure = px.bar(counts, x="month", y="events", color="event_type", color_discrete_map=EVENT_TYPE_COLORS)
    figure.update_layout(height=300, legend_title_text="", margin=dict(l=10, r=10, t=10, b=10),
                         xaxis_title=None, bargap=0.15, legend=dict(orientation="h", y=-0.15, yanchor="top", x=0))
    figure.update_xaxes(tickformat="%b %Y")
    return figure


def claim_ranges(claims: pd.DataFrame) -> go.Figure:
    """Each claimant's figure as a range; open-ended bounds drawn dashed up to the edge of the chart.
    One row per claim (two claims of one claimant on one day keep a row each), labelled in two short
    lines beside the plot, the whole label in the hover."""
    top = float(claims["highest"].max()) * 1.15
    figure = go.Figure()
    shown = set()
    labels = []
    for position, row in enumerate(claims.itertuples()):
        whence = f"{formatting.outlet(row.outlet)}, {row.as_of_text}"
        labels.append(f"{html.escape(short(row.claimant, RANGE_LABEL_CHARS))}<br>"
                      f"{html.escape(short(whence, RANGE_LABEL_CHARS))}")
        low = 0 if pd.isna(row.low) else row.low
        high = top if pd.isna(row.high) else row.high
        color = ALIGNMENT_COLORS.get(row.alignment, "#555")
        open_ended = pd.isna(row.low) or pd.isna(row.high)
        figure.add_trace(go.Scatter(
            x=[low, high], y=[position, position], mode="lines", name=row.alignment,
            line=dict(color=color, width=10, dash="dot" if open_ended else "solid"),
            legendgroup=row.alignment, showlegend=row.alignment not in shown,
            hovertext=f"{html.escape(row.claimant)} ({html.escape(whence)}): {html.escape(row.figure_text)} → "
                      f"{html.escape(row.range_text)}", hoverinfo="text",
        ))
        shown.add(row.alignment)
        known = [v for v in (row.low, row.high) if not pd.isna(v)]
        figure.add_trace(go.Scatter(
            x=known, y=[position] * len(known), mode="markers+text", showlegend=False, hoverinfo="skip",
            marker=dict(color=color, size=14, line=dict(color="#111", width=1)),
            # Drawn past the plot's edge where need be: the top row's figure sits in the margin above.
            text=[f"{v:,.0f}" for v in known], textposition="top center", cliponaxis=False,
        ))
    # The legend above the plot, not beside it: the open-ended bars run to the plot's right edge.
    figure.update_layout(height=140 + 48 * len(claims),
                         margin=dict(l=RANGE_LABEL_MARGIN_PX, r=30, t=50, b=10),
                         xaxis=dict(title="figure", range=[0, top], tickformat=","), legend_title_text="alignment",
                         legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0))
    figure.update_yaxes(tickmode="array", tickvals=list(range(len(labels))), ticktext=labels,
                        range=[len(labels) - 0.5, -0.5], automargin=False, showgrid=False, zeroline=False)
    return figure


def figures_over_time(claims: pd.DataFrame) -> go.Figure:
    """The same quantity reported on different days: each claim at its date, its range as an error bar,
    an open bound as a triangle pointing the way the figure is open ("more than" up, "up to" down)."""
    frame = claims.copy()
    frame["mid"] = (frame["lowest"] + frame["highest"]) / 2
    frame["minus"] = frame["mid"] - frame["lowest"]
    frame["plus"] = frame["highest"] - frame["mid"]
    frame["bound"] = ["at least (open above)" if pd.isna(high) else "at most (open below)" if pd.isna(low)
                      else "range" if low != high else "exact"
                      for low, high in zip(frame["low"], frame["high"])]
    figure = px.scatter(frame, x="as_of", y="mid", color="alignment", color_discrete_map=ALIGNMENT_COLORS,
                        symbol="bound", symbol_map={"at least (open above)": "triangle-up", "exact": "circle",
                                                    "at most (open below)": "triangle-down", "range": "diamond"},
                        error_y="plus", error_y_minus="minus", hover_name="claimant", text="claimant",
                        hover_data={"figure_text": True, "range_text": True, "as_of_text": True, "as_of": False,
                                    "mid": False, "plus": False, "minus": False})
    figure.update_traces(marker=dict(size=14, line=dict(color="#111", width=1)), textposition="top center")
    figure.update_layout(height=340, margin=dict(l=10, r=10, t=10, b=10), yaxis_title="figure",
                         yaxis_rangemode="tozero", legend_title_text="alignment, bound",
                         xaxis_title="date the figure refers to (else publication date)")
    return figure


def _wrapped(text: str, width: int = 70) -> str:
    return "<br>".join(textwrap.wrap(html.escape(text), width))


def toll_steps(steps: pd.DataFrame) -> go.Figure:
    """How a toll changed: each claim at its publication day, one line per claimant (its later figure
    supersedes its own earlier one), the bounds as an error bar, the sentence in the hover."""
    figure = go.Figure()
    for claimant, rows in steps.groupby("claimant", sort=False):
        rows = rows.sort_values("publication_step")
        color = ALIGNMENT_COLORS.get(rows.alignment.iloc[0], "#555")
        figure.add_trace(go.Scatter(
            x=rows.published_on, y=rows.best, mode="lines+markers+text",
            name=short(f"{claimant} ({rows.alignment.iloc[0]})", RANGE_LABEL_CHARS + 6),
            line=dict(color=color, width=2, shape="hv"), text=rows.figure_text, textposition="top center",
            cliponaxis=False,  # the first and last figures' words reach past the plot's edges
            marker=dict(size=[13 if current else 9 for current in rows.current], color=color,
                        line=dict(color="#111", width=1)),
            error_y=dict(type="data", symmetric=False, array=rows.highest - rows.best,
                         arrayminus=rows.best - rows.lowest, thickness=1, width=4),
            hovertext=[f"step {s}: {html.escape(c)} said {html.escape(f)}<br>{_wrapped(t)}"
                       for s, c, f, t in zip(rows.publication_step, rows.claimant, rows.figure_text, rows.sentence)],
            hoverinfo="text",
        ))
    figure.update_layout(height=320, margin=dict(l=10, r=10, t=10, b=10), yaxis_title="figure (bounds as bars)",
                         yaxis_rangemode="tozero", xaxis_title="published", legend_title_text="claimant")
    first, last = pd.Timestamp(steps.published_on.min()), pd.Timestamp(steps.published_on.max())
    if pd.notna(first):  # documents with no known date are not on the axis
        # Days, not hours: figures published on one day still get a readable axis.
        figure.update_xaxes(type="date", tickformat="%-d %b %Y",
                            dtick=None if last - first > pd.Timedelta(days=3) else 86400000,
                            range=[first - pd.Timedelta(days=1), last + pd.Timedelta(days=1)])
    return figure


def track_record(record: pd.DataFrame) -> go.Figure:
    """Who runs high or low, at a glance: each claimant's typical ratio to the others (log scale, 1 = in
    line), its interval as a bar, one row per claimant, kind of toll and whose dead."""
    frame = record.copy()
    frame["row"] = [f"{short(c)} · {side} {kind}"
                    for c, side, kind in zip(frame.claimant, frame.victim_side, frame.kind)]
    figure = go.Figure()
    for alignment, rows in frame.groupby("alignment", sort=False):
        has_interval = rows.ratio_low.notna()
        figure.add_trace(go.Scatter(
            x=rows.typical_ratio, y=rows.row, mode="markers", name=alignment,
            marker=dict(size=[8 + 3 * min(n, 6) for n in rows.groups], color=ALIGNMENT_COLORS.get(alignment, "#555"),
                        line=dict(color="#111", width=1)),
            error_x=dict(type="data", symmetric=False,
                         array=(rows.ratio_high - rows.typical_ratio).where(has_interval, 0),
                         arrayminus=(rows.typical_ratio - rows.ratio_low).where(has_interval, 0), thickness=2),
            hovertext=[f"{html.escape(r)}: ×{t:.2f} over {n} comparison group{'' if n == 1 else 's'} ({html.escape(l)})"
                       for r, t, n, l in zip(rows.row, rows.typical_ratio, rows.groups, rows.leaning)],
            hoverinfo="text"))
    figure.add_vline(x=1, line=dict(color="#555", dash="dash"))
    figure.update_layout(height=120 + 26 * len(frame), margin=dict(l=10, r=10, t=10, b=10),
                         xaxis=dict(type="log", title="its figure ÷ the others' median (log scale; 1 = in line)"),
                         legend_title_text="claimant's alignment")
    figure.update_yaxes(autorange="reversed")
    return figure
