"""Every registered calculator in real Chromium: prefill from the address, live update, bad input."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from calculators.calculator import Calculator
from calculators.registry import CALCULATORS
from tests.browser.conftest import READY_TIMEOUT_MS, eventually, wait_for_status
from tests.calculator_inputs import (
    changed_inputs,
    expected_values,
    mode_only_fields,
    non_default_modes,
)

pytestmark = pytest.mark.browser


def page_values(page: Page) -> dict[str, str]:
    return page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('[data-result]')]"
        ".map((e) => [e.dataset.result, e.dataset.value]))"
    )


def set_input(page: Page, calculator: Calculator, name: str, value: str) -> None:
    field = calculator.field(name)
    if field.kind == "choice":
        page.check(f'form[data-calculator="{calculator.name}"] input[name="{name}"][value="{value}"]')
    else:
        page.fill(f"#clg-{calculator.name}-{name}", value)


@pytest.mark.parametrize("calculator", CALCULATORS.values(), ids=lambda c: c.name)
def test_address_prefills_the_form_and_python_agrees_with_cpython(guarded_page: Page, site_url, calculator):
    inputs = changed_inputs(calculator)
    query = "&".join(f"{name}={value}" for name, value in inputs.items())
    guarded_page.goto(f"{site_url}calculators/{calculator.name}/?{query}")
    wait_for_status(guarded_page, "ready", calculator.name)
    assert page_values(guarded_page) == expected_values(calculator, inputs)


@pytest.mark.parametrize("calculator", CALCULATORS.values(), ids=lambda c: c.name)
def test_changing_an_input_updates_the_result_and_the_address(guarded_page: Page, site_url, calculator):
    guarded_page.goto(f"{site_url}calculators/{calculator.name}/")
    wait_for_status(guarded_page, "ready", calculator.name)
    inputs = changed_inputs(calculator)
    for name, value in inputs.items():
        set_input(guarded_page, calculator, name, value)
    expected = expected_values(calculator, inputs)
    # One key may already show its final value while a later input is still being computed.
    eventually(guarded_page, lambda: page_values(guarded_page) == expected, seconds=READY_TIMEOUT_MS / 1000)
    assert page_values(guarded_page) == expected
    for name, value in inputs.items():
        assert f"{name}={value}" in guarded_page.url


@pytest.mark.parametrize(
    ("calculator", "mode"), list(non_default_modes()), ids=lambda item: getattr(item, "name", str(item))
)
def test_a_link_without_the_mode_opens_the_mode_its_fields_belong_to(guarded_page: Page, site_url, calculator, mode):
    inputs = mode_only_fields(calculator, mode)
    guarded_page.goto(f"{site_url}calculators/{calculator.name}/?{urlencode(inputs)}")
    wait_for_status(guarded_page, "ready", calculator.name)
    radio = f'form[data-calculator="{calculator.name}"] input[name="{calculator.mode_field}"][value="{mode}"]'
    expect(guarded_page.locator(radio)).to_be_checked()
    assert page_values(guarded_page) == expected_values(calculator, {calculator.mode_field: mode, **inputs})
