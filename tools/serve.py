"""Serve the built site as a static host would: explicit MIME types, `_headers` rules and a 404 page.

`make serve-built` runs `python -m tools.serve site`; the tests serve their own build through `serve()`.
The `_headers` file, when the site has one, uses the format of Netlify and Cloudflare Pages:
a URL pattern on its own line (`*` matches anything, `:name` one path segment), then indented
`Name: value` lines; every rule whose pattern matches adds its headers. The file itself is not served.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, ClassVar
from urllib.parse import unquote, urlsplit

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".woff2": "font/woff2",
}
HEADERS_FILE = "_headers"
NOT_FOUND_PAGE = "404.html"
# Precompressed siblings the server prefers, as nginx's brotli_static and gzip_static do:
# token in `Accept-Encoding` → the sibling's suffix.
PRECOMPRESSED = {"br": ".br", "gzip": ".gz"}
# Types a static host compresses on the fly (`--gzip`), as GitHub Pages does; zips and fonts are compressed already.
UNCOMPRESSED_TYPES = ("application/zip", "font/woff2", "image/png", "image/jpeg")


@dataclass(frozen=True)
class HeaderRule:
    """One block of a `_headers` file: a URL pattern and the headers for the paths it matches."""

    pattern: re.Pattern[str]
    headers: tuple[tuple[str, str], ...]

    def matches(self, path: str) -> bool:
        """Whether the URL path (without query) falls under this rule."""
        return self.pattern.fullmatch(path) is not None


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A `_headers` URL pattern as a regular expression; a host in front of the path is ignored.

    Examples:
        >>> bool(compile_pattern("/assets/*").fullmatch("/assets/pyodide/pyodide.mjs"))
        True
        >>> bool(compile_pattern("/:section/").fullmatch("/metrics-faq/"))
        True
        >>> bool(compile_pattern("/:section/").fullmatch("/a/b/"))
        False
    """
    path = urlsplit(pattern).path if "://" in pattern else pattern
    parts = re.split(r"(\*|:[A-Za-z_]\w*)", path)
    regex = "".join(
        ".*" if part == "*" else "[^/]+" if part.startswith(":") and len(part) > 1 else re.escape(part)
        for part in parts
    )
    return re.compile(regex)


def parse_headers(text: str) -> list[HeaderRule]:
    """Rules from the text of a `_headers` file; `#` starts a comment line.

    Examples:
        >>> rules = parse_headers("/*\\n  X-Content-Type-Options: nosniff\\n# note\\n/a/*\\n  Cache-Control: no-cache")
        >>> [rule.headers for rule in rules if rule.matches("/a/b.js")]
        [(('X-Content-Type-Options', 'nosniff'),), (('Cache-Control', 'no-cache'),)]
    """
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
            continue
        name, colon, value = line.strip().partition(":")
        if not colon or not rules:
            raise ValueError(f"{HEADERS_FILE}:{number}: expected an indented 'Name: value' line under a URL pattern")
        rules[-1][1].append((name.strip(), value.strip()))
    return [HeaderRule(compile_pattern(pattern), tuple(headers)) for pattern, headers in rules]


def accepted_encodings(header: str) -> set[str]:
    """The content codings an `Accept-Encoding` header allows (`q=0` refuses one).

    Examples:
        >>> sorted(accepted_encodings("gzip, deflate, br, zstd"))
        ['br', 'deflate', 'gzip', 'zstd']
        >>> sorted(accepted_encodings("br;q=0, gzip;q=0.5"))
        ['gzip']
    """
    accepted = set()
    for item in header.split(","):
        token, _, params = item.strip().partition(";")
        quality = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            refused = float(quality) == 0
        except ValueError:
            refused = False
        if token.strip() and not refused:
            accepted.add(token.strip().lower())
    return accepted


