"""Shared fixtures: the site built once per session, HTTP servers and a guarded browser page."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.serving import serve
from tests.site.reading import production_url

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


def build_site(target: Path) -> Path:
    """Run the strict production build into `target`, failing with MkDocs' own output."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session."""
    return build_site(tmp_path_factory.mktemp("site"))


def localise_sitemap(site: Path, base_url: str) -> None:
    """Point the sitemap's addresses at `base_url`, as `mkdocs serve` does with `site_url`.

    Material's instant navigation only intercepts links listed in `sitemap.xml`, keeping the
    port and path of its addresses; with the production `site_url` a test server on another
    port and path would get full page loads instead.
    """
    sitemap = site / "sitemap.xml"
    localised = sitemap.read_text(encoding="utf-8").replace(production_url(), base_url)
    sitemap.write_text(localised, encoding="utf-8")
    # MkDocs also writes `sitemap.xml.gz`, which a server of precompressed files sends instead.
    sitemap.with_name("sitemap.xml.gz").write_bytes(gzip.compress(localised.encode("utf-8"), mtime=0))


@pytest.fixture(scope="session")
def site_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a copy of the built site, served with correct MIME types and instant navigation."""
    served = tmp_path_factory.mktemp("served")
    shutil.copytree(built_site, served, dirs_exist_ok=True)
    with serve(served) as url:
        localise_sitemap(served, url)
        yield url


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Chromium for the browser tests; missing means failing, never skipping."""
    path = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(f"no Chromium at {path}: run `make test`, which installs one, or set CHROMIUM")
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, chromium_path: str) -> dict:
    """Drive the system Chromium headless; it cannot download its own browser here."""
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": CHROMIUM_ARGS}
