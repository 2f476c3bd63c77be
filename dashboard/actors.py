"""Actors: who acts, on which side, where they are named, what they take part in, and with whom."""
import pandas as pd
import plotly.express as px
import streamlit as st

from dashboard import filters, links, queries, tables
from dashboard.formatting import published_column, when

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
    taking_part = queries.actor_events(focus)
    st.subheader(f"Events with {names[focus]}")
    if taking_part.empty:
        st.info(f"{names[focus]} is named in the articles but takes part in no coded event.")
    else:
        taking_part["when"] = [when(r.date_start, r.date_end, r.date_precision) for r in taking_part.itertuples()]
        taking_part["reports"] = [links.event(e) for e in taking_part.event_id]
        tables.show(taking_part[["when", "role", "event_type", "place_name", "summary", "contested", "reports"]],
                    column_config={"summary": st.column_config.TextColumn("event", width="large"),
                                   "reports": st.column_config.LinkColumn("reports", display_text="open →")})
else:
    st.query_params.pop("who", None)

st.subheader("Who appears together")
pairs = queries.actor_pairs(chosen)
if pairs.empty:
    st.info("No two actors share an event that matches the filters.")
else:
    # Each pair comes once from the query; mirror it so the matrix reads the same from either actor.
    both = pd.concat([pairs, pairs.rename(columns={"actor": "with_actor", "with_actor": "actor"})])
    square = both.pivot_table(index="actor", columns="with_actor", values="shared_events", fill_value=0)
    figure = px.imshow(square, color_continuous_scale="Blues", labels=dict(color="shared events", x="", y=""),
                       text_auto=True)
    figure.update_layout(height=220 + 26 * len(square), margin=dict(l=10, r=10, t=10, b=10))
    figure.update_xaxes(side="top", tickangle=-40)
    st.plotly_chart(figure, key="actor_pairs")
    st.caption("Cells count the events both actors take part in (on either side).")

st.subheader("Mentions per document")
mentions = queries.actor_mentions(tuple(actors.actor_id))
if mentions.empty:
    st.info("No mention of these actors in the documents.")
else:
    mentions["document"] = [f"{outlet} {day}" for outlet, day in
                            zip(mentions.outlet, published_column(mentions.published_on, mentions.published_precision))]
    # Columns in the order the documents were published (the pivot would sort their names).
    order = list(dict.fromkeys(mentions.sort_values(["published_on", "doc_id"]).document))
    square = mentions.pivot_table(index="actor", columns="document", values="mentions", fill_value=0, aggfunc="sum")
    tables.show(square[order].reset_index())