def headers_for(rules: list[HeaderRule], path: str) -> list[tuple[str, str]]:
    """Headers of every matching rule in file order; a repeated name gets its values joined, as hosts do.

    Examples:
        >>> rules = parse_headers("/*\\n  Link: <a>\\n/x\\n  Link: <b>")
        >>> headers_for(rules, "/x")
        [('Link', '<a>, <b>')]
    """
    merged: dict[str, tuple[str, str]] = {}
    for rule in rules:
        if rule.matches(path):
            for name, value in rule.headers:
                key = name.lower()
                merged[key] = (merged[key][0], f"{merged[key][1]}, {value}") if key in merged else (name, value)
    return list(merged.values())


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files with explicit MIME types, the site's `_headers` and its 404 page, without request logs."""

    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}
    header_rules: ClassVar[list[HeaderRule]] = []
    forced_types: ClassVar[dict[str, str]] = {}
    quiet: ClassVar[bool] = True
    base_path: ClassVar[str] = "/"
    gzip_on_the_fly: ClassVar[bool] = False
    precompressed: ClassVar[tuple[str, ...]] = tuple(PRECOMPRESSED)

    def site_path(self) -> str | None:
        """The requested path inside the site, or None when it lies outside the base path the site is mounted at."""
        path = unquote(urlsplit(self.path).path)
        if self.base_path == "/":
            return path
        return "/" + path.removeprefix(self.base_path) if path.startswith(self.base_path) else None

    def translate_path(self, path: str) -> str:
        """Map the URL to a file under the site, after the base path (like GitHub Pages' /repository/)."""
        if self.base_path != "/":
            inside = unquote(urlsplit(path).path)
            if not inside.startswith(self.base_path):
                return str(Path(self.directory) / ".outside-the-base-path")
            path = "/" + path.removeprefix(self.base_path)
        return super().translate_path(path)

    def end_headers(self) -> None:
        """Add the `_headers` rules for the requested path before the blank line.

        `Content-Type` was already sent by `guess_type`; sending it twice would give the browser
        a combined `application/octet-stream, application/wasm`.
        """
        for name, value in headers_for(self.header_rules, self.site_path() or ""):
            if name.lower() != "content-type":
                self.send_header(name, value)
        super().end_headers()

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        """A type forced by the test, else the `_headers` rule's `Content-Type`, else by extension."""
        suffix = Path(path).suffix.lower()
        if suffix in self.forced_types:
            return self.forced_types[suffix]
        for name, value in headers_for(self.header_rules, self.site_path() or ""):
            if name.lower() == "content-type":
                return value
        return super().guess_type(path)

    def send_head(self) -> BinaryIO | None:
        """Answer a missing file, a folder without `index.html` and `_headers` itself with the site's 404 page."""
        if self.base_path != "/" and urlsplit(self.path).path == "/":
            self.send_response(302)
            self.send_header("Location", self.base_path)
            self.end_headers()
            return None
        target = Path(self.translate_path(self.path))
        hidden = target.resolve() == (Path(self.directory) / HEADERS_FILE).resolve()
        listing = target.is_dir() and not (target / "index.html").is_file()
        if hidden or listing or not target.exists():
            return self._not_found()
        if target.is_dir() and urlsplit(self.path).path.endswith("/"):
            target = target / "index.html"
        if target.is_file():
            accepted = accepted_encodings(self.headers.get("Accept-Encoding", ""))
            for coding in self.precompressed:
                sibling = target.with_name(target.name + PRECOMPRESSED[coding])
                if coding in accepted and sibling.is_file():
                    return self._send_encoded(target, sibling.read_bytes(), coding)
            if self.gzip_on_the_fly and "gzip" in accepted and self.guess_type(target) not in UNCOMPRESSED_TYPES:
                return self._send_encoded(target, _gzipped(target, target.stat().st_mtime_ns), "gzip")
        return super().send_head()

    def _send_encoded(self, target: Path, body: bytes, coding: str) -> BinaryIO:
        """Answer with `body`, the file `target` in the content coding `coding`."""
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(target))
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Last-Modified", self.date_time_string(int(target.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)

    def _not_found(self) -> BinaryIO | None:
        page = Path(self.directory) / NOT_FOUND_PAGE
        if not page.is_file():
            self.send_error(404, "File not found")
            return None
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", CONTENT_TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean; the command line server logs."""
        if not self.quiet:
            super().log_message(format, *args)


