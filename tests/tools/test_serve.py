"""`make serve-built`'s server: MIME types, the site's `_headers`, the 404 page, like a static host."""

from __future__ import annotations

import gzip
import http.server
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest

from tools.serve import StaticServer, main, serve


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


def fetch_raw(url: str, accept_encoding: str) -> tuple[Message, bytes]:
    """Headers and the body as sent, for a browser that accepts `accept_encoding`."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept_encoding})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


@pytest.mark.parametrize(
    ("accept", "encoding", "body"),
    [
        # Brotli is preferred where both siblings exist and the browser takes both.
        ("gzip, deflate, br, zstd", "br", b"brotli form"),
        ("gzip", "gzip", b"gzip form"),
        # A coding refused with q=0 is never sent.
        ("br;q=0, gzip", "gzip", b"gzip form"),
        ("identity", None, b"\0asm"),
    ],
)
def test_precompressed_siblings_are_served_when_the_browser_accepts_them(site, accept, encoding, body):
    (site / "assets" / "runtime.wasm.br").write_bytes(b"brotli form")
    (site / "assets" / "runtime.wasm.gz").write_bytes(b"gzip form")
    with serve(site) as url:
        headers, sent = fetch_raw(url + "assets/runtime.wasm", accept)
    assert (headers["Content-Encoding"], sent) == (encoding, body)
    # The type is the original file's, and caches keep one copy per coding.
    assert headers["Content-Type"] == "application/wasm"
    assert headers["Cache-Control"] == "max-age=31536000, immutable"
    if encoding:
        assert headers["Vary"] == "Accept-Encoding"
        assert headers["Content-Length"] == str(len(body))


def test_gzip_on_the_fly_compresses_text_but_not_zips(site):
    (site / "assets" / "archive.zip").write_bytes(b"PK\x03\x04 already compressed")
    with serve(site, gzip_on_the_fly=True) as url:
        page, sent = fetch_raw(url, "gzip, br")
        archive, _ = fetch_raw(url + "assets/archive.zip", "gzip, br")
    assert page["Content-Encoding"] == "gzip"
    assert gzip.decompress(sent).decode() == "<h1>Главная</h1>"
    assert archive["Content-Encoding"] is None


@pytest.mark.parametrize(
    ("error", "reported"),
    [
        # A reader closing the tab mid-download: normal for a static host, nothing to print.
        (BrokenPipeError(32, "Broken pipe"), False),
        (ConnectionResetError(104, "Connection reset by peer"), False),
        # A fault of the server itself still shows its traceback.
        (ValueError("bad header"), True),
    ],
)
def test_only_server_faults_print_a_traceback(capfd, error: Exception, reported: bool):
    server = StaticServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    try:
        try:
            raise error
        except Exception:
            server.handle_error(None, ("127.0.0.1", 1))
    finally:
        server.server_close()
    assert ("Traceback" in capfd.readouterr().err) is reported
