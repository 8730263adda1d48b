"""`make check`'s Russian typography rules, over the running text of pages, snippets and data files.

- a no-break space (U+00A0) before «—» inside a sentence;
- a no-break space between a number and «%», «₽» or an abbreviated unit;
- «ёлочки», not "straight" or “English” quotes;
- no maths sign (≥ ≤ < > ±) before a number in running text: words instead; tables and code may keep them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from macros.terms import TermsError, load_terms
from tools.findings import Finding, Tree, prose_files
from tools.prose import Line, running_text

NBSP = "\u00a0"
UNITS = r"%|‰|₽|\$|€|руб\.|тыс\.|млн|млрд|трлн|мес\.|дн\.|нед\.|п\.\s?п\.|ч\.|мин\.|сек\."
SIGN_WORDS = "«не ниже 12 %» вместо «≥ 12 %», «не больше», «меньше 30 дней», «больше», «плюс-минус»"


@dataclass(frozen=True)
class Rule:
    """One typography rule: what it finds, what it says and how to fix it."""

    name: str
    pattern: re.Pattern[str]
    message: str
    fix: str
    in_tables: bool = True


RULES = (
    Rule(
        "dash",
        re.compile(r"(?<=[\w»)\]%.,:;!?…]) (?=—)"),
        "перед тире обычный пробел",
        "поставьте перед «—» неразрывный пробел (U+00A0; в Windows Alt+0160, в macOS Option+Пробел): "
        "так тире не перенесётся в начало строки",
    ),
    Rule(
        "unit",
        re.compile(rf"(?<=\d) (?=(?:{UNITS})(?!\w))"),
        "между числом и знаком или единицей обычный пробел",
        "поставьте между числом и «%», «₽» или единицей неразрывный пробел (U+00A0): «104 %», «350 000 ₽»",
    ),
    Rule(
        "quotes",
        re.compile(r"[\"”]"),
        "кавычки не «ёлочки»",
        "замените кавычки на «ёлочки» «…»; внутри цитаты — „лапки“; в коде, макросах и заголовках "
        'блоков (!!! note "…") прямые кавычки нужны, их проверка не трогает',
    ),
    Rule(
        "sign",
        re.compile(r"(?<![\w=<>\-−|])[≥≤<>±]\s?[−-]?\d"),
        "знак сравнения перед числом в тексте",
        f"в тексте пишите словами: {SIGN_WORDS}; знаки оставьте таблицам и формулам в блоках кода",
        in_tables=False,
    ),
)


def typography_in(lines: list[Line], shown: str) -> list[Finding]:
    """Every typography problem in these lines, one finding per occurrence.

    Examples:
        >>> [item.message for item in typography_in([Line(1, "Медиана — 104 %")], "a.md")]
        ['перед тире обычный пробел (столбец 8)', 'между числом и знаком или единицей обычный пробел (столбец 14)']
        >>> for item in typography_in([Line(1, 'цель "≥\u00a012\u00a0%"')], "a.md"):
        ...     print(item.message)
        кавычки не «ёлочки» (столбец 6)
        кавычки не «ёлочки» (столбец 13)
        знак сравнения перед числом в тексте (столбец 7)
        >>> typography_in([Line(1, "| NRR | ≥\\u00a0104\\u00a0% |", table=True)], "a.md")
        []
    """
    return [
        Finding(shown, line.number, f"{rule.message} (столбец {match.start() + 1})", rule.fix)
        for rule in RULES
        for line in lines
        if rule.in_tables or not line.table
        for match in rule.pattern.finditer(line.text)
    ]


def check_typography(tree: Tree) -> list[Finding]:
    """Typography of every page, snippet and data file, and of the glossary's definitions."""
    findings = [
        finding for source in prose_files(tree) for finding in typography_in(running_text(source), tree.show(source))
    ]
    path = tree.includes / "terms.yml"
    try:
        terms = load_terms(path)
    except (TermsError, OSError):
        return findings  # the terminology check reports a broken terms file
    definitions = [Line(term.line, term.definition) for term in terms]
    return findings + typography_in(definitions, tree.show(path))


def fix_spaces(text: str, lines: list[Line]) -> str:
    """`text` with the plain spaces the dash and unit rules find turned into no-break spaces.

    Only a space the running text and the file share is changed, so code, macros and links stay as they were.

    Examples:
        >>> text = "Медиана — 104 % `a — 1 %`"
        >>> fix_spaces(text, [Line(1, "Медиана — 104 %           ")]) == "Медиана\\u00a0— 104\\u00a0% `a — 1 %`"
        True
    """
    raw = text.split("\n")
    for line in lines:
        row = list(raw[line.number - 1])
        for rule in RULES[:2]:
            for match in rule.pattern.finditer(line.text):
                if match.start() < len(row) and row[match.start()] == " ":
                    row[match.start()] = NBSP
        raw[line.number - 1] = "".join(row)
    return "\n".join(raw)


def main(argv: list[str] | None = None) -> int:
    """`python -m tools.typography --fix FILE…`: put the no-break spaces in place; the other rules need a person."""
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(description="Неразрывные пробелы перед тире и между числом и единицей.")
    parser.add_argument("--fix", action="store_true", required=True, help="исправить файлы на месте")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.files:
        text = path.read_text(encoding="utf-8")
        fixed = fix_spaces(text, running_text(path))
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
            print(f"исправлен {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
