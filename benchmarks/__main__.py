"""Run the benchmark: build, measure in Chromium, print the table, write JSON."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks import browser
from benchmarks.build import build_times
from benchmarks.pages import BARE_PAGE
from benchmarks.report import Row, render_table
from benchmarks.slow_link import measure_slow_links
from benchmarks.throttle import ENCODINGS, PROFILES
from calculators.registry import CALCULATORS
from tests.conftest import build_site, localise_sitemap
from tests.serving import serve

# Rounds of every measurement by default; the table gives the median round.
REPEATS = 3
BARE = "bare"
RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
THROTTLED_RESULTS = RESULTS.with_name("throttled.json")
TARGETS = {
    "overhead_ratio": 1.10,
    "longest_task_ms": 200,
    "input_p95_ms": 50,
    "second_calculator_ms": 150,
    "build_ratio": 1.3,
}


def measure(chromium: str, workdir: Path, repeats: int = REPEATS) -> list[Row]:
    """Every figure of the benchmark, as table rows, each the median of `repeats` rounds."""
    site = build_site(workdir / "site")
    bare_path = browser.write_bare_page(site, BARE_PAGE)
    rows: list[Row] = []
    with serve(site) as url, sync_playwright() as playwright:
        localise_sitemap(site, url)
        pages = {BARE: url + bare_path} | {name: f"{url}calculators/{name}/" for name in CALCULATORS}
        # Each page's cold and warm loads, the pages in turn and the round repeated, so that a slow
        # moment of this shared machine falls on all of them alike; the medians are reported.
        loads: dict[str, list[tuple[browser.Load, browser.Load]]] = {name: [] for name in pages}
        for _ in range(repeats):
            for name, page_url in pages.items():
                loads[name].append(browser.cold_and_warm(playwright, chromium, page_url))
        cold = {name: browser.median_load([pair[0] for pair in pairs]) for name, pairs in loads.items()}
        warm = {name: browser.median_load([pair[1] for pair in pairs]) for name, pairs in loads.items()}
        bare_cold, bare_warm = cold.pop(BARE), warm.pop(BARE)
        rows += [
            Row("bare loadPyodide(), cold", bare_cold.ready_ms, "ms"),
            Row("bare loadPyodide(), warm cache", bare_warm.ready_ms, "ms"),
            Row("bare page: main thread's longest task", bare_cold.longest_task_ms, "ms"),
        ]
        for name in CALCULATORS:
            rows += [
                Row(f"{name}: ready, cold", cold[name].ready_ms, "ms"),
                Row(f"{name}: ready, warm cache", warm[name].ready_ms, "ms"),
                Row(
                    f"{name}: overhead ratio, cold",
                    cold[name].ready_ms / bare_cold.ready_ms,
                    "×",
                    TARGETS["overhead_ratio"],
                ),
                Row(
                    f"{name}: overhead ratio, warm",
                    warm[name].ready_ms / bare_warm.ready_ms,
                    "×",
                    TARGETS["overhead_ratio"],
                ),
                Row(f"{name}: longest main-thread task", cold[name].longest_task_ms, "ms", TARGETS["longest_task_ms"]),
                Row(f"{name}: total blocking time", cold[name].total_blocking_ms, "ms"),
                Row(f"{name}: bytes before Python", cold[name].page_bytes, "B"),
                Row(f"{name}: bytes after Python started", cold[name].page_bytes + cold[name].runtime_bytes, "B"),
            ]
        latencies = browser.input_latency(playwright, chromium, f"{url}calculators/nps/")
        rows += [
            Row("nps: input → result, p50 of 100", browser.percentile(latencies, 0.5), "ms"),
            Row("nps: input → result, p95 of 100", browser.percentile(latencies, 0.95), "ms", TARGETS["input_p95_ms"]),
        ]
        second = next((name for name in CALCULATORS if name != "nps"), None)
        if second:
            navigations = [
                browser.instant_navigation(playwright, chromium, f"{url}calculators/nps/", second)
                for _ in range(repeats)
            ]
            swapped = browser.median([navigation.swapped_ms for navigation in navigations])
            ready = browser.median([navigation.ready_ms for navigation in navigations])
            rows += [
                Row(
                    f"{second} after nps by instant navigation: click → ready",
                    ready,
                    "ms",
                    TARGETS["second_calculator_ms"],
                ),
                Row("  of which the theme: click → new page in place", swapped, "ms"),
            ]
        for hover_ms in (0, 300, 1000):
            clicks = [
                browser.click_through(playwright, chromium, url + "calculators/", "nps", hover_ms)
                for _ in range(repeats)
            ]
            clicked = browser.median(clicks)
            rows.append(Row(f"nps from a link hovered {hover_ms} ms: click → ready", clicked, "ms"))
        plain = browser.page_bytes(playwright, chromium, url + "glossary/")
        rows += [
            Row("glossary (no calculator): bytes", plain.page + plain.runtime, "B"),
            Row("glossary (no calculator): Pyodide bytes", plain.runtime, "B", 0),
        ]
    builds = build_times(workdir / "builds", repeats)
    rows += [
        Row("build: site", builds["site_ours_s"], "s"),
        Row("build: site, plain Material", builds["site_plain_s"], "s"),
        Row("build ratio: site", builds["site_ours_s"] / builds["site_plain_s"], "×", TARGETS["build_ratio"]),
        Row("build: site + 500 pages", builds["site_500_ours_s"], "s"),
        Row("build: site + 500 pages, plain Material", builds["site_500_plain_s"], "s"),
        Row(
            "build ratio: site + 500 pages",
            builds["site_500_ours_s"] / builds["site_500_plain_s"],
            "×",
            TARGETS["build_ratio"],
        ),
    ]
    return rows


def main() -> None:
    """Measure, print the table and save it as JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--repeats", type=int, help=f"rounds of each measurement, median reported (default {REPEATS}; throttled 1)"
    )
    parser.add_argument(
        "--mode",
        choices=("local", "throttled"),
        default="local",
        help="local: the full table on 127.0.0.1; throttled: the site through a slow shared link",
    )
    parser.add_argument("--profile", choices=(*PROFILES, "all"), default="all", help="throttled: which link")
    parser.add_argument("--encoding", choices=(*ENCODINGS, "all"), default="all", help="throttled: host's compression")
    args = parser.parse_args()
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with tempfile.TemporaryDirectory(prefix="clg-bench-") as workdir:
        if args.mode == "throttled":
            profiles = list(PROFILES) if args.profile == "all" else [args.profile]
            encodings = list(ENCODINGS) if args.encoding == "all" else [args.encoding]
            site = build_site(Path(workdir) / "site")
            rows = measure_slow_links(chromium, site, profiles, encodings, args.repeats or 1)
        else:
            rows = measure(chromium, Path(workdir), args.repeats or REPEATS)
    print(render_table(rows))
    results = THROTTLED_RESULTS if args.mode == "throttled" else RESULTS
    results.parent.mkdir(exist_ok=True)
    results.write_text(json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwritten to {results.relative_to(Path.cwd()) if results.is_relative_to(Path.cwd()) else results}")


if __name__ == "__main__":
    main()
