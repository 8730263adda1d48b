"""The terminology rule of `make check`: a forbidden variant fails with its file, line and the preferred term."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.terms import parse_terms
from tools.check_content import PROJECT, Sources, main
from tools.prose import markdown_lines
from tools.terminology import check_terminology, forbidden_in

TERMS = parse_terms(
    """
- term: критик
  section: Лояльность
  definition: Недоволен.
  forbidden: [детрактор*]
- term: служба успеха клиентов
  section: Роли
  definition: Команда.
  forbidden: [клиентск* успех*, {match: customer success, case: true}]
- term: время до получения ценности
  section: Путь
  definition: Срок.
  forbidden: [врем* до ценност*]
- term: кросс-продажа
  section: Выручка
  definition: Другие продукты.
  forbidden: [перекрёстн* продаж*]
"""
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Разберите ответы детракторов.", ["детракторов"]),
        # Any ending of a starred word; the phrase spans the words in between.
        ("Клиентского успеха у нас нет.", ["Клиентского успеха"]),
        # The preferred term itself passes, even though it shares words with a forbidden variant.
        ("Время до получения ценности — месяц.", []),
        ("Время до ценности — месяц.", ["Время до ценности"]),
        # «ё» and «е» are one letter: a variant written either way is found either way.
        ("Перекрёстные продажи и перекрестные продажи", ["Перекрёстные продажи", "перекрестные продажи"]),
        # Letter case matters only where the file says so: the English name is capitalised.
        ("Служба успеха клиентов (customer success, CS)", ["customer success"]),
        ("Служба успеха клиентов (Customer Success, CS)", []),
        # Part of a longer word is not the variant.
        ("Суперкритики и антидетракторный подход", []),
        # Quoted as code (in the contributor guide, say), a variant is allowed.
        ("Пишите «критик», а не `детрактор`.", []),
        # A link's address is not text.
        ("См. [NPS](../nps.md#детракторы).", []),
    ],
)
def test_forbidden_variants_are_found_in_running_text(text, found):
    findings = forbidden_in(list(markdown_lines(text)), TERMS, "page.md")
    assert [finding.message.split("«")[1].split("»")[0] for finding in findings] == found


def test_a_finding_names_the_line_and_the_preferred_term():
    [finding] = forbidden_in(list(markdown_lines("Первая строка.\n\nОтветы детракторов.")), TERMS, "page.md")
    assert (finding.file, finding.line) == ("page.md", 3)
    assert "пишите «критик»" in finding.fix


@pytest.fixture
def copy(tmp_path: Path) -> Sources:
    shutil.copytree(PROJECT / "docs", tmp_path / "docs")
    shutil.copytree(PROJECT / "includes", tmp_path / "includes")
    return Sources(docs=tmp_path / "docs", includes=tmp_path / "includes")


def test_make_check_fails_on_a_planted_variant_with_how_to_fix(copy, capsys):
    page = copy.docs / "lifecycle" / "index.md"
    text = page.read_text(encoding="utf-8").rstrip("\n") + "\n\nОтветы детракторов разбирают каждый месяц.\n"
    page.write_text(text, encoding="utf-8")
    line = text.count("\n")
    assert main(["--docs", str(copy.docs), "--includes", str(copy.includes), "--only", "terms"]) == 1
    out = capsys.readouterr().out
    assert f"{page}:{line}: запрещённый вариант термина: «детракторов» (столбец 8) [термины]" in out
    assert "Как исправить: пишите «критик»" in out


def test_a_variant_in_a_data_file_is_found_with_its_line(copy):
    data = copy.docs / "data" / "maturity.json"
    text = data.read_text(encoding="utf-8").replace("Усталость адвокатов", "Усталость детракторов", 1)
    data.write_text(text, encoding="utf-8")
    line = text[: text.index("Усталость детракторов")].count("\n") + 1
    found = [finding.line for finding in check_terminology(copy) if finding.file == str(data)]
    assert found == [line]


def test_a_broken_terms_file_is_named_with_its_line(copy):
    terms = copy.includes / "terms.yml"
    terms.write_text(terms.read_text(encoding="utf-8") + "\n- term: без определения\n  section: А\n", encoding="utf-8")
    [finding] = check_terminology(copy)  # a broken terms file stops the check: nothing to compare pages with
    assert finding.file == str(terms)
    assert finding.line == terms.read_text(encoding="utf-8").count("\n") - 1
    assert "нет поля definition" in finding.message


def test_the_readers_pages_use_the_preferred_terms():
    # The calculator pages and the contributor guide are checked with the rest by `make check`
    # (tests/tools/test_check_content.py); here: the sections, snippets and data files of this change.
    sources = Sources(docs=PROJECT / "docs", includes=PROJECT / "includes")
    findings = [
        finding
        for finding in check_terminology(sources)
        if not finding.file.startswith(("docs/calculators/", "docs/contributing/"))
    ]
    assert findings == []
