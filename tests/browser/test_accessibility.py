"""WCAG 2.2 AA checks in real Chromium: axe-core on every page, and each calculator by keyboard,
for screen readers, at 360 px and at 200 % zoom."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from calculators.registry import CALCULATORS
from tests.browser.site_map import (
    CYRILLIC,
    answer,
    built_page_paths,
    calculator_path,
    expect_answer,
    form_selector,
    good_params,
    good_query,
    page_paths,
    wait_settled,
)

pytestmark = pytest.mark.browser

AXE = Axe()
BLOCKING_IMPACTS = ("serious", "critical")
PALETTES = {"light": "default", "dark": "slate"}


def axe_problems(page: Page) -> list[str]:
    """Serious and critical axe-core violations on the page, one line per element."""
    results = AXE.run(page).response
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {node['target']}: "
        f"{node.get('failureSummary', '').splitlines()[-1:]}"
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
        for node in violation["nodes"]
    ]


def open_in_palette(page: Page, url: str, palette: str) -> None:
    """Open `url` in the light or dark palette; Material follows the system's colour scheme."""
    page.emulate_media(color_scheme="dark" if palette == "dark" else "light")
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", PALETTES[palette])


def calculators_on(site, path: str) -> list[str]:
    """Names of the calculators whose form is on the page at `path`."""
    html = (site / path / "index.html").read_text("utf-8")
    return [name for name in CALCULATORS if f'data-calculator="{name}"' in html]


def test_every_built_page_is_visited(built_site):
    assert built_page_paths(built_site) == set(page_paths())


@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("path", page_paths())
def test_page_has_no_serious_axe_violations(guarded_page: Page, site_url, built_site, path, palette):
    open_in_palette(guarded_page, site_url + path, palette)
    for name in calculators_on(built_site, path):
        wait_settled(guarded_page, name)
    assert axe_problems(guarded_page) == []


@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("name", list(CALCULATORS))
def test_calculator_states_have_no_serious_axe_violations(guarded_page: Page, site_url, built_site, name, palette):
    """The live result, an invalid field with its message, and Python failing to start."""
    open_in_palette(guarded_page, f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}", palette)
    assert wait_settled(guarded_page, name) == "ready"
    assert axe_problems(guarded_page) == [], "live result"
    make_invalid(guarded_page, name)
    assert axe_problems(guarded_page) == [], "invalid field"


def test_failed_state_has_no_serious_axe_violations(page: Page, site_url, built_site):
    # Contrast of the red failure message in both palettes; Python is kept from starting.
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404))
    for palette in PALETTES:
        name = next(iter(CALCULATORS))
        open_in_palette(page, site_url + calculator_path(built_site, name), palette)
        assert wait_settled(page, name) == "failed"
        assert axe_problems(page) == [], palette


def make_invalid(page: Page, name: str) -> None:
    """Put the calculator into the error state: a bad value in its first visible input, or, for a
    questionnaire without typed input, the defaults (nothing answered yet)."""
    form = page.locator(form_selector(name))
    text = form.locator("input[type=text]:visible, textarea:visible").first
    if text.count():
        text.fill("abc")
    else:
        page.evaluate("localStorage.clear()")
        page.goto(page.url.split("?")[0])
    assert expect_answer(page, name)["status"] == "error", "no way to make this calculator show an error"


# --- Keyboard ---------------------------------------------------------------------------------

TAB_STOPS = """form => {
  const visible = (el) => el.checkVisibility({visibilityProperty: true});
  const candidates = form.querySelectorAll(
    'input, textarea, select, button, summary, a[href], [tabindex]:not([tabindex="-1"])');
  const stops = [];
  const groups = new Set();
  for (const el of candidates) {
    if (el.disabled || !visible(el)) continue;
    if (el.type === 'radio') {
      if (groups.has(el.name)) continue;
      groups.add(el.name);
      const checked = form.querySelector(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`);
      stops.push(checked || el);
    } else {
      stops.push(el);
    }
  }
  return stops.map((el, index) => { el.dataset.tabStop = String(index); return index; }).length;
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) : 0;
  return {stop: el.dataset.tabStop ?? null, tag: el.tagName, name: el.name || el.textContent.trim().slice(0, 40),
          outline, shadow: style.boxShadow !== 'none'};
}"""


