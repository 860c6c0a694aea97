"""导入记录: every import batch (who, when, which file, what it changed), a batch's old → new values, and for
admins an exact rollback (blocked while a later batch changed the same rows)."""

import streamlit as st

from ningxia_dash.i18n import t
from ningxia_dash.ingest import report
from ningxia_dash.ui import auth, chrome, data
from ningxia_dash.ui import upload as up

ctx = chrome.page_context()
lang = ctx.lang
user = auth.current_user()  # viewing the history is as open as the dashboard; rolling back needs an admin

st.title(t("history.title", lang))
st.caption(t("history.caption", lang))
if message := st.session_state.pop("history_message", None):
    (st.success if message[0] else st.error)(message[1])  # Markdown, user text escaped

batches = data.import_batches(ctx.version)
if batches.empty:
    st.info(t("history.none", lang))
    st.stop()
table = report.batches_table(batches, lang)
st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 360))
chrome.download_buttons(table, "import_batches", lang)

labels = {int(r.id): f"#{int(r.id)} · {r.file_name} · {r.created_at:%Y-%m-%d %H:%M}" for r in batches.itertuples()}
batch_id = st.selectbox(t("history.pick", lang), list(labels), format_func=labels.__getitem__, key="history_batch")
batch = batches.set_index("id").loc[batch_id]

st.subheader(t("history.changes", lang, id=batch_id))
changes = report.batch_changes_table(
    str(batch["kind"]), data.batch_changes(int(batch_id), ctx.version), data.ingest_refs(ctx.version), lang
)
st.dataframe(changes, hide_index=True, width="stretch", height=min(38 + 35 * len(changes), 480))
chrome.download_buttons(changes, f"batch_{batch_id}", lang)

if batch["status"] == "committed":
    if user is not None and user.has_role("admin"):
        sure = st.checkbox(t("history.rollback_confirm", lang), key=f"rollback_sure_{batch_id}")
        if st.button(t("history.rollback", lang), disabled=not sure, key=f"rollback_{batch_id}"):
            outcome = up.rollback(int(batch_id), user, lang)
            st.session_state["history_message"] = (outcome.ok, outcome.message)
            st.rerun()
    else:
        st.caption(t("history.admin_only", lang))
