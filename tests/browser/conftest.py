"""A browser page that fails the test on any console error or any request leaving the site."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

READY_TIMEOUT_MS = 90_000


@pytest.fixture
def guarded_page(page: Page, site_url: str) -> Iterator[Page]:
    """`page`, asserting at the end that the console stayed clean, no request left the origin and
    no cookie was set."""
    origin = urlsplit(site_url).netloc
    console_errors: list[str] = []
    foreign_requests: list[str] = []
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    page.on(
        "request",
        lambda request: (
            foreign_requests.append(request.url)
            if urlsplit(request.url).scheme in ("http", "https", "ws", "wss") and urlsplit(request.url).netloc != origin
            else None
        ),
    )
    page.set_default_timeout(READY_TIMEOUT_MS)
    yield page
    assert console_errors == [], "console errors"
    assert foreign_requests == [], "requests to other origins"
    assert page.context.cookies() == [], "cookies"


def wait_for_status(page: Page, status: str, calculator: str = "nps") -> None:
    """Wait until the calculator's form reports `status` in `data-status`."""
    page.wait_for_selector(f'form[data-calculator="{calculator}"][data-status="{status}"]', timeout=READY_TIMEOUT_MS)


def result_value(page: Page, key: str) -> str:
    """The machine-readable value of one result."""
    return page.get_attribute(f'[data-result="{key}"]', "data-value") or ""


def eventually(page: Page, condition: Callable[[], object], seconds: float) -> bool:
    """Poll `condition()` from Python until it holds or `seconds` pass; whether it holds.

    Playwright's `wait_for_function` evaluates a string in the page, which the site's CSP forbids.
    """
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    return bool(condition())
