"""Provenance badges: a source kind as a coloured badge with its word (never colour alone), and the legend of the
three kinds."""

from __future__ import annotations

from ningxia_dash.i18n import Lang, t

BADGE_COLOURS = {"official": "green", "public": "blue", "demo": "orange", "plan": "violet"}


def badge(kind: str | None, lang: Lang) -> str:
    """Markdown badge for a source kind: colour plus a word, never colour alone."""
    if not isinstance(kind, str) or not kind:  # None, or NaN from a frame when a target has no value yet
        return t("common.none", lang)
    return f":{BADGE_COLOURS.get(kind, 'gray')}-badge[{t('prov.' + kind, lang)}]"


def provenance_legend_md(lang: Lang) -> str:
    return " ".join(f"{badge(k, lang)} {t('prov.' + k + '.desc', lang)}" for k in ("official", "public", "demo"))
