"""The `_headers` file written after the build: the policy allows exactly the theme's inline
scripts, and every file gets one caching rule that fits its name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.headers import (
    IMMUTABLE,
    REVALIDATE,
    InlineCodeError,
    content_security_policy,
    inline_script_hashes,
    is_hashed,
    script_hash,
)
from tools.serve import headers_for, parse_headers

# Cloudflare Pages reads at most this many rules from `_headers`.
MAX_RULES = 100
# An independent reading of inline scripts, to cross-check the HTML parser in macros/headers.py.
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)


@pytest.fixture(scope="module")
def rules(built_site: Path):
    return parse_headers((built_site / "_headers").read_text(encoding="utf-8"))


def site_files(site: Path) -> list[Path]:
    return [path for path in site.rglob("*") if path.is_file() and path.name != "_headers"]


def url_of(path: Path, site: Path) -> str:
    return "/" + path.relative_to(site).as_posix()


def headers(rules, path: str) -> dict[str, str]:
    return dict(headers_for(rules, path))


def test_every_inline_script_of_every_page_is_allowed_by_its_hash(built_site: Path, rules):
    for page in built_site.rglob("*.html"):
        policy = headers(rules, url_of(page, built_site))["Content-Security-Policy"]
        allowed = set(policy.split("script-src ", 1)[1].split(";", 1)[0].split())
        for match in INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            attrs = match["attrs"]
            if "src=" in attrs or re.search(r'type="application/(ld\+)?json"', attrs):
                continue
            assert script_hash(match["body"]) in allowed, f"{page}: {match['body'][:60]}"


def test_the_policy_is_strict(built_site: Path, rules):
    policy = headers(rules, "/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    sources = directives["script-src"].split()
    assert sources[:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert all(source.startswith("'sha256-") for source in sources[2:])
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_every_file_gets_the_policy_and_one_caching_rule(built_site: Path, rules):
    for path in site_files(built_site):
        found = headers(rules, url_of(path, built_site))
        assert "Content-Security-Policy" in found, path
        # Two matching rules would be comma-joined by the host into a contradictory header.
        assert found.get("Cache-Control") in (IMMUTABLE, REVALIDATE), (path, found.get("Cache-Control"))


@pytest.mark.parametrize(
    ("pattern", "cache"),
    [
        (r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js$", IMMUTABLE),
        (r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css$", IMMUTABLE),
        (r"assets/stylesheets/palette\.[0-9a-f]{8}\.min\.css$", IMMUTABLE),
        (r"assets/javascripts/workers/search\.[0-9a-f]{8}\.min\.js$", IMMUTABLE),
        (r"assets/pyodide/[0-9.]+/calculators-[0-9a-f]{12}\.zip$", IMMUTABLE),
        # Pyodide's files by the version in their folder, and the siblings of every file there.
        (r"assets/pyodide/[0-9.]+/pyodide\.asm\.wasm$", IMMUTABLE),
        (r"assets/pyodide/[0-9.]+/pyodide\.asm\.wasm\.br$", IMMUTABLE),
        (r"assets/pyodide/[0-9.]+/manifest-[0-9a-f]{12}\.json$", IMMUTABLE),
        (r"^index\.html$", REVALIDATE),
        (r"calculators/nps/index\.html$", REVALIDATE),
        (r"assets/clg/calculator\.js$", REVALIDATE),
    ],
)
def test_caching_follows_the_file_name(built_site: Path, rules, pattern, cache):
    matching = [path for path in site_files(built_site) if re.search(pattern, path.relative_to(built_site).as_posix())]
    assert matching, f"no file matches {pattern}"
    for path in matching:
        assert headers(rules, url_of(path, built_site))["Cache-Control"] == cache


def test_pages_by_their_folder_address_revalidate(built_site: Path, rules):
    for path in ("/", "/calculators/nps/", "/about/"):
        assert headers(rules, path)["Cache-Control"] == REVALIDATE


def test_webassembly_and_modules_have_their_types(built_site: Path, rules):
    for path in built_site.rglob("*.wasm"):
        assert headers(rules, url_of(path, built_site))["Content-Type"] == "application/wasm"
    for path in built_site.rglob("*.mjs"):
        assert headers(rules, url_of(path, built_site))["Content-Type"].startswith("text/javascript")


def test_the_file_stays_within_cloudflare_pages_limits(rules):
    assert len(rules) <= MAX_RULES


@pytest.mark.parametrize(
    ("html", "hashes"),
    [
        ("<p>No script</p>", 0),
        ("<script>a()</script><script>a()</script>", 1),
        # Data blocks and external scripts need no hash.
        ('<script type="application/json">{"a": 1}</script><script src="x.js"></script>', 0),
        ('<script type="module">import "./a.js";</script>', 1),
    ],
)
def test_inline_scripts_are_counted(html, hashes):
    assert len(inline_script_hashes(html)) == hashes


@pytest.mark.parametrize(
    "html",
    [
        '<button onclick="go()">Go</button>',
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JavaScript:alert(1)">x</a>',
        # Browsers take an attribute right after a closing quote, with no space between.
        '<img src="x"onerror="alert(1)">',
        # A `>` inside a quoted value does not end the tag.
        '<a title=">" onclick="go()">x</a>',
        '<DIV ONMOUSEOVER="go()">x</DIV>',
        # Character references and control characters are decoded or dropped before the URL is read.
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="\x01javascript:alert(1)">x</a>',
        '<form action="javascript:go()"></form>',
    ],
)
def test_inline_handlers_stop_the_build(html):
    with pytest.raises(InlineCodeError, match="page"):
        inline_script_hashes(html)


def test_hashes_match_what_browsers_compute():
    # The hash of «alert(1)» as given in the CSP specification's examples and browsers' consoles.
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    # The HTML parser turns CR LF into LF before the browser hashes the text.
    assert script_hash("a()\r\nb()") == script_hash("a()\nb()")


def test_names_with_a_content_hash_are_recognised():
    assert is_hashed("main.57a0d79d.min.css")
    assert is_hashed("python_stdlib-944d4e43728e.zip")
    assert not is_hashed("python_stdlib.zip")
    assert not is_hashed("favicon.png")


def test_the_policy_lists_the_hashes_in_script_src_only():
    policy = content_security_policy({"'sha256-A='"})
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-A='" in policy
    assert policy.count("sha256") == 1


@pytest.mark.parametrize(
    "html",
    [
        # Script and style text, comments and page text are not tags.
        '<script>el.innerHTML = "<b onclick=x>";</script>',
        "<style>a[onclick] { color: red }</style>",
        "<!-- <a onclick=go()> -->",
        "<p>Укажите on_error_fail или href=javascript: в тексте</p>",
        '<a href="/about/" class="online">x</a>',
    ],
)
def test_code_that_only_looks_like_a_handler_passes(html):
    inline_script_hashes(html)


def test_a_blocked_attribute_is_named_with_its_line():
    html = '<p>a</p>\n<p>b</p>\n<button onclick="go()">x</button>'
    with pytest.raises(InlineCodeError, match=r"docs/a\.html: .*<button onclick=…> at line 3"):
        inline_script_hashes(html, "docs/a.html")
