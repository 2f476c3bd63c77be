"""Entry point (Streamlit Community Cloud's convention): build the warehouse if missing, then hand over."""
import streamlit as st

from dashboard import filters
from dashboard.bootstrap import ensure_warehouse
from dashboard.data import pin_warehouse

ensure_warehouse()
pin_warehouse()  # every query of this run reads the same warehouse file, even if a rebuild lands meanwhile
# A local icon: a :material: page icon would make the browser fetch the tab icon from a font server.
st.set_page_config(page_title="Conflicting reports", page_icon="📰", layout="wide")
# Each page is one file under dashboard/; its URL path is the file name (…/timeline, …/sql).
page = st.navigation([
    st.Page("dashboard/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("dashboard/timeline.py", title="Timeline", icon=":material/timeline:"),
    st.Page("dashboard/map.py", title="Map", icon=":material/map:"),
    st.Page("dashboard/claims.py", title="Claims", icon=":material/compare_arrows:"),
    st.Page("dashboard/actors.py", title="Actors", icon=":material/groups:"),
    st.Page("dashboard/documents.py", title="Documents", icon=":material/article:"),
    st.Page("dashboard/sql.py", title="SQL", icon=":material/terminal:"),
    st.Page("dashboard/review.py", title="Review", icon=":material/fact_check:", url_path="review"),
])
# The shared filters (kept in the URL) belong to the pages that read the fact base through them; Review
# works on one whole document at a time (and its `doc` key names that document, not a filter).
if page.url_path not in ("sql", "review"):
    filters.sidebar()
page.run()
