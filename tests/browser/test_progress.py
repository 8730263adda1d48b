"""The loading bar follows the bytes of the runtime actually received, and never moves back."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.conftest import wait_for_status

# Every value the bar shows while Python loads, in order.
RECORD_BAR = """
window.__bar = [];
new MutationObserver(() => {
  const bar = document.querySelector('form[data-calculator="nps"] .clg-status__progress');
  if (bar && !bar.hidden) window.__bar.push(Number(bar.value));
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["value", "hidden"] });
"""


def slow_link(page: Page, bytes_per_second: int) -> None:
    """Throttle the page and its worker, as DevTools does."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 40, "downloadThroughput": bytes_per_second, "uploadThroughput": bytes_per_second},
    )


def test_the_bar_follows_the_bytes_received(guarded_page: Page, site_url):
    # About two seconds for the compressed runtime: long enough to see the download advance.
    slow_link(guarded_page, 2_000_000)
    guarded_page.add_init_script(RECORD_BAR)
    guarded_page.goto(site_url + "calculators/nps/")
    wait_for_status(guarded_page, "ready")
    assert guarded_page.evaluate("window.clgRuntime.measuredProgress") is True
    shown = guarded_page.evaluate("window.__bar")
    assert shown == sorted(shown), "the bar moved back"
    during_download = {value for value in shown if 10 < value < 75}
    assert len(during_download) >= 3, shown
