"""Every calculator in Firefox ESR and WebKitGTK: live from a prefilled link with CPython's numbers, live on
typing, and a calculator page visited once live again with the server gone (the service worker).

Readers on phones use Safari's engine and many desktop readers Firefox; the full suite runs in
Chromium, this one proves the same contract in the other two engines.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest

from calculators.calculator import Calculator
from calculators.registry import CALCULATORS
from tests.calculator_inputs import changed_inputs, expected_values, first_typed_field
from tests.conftest import localise_sitemap
from tests.engines.drivers import EnginePage, settle
from tests.serving import serve
from tests.site.reading import precache_lists

# One worker starts Firefox and WebKit (session fixtures) for every test here.
pytestmark = [pytest.mark.engines, pytest.mark.xdist_group("engines")]
READY_S = 90
RESULTS = (
    "Object.fromEntries([...document.querySelectorAll('[data-result]')]"
    ".map((e) => [e.dataset.result, e.dataset.value]))"
)


def status(calculator: Calculator) -> str:
    return f"document.querySelector('form[data-calculator={calculator.name}]')?.dataset.status"


@pytest.mark.parametrize("calculator", CALCULATORS.values(), ids=lambda c: c.name)
def test_a_prefilled_link_goes_live_with_cpythons_numbers_and_typing_recomputes(
    engine: EnginePage, engine_site_url: str, calculator: Calculator
):
    inputs = changed_inputs(calculator)
    engine.open(f"{engine_site_url}calculators/{calculator.name}/?{urlencode(inputs)}")
    assert settle(engine, status(calculator), "ready", READY_S) == "ready"
    assert engine.evaluate(RESULTS) == expected_values(calculator, inputs)

    field = first_typed_field(calculator)
    if field is None:  # A questionnaire of choices: nothing to type.
        return
    retyped = {field.name: str(int(float(field.default)) * 3 + 2)}
    engine.type(f"#clg-{calculator.name}-{field.name}", retyped[field.name])
    expected = expected_values(calculator, inputs | retyped)
    assert settle(engine, RESULTS, expected, 30) == expected
    assert f"{field.name}={retyped[field.name]}" in engine.evaluate("location.search")


@pytest.mark.parametrize("engine_name", ["firefox", "webkit"])
def test_the_console_check_is_not_blind(request: pytest.FixtureRequest, engine_site_url: str, engine_name: str):
    # The smoke test's «no console error» means something only if an error would be seen.
    page: EnginePage = request.getfixturevalue(f"{engine_name}_page")
    page.open(engine_site_url)
    page.errors()
    page.evaluate("console.error('planted by the test') || true")
    assert settle(page, "true", True, 1) and any("planted by the test" in text for text in page.errors())


# Every address in the page's Cache Storage, whatever the cache.
CACHED = """(async () => {
  const addresses = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) addresses.push(request.url);
  }
  return addresses.sort();
})()"""


@pytest.mark.parametrize("engine_name", ["firefox", "webkit"])
def test_a_calculator_page_visited_once_works_offline(
    request: pytest.FixtureRequest, probed_site: Path, tmp_path: Path, engine_name: str
):
    page: EnginePage = request.getfixturevalue(f"{engine_name}_page")
    page.errors()
    site = shutil.copytree(probed_site, tmp_path / "site")
    calculator = CALCULATORS["nps"]
    inputs = changed_inputs(calculator)
    with serve(site) as url:
        localise_sitemap(site, url)
        address = f"{url}calculators/nps/?{urlencode(inputs)}"
        page.open(address)
        assert settle(page, status(calculator), "ready", READY_S) == "ready"
        lists = precache_lists(site)
        kept = sorted(url + path.removeprefix("./") for path in (*lists["cacheFirst"], *lists["networkFirst"]))
        assert settle(page, "Boolean(navigator.serviceWorker.controller)", True, 60) is True
        assert settle(page, CACHED, kept, 60) == kept
    # The server is gone: whatever the page gets now, the service worker gives.
    page.open(address)
    assert settle(page, status(calculator), "ready", READY_S) == "ready"
    assert page.evaluate(RESULTS) == expected_values(calculator, inputs)
    assert page.errors() == []
