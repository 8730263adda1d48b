"""Measurements in Chromium against the built site served on 127.0.0.1."""

from __future__ import annotations

import math
import statistics
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path

from playwright.sync_api import BrowserContext, Locator, Page, Playwright
from playwright.sync_api import Error as PlaywrightError

from benchmarks.pages import INPUT_LATENCY, PAGE_PROBE
from macros.bundle import LOCK_FILE, PYODIDE_FILES, STOCK_STDLIB, place, pyodide_source
from tests.conftest import CHROMIUM_ARGS, PROJECT

READY_TIMEOUT_MS = 120_000
BARE_DIR = "bench-bare"
# Where the site's runtime and the baseline's stock Pyodide are served from.
RUNTIME_PATHS = ("/assets/pyodide/", f"/{BARE_DIR}/pyodide/")


@dataclass
class Load:
    """One page load: time to ready from navigation start, long tasks before ready, bytes."""

    ready_ms: float
    longest_task_ms: float
    total_blocking_ms: float
    page_bytes: int = 0
    runtime_bytes: int = 0


@dataclass
class ByteCounter:
    """Bytes of finished responses (headers and body as sent), split into page and Python runtime."""

    page: int = 0
    runtime: int = 0
    urls: list[str] = field(default_factory=list)

    def count(self, request) -> None:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        self.urls.append(request.url)
        if any(path in request.url for path in RUNTIME_PATHS):
            self.runtime += size
        else:
            self.page += size


def new_context(playwright: Playwright, chromium: str) -> BrowserContext:
    """A browser with its own on-disk profile, so that a second visit finds the HTTP cache warm."""
    profile = tempfile.mkdtemp(prefix="clg-bench-profile-")
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=chromium, args=CHROMIUM_ARGS, headless=True, bypass_csp=True
    )
    context.add_init_script(PAGE_PROBE)
    return context


def wait_ready(page: Page) -> float:
    """Wait for the page's probe to record readiness and return the moment, ms from navigation."""
    page.wait_for_function("window.__bench && window.__bench.readyAt !== null", timeout=READY_TIMEOUT_MS)
    return page.evaluate("window.__bench.readyAt")


def load(context: BrowserContext, url: str) -> Load:
    """Open `url` in a new tab (a new worker), wait for ready, report timings and bytes."""
    page = context.new_page()
    counter = ByteCounter()
    page.on("requestfinished", counter.count)
    page.goto(url)
    ready = wait_ready(page)
    # Bytes until ready, not what comes after (the search index, the other calculators).
    page_bytes, runtime_bytes = counter.page, counter.runtime
    tasks = page.evaluate("window.__bench.longTasks")
    before_ready = [task["duration"] for task in tasks if task["start"] <= ready]
    page.close()
    return Load(
        ready_ms=ready,
        longest_task_ms=max(before_ready, default=0.0),
        total_blocking_ms=sum(max(0.0, duration - 50) for duration in before_ready),
        page_bytes=page_bytes,
        runtime_bytes=runtime_bytes,
    )


def cold_and_warm(playwright: Playwright, chromium: str, url: str) -> tuple[Load, Load]:
    """The first load in a fresh profile and a second load in a new tab of the same profile."""
    context = new_context(playwright, chromium)
    try:
        return load(context, url), load(context, url)
    finally:
        context.close()


def page_bytes(playwright: Playwright, chromium: str, url: str) -> ByteCounter:
    """Bytes a page transfers in a fresh profile, waiting a moment for late requests."""
    context = new_context(playwright, chromium)
    try:
        page = context.new_page()
        counter = ByteCounter()
        page.on("requestfinished", counter.count)
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(500)
        return counter
    finally:
        context.close()


def input_latency(playwright: Playwright, chromium: str, url: str, changes: int = 100) -> list[float]:
    """Input event → updated result, in ms, for `changes` edits of the NPS promoters field."""
    context = new_context(playwright, chromium)
    try:
        page = context.new_page()
        page.goto(url)
        wait_ready(page)
        values = [str(10 + index) for index in range(changes)]
        return page.evaluate(INPUT_LATENCY, ["#clg-nps-promoters", '[data-result="nps"]', values])
    finally:
        context.close()


@dataclass
class Navigation:
    """A click on a calculator link, in ms from the page's click event: the theme's part and ours."""

    swapped_ms: float
    ready_ms: float


