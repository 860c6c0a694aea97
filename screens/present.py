"""汇报模式: the meeting deck (?present=1&slide=3&every=20) — or, from the menu, what it holds and how to start it."""

from ningxia_dash.ui import chrome, present

ctx = chrome.page_context()
if present.is_present_mode():
    present.run_deck(ctx)
else:
    present.launcher(ctx)
