"""SQL: ask the warehouse a question of your own and download the answer.

Thin: what a query may do is dashboard/sql_guard.py, running it within its budgets
dashboard/sql_worker.py. The query lives in the address (?sql=...), so a link to this page with a
query reruns it.
"""
from urllib.parse import urlencode

import streamlit as st

from dashboard import data, settings
from dashboard.sql_budgets import Budgets
from dashboard.sql_examples import load_examples
from dashboard.sql_worker import run_query

st.title("SQL: ask your own question")
budgets = Budgets.from_settings()
st.caption(
    "Query the warehouse's tables and views with DuckDB's SQL: one reading statement per run (SELECT, "
    f"WITH, DESCRIBE, SUMMARIZE, SHOW or EXPLAIN). {budgets.describe()}; a longer answer "
    "is cut and says so. The query is kept in the page's address: copy it to share the question."
)
if settings.QUOTES_ONLY:
    st.info("This deployment shows only the sentences that carry facts: the article texts "
            "(documents.text, document_parts.text) keep those sentences and the names mentioned, "
            "and are blank elsewhere.")


def request_run(text: str) -> None:
    st.session_state["sql_text"] = text
    st.session_state["sql_pending"] = text
    st.session_state["sql_in_address"] = text
    if text.strip():
        st.query_params["sql"] = text
    else:
        st.query_params.pop("sql", None)


in_address = st.query_params.get("sql")
if in_address and in_address != st.session_state.get("sql_in_address"):
    # Opened from a link (or the address was edited): show the query and run it.
    st.session_state["sql_in_address"] = in_address
    st.session_state["sql_text"] = in_address
    st.session_state["sql_pending"] = in_address

with st.sidebar:
    st.subheader("Example questions")
    st.caption("Each runs with one click; edit it in the box to ask your own.")
    for number, example in enumerate(load_examples()):
        st.button(example.title, key=f"sql_example_{number}", on_click=request_run, args=(example.sql,),
                  width="stretch")

st.text_area("Query", key="sql_text", height=200, placeholder="SELECT * FROM comparisons")
st.button("Run", type="primary", key="sql_run", on_click=lambda: request_run(st.session_state["sql_text"]))

pending = st.session_state.pop("sql_pending", None)
if pending is not None:
    with st.spinner("Running the query…"):
        st.session_state["sql_result"] = run_query(pending)

result = st.session_state.get("sql_result")
if result is not None:
    if result.error:
        st.error(result.error)
    else:
        if result.notice:
            st.warning(result.notice)
        took = f"{result.elapsed:.2f} s" if result.elapsed >= 0.01 else "under 0.01 s"
        st.caption(f"{result.rows:,} row{'' if result.rows == 1 else 's'} in {took} · "
                   f"[link to this query](sql?{urlencode({'sql': result.sql})})")
        st.dataframe(result.table, hide_index=True)
        # The files are made when asked for, not on every rerun.
        left, right = st.columns(2)
        left.download_button("Download CSV", result.csv, file_name="query.csv", mime="text/csv",
                             key="sql_csv", on_click="ignore", icon=":material/download:")
        right.download_button("Download Parquet", result.parquet, file_name="query.parquet",
                              mime="application/vnd.apache.parquet", key="sql_parquet", on_click="ignore",
                              icon=":material/download:")


@st.cache_data(show_spinner=False)
def schema(signature) -> tuple:
    relations = data.query("""
        SELECT table_name AS name, 'table' AS kind, comment AS description
        FROM duckdb_tables() WHERE database_name = current_database() AND NOT internal
        UNION ALL
        SELECT view_name, 'view', comment
        FROM duckdb_views() WHERE database_name = current_database() AND NOT internal
        ORDER BY kind, name
    """)
    columns = data.query("""
        SELECT table_name AS "table or view", column_name AS "column", data_type AS type, comment AS description
        FROM duckdb_columns() WHERE database_name = current_database() AND NOT internal
        ORDER BY table_name, column_index
    """)
    return relations, columns


st.subheader("Tables and views")
relations, columns = schema(data.warehouse_signature())
st.dataframe(relations, hide_index=True, height=35 * (len(relations) + 1) + 3,
             column_config={"description": st.column_config.TextColumn("description", width="large")})
with st.expander("Columns: name, type and what each holds"):
    st.dataframe(columns, hide_index=True,
                 column_config={"description": st.column_config.TextColumn("description", width="large")})
