"""The Python runtime in the built site: exactly the files the browser loads, nothing else that
the `pyodide` npm package happens to hold."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

import pytest

from macros.bundle import PYODIDE_FILES, RUNTIME_DIR
from tests.site.reading import page_tree
from tests.site_pages import PROJECT

ARCHIVE = "calculators-*.zip"
SNAPSHOT = "*.snapshot"
PACKAGE = PROJECT / "node_modules" / "pyodide"


def runtime_files(site: Path) -> list[str]:
    return sorted(path.relative_to(site / RUNTIME_DIR).as_posix() for path in (site / RUNTIME_DIR).rglob("*"))


def test_runtime_holds_exactly_the_files_the_browser_loads(built_site: Path):
    files = runtime_files(built_site)
    archives = [name for name in files if fnmatch(name, ARCHIVE)]
    snapshots = [name for name in files if fnmatch(name, SNAPSHOT)]
    # One of each: an old archive or snapshot left beside the new one is dead weight for hosts.
    assert len(archives) == 1, archives
    assert len(snapshots) == 1, snapshots
    assert sorted(set(files) - {*archives, *snapshots}) == sorted(PYODIDE_FILES)


def test_pages_name_the_archive_and_snapshot_that_are_there(built_site: Path):
    files = runtime_files(built_site)
    home = page_tree(built_site, "")
    for meta in ("clg-bundle", "clg-snapshot"):
        named = [node.attrs.get("content") for node in home.find_all("meta", name=meta)]
        assert len(named) == 1 and named[0] in files, (meta, named)


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
