"""Counts in prose taken from the content itself, so adding a question or a stage needs no second edit."""

from __future__ import annotations

import re
from pathlib import Path

from calculators.maturity_model import load_model

DOCS = Path(__file__).resolve().parent.parent / "docs"
QUESTION = re.compile(r"^##\s+.+\?\s*(?:\{[^}]*\})?\s*$", re.MULTILINE)
WORDS = [
    "ноль",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
    "двадцать",
]
FEMININE = {"один": "одна", "два": "две"}


def counted(number: int, one: str, few: str, many: str, feminine: bool = False) -> str:
    """A number in words (up to twenty, digits above) with the noun in the form Russian needs.

    Examples:
        >>> counted(12, "вопрос", "вопроса", "вопросов"), counted(2, "стадия", "стадии", "стадий", feminine=True)
        ('двенадцать вопросов', 'две стадии')
        >>> counted(21, "вопрос", "вопроса", "вопросов"), counted(1, "вопрос", "вопроса", "вопросов")
        ('21 вопрос', 'один вопрос')
    """
    word = WORDS[number] if 0 <= number < len(WORDS) else str(number)
    word = FEMININE.get(word, word) if feminine else word
    tens, units = number % 100 // 10, number % 10
    noun = many if tens == 1 or units in (0, 5, 6, 7, 8, 9) else one if units == 1 else few
    return f"{word} {noun}"


def question_count(page: str) -> str:
    """The number of questions on a FAQ page, in words: its `##` headings that end with «?».

    Редактору: сколько вопросов на странице FAQ, словами и с нужным окончанием. Считаются
    заголовки второго уровня `##`, которые кончаются вопросительным знаком: добавьте вопрос —
    число в тексте изменится само. Аргумент — путь к странице от папки docs/.

    Пример: {{ question_count("metrics-faq/index.md") }}

    Examples:
        >>> question_count("metrics-faq/index.md").split()[-1] in ("вопрос", "вопроса", "вопросов")
        True
    """
    path = DOCS / page
    if not path.is_file():
        raise FileNotFoundError(f"no page docs/{page} (the path is counted from docs/, e.g. metrics-faq/index.md)")
    return counted(len(QUESTION.findall(path.read_text(encoding="utf-8"))), "вопрос", "вопроса", "вопросов")


def maturity_count(what: str) -> str:
    """The number of stages or dimensions of the maturity model, in words.

    Редактору: сколько стадий (`"stages"`) или направлений диагностики (`"dimensions"`) в модели
    зрелости из `docs/data/maturity.json`, словами и с нужным окончанием.

    Пример: {{ maturity_count("stages") }}

    Examples:
        >>> maturity_count("dimensions").split()[-1] in ("направление", "направления", "направлений")
        True
    """
    model = load_model()
    if what == "stages":
        return counted(len(model.stages), "стадия", "стадии", "стадий", feminine=True)
    if what == "dimensions":
        return counted(len(model.dimensions), "направление", "направления", "направлений")
    raise KeyError(f"maturity_count counts 'stages' or 'dimensions', not {what!r}")
