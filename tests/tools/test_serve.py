"""`make serve-built`'s server: MIME types, the site's `_headers`, the 404 page, like a static host."""

from __future__ import annotations

import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest

from tools.serve import main, serve


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<h1>Главная</h1>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Страница не найдена</h1>", encoding="utf-8")
    (tmp_path / "section").mkdir()
    (tmp_path / "section" / "index.html").write_text("<h1>Раздел</h1>", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "runtime.wasm").write_bytes(b"\0asm")
    (tmp_path / "assets" / "module.mjs").write_text("export {};", encoding="utf-8")
    (tmp_path / "_headers").write_text(
        "# rules\n/*\n  X-Content-Type-Options: nosniff\n/assets/*\n  Cache-Control: max-age=31536000, immutable\n",
        encoding="utf-8",
    )
    return tmp_path


def fetch(url: str) -> tuple[int, Message, str]:
    """Status, headers (looked up without regard to case) and body."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("assets/runtime.wasm", "application/wasm"),
        ("assets/module.mjs", "text/javascript; charset=utf-8"),
        ("", "text/html; charset=utf-8"),
    ],
)
def test_content_types_as_a_host_sends_them(site, path, content_type):
    with serve(site) as url:
        status, headers, _ = fetch(url + path)
    assert (status, headers["Content-Type"]) == (200, content_type)


def test_headers_file_rules_apply_to_matching_paths(site):
    with serve(site) as url:
        _, page, _ = fetch(url)
        _, asset, _ = fetch(url + "assets/runtime.wasm")
    assert page["X-Content-Type-Options"] == asset["X-Content-Type-Options"] == "nosniff"
    assert "Cache-Control" not in page
    assert asset["Cache-Control"] == "max-age=31536000, immutable"


@pytest.mark.parametrize("path", ["no-such-page/", "_headers", "empty/"])
def test_missing_pages_get_the_sites_404_page(site, path):
    # `_headers` is configuration, not content; a folder without index.html is not listed.
    with serve(site) as url:
        status, headers, body = fetch(url + path)
    assert status == 404
    assert "Страница не найдена" in body
    assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_a_folder_without_a_slash_redirects_to_it(site):
    with serve(site) as url:
        status, _, body = fetch(url + "section")
    assert (status, body) == (200, "<h1>Раздел</h1>")


def test_the_command_refuses_a_folder_without_a_built_site(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main([str(tmp_path)])
    assert "make build" in capsys.readouterr().err


def test_the_site_can_live_under_a_base_path_as_on_github_pages(site):
    # MkDocs writes the 404 page with links from site_url's path; served at the root it would lose its styles.
    with serve(site, base_path="clg-handbook") as url:
        root = url.removesuffix("clg-handbook/")
        assert url.endswith("/clg-handbook/")
        assert fetch(url + "section/")[0] == 200
        assert fetch(url + "assets/runtime.wasm")[1]["Cache-Control"] == "max-age=31536000, immutable"
        assert fetch(root + "section/")[0] == 404
        assert fetch(root)[:1] == (200,)  # redirected to the base path
