"""The Python runtime in the built site: exactly the files the browser loads, nothing else that
the `pyodide` npm package happens to hold."""

from __future__ import annotations

import gzip
import json
from fnmatch import fnmatch
from pathlib import Path

import pytest

from macros.bundle import LOCK_FILE, PYODIDE_FILES, RUNTIME_DIR, pyodide_version
from macros.compression import ENCODINGS, MIN_BYTES
from tests.site.reading import page_tree
from tests.site_pages import PROJECT

# Files made for the site, each named by its content: exactly one of each.
MADE = {"bundle": "calculators-*.zip", "stdlib": "python_stdlib-*.zip", "manifest": "manifest-*.json"}
PACKAGE = PROJECT / "node_modules" / "pyodide"


def runtime_files(site: Path) -> list[str]:
    return sorted(path.relative_to(site / RUNTIME_DIR).as_posix() for path in (site / RUNTIME_DIR).rglob("*"))


def served_files(site: Path) -> list[str]:
    """The files of the version's folder, relative to it."""
    folder = f"{pyodide_version(PROJECT)}/"
    return [name.removeprefix(folder) for name in runtime_files(site) if name.startswith(folder)]


def named_runtime(site: Path) -> dict[str, str]:
    metas = list(page_tree(site, "").find_all("meta", name="clg-runtime"))
    assert len(metas) == 1
    return json.loads(metas[0].attrs["content"])


def test_runtime_holds_exactly_the_files_the_browser_loads(built_site: Path):
    # One folder, named by Pyodide's version: every file in it is cached for a year.
    assert runtime_files(built_site)[0] == pyodide_version(PROJECT)
    files = [name for name in served_files(built_site) if not name.endswith(tuple(ENCODINGS))]
    made = {role: [name for name in files if fnmatch(name, pattern)] for role, pattern in MADE.items()}
    # One of each: an old archive or library left beside the new one is dead weight for hosts.
    assert all(len(names) == 1 for names in made.values()), made
    rest = set(files) - {name for names in made.values() for name in names}
    assert sorted(rest) == sorted([*PYODIDE_FILES, LOCK_FILE])


def test_pages_name_the_runtime_folder_and_its_manifest_which_names_the_rest(built_site: Path):
    files = served_files(built_site)
    named = named_runtime(built_site)
    assert named == {"base": f"{pyodide_version(PROJECT)}/", "manifest": named["manifest"]}
    manifest = json.loads((built_site / RUNTIME_DIR / named["base"] / named["manifest"]).read_text(encoding="utf-8"))
    roles = {"manifest": named["manifest"], "bundle": manifest["bundle"], "stdlib": manifest["stdlib"]}
    for role, name in roles.items():
        assert fnmatch(name, MADE[role]) and name in files, (role, name)


def test_the_manifest_lists_every_runtime_file_with_its_sizes(built_site: Path):
    named = named_runtime(built_site)
    folder = built_site / RUNTIME_DIR / named["base"]
    manifest = json.loads((folder / named["manifest"]).read_text(encoding="utf-8"))
    listed = set(manifest["files"])
    assert listed == {name for name in served_files(built_site) if not name.endswith((*ENCODINGS, ".json"))} | {
        LOCK_FILE
    }
    for name, sizes in manifest["files"].items():
        assert sizes["raw"] == (folder / name).stat().st_size, name
        for suffix, coding in (("gz", "gzip"), ("br", "br")):
            sibling = folder / f"{name}.{suffix}"
            assert sizes[coding] == (sibling.stat().st_size if sibling.exists() else sizes["raw"]), (name, coding)
    assert manifest["total"]["gzip"] == sum(sizes["gzip"] for sizes in manifest["files"].values())
    assert manifest["pyodide"] == pyodide_version(PROJECT)


def test_every_big_runtime_file_has_gzip_and_brotli_siblings_that_decompress_to_it(built_site: Path):
    folder = built_site / RUNTIME_DIR / pyodide_version(PROJECT)
    big = [path for path in folder.iterdir() if path.suffix not in ENCODINGS and path.stat().st_size >= MIN_BYTES]
    assert len(big) >= 5
    for path in big:
        assert gzip.decompress((folder / f"{path.name}.gz").read_bytes()) == path.read_bytes(), path.name
        assert (folder / f"{path.name}.br").stat().st_size < (folder / f"{path.name}.gz").stat().st_size, path.name


def test_the_lock_file_lists_no_package():
    # The calculators load no package: the 357 entries of Pyodide's lock file were 26 kB for nothing.
    from macros.bundle import lock_file

    assert json.loads(lock_file(PROJECT))["packages"] == {}


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
