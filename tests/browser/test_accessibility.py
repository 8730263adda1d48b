"""WCAG 2.2 AA checks in real Chromium: axe-core on every page in both palettes, and each calculator
by keyboard alone, for screen readers, at 360 px and at 200 % zoom.

Each page is opened once for all the checks of one kind (both palettes, both widths): a visit
costs more than a check, and `make test` has to fit in 15 minutes on two cores."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from calculators.registry import CALCULATORS
from tests.browser.site_map import expect_answer, form_selector, good_query, wait_settled
from tests.site_pages import CYRILLIC, built_page_paths, calculator_path, page_paths

pytestmark = pytest.mark.browser

AXE = Axe()
BLOCKING_IMPACTS = ("serious", "critical")
PALETTES = {"light": "default", "dark": "slate"}
# What a palette changes: colours only, so after a switch only the contrast rules run again.
PALETTE_RULES = ("color-contrast",)


def axe_problems(page: Page, rules: tuple[str, ...] = ()) -> list[str]:
    """Serious and critical axe-core violations on the page, one line per element (only `rules`'s if given)."""
    options = {"resultTypes": ["violations"]} | ({"runOnly": list(rules)} if rules else {})
    results = AXE.run(page, options=options).response
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — {node['target']}: "
        f"{node.get('failureSummary', '').splitlines()[-1:]}"
        for violation in results["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
        for node in violation["nodes"]
    ]


def open_in_light_palette(page: Page, url: str) -> None:
    """Open `url` in the light palette: Material follows the system's colour scheme until the
    reader picks one (`switch_palette`), and each test starts with a fresh browser profile."""
    page.emulate_media(color_scheme="light")
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", PALETTES["light"])


def switch_palette(page: Page, palette: str) -> None:
    """Pick the other palette with the theme's toggle (no reload, Python keeps running).

    The toggle is clicked from script, not with the mouse: a hovered toggle shows its tooltip, which
    axe would measure half faded in.
    """
    page.locator("form[data-md-component=palette] label:visible").first.evaluate("label => label.click()")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", PALETTES[palette])


def make_invalid(page: Page, name: str) -> dict:
    """Put the calculator into its error state and return what CPython says the page must show.

    A typed field gets text instead of a number; a questionnaire is opened from a link that
    answers nothing (a link counts as the reader's input, so the prompt becomes an error).
    """
    form = page.locator(form_selector(name))
    text = form.locator("input[type=text]:visible, textarea:visible").first
    if text.count():
        text.fill("abc")
    else:
        field = CALCULATORS[name].fields[0]
        page.goto(f"{page.url.split('?')[0]}?{field.name}={field.default}")
    expected = expect_answer(page, name)
    assert expected["status"] == "error", "this calculator has no error state to check"
    return expected


def test_every_built_page_is_visited(built_site: Path):
    assert built_page_paths(built_site) == set(page_paths())


@pytest.mark.parametrize("path", page_paths())
def test_page_passes_axe_in_both_palettes_and_fits_360_px(guarded_page: Page, site_url, path):
    # One visit per page: axe in each palette, then the phone width. Calculator pages are checked as
    # they first appear (the example); their live states below. `guarded_page` also fails the test on
    # any request leaving the site and on any cookie.
    open_in_light_palette(guarded_page, site_url + path)
    guarded_page.wait_for_load_state("networkidle")
    assert axe_problems(guarded_page) == [], "light palette"
    switch_palette(guarded_page, "dark")
    assert axe_problems(guarded_page, PALETTE_RULES) == [], "dark palette"
    guarded_page.set_viewport_size({"width": 360, "height": 740})
    scroll_width, width = guarded_page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= width, "the page scrolls sideways at 360 px"


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_calculator_states_pass_axe_in_both_palettes_and_charts_have_a_text_alternative(
    guarded_page: Page, site_url, built_site, name
):
    open_in_light_palette(guarded_page, f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
    assert expect_answer(guarded_page, name)["status"] == "ok"
    assert_charts_described(guarded_page, name)
    assert axe_problems(guarded_page) == [], "live result, light palette"
    switch_palette(guarded_page, "dark")
    assert axe_problems(guarded_page, PALETTE_RULES) == [], "live result, dark palette"
    make_invalid(guarded_page, name)
    assert axe_problems(guarded_page) == [], "field with an error message, dark palette"
    switch_palette(guarded_page, "light")
    assert axe_problems(guarded_page, PALETTE_RULES) == [], "field with an error message, light palette"


@pytest.mark.parametrize("palette", list(PALETTES))
def test_failed_state_has_no_serious_axe_violations(browser: Browser, site_url, built_site, palette):
    # The red failure message in each palette; Python is kept from starting.
    context = browser.new_context(color_scheme="dark" if palette == "dark" else "light")
    try:
        page = context.new_page()
        page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(status=404))
        name = next(iter(CALCULATORS))
        page.goto(site_url + calculator_path(built_site, name))
        assert wait_settled(page, name) == "failed"
        assert axe_problems(page) == []
    finally:
        context.close()


# --- Keyboard -----------------------------------------------------------------------------------

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
  stops.forEach((el, index) => { el.dataset.tabStop = String(index); });
  return stops.length;
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) : 0;
  return {stop: el.dataset.tabStop ?? null, tag: el.tagName, name: el.name || el.textContent.trim().slice(0, 40),
          outline, shadow: style.boxShadow !== 'none'};
}"""

START_BEFORE = """selector => {
  const start = document.createElement('span');
  start.tabIndex = 0;
  document.querySelector(selector).before(start);
  start.focus();
}"""


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_tab_reaches_every_control_in_order_with_a_visible_focus(guarded_page: Page, site_url, built_site, name):
    guarded_page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
    assert expect_answer(guarded_page, name)["status"] == "ok"
    # Folded sections are opened from the keyboard first, so their controls count as tab stops too.
    for summary in guarded_page.locator(f"{form_selector(name)} .clg-inputs summary").all():
        summary.focus()
        guarded_page.keyboard.press("Enter")
        assert summary.evaluate("el => el.parentElement.open"), "Enter does not open the section"
    expected = guarded_page.locator(form_selector(name)).evaluate(TAB_STOPS)
    guarded_page.evaluate(START_BEFORE, form_selector(name))
    visited = []
    for _ in range(expected):
        guarded_page.keyboard.press("Tab")
        focused = guarded_page.evaluate(FOCUSED)
        visited.append(focused["stop"])
        assert focused["outline"] >= 2 or focused["shadow"], f"no visible focus on {focused}"
    assert visited == [str(index) for index in range(expected)]


def press_to_change_choice(page: Page, radio) -> None:
    """Move a radio group's choice with the arrow keys, away from the group's first option
    (in a questionnaire that is «Не знаю», which would take the answer away)."""
    radio.focus()
    last = radio.evaluate("el => [...el.form.querySelectorAll(`input[name='${el.name}']`)].at(-1) === el")
    page.keyboard.press("ArrowUp" if last else "ArrowDown")


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_keyboard_changes_update_the_announced_result(guarded_page: Page, site_url, built_site, name):
    guarded_page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
    assert expect_answer(guarded_page, name)["status"] == "ok"
    form = guarded_page.locator(form_selector(name))
    live = form.locator("[aria-live]")
    expect(live).to_have_count(1)
    assert live.get_attribute("aria-live") in ("polite", "assertive")
    expect(form.locator(".clg-status__text")).to_have_attribute("role", "status")
    results = form.locator("[data-result]")
    assert results.count() > 0
    # Every key figure sits inside the live region, so its change is read out.
    assert all(item.evaluate("el => !!el.closest('[aria-live]')") for item in results.all())

    def figures() -> dict:
        return {item.get_attribute("data-result"): item.get_attribute("data-value") for item in results.all()}

    text = form.locator("input[type=text]:visible").first
    if text.count():
        before = figures()
        value = text.input_value().replace(",", ".").replace(" ", "").replace("\u00a0", "")
        text.focus()
        guarded_page.keyboard.press("Control+A")
        guarded_page.keyboard.type(format(float(value) * 2 + 1, "g"))
        expected = expect_answer(guarded_page, name)
        assert expected["status"] == "ok" and expected["values"] != before, "typing did not change the result"
        assert figures() == expected["values"]
    checked = form.locator("input[type=radio]:checked:visible")
    if checked.count():
        radio = checked.last
        group, before_value = radio.get_attribute("name"), radio.get_attribute("value")
        press_to_change_choice(guarded_page, radio)
        after_value = form.locator(f'input[type=radio][name="{group}"]:checked').get_attribute("value")
        assert after_value != before_value, "arrow keys do not move the choice"
        expect_answer(guarded_page, name)
        # Space on the focused choice keeps it chosen and the form working.
        guarded_page.keyboard.press("Space")
        assert form.locator(f'input[type=radio][name="{group}"]:checked').get_attribute("value") == after_value
        expect_answer(guarded_page, name)
    done = form.locator(".clg-actions__done")
    for key in ("Enter", "Space"):
        done.evaluate("el => { el.textContent = ''; }")
        form.locator("[data-action=copy-link]").focus()
        guarded_page.keyboard.press(key)
        expect(done).not_to_have_text("")


# --- Errors and charts -------------------------------------------------------------------------
# Every error message a browser test provokes is checked for its binding to the field's controls by
# `expect_answer` (tests/browser/site_map.py); the sloppy values of test_bad_input_page.py reach
# every typed field, `make_invalid` the questionnaire.


def assert_charts_described(page: Page, name: str) -> None:
    """Every chart of the result is an image with a Russian title and a description carrying numbers."""
    for chart in page.locator(f"{form_selector(name)} svg").all():
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
        # The description carries the numbers, not just a caption.
        assert CYRILLIC.search(alternative["desc"]) and any(c.isdigit() for c in alternative["desc"]), alternative
        expect(page.get_by_role("img", name=alternative["title"], exact=True).first).to_be_attached()


# --- Reflow: 360 px and 200 % zoom -------------------------------------------------------------

OVERFLOW = """selector => {
  const width = window.innerWidth;
  const form = document.querySelector(selector);
  const clipped = [...form.querySelectorAll('input, textarea, button, label, legend, dd, dt, p, svg')]
    .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > width + 1)
    .map((el) => el.outerHTML.slice(0, 80));
  return {page: document.documentElement.scrollWidth, width, clipped};
}"""


# A phone's width, then 200 % zoom of a 1280 × 800 window (half the CSS pixels), both at twice the density.
REFLOW_VIEWPORTS = {"360 px": {"width": 360, "height": 740}, "200 % zoom": {"width": 640, "height": 400}}


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_calculator_reflows_without_horizontal_scrolling(browser: Browser, site_url, built_site, name):
    context = browser.new_context(viewport=REFLOW_VIEWPORTS["360 px"], device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
        assert expect_answer(page, name)["status"] == "ok"
        for state in ("result", "error"):
            if state == "error":
                make_invalid(page, name)
            for label, viewport in REFLOW_VIEWPORTS.items():
                page.set_viewport_size(viewport)
                result = page.evaluate(OVERFLOW, form_selector(name))
                assert result["page"] <= result["width"], f"page scrolls sideways at {label} ({state}): {result}"
                assert result["clipped"] == [], f"{label} ({state})"
    finally:
        context.close()
