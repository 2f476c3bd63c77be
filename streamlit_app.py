"""Entry point (Streamlit Community Cloud's convention): build the warehouse if missing, then hand over."""
import streamlit as st

from dashboard import filters
from dashboard.bootstrap import ensure_warehouse
from dashboard.data import pin_warehouse
from dashboard.pages import PAGES

ensure_warehouse()
pin_warehouse()  # every query of this run reads the same warehouse file, even if a rebuild lands meanwhile
# A local icon: a :material: page icon would make the browser fetch the tab icon from a font server.
st.set_page_config(page_title="Conflicting reports", page_icon="📰", layout="wide")
# Each page is one file under dashboard/; the list, with each page's URL path, is dashboard/pages.toml.
navigation = {page.name: st.Page(page.file, title=page.title, icon=page.icon, url_path=page.name, default=page.default)
              for page in PAGES}
shown = st.navigation(list(navigation.values()))
# The shared filters (kept in the URL) belong to the pages that read the fact base through them.
if next(page for page in PAGES if navigation[page.name] is shown).filters:
    filters.sidebar()
shown.run()
