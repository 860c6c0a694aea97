"""数据上传: choose the kind, download its template, upload a file, read the dry run (how the file was read,
new / changed / unchanged / rejected, every error with its Excel row, the old → new diff), then commit."""

import streamlit as st

from ningxia_dash.i18n import t
from ningxia_dash.ingest import report
from ningxia_dash.safe_text import md
from ningxia_dash.ui import auth, chrome, data
from ningxia_dash.ui import upload as up

ctx = chrome.page_context()
lang = ctx.lang
user = auth.require_role("officer", lang)

st.title(t("upload.title", lang))
st.caption(t("upload.caption", lang))
if done := st.session_state.pop(up.DONE_KEY, None):
    st.success(done)  # Markdown: ui.upload.Outcome
    st.page_link("screens/history.py", label=t("upload.go_history", lang))

kinds = [k.id for k in up.kinds_for(user)]
kind_id = st.selectbox(t("upload.kind", lang), kinds, key="upload_kind", format_func=lambda k: up.kind_label(k, lang))
st.caption(up.kind_help(kind_id, lang))
if scope := up.scope_text(user, lang, ctx.version):
    st.caption(md(scope))
with st.expander(t("upload.template", lang)):
    c1, c2, _ = st.columns([1, 1, 3])
    for col, fmt, mime, label in (
        (c1, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "upload.template_xlsx"),
        (c2, "csv", "text/csv", "upload.template_csv"),
    ):
        content, name = up.template_file(kind_id, fmt, ctx.version)
        col.download_button(t(label, lang), content, name, mime, key=f"tpl-{fmt}-{kind_id}")

if css := up.uploader_text_css(lang):
    st.html(css)
uploaded = st.file_uploader(
    t("upload.file", lang), type=list(up.UPLOAD_TYPES), key=up.uploader_key(), max_upload_size=up.UPLOAD_MB
)
if uploaded is None:
    st.stop()

preview = up.preview_for(uploaded.getvalue(), uploaded.name, kind_id, user, ctx.version)
st.text(up.facts_line(preview, lang))
counts = preview.counts()
shown = up.summary_keys(preview)
for col, key in zip(st.columns(len(shown)), shown, strict=True):
    col.metric(t(f"upload.summary.{key}", lang), counts[key])

if preview.errors:
    st.error(up.rejected_text(preview, lang))
if preview.issues:
    st.subheader(t("upload.issues", lang) if preview.errors else t("upload.warnings", lang))
    issues = report.error_table(preview.issues, preview.file_name, lang)
    st.dataframe(issues, hide_index=True, width="stretch", height=min(38 + 35 * len(issues), 420))
    chrome.download_buttons(issues, "upload_errors", lang)
if warned := up.plausibility_text(preview, lang):
    st.warning(warned)  # Markdown, the file's text escaped (ui.upload.plausibility_text)
if not preview.accepted:
    st.stop()
if preview.changes == 0:
    st.info(t("upload.nothing", lang))
    st.stop()

st.subheader(t("upload.diff", lang))
assert preview.diff is not None
refs = data.ingest_refs(ctx.version)
diff = report.diff_table(preview.kind, preview.diff.rows, preview.diff.compare, refs, lang)
st.dataframe(diff.head(up.DIFF_SHOWN), hide_index=True, width="stretch", height=min(38 + 35 * len(diff), 480))
if len(diff) > up.DIFF_SHOWN:
    st.caption(t("upload.diff_more", lang, n=up.DIFF_SHOWN))
chrome.download_buttons(diff, "upload_diff", lang)

st.success(t("upload.ready", lang, new=counts["new"], changed=counts["changed"], unchanged=counts["unchanged"]))
if st.button(t("upload.confirm", lang), type="primary", key="upload_confirm"):
    outcome = up.commit(preview, user, lang)
    if outcome.ok:
        st.rerun()
    st.error(outcome.message)  # Markdown, user text escaped (ui.upload.Outcome)
