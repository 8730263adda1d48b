"""The running text of the handbook's sources, line by line, for the terminology and typography checks.

Markup that is not prose is blanked out with spaces, so columns still point at the original line:
code (fenced and inline), Jinja (`{{ … }}`, `{% … %}`), HTML tags and comments, link targets,
attribute lists, footnote marks and the syntax of admonitions and tabs. What is left is what a
reader reads. Table rows are marked, since maths signs are allowed in tables.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^\s*(```|~~~)")
FRONT_MATTER_KEY = re.compile(r"^[\w-]+:\s*")
MASKS = (
    re.compile(r"`[^`]*`"),  # inline code
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}"),  # Jinja
    re.compile(r"<!--.*?-->"),  # HTML comment on one line
    re.compile(r"</?[A-Za-z][^<>]*>"),  # HTML tag (autolinks too)
    re.compile(r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)"),  # link target and title
    re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$"),  # link reference definition
    re.compile(r"\{\s*[:#.][^}]*\}"),  # attribute list
    re.compile(r"\[\^[^\]]+\]:?"),  # footnote mark
    re.compile(r"^\s*(?:!!!|\?\?\?\+?|===)\s*[\w-]*(?:\s+[\w-]+)*\s*"),  # admonition, details, tab syntax
    re.compile(r"^\s*(?:>\s*)+"),  # blockquote markers
    re.compile(r"^\s*-+8<-+\s+\"[^\"]*\""),  # snippet inclusion
)
BLOCK_TITLE = re.compile(r"^(\s*(?:!!!|\?\?\?\+?|===)[^\"]*)\"([^\"]*)\"")


@dataclass(frozen=True)
class Line:
    """One line of running text: its number in the file, the text with markup blanked, whether it is a table row."""

    number: int
    text: str
    table: bool = False


def blank(text: str, start: int, end: int) -> str:
    """`text` with `text[start:end]` replaced by spaces.

    Examples:
        >>> blank("a `b` c", 2, 5)
        'a     c'
    """
    return text[:start] + " " * (end - start) + text[end:]


def mask(line: str) -> str:
    """A Markdown line with everything that is not prose blanked out.

    Examples:
        >>> mask('Медиана — {{ benchmark("nrr_median") }}, см. [NRR](../nrr.md "Заголовок").').rstrip()
        'Медиана —                              , см. [NRR]                       .'
        >>> mask('!!! note "Рекомендация справочника"')
        '          Рекомендация справочника '
    """
    line = BLOCK_TITLE.sub(lambda match: " " * (len(match[1]) + 1) + match[2] + " ", line)
    for pattern in MASKS:
        line = pattern.sub(lambda match: " " * len(match[0]), line)
    return line


def markdown_lines(text: str) -> Iterator[Line]:
    """The running text of a Markdown page: front matter values, prose and table rows; code left out.

    Examples:
        >>> [line.text.strip() for line in markdown_lines("---\\ntitle: Заголовок\\n---\\n```\\nx > 1\\n```\\n| > 2 |")]
        ['Заголовок', '| > 2 |']
        >>> [line.table for line in markdown_lines("| a |\\nb")]
        [True, False]
    """
    lines = text.splitlines()
    front_end = 0
    if lines and lines[0].strip() == "---":
        front_end = next((index for index in range(1, len(lines)) if lines[index].strip() in ("---", "...")), 0)
    fence: str | None = None
    in_comment = False
    for index, raw in enumerate(lines):
        number = index + 1
        if 0 < index < front_end:
            value = FRONT_MATTER_KEY.sub(lambda match: " " * len(match[0]), raw, count=1)
            stripped = value.strip()
            if len(stripped) > 1 and stripped[0] == stripped[-1] and stripped[0] in "\"'":
                value = value.replace(stripped[0], " ")
            yield Line(number, value)
            continue
        if index <= front_end and front_end:
            continue
        if opening := FENCE.match(raw):
            marker = opening[1]
            fence = None if fence == marker else fence or marker
            continue
        if fence:
            continue
        if in_comment:
            if "-->" in raw:
                in_comment = False
                raw = blank(raw, 0, raw.index("-->") + 3)
            else:
                continue
        if "<!--" in raw and "-->" not in raw[raw.index("<!--") :]:
            in_comment = True
            raw = blank(raw, raw.index("<!--"), len(raw))
        yield Line(number, mask(raw), raw.lstrip().startswith("|"))


JSON_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def json_lines(text: str) -> Iterator[Line]:
    """The string values of a JSON data file, each on its own line; keys and syntax blanked out.

    Examples:
        >>> [line.text.strip() for line in json_lines('{\\n  "label": "Доля — 10 %",\\n  "kpi": true\\n}')]
        ['Доля — 10 %']
    """
    for number, raw in enumerate(text.splitlines(), start=1):
        strings = list(JSON_STRING.finditer(raw))
        if not strings:
            continue
        value = strings[-1]
        if raw[value.end() :].lstrip().startswith(":"):
            continue
        line = " " * value.start(1) + json.loads(f'"{value[1]}"')
        yield Line(number, line)


def running_text(path: Path) -> list[Line]:
    """The running text of a page (`.md`) or a data file (`.json`)."""
    text = path.read_text(encoding="utf-8")
    return list(json_lines(text) if path.suffix == ".json" else markdown_lines(text))
