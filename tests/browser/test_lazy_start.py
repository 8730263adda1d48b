"""On a slow or metered link Python waits for the reader: no byte of Pyodide before the form is
touched, the page says how much will be downloaded; on a fast link, or where the browser reports
nothing about its connection, Python starts with the page as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from macros.bundle import RUNTIME_DIR
from tests.browser.conftest import wait_for_status
from tests.browser.site_map import expect_answer, form_selector
from tests.browser.test_accessibility import axe_problems

# `navigator.connection` as Chromium reports it, replaced before any script of the page runs.
CONNECTION = "Object.defineProperty(Navigator.prototype, 'connection', {{configurable: true, get: () => ({})}});"
SAVE_DATA = "{saveData: true, effectiveType: '4g', addEventListener() {}}"
RUNTIME = "/assets/pyodide/"


def on_link(page: Page, connection: str) -> list[str]:
    """Emulate the link `connection` and return the runtime requests the page makes, as they happen.

    The runtime's manifest (half a kilobyte, for the size the page states) does not count.
    """
    page.add_init_script(CONNECTION.format(connection))
    requests: list[str] = []
    page.on(
        "request",
        lambda request: (
            requests.append(request.url) if RUNTIME in request.url and "/manifest-" not in request.url else None
        ),
    )
    return requests


def megabytes(site: Path) -> str:
    """The runtime's size as the page states it: «4,8 МБ», from the manifest the build wrote."""
    (manifest,) = (site / RUNTIME_DIR).rglob("manifest-*.json")
    total = json.loads(manifest.read_text(encoding="utf-8"))["total"]["gzip"]
    return f"{total / 1e6:.1f}".replace(".", ",") + "\u00a0МБ"


@pytest.mark.parametrize(
    "connection",
    [
        pytest.param(SAVE_DATA, id="save-data"),
        pytest.param("{saveData: false, effectiveType: '3g', addEventListener() {}}", id="3g"),
    ],
)
def test_on_a_slow_link_python_waits_until_the_form_is_touched(guarded_page: Page, site_url, built_site, connection):
    runtime = on_link(guarded_page, connection)
    guarded_page.goto(site_url + "calculators/clv/", wait_until="networkidle")
    guarded_page.wait_for_timeout(500)
    assert runtime == []
    assert guarded_page.evaluate("window.clgRuntime.workerStarts") == 0
    notice = guarded_page.locator(".clg-lazy")
    expect(notice).to_contain_text(f"Для живого расчёта загрузится Python: {megabytes(built_site)}.")
    assert axe_problems(guarded_page) == []
    # The static example stays while Python waits.
    expect(guarded_page.locator(f"{form_selector('clv')} .clg-output [data-result]").first).to_be_visible()
    guarded_page.locator(f"{form_selector('clv')} input[name=arpa]").focus()
    wait_for_status(guarded_page, "ready", "clv")
    assert runtime and guarded_page.evaluate("window.clgRuntime.workerStarts") == 1
    expect(notice).to_have_count(0)
    guarded_page.locator(f"{form_selector('clv')} input[name=arpa]").fill("250000")
    expect_answer(guarded_page, "clv")


def test_the_start_button_starts_python(guarded_page: Page, site_url):
    runtime = on_link(guarded_page, SAVE_DATA)
    guarded_page.goto(site_url + "calculators/nps/")
    button = guarded_page.get_by_role("button", name="Запустить сейчас")
    button.click()
    wait_for_status(guarded_page, "ready")
    assert runtime


def test_a_calculator_reached_by_instant_navigation_also_waits(guarded_page: Page, site_url):
    runtime = on_link(guarded_page, SAVE_DATA)
    guarded_page.goto(site_url + "calculators/", wait_until="networkidle")
    guarded_page.evaluate("window.clgNoReload = true")
    # A click without pointing at the link first (pointing is itself a sign of intent).
    guarded_page.locator('article a[href$="nps/"]').first.evaluate("link => link.click()")
    guarded_page.wait_for_url("**/calculators/nps/")
    assert guarded_page.evaluate("window.clgNoReload") is True, "instant navigation"
    expect(guarded_page.locator(".clg-lazy")).to_be_visible()
    assert runtime == []
    guarded_page.locator(f"{form_selector('nps')} input:visible").first.press("Tab")
    wait_for_status(guarded_page, "ready")


@pytest.mark.parametrize(
    "connection",
    [
        pytest.param("{saveData: false, effectiveType: '4g', addEventListener() {}}", id="4g"),
        pytest.param("undefined", id="no-connection-api"),
    ],
)
def test_on_a_fast_or_unknown_link_python_starts_with_the_page(guarded_page: Page, site_url, connection):
    runtime = on_link(guarded_page, connection)
    guarded_page.goto(site_url + "calculators/nps/")
    wait_for_status(guarded_page, "ready")
    assert runtime and guarded_page.evaluate("window.clgRuntime.startedInHead") is True
    expect(guarded_page.locator(".clg-lazy")).to_have_count(0)
