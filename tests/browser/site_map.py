"""What the browser tests visit: every page of the site and the page of every calculator.

Pages are listed from `docs/` when tests are collected (so each page is its own test) and
checked against the built site by `test_every_built_page_is_visited`; calculators come from
the registry, so a new page or calculator joins the tests without editing them.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Page, expect

from calculators.bridge import run
from calculators.calculator import Calculator
from calculators.registry import CALCULATORS
from tests.browser.conftest import READY_TIMEOUT_MS

PROJECT = Path(__file__).resolve().parents[2]
DOCS = PROJECT / "docs"
# Folders of `docs/` that MkDocs does not turn into pages (`exclude_docs` in mkdocs.yml).
NOT_PAGES = {"data"}
SETTLED = ("ready", "error", "failed")


def page_paths() -> list[str]:
    """URL paths (relative to the site root) of every page, from the Markdown files.

    Examples:
        >>> "" in page_paths() and "calculators/nps/" in page_paths()
        True
    """
    paths = []
    for source in sorted(DOCS.rglob("*.md")):
        relative = source.relative_to(DOCS)
        if relative.parts[0] in NOT_PAGES:
            continue
        parent = relative.parent.as_posix()
        folder = "" if parent == "." else parent + "/"
        paths.append(folder if relative.name == "index.md" else f"{folder}{relative.stem}/")
    return paths


def built_page_paths(site: Path) -> set[str]:
    """URL paths of the pages in the built site (the 404 page is not a page of the nav)."""
    return {
        "" if page.parent == site else page.parent.relative_to(site).as_posix() + "/"
        for page in site.rglob("index.html")
        if "assets" not in page.relative_to(site).parts
    }


@cache
def calculator_path(site: Path, name: str) -> str:
    """The URL path of the page that shows calculator `name`; fails if no page does."""
    marker = f'data-calculator="{name}"'
    pages = sorted(path for path in built_page_paths(site) if marker in (site / path / "index.html").read_text("utf-8"))
    assert pages, f"calculator {name!r} is registered but no page of the site shows it"
    preferred = f"calculators/{name}/"
    return preferred if preferred in pages else pages[0]


def answer(name: str, params: dict[str, str], files: dict[str, bytes] | None = None) -> dict:
    """What the calculator answers in CPython for these form values (and uploaded files)."""
    return json.loads(run(name, json.dumps(params), files))


@cache
def good_params(name: str) -> tuple[tuple[str, str], ...]:
    """Form values that give a result: the defaults, with a questionnaire's first unanswered
    choices answered until the calculator has enough to compute."""
    calculator: Calculator = CALCULATORS[name]
    params = calculator.defaults()
    for _ in calculator.fields:
        reply = answer(name, params)
        if reply["status"] == "ok":
            return tuple(params.items())
        field = calculator.field(reply["errors"][0]["field"])
        assert field.kind == "choice", f"the defaults of {name!r} give an error on {field.name!r}"
        params[field.name] = field.choices[-1][0]
    raise AssertionError(f"no answer of {name!r} gives a result")


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


CYRILLIC = re.compile(r"[А-Яа-яЁё]")


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

    A result must match every `data-value`; an error must show each message next to its field.
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
    else:
        expect(form).to_have_attribute("data-status", "error", timeout=timeout)
        for error in expected["errors"]:
            message = form.locator(f"#clg-{name}-{error['field']}-error")
            expect(message).to_have_text(error["message"], timeout=timeout)
            expect(message).to_be_visible(timeout=timeout)
    return expected
