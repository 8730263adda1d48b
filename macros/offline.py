"""The service worker that keeps the calculators working offline.

`sw.js` at the site root is `overrides/sw.js` with this build's precache list put in front of it:
Pyodide and the calculators archive (served cache-first: their contents never change under
one name within a version), the calculator pages and the theme files they load (network-first,
so a new deployment shows at once; the cache answers when the network does not). The list holds
only files of the built site, so nothing a reader typed or uploaded can ever be stored.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urljoin

from macros.bundle import RUNTIME_DIR
from macros.headers import is_hashed

SERVICE_WORKER = "sw.js"
SOURCE = Path("overrides") / SERVICE_WORKER
CALCULATOR_MARK = 'data-calculator="'
# The handbook's own browser code: calculator.js imports the rest of this folder at run time.
OWN_CODE = Path("assets") / "clg"
# Besides the pages: the sitemap lets instant navigation work between cached pages; the search
# index, its worker and the worker's language scripts keep the search field working offline.
SEARCH_INDEX = "search/search_index.json"
SITE_FILES = ("sitemap.xml", SEARCH_INDEX)
_REFERENCE = re.compile(r"""<(?:script|link)\b[^>]*?\b(?:src|href)="([^"#?]+)\"""", re.IGNORECASE)
LUNR = "assets/javascripts/lunr"
# Word splitters Material's search worker loads before a language's stemmer.
_SEGMENTERS = {"ja": "tinyseg.js", "hi": "wordcut.js", "th": "wordcut.js"}
_SEARCH_WORKER = re.compile(r"""(assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)""")


def runtime_paths(site_dir: Path, runtime: Mapping[str, str]) -> list[str]:
    """The runtime's files in the built site, as the runtime's manifest lists them, with the manifest.

    `runtime` is what every page's head names (`config.extra.clg_runtime`): the version folder
    under `assets/pyodide/` and the manifest's name. The one place that knows how the runtime
    is laid out; the worker reads the manifest too (for progress), so it is kept as well.
    """
    folder = f"{RUNTIME_DIR.as_posix()}/{runtime['base']}"
    manifest = json.loads((site_dir / folder / runtime["manifest"]).read_text(encoding="utf-8"))
    return [folder + name for name in (*manifest["files"], runtime["manifest"])]


def page_url(page: Path, site_dir: Path) -> str:
    """A page's address relative to the site root, as links and instant navigation write it.

    Examples:
        >>> page_url(Path("site/calculators/nps/index.html"), Path("site"))
        'calculators/nps/'
        >>> page_url(Path("site/index.html"), Path("site"))
        './'
    """
    relative = page.relative_to(site_dir).as_posix()
    folder = relative.removesuffix("index.html")
    return folder or "./"


def referenced_files(html: str, page: str, site_dir: Path) -> set[str]:
    """The site's files a page's `<script>` and `<link>` tags load, relative to the site root.

    Examples:
        >>> import tempfile
        >>> site = Path(tempfile.mkdtemp())
        >>> (site / "assets").mkdir()
        >>> _ = (site / "assets" / "main.css").write_text("")
        >>> html = '<link rel="stylesheet" href="../../assets/main.css"><link rel="next" href="../clv/">'
        >>> sorted(referenced_files(html, "calculators/nps/", site))
        ['assets/main.css']
    """
    files = set()
    for reference in _REFERENCE.findall(html):
        path = urljoin("/" + page, reference).lstrip("/")
        if "://" not in reference and (site_dir / path).is_file():
            files.add(path)
    return files


def search_language_files(languages: list[str]) -> list[str]:
    """The lunr scripts Material's search worker imports for the site's search languages.

    Examples:
        >>> search_language_files(["ru", "en"])  # doctest: +NORMALIZE_WHITESPACE
        ['assets/javascripts/lunr/min/lunr.stemmer.support.min.js', 'assets/javascripts/lunr/min/lunr.ru.min.js',
         'assets/javascripts/lunr/min/lunr.multi.min.js']
        >>> search_language_files(["en"])
        []
    """
    files = [f"{LUNR}/{_SEGMENTERS[language]}" for language in languages if language in _SEGMENTERS]
    files += [f"{LUNR}/min/lunr.{language}.min.js" for language in languages if language != "en"]
    if len(languages) > 1:
        files.append(f"{LUNR}/min/lunr.multi.min.js")
    return [f"{LUNR}/min/lunr.stemmer.support.min.js", *files] if files else []


def calculator_pages(site_dir: Path) -> dict[str, str]:
    """The built pages that hold a calculator: address relative to the site root → HTML."""
    pages = {}
    for page in sorted(site_dir.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        if CALCULATOR_MARK in html:
            pages[page_url(page, site_dir)] = html
    return pages


def precache(site_dir: Path, runtime: Iterable[str]) -> dict[str, list[str]]:
    """The service worker's lists: files served from the cache first, and files asked of the network first.

    `runtime` are the runtime files' paths in the site (`runtime_paths`); theme files with a
    content hash in their name join them, since their content never changes either.
    """
    pages = calculator_pages(site_dir)
    assets = {path.relative_to(site_dir).as_posix() for path in (site_dir / OWN_CODE).iterdir() if path.is_file()}
    for url, html in pages.items():
        assets |= referenced_files(html, url, site_dir)
    for html in pages.values():
        assets.update(path for path in _SEARCH_WORKER.findall(html) if (site_dir / path).is_file())
    assets.update(path for path in SITE_FILES if (site_dir / path).is_file())
    index = site_dir / SEARCH_INDEX
    if index.is_file():
        assets.update(search_language_files(json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]))
    cache_first = sorted({*runtime, *(path for path in assets if is_hashed(Path(path).name))})
    network_first = sorted(pages) + sorted(assets - set(cache_first))
    return {"cacheFirst": cache_first, "networkFirst": network_first}


def version(site_dir: Path, lists: Mapping[str, list[str]]) -> str:
    """A hash of every listed file's address and content: any change makes a new service worker."""
    digest = hashlib.sha256()
    for url in sorted(url for urls in lists.values() for url in urls):
        digest.update(url.encode())
        target = site_dir / (url + "index.html" if url.endswith("/") else url)
        digest.update(hashlib.sha256(target.read_bytes()).digest())
    return digest.hexdigest()[:12]


def write_service_worker(project: Path, site_dir: Path, runtime: Iterable[str]) -> Path:
    """Write `site_dir/sw.js`: this build's precache list, then the worker's code."""
    lists = precache(site_dir, runtime)
    build = {"version": version(site_dir, lists), **lists}
    target = site_dir / SERVICE_WORKER
    preamble = "// Written by macros/offline.py at build time from overrides/sw.js.\n"
    target.write_text(
        f"{preamble}self.CLG_PRECACHE = {json.dumps(build, indent=1)};\n\n"
        + (project / SOURCE).read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    return target