def click_to_ready(page: Page, link: Locator, calculator: str) -> Navigation:
    """Click `link` and time the page's click event to the new page in place and to `calculator` ready."""
    link.click()
    page.wait_for_function(f"'{calculator}' in window.__bench.readyByName", timeout=READY_TIMEOUT_MS)
    probe = "window.__bench"
    swapped, ready = page.evaluate(
        f"[{probe}.swappedAt, {probe}.readyByName['{calculator}']].map((moment) => moment - {probe}.clickedAt)"
    )
    return Navigation(swapped_ms=swapped, ready_ms=ready)


def instant_navigation(playwright: Playwright, chromium: str, first_url: str, second: str) -> Navigation:
    """Clicking a nav link from one calculator's page to another's, in the same tab, as soon as the first is ready."""
    context = new_context(playwright, chromium)
    try:
        page = context.new_page()
        page.goto(first_url)
        wait_ready(page)
        return click_to_ready(page, page.locator(f'nav a[href$="{second}/"]').first, second)
    finally:
        context.close()


def click_through(playwright: Playwright, chromium: str, url: str, calculator: str, hover_ms: int) -> float:
    """From a page without a calculator: hover a calculator link for `hover_ms`, click it, time to ready.

    The time runs from the click, so it shows what starting Python on hover saves the reader.
    """
    context = new_context(playwright, chromium)
    try:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        link = page.locator(f'.md-content a[href$="{calculator}/"]').first
        link.hover()
        page.wait_for_timeout(hover_ms)
        return click_to_ready(page, link, calculator).ready_ms
    finally:
        context.close()


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of `values` lie (nearest rank).

    Examples:
        >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5)
        2.0
    """
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def median(values: list[float]) -> float:
    """The median of `values`."""
    return statistics.median(values)


def median_load(loads: list[Load]) -> Load:
    """Each figure's median over several loads of the same page.

    Examples:
        >>> median_load([Load(1.0, 5.0, 0.0, 10), Load(3.0, 1.0, 0.0, 10), Load(2.0, 9.0, 0.0, 12)]).ready_ms
        2.0
    """
    return Load(*(statistics.median(getattr(load, item.name) for load in loads) for item in fields(Load)))


def write_bare_page(site: Path, html: str) -> str:
    """Put the bare-Pyodide baseline page into the built site; return its path in the site.

    The baseline is Pyodide as the npm package ships it: its files, with the stock standard
    library and lock file, beside the page, without compressed siblings.
    """
    target = site / BARE_DIR
    (target / "pyodide").mkdir(parents=True, exist_ok=True)
    stock = pyodide_source(PROJECT)
    for name in (*PYODIDE_FILES, LOCK_FILE, STOCK_STDLIB):
        place(stock / name, target / "pyodide" / name)
    (target / "index.html").write_text(html, encoding="utf-8")
    return f"{BARE_DIR}/"


# The page's first contentful paint, from navigation start.
FIRST_PAINT = """
new Promise((resolve) => {
  new PerformanceObserver((list) => {
    const entry = list.getEntries().find((item) => item.name === "first-contentful-paint");
    if (entry) resolve(entry.startTime);
  }).observe({ type: "paint", buffered: true });
})
"""


def first_paint(playwright: Playwright, chromium: str, url: str) -> tuple[float, ByteCounter]:
    """A page's first contentful paint (ms) and every byte it moves until the network is idle, cold."""
    context = new_context(playwright, chromium)
    try:
        page = context.new_page()
        counter = ByteCounter()
        page.on("requestfinished", counter.count)
        page.goto(url)
        painted = page.evaluate(FIRST_PAINT)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        return painted, counter
    finally:
        context.close()


# How long the offline visit may take before it counts as failed.
OFFLINE_TIMEOUT_MS = 30_000


def offline_second_visit(playwright: Playwright, chromium: str, url: str) -> tuple[float, int]:
    """Visit `url` until ready, give a service worker time to precache, cut the network, visit again.

    Returns ms to ready on the second visit (NaN when it never gets there) and the requests that
    tried the network meanwhile.
    """
    context = new_context(playwright, chromium)
    try:
        page = context.new_page()
        page.goto(url)
        wait_ready(page)
        page.evaluate(
            "navigator.serviceWorker ? Promise.race([navigator.serviceWorker.ready,"
            " new Promise((resolve) => setTimeout(resolve, 3000))]) : null"
        )
        page.wait_for_timeout(2000)
        page.close()
        context.set_offline(True)
        page = context.new_page()
        tried: list[str] = []
        page.on("requestfailed", lambda request: tried.append(request.url))
        try:
            page.goto(url)
            page.wait_for_function("window.__bench && window.__bench.readyAt !== null", timeout=OFFLINE_TIMEOUT_MS)
            return page.evaluate("window.__bench.readyAt"), len(tried)
        except PlaywrightError:
            return math.nan, len(tried)
    finally:
        context.close()
