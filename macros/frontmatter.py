"""The build refuses a page without the front matter fields every page needs.

`make check` (tools/check_content.py) explains every front matter problem to editors; this is
the part the build itself enforces, so that no page reaches the site without a title and a
description for search engines and link previews.
"""

from __future__ import annotations

from collections.abc import Mapping

from mkdocs.exceptions import PluginError

REQUIRED_FIELDS = ("title", "description")
GUIDE = "docs/contributing/pages.md"


def front_matter_problems(meta: Mapping[str, object]) -> list[str]:
    """What is missing from a page's front matter, in Russian; empty when nothing is.

    Examples:
        >>> front_matter_problems({"title": "NPS", "description": "Калькулятор NPS."})
        []
        >>> front_matter_problems({"title": " "})
        ['поле title пустое', 'нет поля description']
    """
    problems = []
    for field in REQUIRED_FIELDS:
        if field not in meta:
            problems.append(f"нет поля {field}")
        elif not isinstance(meta[field], str) or not meta[field].strip():
            problems.append(f"поле {field} пустое")
    return problems


def check_front_matter(src_path: str, meta: Mapping[str, object]) -> None:
    """Raise `PluginError`, which stops `mkdocs build`, naming the page and what it lacks.

    Examples:
        >>> check_front_matter("about/index.md", {})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        mkdocs.exceptions.PluginError: docs/about/index.md:1: в front matter нет поля title, нет поля description ...
    """
    problems = front_matter_problems(meta)
    if problems:
        raise PluginError(
            f"docs/{src_path}:1: в front matter {', '.join(problems)} — каждая страница начинается "
            f"с блока «---» с полями {' и '.join(REQUIRED_FIELDS)} (образец — в {GUIDE})"
        )
