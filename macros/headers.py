"""The `_headers` file for static hosts that read one (Netlify, Cloudflare Pages).

`tools/serve.py` (`make serve-built` and the tests) serves the built site with these headers.

Written after the build, because the Content-Security-Policy must carry the hash of every
inline script the theme put into the pages, and the caching rules follow the files that exist:
content-hashed assets are cached for a year, everything else is revalidated on each use.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

HEADERS_FILE = "_headers"

IMMUTABLE = "public, max-age=31536000, immutable"
# HTML names the hashed assets of its own deploy, so it must never outlive that deploy;
# the same goes for runtime files whose names carry no hash. A revalidation costs a 304.
REVALIDATE = "public, max-age=0, must-revalidate"

# `bundle.79ae519e.min.js`, `palette.ab4e12ef.min.css.map`, `calculators-0123456789ab.zip`.
HASHED_NAME = re.compile(r"(^|[.-])[0-9a-f]{8,}([.-]|$)")
# A folder named by a version (`assets/pyodide/314.0.7/`): its files never change either.
VERSION_FOLDER = re.compile(r"\d+(\.\d+)+")
CONTENT_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript; charset=utf-8"}
# Data blocks such as Material's `<script id="__config" type="application/json">` never run.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}

BASE_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("worker-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


class InlineCodeError(ValueError):
    """Code the policy would block without a hash: an event handler or a `javascript:` link."""


# Attribute text of a tag: quoted values may hold `>`; each character class is disjoint, so
# matching is linear however the page is written.
_ATTRIBUTES = r"""(?P<{name}>(?:"[^"]*"|'[^']*'|[^'">])*)"""
# Comments, and elements whose text is not markup: scripts are hashed, and neither their text
# nor a comment is searched for inline handlers.
_RAW_TEXT = re.compile(
    r"<!--.*?-->|<(?P<raw>script|style)(?![\w-])"
    + _ATTRIBUTES.format(name="raw_attrs")
    + r">(?P<body>.*?)</(?P=raw)\s*>",
    re.DOTALL | re.IGNORECASE,
)
# A page as the browser tokenises the parts that matter here: any start tag outside raw text.
_MARKUP = re.compile(
    _RAW_TEXT.pattern + r"|<(?P<tag>[a-z][^\s/>]*)" + _ATTRIBUTES.format(name="attrs") + ">",
    re.DOTALL | re.IGNORECASE,
)
# Every blocked attribute outside raw text matches one of these in the lower-cased page; so does
# some plain text, which the exact reading of the page's tags then clears. Two plain patterns
# scan a page several times faster than one alternation, and pages without a match (nearly all)
# skip the slower exact reading.
_MAYBE_BLOCKED = (re.compile(r"""[\s"'/]on[a-z]"""), re.compile(r"""=\s*["']?[\s\x00-\x1f]*[j&]"""))
_ATTRIBUTE = re.compile(
    r"""(?P<name>[^\s"'=/>]+)(?:\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'>]+)))?"""
)


def _attributes(text: str) -> dict[str, str]:
    """Attribute names (lower-cased) and raw values of one tag's attribute text."""
    return {
        match["name"].lower(): unescape(next((value for value in match.group("double", "single", "bare") if value), ""))
        for match in _ATTRIBUTE.finditer(text)
    }


def _blocked_code(attributes: dict[str, str]) -> list[str]:
    """The attributes of one tag that the policy would block: event handlers and `javascript:` URLs."""
    return [
        name
        for name, value in attributes.items()
        if name.startswith("on") or (name in ("href", "src", "action") and _is_javascript_url(value))
    ]


def _is_javascript_url(value: str) -> bool:
    return re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:")


def script_hash(source: str) -> str:
    """The CSP source expression that allows one inline script.

    Browsers hash the script's text as UTF-8, after the HTML parser turned CR LF into LF.

    Examples:
        >>> script_hash("alert(1)")
        "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    """
    digest = hashlib.sha256(source.replace("\r\n", "\n").encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str, where: str = "page") -> set[str]:
    """Hashes of the executable inline scripts of one page; inline handlers are an error.

    Examples:
        >>> sorted(inline_script_hashes('<script>alert(1)</script><script type="application/json">{}</script>'))
        ["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]
        >>> inline_script_hashes('<img src=x onerror="alert(1)">', "about/index.html")
        Traceback (most recent call last):
        ...
        macros.headers.InlineCodeError: about/index.html: inline code that the policy blocks: <img onerror=…> at line 1
    """
    hashes: set[str] = set()
    # The page's markup between raw-text elements, gathered on the same pass that hashes scripts.
    markup: list[str] = []
    end = 0
    for match in _RAW_TEXT.finditer(html):
        markup.append(html[end : match.start()])
        end = match.end()
        attributes = _attributes(match["raw_attrs"] or "")
        executable = (match["raw"] or "").lower() == "script" and "src" not in attributes
        if executable and attributes.get("type", "").strip().lower() in SCRIPT_TYPES:
            hashes.add(script_hash(match["body"]))
    markup.append(html[end:])
    outside_raw_text = "".join(markup).lower()
    if any(pattern.search(outside_raw_text) for pattern in _MAYBE_BLOCKED):
        _refuse_blocked_code(html, where)
    return hashes


def _refuse_blocked_code(html: str, where: str) -> None:
    """Raise `InlineCodeError` naming each tag attribute of `html` that the policy would block."""
    blocked = [
        f"<{match['tag']} {name}=…> at line {html.count(chr(10), 0, match.start()) + 1}"
        for match in _MARKUP.finditer(html)
        if match["tag"]
        for name in _blocked_code(_attributes(match["attrs"]))
    ]
    if blocked:
        raise InlineCodeError(f"{where}: inline code that the policy blocks: {', '.join(blocked)}")


