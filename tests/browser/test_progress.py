"""The loading bar follows the bytes of the runtime actually received, and never moves back."""

from __future__ import annotations

from playwright.sync_api import Page, Route

from tests.browser.conftest import eventually, wait_for_status

# Every value the bar shows while Python loads, in order.
RECORD_BAR = """
window.__bar = [];
new MutationObserver(() => {
  const bar = document.querySelector('form[data-calculator="nps"] .clg-status__progress');
  if (bar && !bar.hidden) window.__bar.push(Number(bar.value));
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["value", "hidden"] });
"""
LIBRARY = "**/assets/pyodide/*/python_stdlib-*.zip"


def test_the_bar_follows_the_bytes_received(page: Page, site_url):
    # The library is held back while the rest arrives: a bar that followed the clock would creep
    # to nearly 80 % meanwhile; one that follows bytes stays at the share already received.
    held: list[Route] = []
    page.route(LIBRARY, lambda route: held.append(route))
    page.add_init_script(RECORD_BAR)
    page.goto(site_url + "calculators/nps/")
    assert eventually(page, lambda: max(page.evaluate("window.__bar"), default=0) > 20, seconds=60)
    page.wait_for_timeout(8000)
    shown = page.evaluate("window.__bar")
    assert 20 < max(shown) < 70, shown
    for route in held:
        route.continue_()
    page.unroute(LIBRARY)
    wait_for_status(page, "ready")
    shown = page.evaluate("window.__bar")
    assert shown == sorted(shown), "the bar moved back"
