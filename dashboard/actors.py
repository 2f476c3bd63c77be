"""Actors: who acts, on which side, where they are named, what they take part in, and with whom."""
import plotly.graph_objects as go
import streamlit as st

from dashboard import filters, links, paging, queries, tables
from dashboard.formatting import outlet, published_column, when

st.title("Actors")
chosen = filters.current()
actors = queries.actors(chosen)
if actors.empty:
    st.info(filters.nothing("actors"))
    st.stop()
st.caption("Kind and side come from the actor list of the reference data. Events: events the actor takes part "
           "in (as initiator, target, ally or participant); mentions: times the articles name it.")
tables.show(actors.drop(columns="actor_id"),
            column_config={"claims_made": st.column_config.NumberColumn(help="Casualty claims this actor makes as a source")})

names = dict(zip(actors.actor_id, actors.name))
if "actors_focus" not in st.session_state:
    wanted = st.query_params.get("who")
    st.session_state["actors_focus"] = wanted if wanted in names else None
focus = st.selectbox("Actor", list(names), index=None, format_func=names.get, key="actors_focus",
                     placeholder="Choose an actor to see its events")
if focus:
    st.query_params["who"] = focus
    st.subheader(f"Events with {names[focus]}")
    total = queries.actor_event_count(focus)
    if not total:
        st.info(f"{names[focus]} is named in the articles but takes part in no coded event.")
    else:
        first, last = paging.choose(total, paging.ACTOR_EVENTS, f"actor_events_{focus}", "events", param=None)
        taking_part = queries.actor_events(focus, first, last)
        taking_part["when"] = [when(r.date_start, r.date_end, r.date_precision) for r in taking_part.itertuples()]
        taking_part["reports"] = [links.event(e) for e in taking_part.event_id]
        tables.show(taking_part[["when", "role", "event_type", "place_name", "summary", "contested", "reports"]],
                    column_config={"summary": st.column_config.TextColumn("event", width="large"),
                                   "reports": st.column_config.LinkColumn("reports", display_text="open →")})
else:
    st.query_params.pop("who", None)

st.subheader("Who appears together")
cells = queries.actor_pair_matrix(chosen)
if cells.empty:
    st.info("No two actors share an event that matches the filters.")
else:
    names, most = sorted(set(cells.actor)), int(cells.shared_events.max())
    figure = go.Figure(go.Heatmap(
        x=cells.with_actor, y=cells.actor, z=cells.shared_events, colorscale="Blues", zmin=0, zmax=most,
        texttemplate="%{z}", hoverongaps=False, colorbar=dict(title="shared events", dtick=1 + most // 6),
        hovertemplate="%{y} and %{x}: %{z} shared event(s)<extra></extra>"))
    figure.update_xaxes(side="top", tickangle=-40, categoryorder="array", categoryarray=names)
    figure.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=names)
    figure.update_layout(height=220 + 26 * len(names), margin=dict(l=10, r=10, t=10, b=10))
    st.plotly_chart(figure, key="actor_pairs")
    st.caption("Cells count the events both actors take part in (on either side); a blank cell: none.")

st.subheader("Mentions per document")
mentions, naming = queries.actor_document_mentions(tuple(actors.actor_id), paging.MENTION_COLUMNS)
if mentions.empty:
    st.info("No mention of these actors in the documents.")
else:
    # One column per document that names one of these actors, in the order the documents were published.
    # Only these documents: a large warehouse holds hundreds of thousands.
    documents = queries.documents(filters.Filters(documents=tuple(c for c in mentions.columns if c != "actor")))
    headers = [f"{outlet(o)} {day}" for o, day in
               zip(documents.outlet, published_column(documents.published_on, documents.published_precision))]
    shown = (f"the {len(documents)} of {naming:,} documents that name them most often, " if naming > len(documents)
             else "")
    st.caption(f"Times each document names the actor, one column per document ({shown}in the order they were "
               f"published). Hover a column's header for the document's title; a blank cell: not named.")
    tables.show(mentions, column_order=["actor", *documents.doc_id], placeholder="", column_config={
        doc: st.column_config.NumberColumn(header, help=title)
        for doc, header, title in zip(documents.doc_id, headers, documents.title.fillna(""))})