def site_script_hashes(site_dir: Path) -> set[str]:
    """Hashes of every executable inline script on every page of the built site."""
    hashes: set[str] = set()
    for page in sorted(site_dir.rglob("*.html")):
        where = page.relative_to(site_dir).as_posix()
        hashes |= inline_script_hashes(page.read_text(encoding="utf-8"), where)
    return hashes


def content_security_policy(hashes: Iterable[str] = ()) -> str:
    """The policy for every response, with the inline scripts' hashes added to `script-src`.

    Examples:
        >>> content_security_policy().split("; ")[:2]
        ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'"]
    """
    extra = "".join(f" {source}" for source in sorted(hashes))
    return "; ".join(f"{name} {value}{extra if name == 'script-src' else ''}" for name, value in BASE_POLICY)


@dataclass(frozen=True)
class Rule:
    """One block of a `_headers` file: a path pattern and the headers it adds."""

    path: str
    headers: dict[str, str] = field(default_factory=dict)


def is_hashed(name: str) -> bool:
    """Whether a file name carries a content hash, so its content never changes.

    Examples:
        >>> is_hashed("bundle.79ae519e.min.js"), is_hashed("calculators-0123456789ab.zip")
        (True, True)
        >>> is_hashed("pyodide.asm.wasm"), is_hashed("calculator.js")
        (False, False)
    """
    return bool(HASHED_NAME.search(name))


def is_versioned(path: Path) -> bool:
    """Whether the file lies in a folder named by a version, so its content never changes.

    Examples:
        >>> is_versioned(Path("assets/pyodide/314.0.7/pyodide.asm.wasm")), is_versioned(Path("assets/clg/worker.js"))
        (True, False)
    """
    return any(VERSION_FOLDER.fullmatch(part) for part in path.parent.parts)


def _immutable(path: Path, site_dir: Path) -> bool:
    return is_hashed(path.name) or is_versioned(path.relative_to(site_dir))


def _url(path: Path, site_dir: Path) -> str:
    return "/" + path.relative_to(site_dir).as_posix()


def _file_rule(path: Path, site_dir: Path) -> Rule:
    headers = {"Cache-Control": IMMUTABLE if _immutable(path, site_dir) else REVALIDATE}
    if path.suffix in CONTENT_TYPES:
        headers["Content-Type"] = CONTENT_TYPES[path.suffix]
    return Rule(_url(path, site_dir), headers)


def _asset_rules(directory: Path, site_dir: Path) -> list[Rule]:
    """One splat rule for a folder whose files share a caching class, else one rule per file.

    Splats match across slashes and hosts combine the values of overlapping rules, so no two
    rules that set the same header may match the same file. A versioned folder (the runtime)
    gets one splat for caching and a rule per typed file for its `Content-Type`.
    """
    files = [path for path in directory.rglob("*") if path.is_file()]
    classes = {_immutable(path, site_dir) for path in files}
    typed = [path for path in sorted(files) if path.suffix in CONTENT_TYPES]
    if len(classes) == 1 and (not typed or is_versioned(directory.relative_to(site_dir) / "file")):
        splat = Rule(_url(directory, site_dir) + "/*", {"Cache-Control": IMMUTABLE if classes.pop() else REVALIDATE})
        # Rules that set other headers may overlap: only the same header twice would be joined.
        return [splat, *(Rule(_url(path, site_dir), {"Content-Type": CONTENT_TYPES[path.suffix]}) for path in typed)]
    rules = [_file_rule(path, site_dir) for path in sorted(directory.iterdir()) if path.is_file()]
    for child in sorted(directory.iterdir()):
        if child.is_dir():
            rules += _asset_rules(child, site_dir)
    return rules


def header_rules(site_dir: Path, hashes: Iterable[str]) -> list[Rule]:
    """Every rule for the built site in `site_dir`."""
    rules = [Rule("/*", {"Content-Security-Policy": content_security_policy(hashes), **SECURITY_HEADERS})]
    rules.append(Rule("/", {"Cache-Control": REVALIDATE}))
    for entry in sorted(site_dir.iterdir()):
        if entry.name == HEADERS_FILE:
            continue
        if entry.is_file():
            rules.append(_file_rule(entry, site_dir))
        elif entry.name == "assets":
            rules += _asset_rules(entry, site_dir)
        else:
            # Pages, the search index and images beside pages: none of them has a hashed name.
            rules.append(Rule(_url(entry, site_dir) + "/*", {"Cache-Control": REVALIDATE}))
    return rules


def render(rules: Iterable[Rule]) -> str:
    """The rules in the `_headers` format: a path, then indented `Name: value` lines.

    Examples:
        >>> print(render([Rule("/*", {"X-Content-Type-Options": "nosniff"})]), end="")
        /*
          X-Content-Type-Options: nosniff
    """
    return "".join(
        rule.path + "\n" + "".join(f"  {name}: {value}\n" for name, value in rule.headers.items()) for rule in rules
    )


def write_headers(site_dir: Path) -> Path:
    """Write `site_dir/_headers` for the site built there and return its path."""
    preamble = (
        "# Written by macros/headers.py after each build; edit that module, not this file.\n"
        "# Hosts without `_headers` must send the same headers: see README.md.\n"
    )
    target = site_dir / HEADERS_FILE
    target.write_text(preamble + render(header_rules(site_dir, site_script_hashes(site_dir))), encoding="utf-8")
    return target
