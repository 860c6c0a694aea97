"""Router: page config, the page registry (st.navigation), the shared sidebar. Layout only."""

from ningxia_dash.ui import nav

nav.run_app()
