"""The maturity self-assessment: answers kept in the browser, a printable report."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import result_value, wait_for_status

pytestmark = pytest.mark.browser


def test_answers_survive_a_visit_without_the_link(guarded_page: Page, site_url: str):
    guarded_page.goto(site_url + "calculators/maturity/")
    wait_for_status(guarded_page, "ready", "maturity")
    guarded_page.check('input[name="advocacy"][value="3"]')
    guarded_page.check('input[name="revenue_impact"][value="3"]')
    expect(guarded_page.locator('[data-result="stage"]')).to_have_attribute("data-value", "3")
    assert "advocacy=3" in guarded_page.evaluate("localStorage.getItem('clg:maturity')")
    guarded_page.goto(site_url + "calculators/maturity/")
    wait_for_status(guarded_page, "ready", "maturity")
    expect(guarded_page.locator('input[name="advocacy"][value="3"]')).to_be_checked()
    assert result_value(guarded_page, "stage") == "3"
    assert "advocacy=3" in guarded_page.url


def test_an_untouched_questionnaire_asks_for_answers_without_flagging_errors(guarded_page: Page, site_url: str):
    guarded_page.goto(site_url + "calculators/maturity/")
    wait_for_status(guarded_page, "ready", "maturity")
    assert guarded_page.locator('[aria-invalid="true"]').count() == 0
    expect(guarded_page.locator(".clg-status__text")).to_contain_text("ответьте")


def test_print_shows_the_report_without_site_chrome(guarded_page: Page, site_url: str):
    guarded_page.goto(site_url + "calculators/maturity/?advocacy=2&post_sale_marketing=1")
    wait_for_status(guarded_page, "ready", "maturity")
    guarded_page.emulate_media(media="print")
    expect(guarded_page.locator(".md-header")).to_be_hidden()
    # The buttons under the form and the download links under the result.
    for actions in guarded_page.locator(".clg-actions").all():
        expect(actions).to_be_hidden()
    expect(guarded_page.locator(".clg-output")).to_be_visible()
    expect(guarded_page.locator("[data-action=print]")).to_be_hidden()
