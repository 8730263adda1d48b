"""How Python starts on a calculator page: from the page head, adopted by the page's script,
and without Material's search index competing for the processor until Python is up."""

from __future__ import annotations

from playwright.sync_api import Page, Request, Route

from calculators.registry import CALCULATORS
from tests.browser.conftest import eventually, wait_for_status

SEARCH_INDEX = "search/search_index.json"


def requested(page: Page, suffix: str) -> list[Request]:
    """Every GET request of the page (and its workers) whose URL ends with `suffix`, as it happens."""
    seen: list[Request] = []
    page.on(
        "request",
        lambda request: seen.append(request) if request.method == "GET" and request.url.endswith(suffix) else None,
    )
    return seen


def test_the_worker_started_in_the_head_is_the_one_the_page_uses(guarded_page: Page, site_url):
    guarded_page.goto(site_url + "calculators/nps/")
    wait_for_status(guarded_page, "ready")
    assert guarded_page.evaluate("window.clgRuntime.workerStarts") == 1
    assert guarded_page.evaluate("window.clgEarlyWorker") is None
    assert guarded_page.evaluate("window.clgRuntime.startedInHead") is True


def test_the_search_index_waits_until_python_has_started(guarded_page: Page, site_url):
    wasm = requested(guarded_page, "pyodide.asm.wasm")
    index = requested(guarded_page, SEARCH_INDEX)
    guarded_page.goto(site_url + "calculators/nps/")
    wait_for_status(guarded_page, "ready")
    assert eventually(guarded_page, lambda: index, seconds=10)
    assert len(wasm) == 1 and len(index) == 1
    # Timings are filled in once the response has come; the request event fires before.
    index[0].response()
    wasm_done = wasm[0].timing["startTime"] + wasm[0].timing["responseEnd"]
    assert index[0].timing["startTime"] > wasm_done


def test_going_to_the_search_field_loads_the_index_at_once(page: Page, site_url):
    # Python never arrives; the reader who wants to search must not wait for it.
    page.route("**/pyodide.asm.wasm", lambda route: None)
    index = requested(page, SEARCH_INDEX)
    page.goto(site_url + "calculators/nps/")
    page.wait_for_timeout(1000)
    assert index == []
    page.keyboard.press("/")
    assert eventually(page, lambda: index, seconds=5)


def test_pages_without_a_calculator_load_the_search_index_at_once(guarded_page: Page, site_url):
    index = requested(guarded_page, SEARCH_INDEX)
    guarded_page.goto(site_url + "glossary/", wait_until="networkidle")
    assert len(index) == 1


def test_a_page_whose_worker_cannot_start_still_searches(page: Page, site_url):
    # Without the worker script the head's starter fails; search must not wait for a Python that never comes.
    def refuse(route: Route) -> None:
        route.fulfill(status=404, body="")

    page.route("**/assets/clg/worker.js", refuse)
    index = requested(page, SEARCH_INDEX)
    page.goto(site_url + "calculators/nps/")
    assert eventually(page, lambda: index, seconds=10)


def test_pointing_at_another_calculator_has_it_imported_before_the_click(guarded_page: Page, site_url):
    guarded_page.goto(site_url + "calculators/nps/")
    wait_for_status(guarded_page, "ready")
    link = guarded_page.locator('nav a[href$="calculators/clv/"]').first
    link.hover()
    assert eventually(guarded_page, lambda: "clv" in guarded_page.evaluate("window.clgRuntime.prepared"), seconds=10)
    link.click()
    wait_for_status(guarded_page, "ready", "clv")


def test_after_the_first_result_every_calculator_is_imported(guarded_page: Page, site_url):
    # Moving on to another calculator then costs no import (compiling Python in WebAssembly).
    guarded_page.goto(site_url + "calculators/nrr/")
    wait_for_status(guarded_page, "ready", "nrr")
    expected = sorted(CALCULATORS)
    prepared = "window.clgRuntime.prepared"
    assert eventually(guarded_page, lambda: sorted(guarded_page.evaluate(prepared)) == expected, seconds=10)
