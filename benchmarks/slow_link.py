"""`make bench MODE=throttled`: the built site on a phone's link, against a bare stock `loadPyodide()`.

For each link profile and each way the host compresses, in one run: the NPS page cold (bytes and
time until `ready`), the bare page loading stock Pyodide from `node_modules` through the same
server (time until its first result), a text page's first contentful paint and bytes, and a
second visit to the NPS page with the network cut.
"""

from __future__ import annotations

import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks import browser
from benchmarks.pages import BARE_PAGE
from benchmarks.report import Row
from benchmarks.throttle import PROFILES, throttled_server

# Issue 12's targets, in bytes (decimal megabytes) and as a share of the bare loadPyodide() time.
TARGETS = {
    "gzip": {"bytes": 5_000_000, "ratio": 0.80},
    "br": {"bytes": 4_200_000, "ratio": 0.70},
}
CALCULATOR = "calculators/nps/"
TEXT_PAGE = "glossary/"


def measure_profile(chromium: str, site: Path, bare: str, profile: str, encoding: str, repeats: int) -> list[Row]:
    """Every row for one link profile and one compression, each the median of `repeats` rounds."""
    link = PROFILES[profile]
    label = f"{link.name}, {encoding}"
    loads: dict[str, list[browser.Load]] = {"nps": [], "bare": []}
    with throttled_server(site, link, encoding) as url, sync_playwright() as playwright:
        for _ in range(repeats):
            for name, page in (("nps", CALCULATOR), ("bare", bare)):
                context = browser.new_context(playwright, chromium)
                try:
                    loads[name].append(browser.load(context, url + page))
                finally:
                    context.close()
        nps, stock = (browser.median_load(loads[name]) for name in ("nps", "bare"))
        rows = [
            Row(f"{label}: nps bytes until ready", nps.page_bytes + nps.runtime_bytes, "B", TARGETS[encoding]["bytes"]),
            Row(f"{label}: nps ready", nps.ready_ms, "ms"),
            Row(f"{label}: bare loadPyodide() bytes", stock.page_bytes + stock.runtime_bytes, "B"),
            Row(f"{label}: bare loadPyodide() ready", stock.ready_ms, "ms"),
            Row(f"{label}: nps ready / bare", nps.ready_ms / stock.ready_ms, "×", TARGETS[encoding]["ratio"]),
        ]
        if encoding == "gzip":
            paints = [browser.first_paint(playwright, chromium, url + TEXT_PAGE) for _ in range(repeats)]
            rows += [
                Row(f"{link.name}: text page first contentful paint", statistics.median(p for p, _ in paints), "ms"),
                Row(f"{link.name}: text page bytes", statistics.median(c.page + c.runtime for _, c in paints), "B"),
                Row(f"{link.name}: text page Python bytes", statistics.median(c.runtime for _, c in paints), "B", 0),
            ]
        if profile == "fast" and encoding == "gzip":
            ready, tried = browser.offline_second_visit(playwright, chromium, url + CALCULATOR)
            rows += [
                # NaN: the page never became ready offline (no service worker yet).
                Row("offline second visit: nps ready", ready, "ms"),
                Row("offline second visit: requests that tried the network", tried, "", 0),
            ]
    return rows


def measure_slow_links(chromium: str, site: Path, profiles: list[str], encodings: list[str], repeats: int) -> list[Row]:
    """The throttled table for the chosen profiles and compressions."""
    bare = browser.write_bare_page(site, BARE_PAGE)
    return [
        row
        for profile in profiles
        for encoding in encodings
        for row in measure_profile(chromium, site, bare, profile, encoding, repeats)
    ]
