"""The glossary: abbreviations in `includes/abbreviations.md`, one line each.

That file is appended to every page (tooltips through Material's abbreviations) and the
glossary page renders it as a list, so each term is defined exactly once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ABBREVIATIONS = Path(__file__).resolve().parent.parent / "includes" / "abbreviations.md"
LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>\S.*)$")


@dataclass(frozen=True)
class Term:
    """An abbreviation and its one-line definition."""

    term: str
    definition: str


def parse_glossary(text: str, file: str = "includes/abbreviations.md") -> list[Term]:
    """Read `*[TERM]: definition` lines; blank lines are skipped, anything else is an error.

    Examples:
        >>> parse_glossary("*[NRR]: Net Revenue Retention — удержание выручки")
        [Term(term='NRR', definition='Net Revenue Retention — удержание выручки')]
    """
    terms: list[Term] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = LINE.match(line)
        if not match:
            raise ValueError(f"{file}:{number}: expected a line like '*[NRR]: Net Revenue Retention — …'")
        term = match["term"]
        if term in seen:
            raise ValueError(f"{file}:{number}: {term} is defined twice")
        seen.add(term)
        terms.append(Term(term, match["definition"]))
    return terms


def load_glossary() -> list[Term]:
    """The glossary's terms, in file order."""
    return parse_glossary(ABBREVIATIONS.read_text(encoding="utf-8"))


def glossary() -> str:
    """The glossary page body: every term with its definition, sorted, as a definition list.

    Редактору: все сокращения из `includes/abbreviations.md` с расшифровками, по алфавиту.
    Нужен только на странице глоссария; подсказки к сокращениям на остальных страницах
    появляются сами.

    Пример: {{ glossary() }}

    Результат: список всех сокращений с расшифровками, как на странице
    [«Глоссарий»](../glossary/index.md).
    """
    entries = sorted(load_glossary(), key=lambda item: item.term.casefold())
    return "\n\n".join(f"`{item.term}`\n:   {item.definition}" for item in entries)
