"""Security and privacy in real Chromium: the strict Content-Security-Policy, hostile input from
the address and the keyboard, and no request or stored data beyond what the About page says."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from calculators.registry import CALCULATORS
from tests.browser.site_map import expect_answer, form_selector, good_query, show_field, wait_settled
from tests.site_pages import calculator_path, good_params, page_paths
from tools.serve import headers_for, parse_headers

pytestmark = pytest.mark.browser

PAYLOADS = {
    # A link target, a script element and a way out of an attribute, in one value: escaping that
    # misses any one of them shows (one visit per value, and each visit starts Python).
    "markup": 'javascript:alert(1)<script>alert(1)</script>"><img src=x onerror=alert(1)>',
    "long": "<b>9</b>" + "9" * 100_000,
}

# Reported by the page for a violation in the document; the worker's own violations surface as
# console messages (Pyodide logs a blocked WebAssembly compile as a warning), caught below.
VIOLATIONS = """
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  });
"""
INJECTED = """() => ({
  images: document.querySelectorAll('img[src="x"], img[onerror]').length,
  scripts: document.scripts.length,
  bold: document.querySelectorAll('form[data-calculator] b').length,
  javascriptLinks: document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]').length,
})"""


@pytest.fixture
def hostile_page(guarded_page: Page) -> Page:
    """`guarded_page` that also fails on any dialog and any Content-Security-Policy report."""
    dialogs: list[str] = []
    policy_messages: list[str] = []

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            policy_messages.append(f"{message.type}: {message.text}")

    guarded_page.on("dialog", on_dialog)
    guarded_page.on("console", on_console)
    guarded_page.on("worker", lambda worker: worker.on("console", on_console))
    guarded_page.add_init_script(VIOLATIONS)
    yield guarded_page
    assert dialogs == [], "a dialog opened"
    assert policy_messages == [], "the Content-Security-Policy blocked something"
    if not guarded_page.is_closed():
        assert guarded_page.evaluate("window.__cspViolations || []") == [], "CSP violations"


def policy_of(built_site: Path, path: str) -> str:
    """The Content-Security-Policy the site's `_headers` gives `path`."""
    rules = parse_headers((built_site / "_headers").read_text("utf-8"))
    return dict(headers_for(rules, path)).get("Content-Security-Policy", "")


# --- Content-Security-Policy -------------------------------------------------------------------


def test_pages_and_the_worker_are_served_with_the_strict_policy(page: Page, site_url, built_site):
    name = next(iter(CALCULATORS))
    with page.expect_response(re.compile(r"/worker\.js$")) as worker_response:
        response = page.goto(site_url + calculator_path(built_site, name))
    for served in (response, worker_response.value):
        policy = served.headers.get("content-security-policy", "")
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["default-src"] == "'self'"
        script_src = directives["script-src"].split()
        assert "'wasm-unsafe-eval'" in script_src
        assert not {"'unsafe-eval'", "'unsafe-inline'", "*", "data:", "blob:"} & set(script_src)
        assert directives["worker-src"] == "'self'"
        assert directives["connect-src"] == "'self'"
    wait_settled(page, name)


def test_instant_navigation_runs_no_blocked_inline_script(hostile_page: Page, site_url):
    # Material re-inserts the inline scripts of each page it swaps in; their hashes must be allowed.
    hostile_page.goto(site_url)
    for path in ("glossary/", "about/", "calculators/"):
        hostile_page.locator(f'.md-tabs a[href$="{path}"]').first.click()
        hostile_page.wait_for_url(f"**/{path}")
    expect(hostile_page.locator("h1")).to_be_visible()


# --- Hostile input -------------------------------------------------------------------------------


def typed_fields(name: str) -> list[str]:
    """Names of the fields a person types into."""
    return [field.name for field in CALCULATORS[name].fields if field.kind in ("integer", "number", "text")]


def serve_long_address(page: Page, built_site: Path, path: str) -> None:
    """Answer the page's own address from the built file, whatever its length.

    The test server, like many hosts, refuses request lines over 64 KB; the browser accepts
    addresses up to 2 MB, and a shared link that long must still be harmless.
    """

    def fulfill(route: Route) -> None:
        headers = dict(headers_for(parse_headers((built_site / "_headers").read_text("utf-8")), "/" + path))
        headers["Content-Type"] = "text/html; charset=utf-8"
        route.fulfill(status=200, headers=headers, body=(built_site / path / "index.html").read_bytes())

    page.route(lambda url: urlsplit(url).path == "/" + path and bool(urlsplit(url).query), fulfill)


