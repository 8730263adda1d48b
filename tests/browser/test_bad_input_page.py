"""Sloppy and hostile input typed or uploaded on the page: each value ends in the result CPython
computes or in its message next to the field, and the page never freezes.

The full table of values runs against `calculators.bridge` in tests/calculators/test_bad_input.py;
here a sample goes through the real form, worker and Pyodide.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Page

from calculators.calculator import Calculator
from calculators.registry import CALCULATORS
from tests.browser.site_map import expect_answer, form_selector, good_query, show_field
from tests.calculators.test_bad_input import BAD_INPUTS
from tests.site_pages import calculator_path, good_params

pytestmark = pytest.mark.browser

# Values the page itself might mishandle before Python sees them (blank, padding, text, separators,
# length); the rest of the table differs only inside Python, which the CPython tests cover.
SAMPLED = (
    "empty",
    "spaces",
    "text",
    "NaN",
    "comma decimal",
    "thousands with a no-break space",
    "ten thousand digits",
)
# The longest main-thread task the page may have while Python works (the target), in the
# renderer's CPU time: wall-clock frame gaps also count the time a loaded machine (two test workers
# on two cores) keeps the renderer waiting, which is not the page's doing.
LONGEST_TASK_MS = 200
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline"]


@contextmanager
def main_thread_tasks(page: Page) -> Iterator[list[float]]:
    """Trace the page meanwhile; the list then holds each main-thread task's CPU time in ms."""
    browser = page.context.browser
    durations: list[float] = []
    browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
    try:
        yield durations
    finally:
        trace = json.loads(browser.stop_tracing())
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    main_threads = {
        (event["pid"], event["tid"])
        for event in events
        if event.get("ph") == "M"
        and event.get("name") == "thread_name"
        and event["args"].get("name") == "CrRendererMain"
    }
    durations.extend(
        event["tdur"] / 1000
        for event in events
        if event.get("name") == "RunTask" and "tdur" in event and (event["pid"], event["tid"]) in main_threads
    )


def file_fields(calculator: Calculator) -> list[str]:
    return [field.name for field in calculator.fields if field.kind == "file"]


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_sloppy_values_typed_into_every_field(guarded_page: Page, site_url, built_site, name):
    calculator = CALCULATORS[name]
    guarded_page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
    assert expect_answer(guarded_page, name)["status"] == "ok"
    form = guarded_page.locator(form_selector(name))
    typed = [field.name for field in calculator.fields if field.kind in ("integer", "number", "text")]
    for field_name in typed:
        show_field(guarded_page, calculator, field_name)
        control = form.locator(f'[name="{field_name}"]')
        for label in SAMPLED:
            control.fill(BAD_INPUTS[label])
            expected = expect_answer(guarded_page, name)
            if expected["status"] == "error":
                assert any(error["field"] for error in expected["errors"]), label
        control.fill(dict(good_params(name)).get(field_name, calculator.field(field_name).default))
        expect_answer(guarded_page, name)


HOSTILE_CELLS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "=1+1")


def hostile_csv(rows: int = 60) -> str:
    """A survey export whose segment names and comments carry markup, with real 0–10 scores and the
    revenue of each client at the start and end of a year (for the loyalty–revenue table)."""
    generator = random.Random(7)
    lines = ["Клиент;Сегмент;Оценка;Комментарий;Выручка на начало;Выручка на конец"]
    for number in range(rows):
        cell = HOSTILE_CELLS[number % len(HOSTILE_CELLS)]
        start = generator.randint(1, 50) * 100_000
        lines.append(
            f"{number};{cell};{generator.randint(0, 10)};{cell};{start};{start * generator.randint(0, 15) // 10}"
        )
    return "\n".join(lines)


def large_csv(megabytes: int = 10) -> bytes:
    """An export of about `megabytes` MB, in UTF-8 with Cyrillic segments and comments."""
    generator = random.Random(3)
    lines, size, number = ["Клиент;Сегмент;Оценка;Комментарий;Выручка на начало;Выручка на конец"], 0, 0
    while size < megabytes * 1024 * 1024:
        score, start = generator.randint(0, 10), generator.randint(1, 50) * 100_000
        line = f"{number};Сегмент {number % 9};{score};Комментарий к ответу номер {number};{start};{start + number % 7}"
        lines.append(line)
        size += len(line.encode()) + 1
        number += 1
    return "\n".join(lines).encode()


WITH_FILES = [name for name, calculator in CALCULATORS.items() if file_fields(calculator)]


def test_some_calculator_takes_a_file():
    # Guards the parametrized tests below from silently running for no calculator.
    assert WITH_FILES


@pytest.mark.parametrize("name", WITH_FILES)
def test_uploaded_markup_is_shown_as_text(guarded_page: Page, site_url, built_site, name):
    calculator = CALCULATORS[name]
    guarded_page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
    guarded_page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
    expect_answer(guarded_page, name)
    scripts = guarded_page.evaluate("document.scripts.length")
    for field_name in file_fields(calculator):
        show_field(guarded_page, calculator, field_name)
        data = hostile_csv().encode()
        guarded_page.locator(f'{form_selector(name)} [name="{field_name}"]').set_input_files(
            files=[{"name": "опрос.csv", "mimeType": "text/csv", "buffer": data}]
        )
        assert expect_answer(guarded_page, name, files={field_name: data})["status"] == "ok"
        output = guarded_page.locator(f"{form_selector(name)} .clg-output")
        assert output.locator("img, script, [onerror]").count() == 0
        assert "<img src=x onerror=alert(1)>" in output.inner_text() or "alert(1)" in output.inner_text()
        assert guarded_page.evaluate("document.scripts.length") == scripts


@pytest.mark.parametrize("name", WITH_FILES)
def test_a_ten_megabyte_upload_keeps_the_page_responsive(guarded_page: Page, site_url, built_site, name, tmp_path):
    calculator = CALCULATORS[name]
    guarded_page.goto(f"{site_url}{calculator_path(built_site, name)}?{good_query(name)}")
    expect_answer(guarded_page, name)
    field_name = file_fields(calculator)[0]
    show_field(guarded_page, calculator, field_name)
    data = large_csv()
    # From disk: a file given as bytes is rebuilt by Playwright inside the page, which itself
    # blocks the main thread for most of a second.
    upload = tmp_path / "большой-опрос.csv"
    upload.write_bytes(data)
    with main_thread_tasks(guarded_page) as tasks:
        guarded_page.locator(f'{form_selector(name)} [name="{field_name}"]').set_input_files(upload)
        # Typing elsewhere in the page goes on while Python reads the file.
        guarded_page.locator(".md-search__input").fill("NPS")
        expected = expect_answer(guarded_page, name, files={field_name: data})
    assert expected["status"] in ("ok", "error")
    assert tasks, "the trace holds no task of the page"
    assert max(tasks) <= LONGEST_TASK_MS, f"the page froze for {max(tasks):.0f} ms of CPU"
