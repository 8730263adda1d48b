"""What `make check` adds to a build error so an editor can fix it: the exact line, the likely intent.

MkDocs and Jinja describe a mistake in their own terms (a character offset, «unexpected char»,
a key name); these helpers find the line in the page, say what is wrong in Russian and offer the
closest real names: macros, benchmark keys, pages, anchors.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

TYPOGRAPHIC_QUOTES = "«»“”„"
HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*(?:\{[^}]*#(?P<id>[\w-]+)[^}]*\})?\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
UNEXPECTED_CHAR = re.compile(r"unexpected char '(?P<char>.)' at \d+")
EXPECTED_TOKEN = re.compile(r"expected token '(?P<expected>[^']+)', got '(?P<got>[^']+)'")
TOKEN_NAMES = {"end of print statement": "}}", "end of statement block": "%}", ",": ",", ")": ")"}


def maybe(wrong: str, candidates: Iterable[str], count: int = 3, cutoff: float = 0.6) -> str:
    """«Возможно, имелось в виду …» with the candidates closest to `wrong`, or "" when none is close enough.

    `cutoff=0` always names the `count` closest (a page's anchors: the editor picks the right one).

    Examples:
        >>> maybe("benchmrk", ["benchmark", "kpi_table", "glossary"])
        'Возможно, имелось в виду «benchmark». '
        >>> maybe("zzz", ["benchmark"])
        ''
    """
    close = difflib.get_close_matches(wrong, list(dict.fromkeys(candidates)), n=count, cutoff=cutoff)
    if not close:
        return ""
    return "Возможно, имелось в виду " + " или ".join(f"«{name}»" for name in close) + ". "


def link_lines(path: Path, link: str) -> list[int]:
    """Lines of `path` where `link` is the target of a Markdown link, `[…](link)` or `[label]: link`.

    A bare mention of the same address elsewhere (in text or code) is not a link and is skipped.

    Examples:
        >>> import tempfile
        >>> page = Path(tempfile.mkdtemp(), "p.md")
        >>> _ = page.write_text("Адрес /a/index.md в тексте.\\n[А](/a/index.md \\"x\\") и [Б](/a/index.md)\\n")
        >>> link_lines(page, "/a/index.md")
        [2, 2]
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    target = re.compile(rf"\]\(\s*<?{re.escape(link)}>?(?=[\s)])|^\s*\[[^\]]+\]:\s*<?{re.escape(link)}>?\s", re.M)
    return [text.count("\n", 0, match.start()) + 1 for match in target.finditer(text)]


def page_anchors(path: Path) -> list[str]:
    """The anchors of a page's headings, as the site makes them (`{ #id }` or the slug of the title).

    Examples:
        >>> import tempfile
        >>> page = Path(tempfile.mkdtemp(), "p.md")
        >>> text = "# Титул\\n\\n## Этапы пути клиента\\n\\n```\\n## не заголовок\\n```\\n### Своё { #own }\\n"
        >>> _ = page.write_text(text)
        >>> page_anchors(page)
        ['титул', 'этапы-пути-клиента', 'own']
    """
    from pymdownx.slugs import slugify

    slug = slugify(case="lower")
    anchors, in_code = [], False
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    for line in lines:
        if FENCE.match(line):
            in_code = not in_code
        elif not in_code and (match := HEADING.match(line)):
            anchors.append(match["id"] or slug(re.sub(r"[*_`]", "", match["title"]), "-"))
    return anchors


def page_paths(docs: Path, page: Path) -> list[str]:
    """Every page of `docs` as a link from `page` would name it (relative to the page's folder)."""
    return [os.path.relpath(other, page.parent).replace(os.sep, "/") for other in sorted(docs.rglob("*.md"))]


def benchmark_keys(project: Path) -> list[str]:
    """The keys of `docs/data/benchmarks.json`, or none when it does not read."""
    try:
        return list(json.loads((project / "docs" / "data" / "benchmarks.json").read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return []


def template_syntax(error: str) -> str:
    """Jinja's syntax error in a page, said in Russian.

    Examples:
        >>> template_syntax("unexpected char '«' at 17206")
        'ёлочки внутри {{ … }}: используйте прямые кавычки "…"'
        >>> template_syntax("expected token 'end of print statement', got 'nrr'")
        'в записи макроса перед «nrr» ожидалось «}}»: проверьте кавычки и скобки'
    """
    if match := UNEXPECTED_CHAR.search(error):
        if match["char"] in TYPOGRAPHIC_QUOTES:
            return 'ёлочки внутри {{ … }}: используйте прямые кавычки "…"'
        return f"знак «{match['char']}» внутри {{{{ … }}}} не разрешён"
    if match := EXPECTED_TOKEN.search(error):
        expected = TOKEN_NAMES.get(match["expected"], match["expected"])
        return f"в записи макроса перед «{match['got']}» ожидалось «{expected}»: проверьте кавычки и скобки"
    if "unexpected end of template" in error:
        return "макрос не закрыт: после {{ нет парных }}"
    if "unexpected '}'" in error:
        return "лишняя или непарная фигурная скобка }"
    return f"запись макроса не разбирается ({error})"
