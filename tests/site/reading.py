"""Reading the built site as a visitor's browser and a search engine would: the settings in
mkdocs.yml, each page parsed once, and the addresses its links and files resolve to."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml
from mkdocs.utils.meta import get_data

from tests.html_elements import Node, tree
from tests.site_pages import DOCS, PROJECT, page_sources

# The page a host shows for a missing address; it is not in the nav.
NOT_FOUND = "404.html"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running the Python objects it names (the slugify functions)."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@cache
def config() -> dict[str, Any]:
    """The settings in mkdocs.yml."""
    return yaml.load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def production_url() -> str:
    """The address the site is published under (`site_url`), ending with a slash.

    Examples:
        >>> production_url().startswith("https://") and production_url().endswith("/")
        True
    """
    return config()["site_url"].rstrip("/") + "/"


def production_path() -> str:
    """The path of `site_url`, where the site's root is on its host.

    Examples:
        >>> production_path().startswith("/") and production_path().endswith("/")
        True
    """
    return "/" + urlsplit(production_url()).path.lstrip("/")


def front_matter(path: str) -> dict[str, Any]:
    """The front matter of the page at URL path `path`."""
    return get_data((DOCS / page_sources()[path]).read_text(encoding="utf-8"))[1]


def built_file(site: Path, path: str) -> Path:
    """The file the host serves for URL path `path` (relative to the site root).

    Examples:
        >>> built_file(Path("/s"), "about/"), built_file(Path("/s"), ""), built_file(Path("/s"), "404.html")
        (PosixPath('/s/about/index.html'), PosixPath('/s/index.html'), PosixPath('/s/404.html'))
    """
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


@cache
def page_html(site: Path, path: str) -> str:
    """The HTML of the page at URL path `path` of the built site."""
    return built_file(site, path).read_text(encoding="utf-8")


@cache
def page_tree(site: Path, path: str) -> Node:
    """The page at URL path `path`, parsed once per session."""
    return tree(page_html(site, path))


def is_foreign(url: str) -> bool:
    """Whether `url` points to another origin (protocol-relative addresses included).

    Examples:
        >>> [is_foreign(url) for url in ("https://a.org/x.js", "//a.org/x.js", "../x.js", "/x.js", "data:,x")]
        [True, True, False, False, False]
    """
    return bool(urlsplit(url).netloc)


def site_path(page: str, url: str) -> str | None:
    """The URL path (relative to the site root) that `url`, written on the page at `page`, leads
    to as the published site resolves it; None for another origin or outside the site.

    Examples:
        >>> site_path("calculators/nps/", "../../assets/clg/runtime.js")
        'assets/clg/runtime.js'
        >>> site_path("calculators/nps/", "../"), site_path("", "."), site_path("", "https://github.com/")
        ('calculators/', '', None)
    """
    base = production_url()
    resolved = urljoin(base + page, url).split("#", 1)[0].split("?", 1)[0]
    if not resolved.startswith(base):
        return None
    return resolved.removeprefix(base)


def precache_lists(site: Path) -> dict[str, list[str]]:
    """The service worker's lists of kept files, inlined at the top of the built `sw.js`."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"self\.CLG_PRECACHE = (\{.*?\n\});", text, re.DOTALL)[1])
