"""A JSON syntax error explained to an editor: the line where the fix goes and what to type there.

`json` reports where it stopped reading, which is often the line after the mistake (a missing
comma is noticed at the next key) and in terms of the grammar («Expecting property name»).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

TYPOGRAPHIC_QUOTES = "«»“”„"


@dataclass(frozen=True)
class SyntaxProblem:
    """Where to fix a JSON text (1-based line) and, in Russian, what is wrong and how to fix it."""

    line: int
    message: str
    fix: str


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _previous_token_end(text: str, index: int) -> int:
    """The index just after the last non-blank character before `index`."""
    return len(text[:index].rstrip())


def explain(text: str, error: json.JSONDecodeError) -> SyntaxProblem:
    """The editor's reading of `error`, raised by `json.loads(text)`.

    Examples:
        >>> def first(text):
        ...     try:
        ...         json.loads(text)
        ...     except json.JSONDecodeError as error:
        ...         return explain(text, error)
        >>> first('{\\n  "a": 1\\n  "b": 2\\n}').line  # the comma goes at the end of line 2
        2
        >>> first('{\\n  "a": 104,5\\n}').message
        'в числе запятая вместо точки: дробную часть пишут через точку'
        >>> first('{\\n  «a»: 1\\n}').message
        'кавычки-ёлочки вместо прямых'
        >>> first('{\\n  "a": 1,\\n}').fix
        'удалите запятую в конце строки 2'
    """
    at = text[error.pos : error.pos + 1]
    before = _previous_token_end(text, error.pos)
    if error.msg == "Expecting ',' delimiter":
        line = _line_at(text, before)
        return SyntaxProblem(
            line,
            "между значениями не хватает запятой",
            f"поставьте запятую в конце строки {line}, после значения",
        )
    if error.msg == "Expecting ':' delimiter":
        line = _line_at(text, before)
        return SyntaxProblem(
            line, "после ключа не хватает двоеточия", 'поставьте двоеточие после ключа: "ключ": значение'
        )
    if re.search(r"\d,\s*$", text[: error.pos]) and at.isdigit():
        line = _line_at(text, before)
        return SyntaxProblem(
            line,
            "в числе запятая вместо точки: дробную часть пишут через точку",
            "напишите число с точкой, например 104.5; запятая в файле данных разделяет записи",
        )
    if (at and at in TYPOGRAPHIC_QUOTES) or at == "'":
        return SyntaxProblem(
            _line_at(text, error.pos),
            "кавычки-ёлочки вместо прямых" if at != "'" else "одинарные кавычки вместо двойных",
            'ключи и текст в файле данных берут в прямые двойные кавычки: "ключ": "текст"',
        )
    if at and at in "}]" and text[before - 1 : before] == ",":
        line = _line_at(text, before)
        return SyntaxProblem(line, "лишняя запятая перед закрывающей скобкой", f"удалите запятую в конце строки {line}")
    if error.msg.startswith("Unterminated string"):
        return SyntaxProblem(
            _line_at(text, error.pos),
            "не закрыта кавычка",
            'закройте текст прямой двойной кавычкой "; кавычку внутри текста пишут как \\"',
        )
    line = _line_at(text, error.pos)
    return SyntaxProblem(
        line,
        f"файл не читается как JSON (строка {line}, столбец {error.colno}: {error.msg})",
        "сравните строку с соседними: чаще всего это пропущенная или лишняя запятая, кавычки не прямые "
        "или незакрытая скобка",
    )
