"""The service worker: a calculator page visited once works with the network cut, a new
deployment replaces what it keeps, and it keeps nothing a reader typed or chose."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import READY_TIMEOUT_MS, eventually, wait_for_status
from tests.browser.site_map import expect_answer, form_selector, good_query
from tests.conftest import PROJECT, build_site, localise_sitemap
from tests.serving import serve
from tests.site.reading import precache_lists, production_url

KEPT_WITHIN_S = 30
# Every address in the page's Cache Storage, whatever the cache.
CACHED = """async () => {
  const addresses = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) addresses.push(request.url);
  }
  return addresses.sort();
}"""
CONTROLLED = "Boolean(navigator.serviceWorker.controller)"
# One worker builds the second deployment (a module fixture) for every test here.
pytestmark = pytest.mark.xdist_group("offline")


def kept_addresses(site: Path, base_url: str) -> list[str]:
    """What the site's service worker should hold once installed."""
    lists = precache_lists(site)
    return sorted(base_url + path.removeprefix("./") for path in (*lists["cacheFirst"], *lists["networkFirst"]))


def wait_until_kept(page: Page, site: Path, base_url: str) -> None:
    """Wait until the service worker of `site` controls the page and holds exactly its files."""
    expected = kept_addresses(site, base_url)
    held = lambda: page.evaluate(CONTROLLED) and page.evaluate(CACHED) == expected  # noqa: E731
    if not eventually(page, held, seconds=KEPT_WITHIN_S):
        cached = set(page.evaluate(CACHED))
        missing, extra = sorted(set(expected) - cached), sorted(cached - set(expected))
        pytest.fail(f"controlled: {page.evaluate(CONTROLLED)}; not kept: {missing}; kept but not expected: {extra}")


def console_errors(page: Page) -> list[str]:
    """Every console error and uncaught exception of the page, as they happen."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_a_calculator_page_visited_once_works_offline(page: Page, built_site, tmp_path):
    site = shutil.copytree(built_site, tmp_path / "site")
    errors = console_errors(page)
    with ExitStack() as host:
        # Under a path, as on GitHub Pages: the worker's scope is the site, not the host.
        url = host.enter_context(serve(site, base_path=urlsplit(production_url()).path))
        localise_sitemap(site, url)
        page.goto(f"{url}calculators/nps/?{good_query('nps')}")
        wait_for_status(page, "ready")
        wait_until_kept(page, site, url)
    # The server is gone and the browser offline: whatever the page gets, the worker gives.
    page.context.set_offline(True)
    from_network = []
    page.on("response", lambda response: None if response.from_service_worker else from_network.append(response.url))
    page.reload()
    wait_for_status(page, "ready")
    page.locator(f"{form_selector('nps')} [name=promoters]").fill("17")
    expect_answer(page, "nps")
    # Instant navigation between kept pages, with the one worker.
    page.evaluate("window.clgNoReload = true")
    page.locator('nav a[href$="calculators/clv/"]').first.click()
    wait_for_status(page, "ready", "clv")
    assert page.evaluate("window.clgNoReload") is True
    assert page.evaluate("window.clgRuntime.workerStarts") == 1
    # Search works from the kept index.
    page.keyboard.press("/")
    page.locator(".md-search__input").fill("NPS")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=READY_TIMEOUT_MS)
    assert from_network == []
    assert errors == []


def test_the_cache_holds_the_sites_files_and_nothing_a_reader_typed(guarded_page: Page, site_url, built_site):
    guarded_page.goto(f"{site_url}calculators/nps/?{good_query('nps')}")
    wait_for_status(guarded_page, "ready")
    guarded_page.locator(f"{form_selector('nps')} [name=promoters]").fill("23")
    guarded_page.check('input[name="mode"][value="survey"]')
    guarded_page.set_input_files(
        "#clg-nps-survey_file", files=[{"name": "опрос.csv", "mimeType": "text/csv", "buffer": b"score\n10\n9\n3\n"}]
    )
    wait_for_status(guarded_page, "ready")
    guarded_page.reload()
    wait_for_status(guarded_page, "ready")
    wait_until_kept(guarded_page, built_site, site_url)
    assert all(urlsplit(address).query == "" for address in guarded_page.evaluate(CACHED))


def copy_of_project(target: Path) -> Path:
    """The project's sources in `target`, sharing the installed npm packages."""
    ignored = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".*_cache", "__pycache__")
    shutil.copytree(PROJECT, target, ignore=ignored, dirs_exist_ok=True)
    (target / "node_modules").symlink_to(PROJECT / "node_modules")
    return target


@pytest.fixture(scope="module")
def deployments(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site as deployed today, and as deployed again after a calculator changed."""
    first = tmp_path_factory.mktemp("deployed")
    shutil.copytree(built_site, first, dirs_exist_ok=True)
    project = copy_of_project(tmp_path_factory.mktemp("project"))
    registry = project / "calculators" / "registry.py"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n# Changed for a new deployment.\n", encoding="utf-8")
    return first, build_site(tmp_path_factory.mktemp("redeployed"), project)


@pytest.fixture
def host(deployments: tuple[Path, Path], tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A server of the first deployment and the folder it serves: re-point it to deploy anew."""
    current = tmp_path / "current"
    current.symlink_to(deployments[0])
    with serve(current) as url:
        for site in deployments:
            localise_sitemap(site, url)
        yield url, current


def test_a_new_deployment_replaces_the_kept_runtime(page: Page, deployments, host):
    first, second = deployments
    url, current = host
    # The calculators archive differs between the two (with what is made from it); the theme does not.
    changed = set(precache_lists(first)["cacheFirst"]) ^ set(precache_lists(second)["cacheFirst"])
    assert [path for path in changed if "/calculators-" in path] and all("/pyodide/" in path for path in changed)
    page.goto(url + "calculators/nps/")
    wait_for_status(page, "ready")
    wait_until_kept(page, first, url)
    current.unlink()
    current.symlink_to(second)
    page.reload()
    wait_for_status(page, "ready")
    # The new worker holds the new deployment's files, the old calculators archive is gone.
    wait_until_kept(page, second, url)
    page.context.set_offline(True)
    page.reload()
    wait_for_status(page, "ready")


def test_a_page_without_a_calculator_loads_no_offline_code_and_registers_nothing(guarded_page: Page, site_url):
    requested: list[str] = []
    guarded_page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    guarded_page.goto(site_url + "glossary/", wait_until="networkidle")
    assert not [path for path in requested if path.endswith(("/lazy-start.js", "/offline.js", "/sw.js"))]
    assert guarded_page.evaluate("navigator.serviceWorker.getRegistrations().then(found => found.length)") == 0