def assert_nothing_injected(page: Page, baseline: dict) -> None:
    found = page.evaluate(INJECTED)
    assert found == baseline, f"markup from the input reached the page: {found} vs {baseline}"


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_ready_under_the_strict_policy_and_hostile_address_parameters_are_text(
    hostile_page: Page, site_url, built_site, name
):
    path = calculator_path(built_site, name)
    assert "'wasm-unsafe-eval'" in policy_of(built_site, "/" + path)
    serve_long_address(hostile_page, built_site, path)
    response = hostile_page.goto(f"{site_url}{path}?{good_query(name)}")
    assert response.headers.get("content-security-policy") == policy_of(built_site, "/" + path)
    assert expect_answer(hostile_page, name)["status"] == "ok"
    baseline = hostile_page.evaluate(INJECTED)
    calculator = CALCULATORS[name]
    for label, payload in PAYLOADS.items():
        # Every field at once, choices and files included, plus a parameter no form knows; the long
        # text goes into one field only, or the address would pass the browser's 2 MB limit.
        fields = [field.name for field in calculator.fields]
        if label == "long":
            fields = (typed_fields(name) or fields)[:1]
        params = dict.fromkeys(fields, payload) | {payload[:40]: payload}
        hostile_page.goto(f"{site_url}{path}?{urlencode(params)}")
        expected = expect_answer(hostile_page, name, untouched_ok=True)
        assert_nothing_injected(hostile_page, baseline)
        if typed_fields(name):
            assert expected["status"] == "error", label
        # The address bar keeps carrying the text as text.
        assert "<" not in hostile_page.evaluate("location.search")


@pytest.mark.parametrize("name", [name for name in CALCULATORS if typed_fields(name)])
def test_hostile_typed_input_is_text(hostile_page: Page, site_url, built_site, name):
    calculator = CALCULATORS[name]
    hostile_page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
    expect_answer(hostile_page, name)
    baseline = hostile_page.evaluate(INJECTED)
    form = hostile_page.locator(form_selector(name))
    for field_name in typed_fields(name):
        field = calculator.field(field_name)
        show_field(hostile_page, calculator, field_name)
        control = form.locator(f'[name="{field_name}"]')
        # The long values once, in the first field: they test the page's size limits, not a field.
        long_values = [PAYLOADS["long"], "я" * 100_000] if field_name == typed_fields(name)[0] else []
        for payload in [PAYLOADS["markup"], *long_values]:
            control.fill(payload)
            expected = expect_answer(hostile_page, name)
            assert expected["status"] == "error" or field.kind == "text"
            assert_nothing_injected(hostile_page, baseline)
        control.fill(dict(good_params(name))[field_name])
        assert expect_answer(hostile_page, name)["status"] == "ok"


# --- Privacy -------------------------------------------------------------------------------------


# No request leaves the site and no cookie is set on any page: `guarded_page` asserts both after
# every browser test, and test_accessibility.py opens every page with it.


ABOUT = Path(__file__).resolve().parents[2] / "docs" / "about" / "index.md"
MATERIAL_KEY = re.compile(r"^.*\.(__\w+)$")


def documented_storage_keys() -> set[str]:
    """The `localStorage` keys listed in the About page's table."""
    rows = [line for line in ABOUT.read_text("utf-8").splitlines() if line.startswith("| `")]
    return {re.match(r"\| `([^`]+)`", row).group(1) for row in rows}


def stored_keys(page: Page, storage: str) -> set[str]:
    """Keys in `localStorage` or `sessionStorage`, with Material's site-scope prefix removed."""
    keys = page.evaluate(f"Object.keys(window.{storage})")
    return {MATERIAL_KEY.sub(r"\1", key) for key in keys}


def test_the_about_page_lists_every_key_the_calculators_store():
    remembered = {f"clg:{name}" for name, calculator in CALCULATORS.items() if calculator.remember}
    documented = documented_storage_keys()
    assert {key for key in documented if key.startswith("clg:")} == remembered


def test_the_site_stores_only_what_the_about_page_lists(guarded_page: Page, site_url, built_site):
    for name in CALCULATORS:
        guarded_page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
        expect_answer(guarded_page, name)
    # The palette toggle and a content tab are the theme's two remembered choices.
    guarded_page.locator("form[data-md-component=palette] label:visible").first.click()
    for path in page_paths():
        guarded_page.goto(site_url + path)
        tab = guarded_page.locator(".tabbed-labels label").nth(1)
        if tab.count():
            tab.click()
            break
    local = stored_keys(guarded_page, "localStorage")
    assert local <= documented_storage_keys(), f"stored but not on the About page: {local - documented_storage_keys()}"
    assert {"__palette"} <= local
    session = stored_keys(guarded_page, "sessionStorage")
    assert session <= documented_storage_keys(), f"sessionStorage keys not on the About page: {session}"


MARKER = "987654321"


@pytest.mark.parametrize("name", [name for name in CALCULATORS if typed_fields(name)])
def test_typed_data_is_sent_nowhere(guarded_page: Page, site_url, built_site, name):
    # Not even to the site's own server: the numbers stay in the page, the worker and the address bar.
    sent: list[str] = []
    guarded_page.on(
        "request",
        lambda request: sent.append(request.url) if MARKER in request.url + (request.post_data or "") else None,
    )
    guarded_page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
    expect_answer(guarded_page, name)
    # The first field that a link carries (pasted customer tables never go into one).
    shared = next(field for field in typed_fields(name) if CALCULATORS[name].field(field).shared)
    show_field(guarded_page, CALCULATORS[name], shared)
    control = guarded_page.locator(f'{form_selector(name)} [name="{shared}"]')
    control.fill(MARKER)
    expect_answer(guarded_page, name)
    guarded_page.locator(f"{form_selector(name)} [data-action=copy-link]").click()
    guarded_page.wait_for_load_state("networkidle")
    assert MARKER in guarded_page.url
    assert sent == []
