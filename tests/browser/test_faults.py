"""Faults in real Chromium: Pyodide's files missing or slow, the worker dying mid-session.

Each ends in a clear state — `failed` with a Russian message, the example or last result still
shown — and «Повторить» brings Python back without reloading the page. (A host serving `.wasm`
with the wrong type is covered in test_nps_page.py.)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error, Page, Route, expect

from calculators.registry import CALCULATORS
from macros.bundle import LOCK_FILE, PYODIDE_FILES
from tests.browser.site_map import expect_answer, form_selector, good_query, wait_settled
from tests.html_elements import elements
from tests.site_pages import CYRILLIC, calculator_path

pytestmark = pytest.mark.browser

# A missing file must be reported at once, well before the load timeout (60 s) would fire.
PROMPT_FAILURE_MS = 15_000
# Short limits for the tests that wait for a timeout on purpose.
STALLED_LOAD_TIMEOUT_MS = 8_000
SILENT_WORKER_TIMEOUT_MS = 5_000
NAME = next(iter(CALCULATORS))
# The browser logs each failed download as a console error; that is the fault itself, not a bug.
EXPECTED_CONSOLE = ("Failed to load resource", "the server responded with a status of 404")


@dataclass
class Watch:
    """What went wrong on the page besides the fault a test causes on purpose."""

    problems: list[str] = field(default_factory=list)
    # Python's own files broken: Pyodide reports the consequences as uncaught errors in the worker.
    worker_errors_expected: bool = False


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def faulty_page(page: Page, site_url: str, watch: Watch) -> Iterator[Page]:
    """A page failing the test on any request that leaves the site, any uncaught exception and
    any console error other than a failed download."""
    origin = urlsplit(site_url).netloc
    page.on(
        "pageerror",
        lambda error: None if watch.worker_errors_expected else watch.problems.append(f"uncaught: {error}"),
    )
    page.on(
        "console",
        lambda message: (
            watch.problems.append(f"console: {message.text}")
            if message.type == "error"
            and not watch.worker_errors_expected
            and not any(text in message.text for text in EXPECTED_CONSOLE)
            else None
        ),
    )
    page.on(
        "request",
        lambda request: (
            watch.problems.append(f"foreign request: {request.url}")
            if urlsplit(request.url).scheme.startswith("http") and urlsplit(request.url).netloc != origin
            else None
        ),
    )
    yield page
    assert watch.problems == []


def static_values(built_site: Path, name: str) -> dict[str, str]:
    """The example figures written into the page at build time."""
    page = (built_site / calculator_path(built_site, name) / "index.html").read_text("utf-8")
    results = [item.attrs for item in elements(page) if "data-result" in item.attrs]
    return {attrs["data-result"]: attrs.get("data-value", "") for attrs in results}


def figures(page: Page, name: str) -> dict[str, str]:
    return page.locator(f"{form_selector(name)} [data-result]").evaluate_all(
        "items => Object.fromEntries(items.map(el => [el.dataset.result, el.dataset.value]))"
    )


def assert_failed_clearly(page: Page, name: str, within_ms: float = PROMPT_FAILURE_MS) -> str:
    """`failed`, a Russian message that says what to do, a visible retry button; returns the message."""
    form = page.locator(form_selector(name))
    expect(form).to_have_attribute("data-status", "failed", timeout=within_ms)
    message = form.locator(".clg-status__text").inner_text()
    assert CYRILLIC.search(message), message
    expect(form.locator("[data-action=retry]")).to_be_visible()
    expect(form.locator(".clg-status__progress")).to_be_hidden()
    # The inputs stay usable while Python is away.
    expect(form.locator("input, textarea").first).to_be_enabled()
    return message


def retry_recovers(page: Page, name: str) -> None:
    """«Повторить» by keyboard starts Python again, in the same page, and the live result returns."""
    starts = page.evaluate("window.clgRuntime.workerStarts")
    marker = page.evaluate("window.__samePage = Math.random()")
    page.locator(f"{form_selector(name)} [data-action=retry]").focus()
    page.keyboard.press("Enter")
    assert expect_answer(page, name)["status"] == "ok"
    assert page.evaluate("window.__samePage") == marker, "the page was reloaded"
    assert page.evaluate("window.clgRuntime.workerStarts") == starts + 1
    expect(page.locator(f"{form_selector(name)} [data-action=retry]")).to_be_hidden()


RUNTIME_FILES = [*PYODIDE_FILES, LOCK_FILE, "manifest-*.json", "python_stdlib-*.zip", "calculators-*.zip", "worker.js"]


@pytest.mark.parametrize("missing", RUNTIME_FILES)
def test_a_missing_runtime_file_fails_with_a_message_and_retry_recovers(
    faulty_page: Page, watch: Watch, site_url, built_site, missing
):
    watch.worker_errors_expected = True
    pattern = f"**/assets/clg/{missing}" if missing.endswith(".js") else f"**/assets/pyodide/*/{missing}"
    faulty_page.route(pattern, lambda route: route.fulfill(status=404, body="Not found"))
    faulty_page.goto(site_url + calculator_path(built_site, NAME))
    assert_failed_clearly(faulty_page, NAME)
    assert figures(faulty_page, NAME) == static_values(built_site, NAME), "the example is gone"
    # The host is fixed (the file is back); the reader retries.
    faulty_page.unroute(pattern)
    retry_recovers(faulty_page, NAME)


def throttle(page: Page, bytes_per_second: int) -> None:
    """Slow every download of the page and its worker, as DevTools' network throttling does."""
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 150,
            "downloadThroughput": bytes_per_second,
            "uploadThroughput": bytes_per_second,
        },
    )


