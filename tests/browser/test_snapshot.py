"""A returning reader's Python starts from Pyodide's memory snapshot, left in the HTTP cache."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext

from tests.browser.conftest import READY_TIMEOUT_MS, eventually, result_value, wait_for_status

pytestmark = pytest.mark.browser


def test_first_visit_starts_afresh_and_stores_the_snapshot_the_next_visit_uses(context: BrowserContext, site_url):
    first = context.new_page()
    first.goto(site_url + "calculators/nps/")
    wait_for_status(first, "ready")
    assert first.evaluate("window.clgRuntime.startedFrom") == "start"
    stored = "window.clgRuntime.snapshotStored === true"
    assert eventually(first, lambda: first.evaluate(stored), READY_TIMEOUT_MS / 1000)
    first.close()

    second = context.new_page()
    errors: list[str] = []
    second.on("console", lambda message: errors.append(message.text) if message.type in ("error", "warning") else None)
    second.goto(site_url + "calculators/nps/?promoters=70")
    wait_for_status(second, "ready")
    assert second.evaluate("window.clgRuntime.startedFrom") == "snapshot"
    assert result_value(second, "nps") == "41.7"
    assert errors == []
