"""The Python runtime in the built site: exactly the files the browser loads, nothing else that
the `pyodide` npm package happens to hold."""

from __future__ import annotations

import json
from fnmatch import fnmatch
from pathlib import Path

import pytest

from macros.bundle import PYODIDE_FILES, RUNTIME_DIR
from tests.site.reading import page_tree
from tests.site_pages import PROJECT

# Files made for the site, each named by its content: exactly one of each.
MADE = {"bundle": "calculators-*.zip", "stdlib": "python_stdlib-*.zip"}
PACKAGE = PROJECT / "node_modules" / "pyodide"


def runtime_files(site: Path) -> list[str]:
    return sorted(path.relative_to(site / RUNTIME_DIR).as_posix() for path in (site / RUNTIME_DIR).rglob("*"))


def test_runtime_holds_exactly_the_files_the_browser_loads(built_site: Path):
    files = runtime_files(built_site)
    made = {role: [name for name in files if fnmatch(name, pattern)] for role, pattern in MADE.items()}
    # One of each: an old archive or library left beside the new one is dead weight for hosts.
    assert all(len(names) == 1 for names in made.values()), made
    assert sorted(set(files) - {name for names in made.values() for name in names}) == sorted(PYODIDE_FILES)


def test_pages_name_the_runtime_files_that_are_there(built_site: Path):
    files = runtime_files(built_site)
    metas = list(page_tree(built_site, "").find_all("meta", name="clg-runtime"))
    assert len(metas) == 1
    named = json.loads(metas[0].attrs["content"])
    assert set(named) == set(MADE)
    for role, name in named.items():
        assert fnmatch(name, MADE[role]) and name in files, (role, name)


@pytest.mark.parametrize(
    "pattern",
    [
        # Source maps and TypeScript declarations are for developers; browsers never fetch them.
        "*.map",
        "*.d.ts",
        # Pyodide's demo consoles load their terminal scripts from a CDN.
        "console*.html",
    ],
)
def test_no_developer_file_of_the_pyodide_package_is_published(built_site: Path, pattern):
    unwanted = {path.name for path in PACKAGE.iterdir() if fnmatch(path.name, pattern)}
    published = {path.relative_to(built_site).as_posix() for path in built_site.rglob("*") if path.name in unwanted}
    assert published == set()
    assert [name for name in runtime_files(built_site) if fnmatch(name, pattern)] == []
