"""The development map planner in the browser: an upload, the downloads' content, storage."""

from __future__ import annotations

import csv
import io
from urllib.parse import unquote

import pytest
from playwright.sync_api import Page, expect

from calculators.plan.form import CALCULATOR
from tests import ics
from tests.browser.conftest import wait_for_status
from tests.browser.site_map import expect_answer

pytestmark = pytest.mark.browser

PAGE = "calculators/plan/"
HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "=1+1")


def hostile_table() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Клиент", "Сегмент", "Выручка", "Потенциал", "ABM", "Владелец"])
    writer.writerows(
        [name, f"Сегмент {name}", 1_000_000, 9_000_000, "да", f"Владелец {number}"]
        for number, name in enumerate(HOSTILE)
    )
    writer.writerow(["Сеть «Угол»", "Ритейл", 900_000, 1_000_000, "нет", ""])
    return buffer.getvalue()


def open_plan(page: Page, site_url: str, query: str = "") -> None:
    page.goto(f"{site_url}{PAGE}{query}")
    wait_for_status(page, "ready", "plan")


def download(page: Page, filename: str) -> bytes:
    """The bytes of the file a result's download link saves."""
    with page.expect_download() as info:
        page.locator(f'.clg-output a[download="{filename}"]').click()
    path = info.value.path()
    assert info.value.suggested_filename == filename
    return path.read_bytes()


def test_an_uploaded_table_is_planned_with_names_as_text_and_out_of_the_link(guarded_page: Page, site_url: str):
    guarded_page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
    open_plan(guarded_page, site_url)
    data = hostile_table().encode("cp1251", errors="replace")
    guarded_page.locator('[name="accounts_file"]').set_input_files(
        files=[{"name": "клиенты.csv", "mimeType": "text/csv", "buffer": data}]
    )
    expected = expect_answer(guarded_page, "plan", files={"accounts_file": data})
    assert expected["values"]["individual_maps"] == "3"
    output = guarded_page.locator(".clg-output")
    assert output.locator("img, script, [onerror]").count() == 0
    expect(output.locator("caption").first).to_contain_text("<script>alert(1)</script>")
    assert "alert" not in unquote(guarded_page.url)


def test_the_calendar_and_the_table_downloads_hold_the_plan(guarded_page: Page, site_url: str):
    open_plan(guarded_page, site_url)
    guarded_page.locator('[name="accounts_text"]').fill(hostile_table())
    expected = expect_answer(guarded_page, "plan")
    calendar = ics.parse(download(guarded_page, "karty-razvitiya.ics"))
    events = ics.events(calendar)
    assert str(len(events)) == expected["values"]["events"]
    summaries = " ".join(event.one("SUMMARY") for event in events)
    assert all(name in summaries for name in HOSTILE)
    text = download(guarded_page, "karty-razvitiya.csv").decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert len(rows) == len(events) + 1
    assert {"<script>alert(1)</script>", "'=1+1"} <= {row[0] for row in rows}


def test_the_plan_is_remembered_but_the_accounts_never_enter_the_link(guarded_page: Page, site_url: str):
    open_plan(guarded_page, site_url)
    guarded_page.locator('[name="horizon"]').fill("9")
    guarded_page.locator('input[name="review"][value="quarterly"]').check()
    expect_answer(guarded_page, "plan")
    stored = guarded_page.evaluate("localStorage.getItem('clg:plan')")
    assert "horizon=9" in stored and "review=quarterly" in stored
    assert "accounts_text" not in stored and "accounts_text" not in guarded_page.url
    open_plan(guarded_page, site_url)
    expect(guarded_page.locator('[name="horizon"]')).to_have_value("9")
    expect(guarded_page.locator('input[name="review"][value="quarterly"]')).to_be_checked()
    assert "horizon=9" in guarded_page.url
    defaults = CALCULATOR.defaults()
    assert guarded_page.locator('[name="accounts_text"]').input_value() == defaults["accounts_text"]


def test_editing_a_checkpoint_moves_it_in_the_table(guarded_page: Page, site_url: str):
    open_plan(guarded_page, site_url)
    guarded_page.locator('[name="checkpoints_b2b"]').fill("2; Особая встреча; продажи; Ответы; 3 из 5")
    expected = expect_answer(guarded_page, "plan")
    assert expected["values"]["checkpoints"] == "1"
    expect(guarded_page.locator(".clg-plan-map").first).to_contain_text("Особая встреча — продажи, 15.02.2027")


def test_print_gives_the_plan_without_the_form_or_site_chrome(guarded_page: Page, site_url: str):
    open_plan(guarded_page, site_url)
    guarded_page.emulate_media(media="print")
    expect(guarded_page.locator(".md-header")).to_be_hidden()
    expect(guarded_page.locator(".clg-inputs")).to_be_hidden()
    expect(guarded_page.locator(".clg-downloads")).to_be_hidden()
    expect(guarded_page.locator(".clg-plan-map").first).to_be_visible()
