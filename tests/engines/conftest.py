"""Fixtures for the cross-engine smoke suite: the built site with an error probe, Firefox and WebKitGTK."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from glob import glob
from pathlib import Path

import pytest

from tests.conftest import localise_sitemap
from tests.engines.drivers import EnginePage, firefox, webkit, xvfb
from tests.serving import serve

PROBE = Path(__file__).with_name("probe.js")
PROBE_NAME = "engine-probe.js"
ENGINES = ("firefox", "webkit")


def with_probe(site: Path) -> None:
    """Load the error probe first in every page's head: a same-origin script the site's CSP allows."""
    shutil.copy(PROBE, site / PROBE_NAME)
    for page in site.rglob("*.html"):
        depth = len(page.relative_to(site).parts) - 1
        tag = f'<script src="{"../" * depth}{PROBE_NAME}"></script>'
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace("<head>", "<head>" + tag, 1), encoding="utf-8")


@pytest.fixture(scope="session")
def probed_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built site whose pages load the error probe."""
    site = tmp_path_factory.mktemp("probed")
    shutil.copytree(built_site, site, dirs_exist_ok=True)
    with_probe(site)
    return site


@pytest.fixture(scope="session")
def engine_site_url(probed_site: Path) -> Iterator[str]:
    """The probed site served like `make serve-built`, with instant navigation working."""
    with serve(probed_site) as url:
        localise_sitemap(probed_site, url)
        yield url


def required(path: str | None, what: str) -> str:
    """`path` if it exists; otherwise fail (never skip) with the command that installs it."""
    if not path or not Path(path).exists():
        pytest.fail(f"{what} not found ({path}): run `make test`, which installs it")
    return path


@pytest.fixture(scope="session")
def firefox_page() -> Iterator[EnginePage]:
    with firefox(required(os.environ.get("FIREFOX") or "/usr/bin/firefox-esr", "Firefox ESR")) as page:
        yield page


@pytest.fixture(scope="session")
def webkit_page() -> Iterator[EnginePage]:
    minibrowser = os.environ.get("WEBKIT_BROWSER") or next(iter(glob("/usr/lib/*/webkit2gtk-4.1/MiniBrowser")), None)
    driver = os.environ.get("WEBKIT_DRIVER") or "/usr/bin/WebKitWebDriver"
    with xvfb() as display, webkit(required(minibrowser, "MiniBrowser"), required(driver, "WebKit"), display) as page:
        yield page


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[EnginePage]:
    """Each engine in turn; the test fails on any console error the page produced meanwhile."""
    page: EnginePage = request.getfixturevalue(f"{request.param}_page")
    page.errors()  # What an earlier test left behind is that test's concern.
    yield page
    assert page.errors() == [], f"console errors in {page.name}"