def start_before(page: Page, name: str) -> None:
    """Put the keyboard focus just before the form, as if the reader tabbed to it through the page."""
    page.evaluate(
        """selector => {
          const start = document.createElement('span');
          start.tabIndex = 0;
          start.id = 'clg-test-start';
          document.querySelector(selector).before(start);
          start.focus();
        }""",
        form_selector(name),
    )


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_tab_reaches_every_control_in_order_with_a_visible_focus(guarded_page: Page, site_url, built_site, name):
    guarded_page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
    assert wait_settled(guarded_page, name) == "ready"
    # Open folded sections by keyboard first, so that their controls are tab stops too.
    for summary in guarded_page.locator(f"{form_selector(name)} .clg-inputs summary").all():
        summary.focus()
        guarded_page.keyboard.press("Enter")
    expected = guarded_page.locator(form_selector(name)).evaluate(TAB_STOPS)
    assert expected > 0
    start_before(guarded_page, name)
    visited = []
    for _ in range(expected):
        guarded_page.keyboard.press("Tab")
        focused = guarded_page.evaluate(FOCUSED)
        visited.append(focused["stop"])
        assert focused["outline"] >= 2 or focused["shadow"], f"no visible focus on {focused}"
    assert visited == [str(index) for index in range(expected)]


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_radios_and_buttons_work_from_the_keyboard(guarded_page: Page, site_url, built_site, name):
    guarded_page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
    assert wait_settled(guarded_page, name) == "ready"
    form = guarded_page.locator(form_selector(name))
    radios = form.locator("input[type=radio]:checked")
    if radios.count():
        radio = radios.first
        group = radio.get_attribute("name")
        before = radio.get_attribute("value")
        radio.focus()
        guarded_page.keyboard.press("ArrowDown")
        after = form.locator(f'input[type=radio][name="{group}"]:checked').get_attribute("value")
        assert after != before, "arrow keys do not move the choice"
        assert f"{group}={after}" in guarded_page.url
        wait_settled(guarded_page, name)
        # Space re-selects the focused choice and keeps the form working.
        guarded_page.keyboard.press("Space")
        wait_settled(guarded_page, name)
    summary = form.locator("summary").first
    if summary.count():
        summary.focus()
        was_open = summary.evaluate("el => el.parentElement.open")
        guarded_page.keyboard.press("Enter")
        assert summary.evaluate("el => el.parentElement.open") != was_open
    copy = form.locator("[data-action=copy-link]")
    done = form.locator(".clg-actions__done")
    for key in ("Enter", "Space"):
        done.evaluate("el => { el.textContent = ''; }")
        copy.focus()
        guarded_page.keyboard.press(key)
        expect(done).not_to_have_text("")


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_a_change_updates_the_announced_result(guarded_page: Page, site_url, built_site, name):
    guarded_page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
    assert wait_settled(guarded_page, name) == "ready"
    form = guarded_page.locator(form_selector(name))
    live = form.locator("[aria-live]")
    expect(live).to_have_count(1)
    assert live.get_attribute("aria-live") in ("polite", "assertive")
    results = form.locator("[data-result]")
    assert results.count() > 0
    # Every key figure sits inside the live region, so a change is read out.
    assert all(item.evaluate("el => !!el.closest('[aria-live]')") for item in results.all())
    expect(form.locator(".clg-status__text")).to_have_attribute("role", "status")
    before = {item.get_attribute("data-result"): item.get_attribute("data-value") for item in results.all()}
    text = form.locator("input[type=text]:visible").first
    if text.count():
        value = text.input_value().replace(",", ".").replace(" ", "").replace("\u00a0", "")
        text.focus()
        guarded_page.keyboard.press("Control+A")
        guarded_page.keyboard.type(format(float(value) * 2 + 1, "g"))
    else:
        form.locator("input[type=radio]:checked").first.focus()
        guarded_page.keyboard.press("ArrowDown")
    expected = expect_answer(guarded_page, name)
    assert expected["status"] == "ok"
    assert expected["values"] != before, "the change did not change the result"
    after = {item.get_attribute("data-result"): item.get_attribute("data-value") for item in results.all()}
    assert after == expected["values"]


# --- Errors tied to their fields -------------------------------------------------------------


BAD_VALUES = ("не число", "-1", "9" * 50)


