"""Entry point (Streamlit Community Cloud's convention): build the warehouse if missing, then hand over."""
import streamlit as st

from dashboard.bootstrap import ensure_warehouse

ensure_warehouse()
st.set_page_config(page_title="Conflicting reports", layout="wide")
st.navigation([st.Page("dashboard/overview.py", title="Overview", default=True)]).run()
