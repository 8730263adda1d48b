"""«Лояльность и выручка» in real Chromium: the URL contract, uploads (Windows-1251, Excel) and privacy."""

from __future__ import annotations

import io

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import wait_for_status
from tests.browser.site_map import expect_answer
from tests.site_pages import answer

pytestmark = pytest.mark.browser

ACCOUNTS = [
    ("Клиент", "Сегмент", "Оценка", "Выручка на начало, руб.", "Выручка на конец, руб."),
    ("ООО Ромашка", "Крупный бизнес", "10", "2 400 000", "2 900 000"),
    ("АО Вектор", "Крупный бизнес", "9", "1 800 000", "1 950 000"),
    ("ИП Смирнов", "Малый бизнес", "6", "350 000", "0"),
    ("ООО Север", "Средний бизнес", "4", "900 000", "700 000"),
    ("ООО Юг", "Средний бизнес", "8", "1 100 000", "1 050 000"),
    ("ООО Запад", "Малый бизнес", "", "420 000", "380 000"),
]


def cp1251_table() -> bytes:
    return "\r\n".join(";".join(row) for row in ACCOUNTS).encode("cp1251")


def test_the_address_sets_the_scenario_and_python_agrees_with_cpython(guarded_page: Page, site_url: str):
    guarded_page.goto(
        site_url + "calculators/revenue/?improvement=60&segment_column=%D0%A1%D0%B5%D0%B3%D0%BC%D0%B5%D0%BD%D1%82"
    )
    wait_for_status(guarded_page, "ready", "revenue")
    expect(guarded_page.locator("#clg-revenue-improvement")).to_have_value("60")
    expect_answer(guarded_page, "revenue")
    # The pasted table is customer data: it never goes into the address.
    assert "accounts_text" not in guarded_page.url


def test_a_windows_1251_account_table_is_uploaded_and_read(guarded_page: Page, site_url: str):
    guarded_page.goto(site_url + "calculators/revenue/")
    wait_for_status(guarded_page, "ready", "revenue")
    data = cp1251_table()
    guarded_page.set_input_files(
        "#clg-revenue-accounts_file",
        files=[{"name": "клиенты.csv", "mimeType": "text/csv", "buffer": data}],
    )
    expect(guarded_page.locator('[data-result="accounts"]')).to_have_attribute("data-value", "6")
    expected = expect_answer(guarded_page, "revenue", files={"accounts_file": data})
    assert expected["values"]["accounts_promoters"] == "2"
    expect(guarded_page.locator(".clg-output")).to_contain_text("Windows-1251")
    assert "accounts_file" not in guarded_page.url


def test_an_excel_workbook_is_uploaded_and_read(guarded_page: Page, site_url: str):
    book = openpyxl.Workbook()
    for row in ACCOUNTS:
        book.active.append([int(cell.replace(" ", "")) if cell.replace(" ", "").isdigit() else cell for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    guarded_page.goto(site_url + "calculators/revenue/")
    wait_for_status(guarded_page, "ready", "revenue")
    guarded_page.set_input_files(
        "#clg-revenue-accounts_file",
        files=[{"name": "клиенты.xlsx", "mimeType": "application/octet-stream", "buffer": data}],
    )
    expect(guarded_page.locator('[data-result="accounts"]')).to_have_attribute("data-value", "6")
    assert (
        expect_answer(guarded_page, "revenue", files={"accounts_file": data})["values"]
        == answer("revenue", {}, {"accounts_file": cp1251_table()})["values"]
    )