def bad_params(name: str, field_name: str) -> dict[str, str] | None:
    """Form values that give a message on `field_name`, or None if nothing typed can."""
    calculator = CALCULATORS[name]
    field = calculator.field(field_name)
    for value in BAD_VALUES:
        params = dict(good_params(name))
        if calculator.mode_field and field.group:
            params[calculator.mode_field] = field.group
        params[field_name] = value
        if any(error["field"] == field_name for error in answer(name, params).get("errors", [])):
            return params
    return None


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_every_field_error_is_bound_to_its_control(guarded_page: Page, site_url, built_site, name):
    base = f"{site_url}{calculator_path(built_site, name)}"
    typed = [field.name for field in CALCULATORS[name].fields if field.kind in ("integer", "number", "text")]
    checked = 0
    for field in typed:
        params = bad_params(name, field)
        if params is None:
            continue
        guarded_page.goto(f"{base}?{urlencode(params)}")
        expected = expect_answer(guarded_page, name)
        assert field in {error["field"] for error in expected["errors"]}
        control = guarded_page.locator(f'{form_selector(name)} [name="{field}"]')
        expect(control).to_have_attribute("aria-invalid", "true")
        assert f"clg-{name}-{field}-error" in (control.get_attribute("aria-describedby") or "").split()
        assert CYRILLIC.search(guarded_page.locator(f"#clg-{name}-{field}-error").inner_text())
        checked += 1
    # Radio groups cannot hold a bad value in the browser; the questionnaire's own message
    # (nothing answered yet) must be tied to every radio of its field.
    if not typed:
        guarded_page.goto(base)
        guarded_page.evaluate("localStorage.clear()")
        guarded_page.reload()
        expected = expect_answer(guarded_page, name)
        for error in expected["errors"]:
            for control in guarded_page.locator(f'{form_selector(name)} [name="{error["field"]}"]').all():
                expect(control).to_have_attribute("aria-invalid", "true")
                assert f"clg-{name}-{error['field']}-error" in (control.get_attribute("aria-describedby") or "")
                checked += 1
    assert checked, "no field of this calculator was checked"


# --- Charts --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_charts_have_a_text_alternative(guarded_page: Page, site_url, built_site, name):
    guarded_page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
    assert wait_settled(guarded_page, name) == "ready"
    charts = guarded_page.locator(f"{form_selector(name)} svg")
    for chart in charts.all():
        alternative = chart.evaluate(
            """svg => ({
              role: svg.getAttribute('role'),
              hidden: svg.getAttribute('aria-hidden'),
              title: svg.querySelector(':scope > title')?.textContent.trim() ?? '',
              desc: svg.querySelector(':scope > desc')?.textContent.trim() ?? '',
            })"""
        )
        if alternative["hidden"] == "true":
            continue
        assert alternative["role"] == "img", alternative
        assert CYRILLIC.search(alternative["title"]), alternative
        assert CYRILLIC.search(alternative["desc"]), alternative
        # The description carries the numbers, not just a caption.
        assert any(char.isdigit() for char in alternative["desc"]), alternative
        expect(guarded_page.get_by_role("img", name=alternative["title"], exact=True).first).to_be_attached()


# --- Reflow: 360 px and 200 % zoom ---------------------------------------------------------------

OVERFLOW = """selector => {
  const width = window.innerWidth;
  const form = document.querySelector(selector);
  const clipped = [...form.querySelectorAll('input, textarea, button, label, legend, dd, dt, p, svg')]
    .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > width + 1)
    .map((el) => el.outerHTML.slice(0, 80));
  return {page: document.documentElement.scrollWidth, width, clipped};
}"""


@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [
        pytest.param(360, 740, 1, id="360px"),
        # 200 % zoom of a 1280 × 800 window: the layout gets half the CSS pixels.
        pytest.param(640, 400, 2, id="zoom-200"),
    ],
)
@pytest.mark.parametrize("name", list(CALCULATORS))
def test_calculator_reflows_without_horizontal_scrolling(browser, site_url, built_site, name, width, height, scale):
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale)
    try:
        page = context.new_page()
        page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
        assert wait_settled(page, name) == "ready"
        result = page.evaluate(OVERFLOW, form_selector(name))
        assert result["page"] <= result["width"], f"page scrolls sideways: {result}"
        assert result["clipped"] == []
        make_invalid(page, name)
        result = page.evaluate(OVERFLOW, form_selector(name))
        assert result["page"] <= result["width"], f"page scrolls sideways with an error shown: {result}"
    finally:
        context.close()


@pytest.mark.parametrize("path", page_paths())
def test_page_reflows_at_360_px(browser, site_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(site_url + path)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], json.dumps(width)
    finally:
        context.close()
