"""The lifecycle KPI check in the browser: the URL contract and the way to the FAQ answer."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect

from calculators.benchmarks import load_benchmarks
from calculators.kpi.checks import KPIS
from calculators.kpi.text import STAGE_ANSWERS
from tests.browser.conftest import result_value, wait_for_status
from tests.site_pages import answer

pytestmark = pytest.mark.browser

PAGE = "calculators/kpi/"
BLANK = {item.parameter: "" for item in KPIS}


def open_kpi(page: Page, site_url: str, params: dict[str, str]) -> dict:
    """Open the page with `params` in the address; CPython's answer for the same values."""
    page.goto(f"{site_url}{PAGE}?{urlencode(params)}")
    wait_for_status(page, "ready", "kpi")
    return answer("kpi", BLANK | params)


def test_the_address_sets_the_figures_and_the_page_gives_every_verdict_and_the_weakest(guarded_page: Page, site_url):
    benchmarks = load_benchmarks()
    params = {
        "mql_to_opportunity": str(benchmarks["mql_to_opportunity"].low + 1),
        "cac_payback": str(benchmarks["cac_payback"].low * 2),
        "ttv": str(benchmarks["time_to_value"].low / 2),
        "onboarding_csat": str(benchmarks["onboarding_csat"].low - 5),
        "nrr": str(benchmarks["nrr_median"].low),
        "referral_share": str(benchmarks["referral_pipeline"].high + 5),
    }
    expected = open_kpi(guarded_page, site_url, params)
    for item in KPIS:
        key = f"verdict_{item.parameter}"
        expect(guarded_page.locator(f'[data-result="{key}"]')).to_have_attribute("data-value", expected["values"][key])
    assert result_value(guarded_page, "verdict_cac_payback") == "0"
    assert result_value(guarded_page, "weakest") == "cac_payback"


def test_when_every_figure_meets_the_weakest_is_empty(guarded_page: Page, site_url):
    params = {"nrr": "200", "ttv": "1"}
    expected = open_kpi(guarded_page, site_url, params)
    expect(guarded_page.locator('[data-result="verdict_nrr"]')).to_have_attribute("data-value", "1")
    assert expected["values"]["weakest"] == ""
    expect(guarded_page.locator('[data-result="weakest"]')).to_have_attribute("data-value", "")
    assert guarded_page.locator('[data-result="verdict_mql_to_opportunity"]').count() == 0


def test_the_weakest_stage_leads_to_its_faq_answer(guarded_page: Page, site_url):
    open_kpi(guarded_page, site_url, {"referral_share": "1", "nrr": "200"})
    title, anchor = STAGE_ANSWERS["Адвокация"]
    first = guarded_page.locator(".clg-kpi-stages li").first
    expect(first).to_contain_text("Адвокация")
    first.get_by_role("link").click()
    guarded_page.wait_for_url("**/lifecycle-faq/**")
    expect(guarded_page.locator(f'[id="{anchor}"]')).to_contain_text(title.split(". ")[-1])
