"""The brief's figures as PNG: plotly figures rendered by kaleido in the SYSTEM Chromium.

How Chromium is found: the path ($BROWSER_PATH, else Debian's /usr/bin/chromium) is handed to kaleido explicitly,
so choreographer's own search (which looks first for a browser it downloaded itself) never runs, and its download
helpers (kaleido.get_chrome / choreo_get_chrome) are never called. choreographer adds --no-sandbox itself (its
sandbox is off by default, which Chromium needs when running as root); a small Chromium subclass adds the flags
this machine's notes ask for so the browser does not phone home. MathJax is off (kaleido would load it from a CDN)
and plotly.js comes from the installed plotly package: nothing is fetched from the internet.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import plotly.graph_objects as go
from choreographer.browsers.chromium import Chromium
from PIL import Image as PILImage

from ningxia_dash.brief.content import Brief
from ningxia_dash.brief.county_figure import HEIGHT, WIDTH, county_status_figure
from ningxia_dash.tracking import charts

SYSTEM_CHROMIUM = "/usr/bin/chromium"
# Beyond what choreographer passes (--no-sandbox, --disable-gpu, --headless, --disable-sync, --no-first-run …).
EXTRA_ARGS = ("--disable-background-networking", "--disable-quic", "--disable-component-update", "--no-first-run",
              "--disable-sync", "--use-gl=swiftshader", "--enable-unsafe-swiftshader")  # fmt: skip
SCALE = 2  # pixels per layout pixel: crisp in print and on a projector
TIMEOUT_S = 60
# The figures' template, named so print does not depend on the process: a Streamlit server sets plotly's default
# template to its own ("streamlit"), which leaves axis margins fixed (no automargin) and counts on its web front end
# for colours; the bullet chart's target names then lost all but their last character in the PDF and PPTX.
TEMPLATE = "plotly"

log = logging.getLogger(__name__)


class SystemChromium(Chromium):
    """choreographer's Chromium with this machine's extra flags."""

    def get_cli(self) -> Sequence[str]:
        cli = list(super().get_cli())
        return cli + [a for a in EXTRA_ARGS if a not in cli]


def chromium_path() -> str | None:
    """$BROWSER_PATH when set, else the Debian package's binary (or `chromium` on PATH)."""
    wanted = os.environ.get("BROWSER_PATH") or SYSTEM_CHROMIUM
    if Path(wanted).is_file() and os.access(wanted, os.X_OK):
        return wanted
    return shutil.which("chromium") if not os.environ.get("BROWSER_PATH") else None


@dataclass(frozen=True)
class FigureSpec:
    key: str
    figure: go.Figure
    width: int
    height: int


@dataclass
class Images:
    """PNG bytes by figure key, each figure's layout size (width, height) in pixels, and why any are missing."""

    png: dict[str, bytes] = field(default_factory=dict)
    size: dict[str, tuple[int, int]] = field(default_factory=dict)
    error: str | None = None


def figure_specs(brief: Brief) -> list[FigureSpec]:
    """The figures a brief shows, sized for print: the same pictures serve the A4 page and the 16:9 slide."""
    specs = _specs(brief)
    for spec in specs:
        spec.figure.update_layout(template=TEMPLATE)
    return specs


def _specs(brief: Brief) -> list[FigureSpec]:
    specs = []
    if brief.gauges:
        fig = charts.headline_gauges(brief.gauges, brief.gauge_groups, brief.lang, columns=5)
        fig.update_layout(width=1000, paper_bgcolor="white")
        specs.append(FigureSpec("gauges", fig, 1000, int(fig.layout.height)))
    if not brief.bullets.empty:
        fig = charts.bullets(brief.bullets, brief.lang)
        width, height = 900, 26 * len(brief.bullets) + 100
        # larger type for print, and the legend above the top axis's labels instead of over them
        fig.update_layout(width=width, height=height, paper_bgcolor="white", font={"size": 14},
                          margin={"l": 10, "r": 20, "t": 80, "b": 10}, yaxis={"automargin": True},
                          legend={"yref": "container", "y": 0.995, "yanchor": "top", "x": 0, "xanchor": "left"})  # fmt: skip
        specs.append(FigureSpec("bullets", fig, width, height))
    if brief.county_map is not None:
        specs.append(FigureSpec("map", county_status_figure(brief.county_map, brief.lang), WIDTH, HEIGHT))
    return specs


async def _render_all(specs: list[FigureSpec], path: str) -> dict[str, bytes]:
    import kaleido

    out: dict[str, bytes] = {}
    async with kaleido.Kaleido(n=1, timeout=TIMEOUT_S, mathjax=False, path=path, browser_cls=SystemChromium) as k:
        for s in specs:
            opts = {"format": "png", "width": s.width, "height": s.height, "scale": SCALE}
            out[s.key] = flatten(await k.calc_fig(s.figure, opts=opts))  # type: ignore[arg-type]
    return out


def flatten(png: bytes) -> bytes:
    """RGBA → RGB on white: the figures are opaque, and an alpha channel only adds a soft mask to the PDF."""
    with PILImage.open(io.BytesIO(png)) as im:
        if im.mode == "RGB":
            return png
        out = io.BytesIO()
        PILImage.alpha_composite(PILImage.new("RGBA", im.size, "white"), im.convert("RGBA")).convert("RGB").save(
            out, "PNG", optimize=False
        )
        return out.getvalue()


def render_specs(specs: list[FigureSpec]) -> Images:
    """Render figures to PNG in one browser session; never raises (a missing browser leaves a reason instead)."""
    images = Images(size={s.key: (s.width, s.height) for s in specs})
    if not specs:
        return images
    path = chromium_path()
    if path is None:
        images.error = f"Chromium not found ({os.environ.get('BROWSER_PATH') or SYSTEM_CHROMIUM})"
        return images
    try:
        # A thread of its own: the caller may be inside a running event loop (Streamlit, notebooks).
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="brief-render") as pool:
            images.png = pool.submit(asyncio.run, _render_all(specs, path)).result()
    except Exception as exc:
        log.warning("brief figures not rendered: %s", exc)
        images.error = f"{type(exc).__name__}: {exc}"[:200]
    return images


def render_figures(brief: Brief) -> Images:
    return render_specs(figure_specs(brief))