def test_a_slow_connection_still_ends_ready(faulty_page: Page, site_url, built_site):
    # 4 MB/s: about four seconds for the runtime, inside the load timeout.
    throttle(faulty_page, 4_000_000)
    faulty_page.goto(f"{site_url}{calculator_path(built_site, NAME)}?{good_query(NAME)}")
    expect(faulty_page.locator(form_selector(NAME))).to_have_attribute("data-status", "loading")
    assert expect_answer(faulty_page, NAME)["status"] == "ok"


def test_a_stalled_download_ends_in_failed_after_the_timeout_and_retry_recovers(
    faulty_page: Page, site_url, built_site
):
    stalled: list[Route] = []
    faulty_page.add_init_script(f"window.CLG_LOAD_TIMEOUT_MS = {STALLED_LOAD_TIMEOUT_MS};")
    faulty_page.route("**/assets/pyodide/*/pyodide.asm.wasm", lambda route: stalled.append(route))
    faulty_page.goto(site_url + calculator_path(built_site, NAME))
    message = assert_failed_clearly(faulty_page, NAME, within_ms=STALLED_LOAD_TIMEOUT_MS + 30_000)
    assert f"{STALLED_LOAD_TIMEOUT_MS // 1000} с" in message
    assert figures(faulty_page, NAME) == static_values(built_site, NAME)
    faulty_page.unroute("**/assets/pyodide/*/pyodide.asm.wasm")
    # The connection is back; the retry gets the ordinary time to load.
    faulty_page.evaluate("window.CLG_LOAD_TIMEOUT_MS = 60000")
    for route in stalled:
        # The terminated worker may have taken its request with it.
        with contextlib.suppress(Error):
            route.abort()
    retry_recovers(faulty_page, NAME)


# --- The worker dying mid-session ------------------------------------------------------------

# Served in place of worker.js once: the real worker behind a hook that breaks on the second
# computation (the first is the page's own on load), either by throwing or by going silent.
# The hook is a module of its own, imported first, so that its listener runs before the worker's.
CRASHING_WORKER = """
import "./crash-hook.js";
import "./worker.js?real";
"""
CRASH_HOOK = """
let computations = 0;
self.addEventListener("message", (event) => {
  if (event.data.type === "compute" && ++computations === 2) {
    event.stopImmediatePropagation();
    %s
  }
});
"""
CRASHES = {
    "throws": 'throw new Error("simulated crash");',
    # What an out-of-memory kill looks like from the page: no answer, no error event.
    "goes-silent": "self.close();",
}


# Every calculator crashes once, and each kind of crash happens to several of them: the page's
# handling is shared (runtime.js), so every pair would double the cost and test nothing new.
CRASH_CASES = [(name, list(CRASHES)[index % len(CRASHES)]) for index, name in enumerate(CALCULATORS)]


@pytest.mark.parametrize(("name", "crash"), CRASH_CASES)
def test_a_worker_crash_mid_session_shows_a_clear_state_and_retry_recovers(
    faulty_page: Page, site_url, built_site, name, crash
):
    served = []

    def wrap_once(route: Route) -> None:
        if urlsplit(route.request.url).query or served:
            route.continue_()
            return
        served.append(route.request.url)
        route.fulfill(status=200, content_type="text/javascript", body=CRASHING_WORKER)

    faulty_page.add_init_script(f"window.CLG_COMPUTE_TIMEOUT_MS = {SILENT_WORKER_TIMEOUT_MS};")
    faulty_page.route("**/assets/clg/worker.js*", wrap_once)
    faulty_page.route(
        "**/assets/clg/crash-hook.js",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=CRASH_HOOK % CRASHES[crash]),
    )
    faulty_page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
    assert expect_answer(faulty_page, name)["status"] == "ok"
    before = figures(faulty_page, name)
    change_something(faulty_page, name)
    assert_failed_clearly(faulty_page, name, within_ms=SILENT_WORKER_TIMEOUT_MS + 10_000)
    assert figures(faulty_page, name) == before, "the last result is gone"
    retry_recovers(faulty_page, name)


def change_something(page: Page, name: str) -> None:
    """One edit by the reader, which asks Python for a new result."""
    form = page.locator(form_selector(name))
    text = form.locator("input[type=text]:visible").first
    if text.count():
        text.fill(str(int(float(text.input_value().replace(",", ".").replace(" ", "") or 0)) + 1))
    else:
        radio = form.locator("input[type=radio]:checked:visible").last
        radio.focus()
        page.keyboard.press("ArrowDown")
    wait_settled(page, name)


def test_a_policy_that_forbids_webassembly_fails_at_once_with_a_message(
    faulty_page: Page, watch: Watch, site_url, built_site
):
    # A host that copies the policy without 'wasm-unsafe-eval': the worker's policy comes from
    # the worker script's own response.
    watch.worker_errors_expected = True

    def strip_wasm(route: Route) -> None:
        response = route.fetch()
        policy = response.headers["content-security-policy"].replace(" 'wasm-unsafe-eval'", "")
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    faulty_page.route("**/assets/clg/worker.js", strip_wasm)
    faulty_page.goto(site_url + calculator_path(built_site, NAME))
    form = faulty_page.locator(form_selector(NAME))
    # Well before the load timeout: the policy is detected, not waited out.
    expect(form).to_have_attribute("data-status", "failed", timeout=PROMPT_FAILURE_MS)
    expect(form.locator(".clg-status__text")).to_contain_text("wasm-unsafe-eval")
    assert figures(faulty_page, NAME) == static_values(built_site, NAME)
