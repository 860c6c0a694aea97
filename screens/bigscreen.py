"""大屏: the dark 1920×1080 cockpit for a review room's big screen (open with ?present=1 for a clean screen)."""

from ningxia_dash.ui import bigscreen, chrome

ctx = chrome.page_context()
bigscreen.run(ctx)
