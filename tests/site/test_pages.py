"""Every page of `docs/` is built, reachable from the nav and described for search engines and
link previews; the sitemap lists the pages and the 404 page works at any address."""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.hook_modules import load_hook
from tests.html_elements import Node
from tests.site.reading import (
    NOT_FOUND,
    built_file,
    config,
    front_matter,
    is_foreign,
    page_tree,
    production_path,
    production_url,
    site_path,
)
from tests.site_pages import CYRILLIC, built_page_paths, page_paths, page_sources

# The month names the page dates hook writes.
MONTHS_GENITIVE = load_hook("revision_dates").MONTHS_GENITIVE
RUSSIAN_DATE = re.compile(rf"(?P<day>\d{{1,2}}) (?P<month>{'|'.join(MONTHS_GENITIVE)}) (?P<year>\d{{4}}) г\.")
# The branch the site is published from (.github/workflows/deploy.yml) and the folder of the pages.
EDIT_PATH = "edit/main/docs/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def meta(page: Node, **attrs: str) -> list[str]:
    """The `content` of every `<meta>` with these attributes (`property="og:…"` or `name=…`)."""
    return [node.attrs.get("content", "") for node in page.find_all("meta", **attrs)]


def nav_entries(items: list) -> list[str]:
    """The Markdown files named in the `nav:` of mkdocs.yml, sections unfolded."""
    found = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        found += nav_entries(value) if isinstance(value, list) else [value]
    return found


# --- Pages and the nav --------------------------------------------------------------------------


def in_readers_nav(source: str) -> bool:
    """Whether a page belongs in the nav: not in a folder that `not_in_nav` of mkdocs.yml names (the guide).

    Examples:
        >>> in_readers_nav("metrics-faq/index.md"), in_readers_nav("contributing/pages.md")
        (True, False)
    """
    folders = [line.strip().strip("/") + "/" for line in config().get("not_in_nav", "").splitlines() if line.strip()]
    return not source.startswith(tuple(folders))


NAV_PATHS = [path for path, source in page_sources().items() if in_readers_nav(source)]


def test_the_built_pages_are_the_pages_of_docs(built_site: Path):
    # Nothing built that has no page in docs/ (a stray index.html would be a page nobody edits).
    assert built_page_paths(built_site) == set(page_paths())


@pytest.mark.parametrize("path", page_paths())
def test_page_is_built(built_site: Path, path):
    assert built_file(built_site, path).is_file()


@pytest.mark.parametrize("path", NAV_PATHS)
def test_page_is_in_the_nav_of_the_home_page(built_site: Path, path):
    nav = page_tree(built_site, "").find("nav", class_="md-nav--primary")
    assert nav is not None, "the home page has no primary nav"
    # The nav's own links: the logo in the drawer links home too, but is no entry of the nav.
    linked = {site_path("", link.attrs["href"]) for link in nav.find_all("a", class_="md-nav__link")}
    assert path in linked


@pytest.mark.parametrize("source", [source for source in page_sources().values() if in_readers_nav(source)])
def test_mkdocs_yml_nav_lists_the_page(source):
    assert source in nav_entries(config()["nav"])


# --- What search engines and link previews read -------------------------------------------------


@pytest.mark.parametrize("path", page_paths())
def test_page_is_in_russian_and_has_a_title(built_site: Path, path):
    page = page_tree(built_site, path)
    assert page.find("html").attrs.get("lang") == "ru"
    title = page.find("title")
    assert title is not None and title.text
    assert front_matter(path)["title"] in title.text


@pytest.mark.parametrize("path", page_paths())
def test_description_is_the_one_in_front_matter(built_site: Path, path):
    assert meta(page_tree(built_site, path), name="description") == [front_matter(path)["description"]]


@pytest.mark.parametrize("path", page_paths())
def test_canonical_link_is_under_site_url(built_site: Path, path):
    page = page_tree(built_site, path)
    assert [link.attrs["href"] for link in page.find_all("link", rel="canonical")] == [production_url() + path]


@pytest.mark.parametrize("path", page_paths())
def test_open_graph_describes_the_page(built_site: Path, path):
    page = page_tree(built_site, path)
    matter = front_matter(path)
    assert meta(page, property="og:title") == [matter["title"]]
    assert meta(page, property="og:description") == [matter["description"]]
    # The home page stands for the whole site; every other page is an article of it.
    assert meta(page, property="og:type") == ["website" if path == "" else "article"]
    assert meta(page, property="og:locale") == ["ru_RU"]
    assert meta(page, property="og:url") == [production_url() + path]


# --- Edit link and last update ------------------------------------------------------------------


@pytest.mark.parametrize(("path", "source"), page_sources().items())
def test_page_links_to_its_source_for_editing(built_site: Path, path, source):
    edit = [link.attrs.get("href") for link in page_tree(built_site, path).find_all("a", rel="edit")]
    assert edit == [f"{config()['repo_url'].rstrip('/')}/{EDIT_PATH}{source}"]


@pytest.mark.parametrize("path", page_paths())
def test_page_shows_its_last_update_as_a_russian_date(built_site: Path, path):
    asides = list(page_tree(built_site, path).find_all("aside", class_="md-source-file"))
    assert len(asides) == 1, "no «Последнее обновление» under the page"
    found = RUSSIAN_DATE.fullmatch(asides[0].text)
    assert found, f"not a date like «3 декабря 2026 г.»: {asides[0].text!r}"
    day = datetime.date(int(found["year"]), MONTHS_GENITIVE.index(found["month"]) + 1, int(found["day"]))
    # A commit's date is in UTC; a day ahead of the local date is still not the future.
    assert day <= datetime.date.today() + datetime.timedelta(days=1)


# --- Sitemap and 404 ----------------------------------------------------------------------------


def test_sitemap_lists_every_page_under_site_url(built_site: Path):
    root = ET.parse(built_site / "sitemap.xml").getroot()
    addresses = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert sorted(addresses) == sorted(production_url() + path for path in page_paths())


def test_404_page_is_in_russian(built_site: Path):
    assert (built_site / NOT_FOUND).is_file()
    page = page_tree(built_site, NOT_FOUND)
    assert page.find("html").attrs.get("lang") == "ru"
    heading = page.find("h1")
    assert heading is not None and CYRILLIC.search(heading.text), "Material's own says «404 - Not found»"
    assert "Not found" not in page.text


def test_404_page_loads_its_files_from_the_site_root(built_site: Path):
    # The host shows it at any missing address, however deep: a relative path would miss.
    base = production_path()
    page = page_tree(built_site, NOT_FOUND)
    for node in page.iter():
        for name in ("src", "href"):
            url = node.attrs.get(name)
            if url is None or is_foreign(url) or url.startswith(("#", "data:")):
                continue
            assert url.startswith(base), f"<{node.tag} {name}={url!r}> is relative"
            assert built_file(built_site, site_path(NOT_FOUND, url)).is_file(), url


def test_404_page_runs_material_from_the_site_root(built_site: Path):
    # Material's scripts load the search worker and resolve links from `base`.
    base = production_path()
    settings = json.loads(page_tree(built_site, NOT_FOUND).find("script", id="__config").raw_text())
    assert settings["base"] == base
    assert settings["search"].startswith(base)
    assert built_file(built_site, settings["search"].removeprefix(base)).is_file()
