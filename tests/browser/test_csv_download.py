"""«Скачать CSV» on every calculator: the file the live result carries opens in Python's csv with the page's numbers."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from calculators.registry import CALCULATORS
from tests.browser.conftest import wait_for_status
from tests.browser.site_map import form_selector, good_query
from tests.site_pages import answer, good_params

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_the_downloaded_csv_holds_the_inputs_and_the_results_on_the_page(guarded_page: Page, site_url: str, name):
    guarded_page.goto(f"{site_url}calculators/{name}/?{good_query(name)}")
    wait_for_status(guarded_page, "ready", name)
    link = guarded_page.locator(f'{form_selector(name)} .clg-output a[download="clg-{name}.csv"]')
    expect(link).to_have_text("Скачать CSV")
    with guarded_page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"clg-{name}.csv"
    data = Path(download.path()).read_bytes()
    # Russian Excel needs the byte order mark to read UTF-8.
    assert data.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["Раздел", "Ключ", "Показатель", "Значение", "Как на странице"]
    expected = answer(name, dict(good_params(name)))
    results = {row[1]: row[3] for row in rows[1:] if row[0] == "Результат"}
    assert set(results) == set(expected["values"])
    for key, value in expected["values"].items():
        # The page's number, written with a decimal comma as Russian Excel reads it.
        shown = results[key]
        if value == "" or not value[-1].isdigit():  # no number, or a name such as the weakest KPI's
            assert shown == value, key
        else:
            assert float(shown.replace(",", ".")) == float(value), key
    inputs = {row[1] for row in rows[1:] if row[0] == "Ввод"}
    private = {field.name for field in CALCULATORS[name].fields if not field.shared or field.kind == "file"}
    assert inputs and not inputs & private
