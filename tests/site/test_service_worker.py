"""The service worker the build writes: what it keeps for offline use."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from macros import offline
from macros.bundle import RUNTIME_DIR
from macros.compression import is_sibling
from tests.site.reading import is_foreign, page_tree, precache_lists


def listed_file(site: Path, path: str) -> Path:
    return site / (path + "index.html" if path.endswith("/") else path)


def test_every_runtime_file_is_served_from_the_cache(built_site: Path):
    # Compressed siblings are what a host sends for a file, never asked for by name.
    runtime = {
        path.relative_to(built_site).as_posix()
        for path in (built_site / RUNTIME_DIR).rglob("*")
        if path.is_file() and not is_sibling(path)
    }
    assert runtime and runtime <= set(precache_lists(built_site)["cacheFirst"])


def test_every_calculator_page_and_what_it_loads_is_kept(built_site: Path):
    lists = precache_lists(built_site)
    listed = {*lists["cacheFirst"], *lists["networkFirst"]}
    pages = {
        offline.page_url(page, built_site)
        for page in built_site.rglob("index.html")
        if 'data-calculator="' in page.read_text(encoding="utf-8")
    }
    assert pages and pages <= set(lists["networkFirst"])
    for page in pages:
        tree = page_tree(built_site, page)
        loaded = [tag.attrs["src"] for tag in tree.find_all("script") if "src" in tag.attrs]
        loaded += [tag.attrs["href"] for tag in tree.find_all("link") if tag.attrs.get("rel") in ("stylesheet", "icon")]
        for reference in loaded:
            if not is_foreign(reference):
                assert urljoin("/" + page, reference).lstrip("/") in listed, (page, reference)


def test_only_files_of_the_site_are_listed_without_a_query(built_site: Path):
    # A query would be where a reader's values are; the worker stores nothing but these files.
    lists = precache_lists(built_site)
    for listed in (*lists["cacheFirst"], *lists["networkFirst"]):
        assert listed_file(built_site, listed).is_file(), listed
        assert "?" not in listed and "#" not in listed and not listed.startswith("/"), listed


def test_the_worker_is_served_from_the_site_root_and_revalidated(built_site: Path):
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    assert "/sw.js\n  Cache-Control: public, max-age=0, must-revalidate\n" in headers


def test_a_changed_file_makes_a_new_version(tmp_path: Path):
    (tmp_path / "calculators" / "nps").mkdir(parents=True)
    archive = tmp_path / "assets" / "calculators-1.zip"
    archive.parent.mkdir()
    archive.write_bytes(b"one")
    lists = {"cacheFirst": ["assets/calculators-1.zip"], "networkFirst": ["calculators/nps/"]}
    (tmp_path / "calculators" / "nps" / "index.html").write_text("<p>page</p>", encoding="utf-8")
    first = offline.version(tmp_path, lists)
    archive.write_bytes(b"two")
    assert offline.version(tmp_path, lists) != first
