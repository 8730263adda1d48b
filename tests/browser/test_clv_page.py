"""The CLV and NRR calculators in real Chromium: the cases issues 11 and 14 changed, through the link."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

import pytest
from playwright.sync_api import Page, expect

from calculators.bridge import run
from calculators.registry import get
from tests.browser.conftest import result_value, wait_for_status

pytestmark = pytest.mark.browser


def cpython_values(name: str, query: str) -> dict[str, str]:
    """What CPython answers for the link's parameters on top of the defaults."""
    calculator = get(name)
    answer = json.loads(run(name, json.dumps(calculator.defaults() | dict(parse_qsl(query)))))
    assert answer["status"] == "ok", answer
    return answer["values"]


def page_values(page: Page) -> dict[str, str]:
    return page.evaluate(
        "Object.fromEntries([...document.querySelectorAll('[data-result]')]"
        ".map((e) => [e.dataset.result, e.dataset.value]))"
    )


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        # Issue 14's check: the midpoint 20 % gives 175 000, the corners 25 % and 15 % the bounds.
        (
            "clv",
            "arpa=50000&gross_margin=70&churn=15..25",
            {"clv": "175000", "clv_low": "140000", "clv_high": "233333"},
        ),
        # Issue 11: 10 % a month against CAC = g/p = 8 000 exactly is never paid back (was «329 months»).
        ("clv", "arpa=12000&gross_margin=80&churn=10&churn_unit=month&cac=8000", {"payback_months_churn": ""}),
        # Issue 11: 6,25 months rounds half away from zero.
        ("clv", "arpa=12000&gross_margin=80&churn=10&cac=5000", {"payback_months": "6.3"}),
        # Issue 14: a range of expansion moves NRR between its corners.
        ("nrr", "start_mrr=100000&expansion=10000..20000&contraction=3000&churned=5000", {"nrr_low": "102.0"}),
    ],
)
def test_link_gives_the_cpython_numbers(guarded_page: Page, site_url: str, name: str, query: str, expected: dict):
    guarded_page.goto(f"{site_url}calculators/{name}/?{query}")
    wait_for_status(guarded_page, "ready", name)
    values = page_values(guarded_page)
    assert values == cpython_values(name, query)
    assert {key: values[key] for key in expected} == expected


def test_monthly_churn_from_the_link_is_chosen_and_never_is_said_in_words(guarded_page: Page, site_url: str):
    guarded_page.goto(f"{site_url}calculators/clv/?arpa=12000&gross_margin=80&churn=10&churn_unit=month&cac=8000")
    wait_for_status(guarded_page, "ready", "clv")
    expect(guarded_page.locator('input[name="churn_unit"][value="month"]')).to_be_checked()
    expect(guarded_page.locator('[data-result="payback_months_churn"] dd')).to_have_text("никогда")
    assert result_value(guarded_page, "churn_yearly") == "71.76"


def test_a_range_draws_the_tornado_and_a_reversed_one_is_flagged_then_fixed(guarded_page: Page, site_url: str):
    guarded_page.goto(f"{site_url}calculators/clv/?arpa=50000&gross_margin=70&churn=15..25")
    wait_for_status(guarded_page, "ready", "clv")
    expect(guarded_page.locator(".clg-chart-box svg title", has_text="Чувствительность: CLV")).to_have_count(1)
    control = guarded_page.locator("#clg-clv-churn")
    control.fill("25..15")
    wait_for_status(guarded_page, "error", "clv")
    expect(control).to_have_attribute("aria-invalid", "true")
    expect(guarded_page.locator("#clg-clv-churn-error")).to_contain_text("напишите 15..25")
    # What the reader typed stays in the field.
    expect(control).to_have_value("25..15")
    control.fill("15…25")
    wait_for_status(guarded_page, "ready", "clv")
    assert result_value(guarded_page, "clv_high") == "233333"
