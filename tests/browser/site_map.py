"""How the browser tests drive a calculator's page: its form, prefilled values and live answers.

The pages and calculators themselves are listed in `tests/site_pages.py`, shared with the site
tests; `test_every_built_page_is_visited` checks that list against the built site.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from playwright.sync_api import Page, expect

from calculators.calculator import Calculator
from tests.browser.conftest import READY_TIMEOUT_MS
from tests.site_pages import answer, good_params

SETTLED = ("ready", "error", "failed")


def good_query(name: str) -> str:
    """A query string that prefills the calculator with values that give a result."""
    return urlencode(dict(good_params(name)))


def form_selector(name: str) -> str:
    """CSS selector of the calculator's form."""
    return f'form[data-calculator="{name}"]'


def wait_settled(page: Page, name: str, timeout: float = READY_TIMEOUT_MS) -> str:
    """Wait until the form shows a live answer (or failed) and return its status."""
    selector = ", ".join(f'{form_selector(name)}[data-status="{status}"]' for status in SETTLED)
    page.wait_for_selector(selector, state="attached", timeout=timeout)
    return page.get_attribute(form_selector(name), "data-status") or ""


# The text values the page sends to Python; chosen files travel separately, as bytes.
FORM_VALUES = "form => Object.fromEntries([...new FormData(form)].filter(([, value]) => typeof value === 'string'))"


SETTLED_ANSWER = """selector => {
  const form = document.querySelector(selector);
  return form.dataset.status === 'error' || (form.dataset.status === 'ready' && !form.querySelector('[aria-invalid]'));
}"""


def expect_answer(
    page: Page,
    name: str,
    timeout: float = READY_TIMEOUT_MS,
    untouched_ok: bool = False,
    files: dict[str, bytes] | None = None,
) -> dict:
    """Wait until the page shows what CPython answers for the values now in the form, and return that.

    A result must match every `data-value` and leave no control marked invalid; an error must show
    each message next to its field, bound to the field's controls (`expect_bound_message`), so every
    error any browser test provokes is checked for screen readers too.
    With `untouched_ok`, an error may instead leave the form quietly waiting for the reader
    (a questionnaire nobody has answered yet); the answer's status is then "untouched".
    `files` are the bytes of the files chosen in the form, by field name.
    """
    form = page.locator(form_selector(name))
    expected = answer(name, form.evaluate(FORM_VALUES), files)
    if expected["status"] == "error" and untouched_ok:
        page.wait_for_function(SETTLED_ANSWER, arg=form_selector(name), timeout=timeout)
        if form.get_attribute("data-status") == "ready":
            return {"status": "untouched", "errors": expected["errors"]}
    if expected["status"] == "ok":
        expect(form).to_have_attribute("data-status", "ready", timeout=timeout)
        for key, value in expected["values"].items():
            expect(form.locator(f'[data-result="{key}"]')).to_have_attribute("data-value", value, timeout=timeout)
        expect(form.locator("[aria-invalid]")).to_have_count(0, timeout=timeout)
    else:
        expect(form).to_have_attribute("data-status", "error", timeout=timeout)
        for error in expected["errors"]:
            expect_bound_message(page, name, error["field"], error["message"], timeout)
    return expected


def expect_bound_message(page: Page, name: str, field: str, message: str, timeout: float = READY_TIMEOUT_MS) -> None:
    """The field's message is shown, and its controls are invalid and described by it (screen readers)."""
    slot_id = f"clg-{name}-{field}-error"
    slot = page.locator(f"#{slot_id}")
    expect(slot).to_have_text(message, timeout=timeout)
    expect(slot).to_be_visible(timeout=timeout)
    for control in page.locator(f'{form_selector(name)} [name="{field}"]').all():
        expect(control).to_have_attribute("aria-invalid", "true", timeout=timeout)
        expect(control).to_have_attribute("aria-describedby", re.compile(rf"(^| ){slot_id}( |$)"), timeout=timeout)


def show_field(page: Page, calculator: Calculator, field_name: str) -> None:
    """Choose the mode that shows the field and unfold its section."""
    field = calculator.field(field_name)
    form = page.locator(form_selector(calculator.name))
    if calculator.mode_field and field.group:
        form.locator(f'input[name="{calculator.mode_field}"][value="{field.group}"]').check()
    form.locator(f'[name="{field_name}"]').evaluate(
        "el => { const box = el.closest('details'); if (box) box.open = true; }"
    )
