"""The typography rules of `make check` over running text, and what counts as running text."""

from __future__ import annotations

import json
import shutil

import pytest

from tools.check_content import PROJECT, Sources, main
from tools.prose import json_lines, markdown_lines
from tools.typography import check_typography, fix_spaces, typography_in

NBSP = "\u00a0"


def rules_hit(markdown: str) -> list[str]:
    """The messages (without the column) the typography check gives for a page."""
    return [finding.message.split(" (")[0] for finding in typography_in(list(markdown_lines(markdown)), "page.md")]


DASH = "перед тире обычный пробел"
UNIT = "между числом и знаком или единицей обычный пробел"
QUOTES = "кавычки не «ёлочки»"
SIGN = "знак сравнения перед числом в тексте"


@pytest.mark.parametrize(
    ("markdown", "hits"),
    [
        ("Медиана — одно значение.", [DASH]),
        (f"Медиана{NBSP}— одно значение.", []),
        # A dash that opens a line or stands alone in a table cell has no word to stick to.
        ("— Реплика в диалоге.", []),
        ("| Этап | — |", []),
        ("Доля — 12 %.", [DASH, UNIT]),
        (f"Доля 12{NBSP}%, CAC 350 000{NBSP}₽, срок 18{NBSP}мес.", []),
        ("CAC 350 000 ₽, окупаемость 18 мес.", [UNIT, UNIT]),
        # A unit written out in full is a word, not a sign: the rule leaves it to the editor.
        ("Через 30 дней.", []),
        # Percent inside a word («12 %-ный») still needs the no-break space before it.
        ("Рост на 5 %-ных пунктов", [UNIT]),
        ('Раздел "Метрики".', [QUOTES, QUOTES]),
        ("Раздел «Метрики», отчёт „Состояние“ внутри цитаты.", []),
        ("Цель ≥ 12 % и срок < 30 дней.", [UNIT, SIGN, SIGN]),
        (f"Цель не ниже 12{NBSP}%.", []),
        ("Точность ±5 пунктов.", [SIGN]),
        # Signs are allowed in tables and in code.
        (f"| MQL → возможность | ≥{NBSP}12{NBSP}% |", []),
        ("```\nNPS = % промоутеров − % критиков, от −100 до +100, x > 1\n```", []),
        ("Формула `c > 0` в тексте.", []),
        # Markup is not text: Jinja, HTML attributes, link titles, admonition and tab titles, snippets.
        ('{{ benchmark("nrr_median", source=True) }}', []),
        ('<svg viewBox="0 0 10 10"><text x="1">Клиент</text></svg>', []),
        ('[NRR](../nrr.md "Калькулятор")', []),
        ('!!! note "Рекомендация справочника"', []),
        ('=== "В основном реактивная"', []),
        ('--8<-- "sources.md"', []),
        ("<!-- комментарий — для редактора, 5 % -->", []),
        ("a -> 5 и b => 6", []),
        # Blockquote markers are not signs.
        ("> 10 клиентов из группы.", []),
    ],
)
def test_rules(markdown, hits):
    assert rules_hit(markdown) == hits


def test_front_matter_values_are_checked_without_their_yaml_quotes():
    page = '---\ntitle: "Вопросы: ответы"\ndescription: Метрики — кратко.\n---\n\n# Вопросы\n'
    assert [
        (finding.line, finding.message.split(" (")[0])
        for finding in typography_in(list(markdown_lines(page)), "page.md")
    ] == [(3, DASH)]


def test_json_data_files_check_their_strings_only():
    data = json.dumps({"label": "Доля — 12 %", "kind": "target"}, ensure_ascii=False, indent=2)
    assert [finding.line for finding in typography_in(list(json_lines(data)), "data.json")] == [2, 2]


def test_fix_turns_only_prose_spaces_into_no_break_spaces():
    text = 'Медиана — 104 %, `код — 1 %` и {{ benchmark("x") }} — 5 %.'
    fixed = fix_spaces(text, list(markdown_lines(text)))
    assert fixed == f'Медиана{NBSP}— 104{NBSP}%, `код — 1 %` и {{{{ benchmark("x") }}}} — 5{NBSP}%.'
    assert rules_hit(fixed) == []


def test_the_readers_pages_pass():
    # The calculator pages and the contributor guide are checked with the rest by `make check`
    # (tests/tools/test_check_content.py); here: the sections, snippets and data files of this change.
    sources = Sources(docs=PROJECT / "docs", includes=PROJECT / "includes")
    findings = [
        f"{finding.file}:{finding.line}: {finding.message}"
        for finding in check_typography(sources)
        if not finding.file.startswith(("docs/calculators/", "docs/contributing/"))
    ]
    assert findings == []


def test_make_check_fails_on_a_planted_sign_with_how_to_fix(tmp_path, capsys):
    shutil.copytree(PROJECT / "docs", tmp_path / "docs")
    shutil.copytree(PROJECT / "includes", tmp_path / "includes")
    page = tmp_path / "docs" / "metrics-faq" / "index.md"
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\nКонверсия ≥12\u00a0% считается хорошей.\n"
    page.write_text(text, encoding="utf-8")
    argv = ["--docs", str(tmp_path / "docs"), "--includes", str(tmp_path / "includes"), "--only", "typography"]
    assert main(argv) == 1
    out = capsys.readouterr().out
    assert f"{page}:{text.count(chr(10))}: знак сравнения перед числом в тексте (столбец 11) [типографика]" in out
    assert "Как исправить: в тексте пишите словами: «не ниже 12 %»" in out
