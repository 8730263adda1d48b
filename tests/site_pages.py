"""What the site is made of: its pages, listed from `docs/`, and the page of every calculator
in the registry, with what each calculator answers in CPython.

Pages are listed from the Markdown files when tests are collected, so each page is its own test
and a new page or calculator joins the site and browser tests without editing them.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from calculators.bridge import run
from calculators.calculator import Calculator
from calculators.registry import CALCULATORS

PROJECT = Path(__file__).resolve().parent.parent
DOCS = PROJECT / "docs"
# Folders of `docs/` that MkDocs does not turn into pages (`exclude_docs` in mkdocs.yml).
NOT_PAGES = {"data"}
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def page_sources() -> dict[str, str]:
    """Each page's URL path (relative to the site root) and its Markdown file (relative to `docs/`).

    Examples:
        >>> page_sources()["calculators/nps/"], page_sources()[""]
        ('calculators/nps.md', 'index.md')
    """
    sources = {}
    for source in sorted(DOCS.rglob("*.md")):
        relative = source.relative_to(DOCS)
        if relative.parts[0] in NOT_PAGES:
            continue
        parent = relative.parent.as_posix()
        folder = "" if parent == "." else parent + "/"
        sources[folder if relative.name == "index.md" else f"{folder}{relative.stem}/"] = relative.as_posix()
    return sources


def page_paths() -> list[str]:
    """URL paths (relative to the site root) of every page, from the Markdown files.

    Examples:
        >>> "" in page_paths() and "calculators/nps/" in page_paths()
        True
    """
    return list(page_sources())


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
    choices answered, or a form's empty optional numbers filled with their least allowed value,
    until the calculator has enough to compute."""
    calculator: Calculator = CALCULATORS[name]
    params = calculator.defaults()
    for _ in calculator.fields:
        reply = answer(name, params)
        if reply["status"] == "ok":
            return tuple(params.items())
        field = calculator.field(reply["errors"][0]["field"])
        if field.kind in ("number", "integer") and not field.required and not params[field.name]:
            params[field.name] = f"{field.minimum or 0:g}"
            continue
        assert field.kind == "choice", f"the defaults of {name!r} give an error on {field.name!r}"
        params[field.name] = field.choices[-1][0]
    raise AssertionError(f"no answer of {name!r} gives a result")
