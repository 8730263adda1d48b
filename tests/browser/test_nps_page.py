"""The NPS calculator in real Chromium against the built site."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from calculators.formatting import plain_number
from calculators.nps import nps_from_counts
from tests.browser.conftest import READY_TIMEOUT_MS, result_value, wait_for_status
from tests.serving import serve

pytestmark = pytest.mark.browser


def test_cold_load_reaches_ready_with_the_cpython_numbers(guarded_page: Page, site_url: str):
    guarded_page.goto(site_url + "calculators/nps/?promoters=50&passives=30&detractors=20")
    wait_for_status(guarded_page, "ready")
    expected = nps_from_counts(50, 30, 20)
    assert result_value(guarded_page, "nps") == plain_number(expected.nps)
    assert result_value(guarded_page, "ci_low") == plain_number(expected.ci_low)
    assert result_value(guarded_page, "ci_high") == plain_number(expected.ci_high)


def test_typing_new_counts_updates_the_result_and_the_address(guarded_page: Page, site_url: str):
    guarded_page.goto(site_url + "calculators/nps/")
    wait_for_status(guarded_page, "ready")
    guarded_page.fill("#clg-nps-promoters", "70")
    expect(guarded_page.locator('[data-result="nps"]')).to_have_attribute("data-value", "41.7")
    assert "promoters=70" in guarded_page.url
    expect(guarded_page.locator('[data-result="nps"] dd')).to_have_text("41,7")


def test_bad_value_shows_a_message_then_recovers(guarded_page: Page, site_url: str):
    guarded_page.goto(site_url + "calculators/nps/")
    wait_for_status(guarded_page, "ready")
    field = guarded_page.locator("#clg-nps-detractors")
    field.fill("-5")
    wait_for_status(guarded_page, "error")
    expect(field).to_have_attribute("aria-invalid", "true")
    error = guarded_page.locator("#clg-nps-detractors-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("меньше 0")
    assert "clg-nps-detractors-error" in (field.get_attribute("aria-describedby") or "")
    field.fill("0")
    wait_for_status(guarded_page, "ready")
    expect(field).not_to_have_attribute("aria-invalid", "true")
    expect(error).to_be_hidden()
    assert result_value(guarded_page, "nps") == "62.5"


def test_raw_scores_from_the_address_are_computed(guarded_page: Page, site_url: str):
    guarded_page.goto(site_url + "calculators/nps/?mode=scores&scores=10%3B9%3B3%0A8")
    wait_for_status(guarded_page, "ready")
    expect(guarded_page.locator("#clg-nps-scores")).to_be_visible()
    assert result_value(guarded_page, "n") == "4"
    assert result_value(guarded_page, "nps") == "25.0"


def test_static_example_is_shown_before_python(page: Page, site_url: str):
    page.route("**/*.js", lambda route: route.abort())
    page.goto(site_url + "calculators/nps/")
    form = page.locator('form[data-calculator="nps"]')
    expect(form).to_have_attribute("data-status", "static")
    expect(form.locator(".clg-status__text")).to_contain_text("пример")
    assert result_value(page, "nps") == "30.0"


def test_instant_navigation_reuses_the_worker(guarded_page: Page, site_url: str):
    guarded_page.goto(site_url)
    # A full page load would forget this; Material's instant navigation keeps the same window.
    guarded_page.evaluate("window.clgSameWindow = true")
    guarded_page.locator('.md-tabs a[href$="calculators/"]').first.click()
    guarded_page.locator('.md-content a[href$="nps/"]').first.click()
    wait_for_status(guarded_page, "ready")
    assert guarded_page.evaluate("window.clgSameWindow") is True
    assert guarded_page.evaluate("window.clgRuntime.workerStarts") == 1
    guarded_page.locator('.md-tabs a[href$="glossary/"]').first.click()
    guarded_page.wait_for_url("**/glossary/")
    guarded_page.go_back()
    wait_for_status(guarded_page, "ready")
    assert guarded_page.evaluate("window.clgSameWindow") is True
    assert guarded_page.evaluate("window.clgRuntime.workerStarts") == 1


def test_wrong_wasm_mime_type_fails_with_a_message(page: Page, built_site):
    with serve(built_site, {".wasm": "application/octet-stream"}) as url:
        page.goto(url + "calculators/nps/")
        wait_for_status(page, "failed")
        status = page.locator(".clg-status__text")
        expect(status).to_contain_text("application/wasm", timeout=READY_TIMEOUT_MS)
        expect(page.locator("[data-action=retry]")).to_be_visible()
        assert result_value(page, "nps") == "30.0"


def test_a_windows_1251_export_with_semicolons_is_read_in_the_browser(guarded_page: Page, site_url: str):
    export = "Оценка;Сегмент\n10;Малый бизнес\n9;Малый бизнес\n3;Корпорации\n8;Корпорации\n;Корпорации\n"
    guarded_page.goto(site_url + "calculators/nps/")
    wait_for_status(guarded_page, "ready")
    guarded_page.check('input[name="mode"][value="survey"]')
    guarded_page.set_input_files(
        "#clg-nps-survey_file",
        files=[{"name": "опрос.csv", "mimeType": "text/csv", "buffer": export.encode("cp1251")}],
    )
    expect(guarded_page.locator('[data-result="n"]')).to_have_attribute("data-value", "4")
    assert result_value(guarded_page, "nps") == "25.0"
    assert result_value(guarded_page, "segments") == "2"
    expect(guarded_page.locator(".clg-output")).to_contain_text("Малый бизнес")
    assert "survey_file" not in guarded_page.url
    assert "survey_text" not in guarded_page.url


@pytest.mark.parametrize(
    ("query", "low", "high"),
    [
        # 22 fans and 3 passives of 30 customers: the 5 not asked could all be fans, so 90 is in.
        ("promoters=22&passives=3&detractors=0&population=30", "80.0", "90.0"),
        # One fan: the interval used to stop at 98,5, excluding the only NPS a base of fans can have.
        ("promoters=1&passives=0&detractors=0", "-100.0", "100.0"),
    ],
)
def test_interval_cases_from_the_issue_through_the_link(guarded_page: Page, site_url: str, query, low, high):
    guarded_page.goto(site_url + "calculators/nps/?" + query)
    wait_for_status(guarded_page, "ready")
    counts = dict(part.split("=") for part in query.split("&"))
    expected = nps_from_counts(
        int(counts["promoters"]),
        int(counts["passives"]),
        int(counts["detractors"]),
        population=int(counts["population"]) if "population" in counts else None,
    )
    assert (result_value(guarded_page, "ci_low"), result_value(guarded_page, "ci_high")) == (low, high)
    assert (plain_number(expected.ci_low), plain_number(expected.ci_high)) == (low, high)


def test_goal_seek_from_the_link(guarded_page: Page, site_url: str):
    guarded_page.goto(site_url + "calculators/nps/?promoters=50&passives=30&detractors=20&target_nps=60")
    wait_for_status(guarded_page, "ready")
    # (30 + x)/(100 + x) reaches 0,6 at x = 75; turning all 20 critics passive reaches only 50.
    assert result_value(guarded_page, "extra_promoters_needed") == "75"
    expect(guarded_page.locator('[data-result="fewer_detractors_needed"] dd')).to_have_text("недостижимо")
