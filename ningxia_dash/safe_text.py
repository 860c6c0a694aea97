"""User text is text: one escaper per renderer that would otherwise interpret it (pure).

Anything that can come from an upload or the database — indicator, plan, village, park and county names, document
numbers, clauses, notes, file names, user names, error messages quoting a cell — is passed through the escaper of
the renderer it reaches, at the call site:

- `md()`      Streamlit Markdown: st.markdown / caption / title / subheader / info / warning / error / success,
              widget labels, radio and segmented-control options, tab and expander labels, st.metric labels and
              help= tooltips. Selectbox / multiselect options and dataframe cells and headers are plain text.
- `md_code()` the same inside an inline code span (`…`), where backslash escapes do not work.
- `html_text()` st.html and unsafe_allow_html markup (the text between our own tags and attribute values).
- `plotly_text()` plotly strings (tick labels, trace names, text, hovertext, annotations): plotly draws a subset
              of HTML there (<b>, <a href>, <span style>, <br>) and decodes &lt; &gt; &amp;.
- `xml_text()` reportlab Paragraph markup (the PDF brief).

deck.gl tooltips need nothing: Streamlit escapes every {field} it puts into the tooltip html (only the fixed
template text is ours, and maps.py escapes the indicator name it puts there).
"""

from __future__ import annotations

import html
import re
from xml.sax.saxutils import escape as _xml_escape

# CommonMark lets a backslash escape every ASCII punctuation character; escaping all of them leaves no way to
# open a link, image, emphasis, heading, list, table, HTML tag, entity, math ($) or Streamlit directive (:red[…]).
# One exception keeps names readable in the Markdown source: a run of underscores between two letters or digits
# (new_officer, v_income) cannot open or close emphasis, so it stays as it is.
_MD_SPECIAL = re.compile(r"_+|[!-/:-@\[-^`{-~]")
_BACKTICKS = re.compile(r"`+")
# GFM turns bare addresses (http://…, www.…, a@b.c) into links after escapes are resolved, so escaping cannot stop
# it: an invisible WORD JOINER (U+2060) after "://"'s colon, after "www" and after "@" breaks the pattern.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def _escape(m: re.Match[str]) -> str:
    run, s, a, b = m.group(), m.string, m.start(), m.end()
    if run[0] == "_" and a > 0 and b < len(s) and s[a - 1].isalnum() and s[b].isalnum():
        return run
    return "".join("\\" + ch for ch in run)


def md_chars(text: object) -> str:
    """Every Markdown-special character escaped, bare addresses kept from becoming links; line breaks left as they
    are (the caller lays out lines)."""
    return _MD_SPECIAL.sub(_escape, _AUTOLINK.sub(WORD_JOINER, str(text)))


def md(text: object) -> str:
    """Text shown literally by Streamlit's Markdown (line breaks become spaces: a label or heading stays one line)."""
    return md_chars(" ".join(str(text).splitlines()))


def md_block(text: object) -> str:
    """Like md() but each line of the text stays a line (notes, messages)."""
    return "  \n".join(md_chars(line) for line in str(text).splitlines())


def md_code(text: object) -> str:
    """An inline code span holding the text literally: a fence longer than any run of backticks inside it."""
    s = " ".join(str(text).splitlines())
    fence = "`" * (max((len(m) for m in _BACKTICKS.findall(s)), default=0) + 1)
    return f"{fence} {s} {fence}"


def html_text(text: object) -> str:
    """Text (or an attribute value) inside our own HTML markup. Line breaks become spaces (HTML shows them as
    spaces anyway): a blank line would end an HTML block inside st.markdown and let Markdown back in."""
    return html.escape(" ".join(str(text).splitlines()), quote=True)


def plotly_text(text: object) -> str:
    """Text for a plotly label, trace name, text or hover (plotly decodes &lt; &gt; &amp; but not &quot;)."""
    return html.escape(" ".join(str(text).splitlines()), quote=False)


def xml_text(text: object) -> str:
    """Text inside reportlab Paragraph markup."""
    return _xml_escape(str(text))
