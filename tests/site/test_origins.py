"""Nothing a page loads comes from another origin: no CDN, no web fonts, no tracking pixel.
Links a reader may follow to sources elsewhere are fine; the browser tests check the same
in Chromium for what actually gets requested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.site.reading import NOT_FOUND, is_foreign, page_html, page_tree
from tests.site_pages import page_paths

# Attributes the browser fetches as soon as the page loads.
LOADED_BY = {"script": "src", "img": "src", "iframe": "src"}
# Link types that fetch or connect; `preconnect` is what Material adds for Google Fonts.
LOADING_LINKS = {"stylesheet", "preload", "modulepreload", "icon", "preconnect"}
CSS_URLS = re.compile(r"""@import\s+(?:url\()?\s*["']?(?P<imported>[^"')\s;]+)|url\(\s*["']?(?P<url>[^"')\s]+)""")
GOOGLE_FONTS = ("fonts.googleapis.com", "fonts.gstatic.com")
PAGES = [*page_paths(), NOT_FOUND]


def css_urls(css: str) -> list[str]:
    """Addresses that CSS text imports or loads.

    Examples:
        >>> css_urls('@import "https://a.org/x.css"; b { background: url( "//c.org/i.png" ) }')
        ['https://a.org/x.css', '//c.org/i.png']
    """
    return [match["imported"] or match["url"] for match in CSS_URLS.finditer(css)]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_nothing_from_another_origin(built_site: Path, path):
    foreign = []
    for node in page_tree(built_site, path).iter():
        if node.tag in LOADED_BY:
            url = node.attrs.get(LOADED_BY[node.tag], "")
            foreign += [f"<{node.tag}> {url}"] if is_foreign(url) else []
        if node.tag == "link" and LOADING_LINKS & set(node.attrs.get("rel", "").lower().split()):
            url = node.attrs.get("href", "")
            foreign += [f"<link rel={node.attrs['rel']}> {url}"] if is_foreign(url) else []
        styles = [node.attrs.get("style", "")] + ([node.raw_text()] if node.tag == "style" else [])
        foreign += [f"<{node.tag}> CSS {url}" for css in styles for url in css_urls(css) if is_foreign(url)]
    assert foreign == []


@pytest.mark.parametrize("path", PAGES)
def test_page_does_not_mention_google_fonts(built_site: Path, path):
    # `font: false` in mkdocs.yml; a theme update that brought them back would show here first.
    html = page_html(built_site, path)
    assert [host for host in GOOGLE_FONTS if host in html] == []


def test_stylesheets_load_nothing_from_another_origin(built_site: Path):
    stylesheets = sorted(built_site.rglob("*.css"))
    assert stylesheets, "no stylesheet in the site"
    foreign = [
        f"{path.relative_to(built_site)}: {url}"
        for path in stylesheets
        for url in css_urls(path.read_text(encoding="utf-8"))
        if is_foreign(url) or any(host in url for host in GOOGLE_FONTS)
    ]
    assert foreign == []