@functools.lru_cache(maxsize=256)
def _gzipped(path: Path, modified: int) -> bytes:
    """The file compressed as a host compresses on the fly (level 6), kept while it is unchanged."""
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def handler_for(
    directory: Path,
    content_types: dict[str, str] | None = None,
    quiet: bool = True,
    base_path: str = "/",
    gzip_on_the_fly: bool = False,
    precompressed: tuple[str, ...] = tuple(PRECOMPRESSED),
) -> functools.partial:
    """A request handler class bound to `directory` (mounted at `base_path`), reading its `_headers` once.

    Precompressed siblings in the codings `precompressed` (`file.br`, `file.gz`) are served to
    browsers that accept them; `gzip_on_the_fly` compresses the other files as static hosts do.
    """
    headers_file = directory / HEADERS_FILE
    rules = parse_headers(headers_file.read_text(encoding="utf-8")) if headers_file.is_file() else []
    handler_class = type(
        "Handler",
        (StaticHandler,),
        {
            "forced_types": dict(content_types or {}),
            "header_rules": rules,
            "quiet": quiet,
            "gzip_on_the_fly": gzip_on_the_fly,
            "precompressed": precompressed,
            "base_path": "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/",
        },
    )
    return functools.partial(handler_class, directory=str(directory))


@contextmanager
def serve(
    directory: Path, content_types: dict[str, str] | None = None, base_path: str = "/", gzip_on_the_fly: bool = False
) -> Iterator[str]:
    """Serve `directory` on a free port of 127.0.0.1 and yield its URL; `content_types` overrides MIME types."""
    handler = handler_for(directory, content_types, base_path=base_path, gzip_on_the_fly=gzip_on_the_fly)
    with running(handler, handler.func.base_path) as url:
        yield url


class StaticServer(http.server.ThreadingHTTPServer):
    """A threaded server that takes a reader leaving mid-download (a closed tab, a cancelled fetch)
    in its stride, as a static host does, instead of printing a traceback."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def running(handler: Callable[..., http.server.BaseHTTPRequestHandler], path: str = "/") -> Iterator[str]:
    """Run `handler` on a free port of 127.0.0.1 in a thread, yield the URL of `path` there, then stop it."""
    server = StaticServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{path}"
    finally:
        server.shutdown()
        server.server_close()


def site_url_path(config: Path) -> str:
    """The path part of `site_url` in an MkDocs config, `/` when there is none.

    Examples:
        >>> import tempfile
        >>> config = Path(tempfile.mkdtemp()) / "mkdocs.yml"
        >>> _ = config.write_text("site_name: x\\nsite_url: https://clg-handbook.github.io/clg-handbook/\\n")
        >>> site_url_path(config), site_url_path(config.with_name("missing.yml"))
        ('/clg-handbook/', '/')
    """
    if not config.is_file():
        return "/"
    match = re.search(r"^site_url:\s*(\S+)", config.read_text(encoding="utf-8"), re.MULTILINE)
    return urlsplit(match[1].strip("'\"")).path or "/" if match else "/"


def main(argv: list[str] | None = None) -> int:
    """Command line: serve a built site until Ctrl+C."""
    parser = argparse.ArgumentParser(description="Serve the built site the way a static host does.")
    parser.add_argument("directory", nargs="?", default="site", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default=8000, type=int)
    parser.add_argument(
        "--base-path",
        help="URL path the site lives at (default: the path of site_url in mkdocs.yml, as on GitHub Pages)",
    )
    parser.add_argument(
        "--gzip", action="store_true", help="compress files without a .br/.gz sibling on the fly, as GitHub Pages does"
    )
    args = parser.parse_args(argv)
    base_path = args.base_path if args.base_path is not None else site_url_path(Path("mkdocs.yml"))
    if not (args.directory / "index.html").is_file():
        parser.error(f"{args.directory}/index.html not found: build the site first (`make build`)")
    handler = handler_for(args.directory, quiet=False, base_path=base_path, gzip_on_the_fly=args.gzip)
    server = StaticServer((args.host, args.port), handler)
    rules = "with _headers" if (args.directory / HEADERS_FILE).is_file() else "no _headers file"
    url = f"http://{args.host}:{server.server_address[1]}{handler.func.base_path}"
    print(f"Serving {args.directory}/ at {url} ({rules}); Ctrl+C stops")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
