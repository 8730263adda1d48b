"""`make check`: passes on the real handbook, fails with file, line and fix on planted errors.

Errors are planted in a copy of `docs/` (and of `includes/`), never in the real tree.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.check_content import (
    CHECKS,
    OPTIONAL_FIELDS,
    PROJECT,
    REQUIRED_FIELDS,
    Problem,
    Sources,
    build_problem,
    check_data,
    check_front_matter,
    check_glossary,
    check_markdown,
    main,
    reported_before,
)


def run_check(*args: str, root: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    """`make check`'s command in `root` (the project or a copy), as a separate process (the build imports plugins)."""
    return subprocess.run(
        [sys.executable, "-m", "tools.check_content", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GITHUB_ACTIONS": ""},
        check=False,
        timeout=300,
    )


@pytest.fixture
def copy(tmp_path: Path) -> Sources:
    """A copy of the pages and the glossary to plant errors in."""
    shutil.copytree(PROJECT / "docs", tmp_path / "docs")
    shutil.copytree(PROJECT / "includes", tmp_path / "includes")
    return Sources(docs=tmp_path / "docs", includes=tmp_path / "includes")


def plant(path: Path, text: str) -> int:
    """Append a paragraph to a page; return its line number."""
    content = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    path.write_text(content + text + "\n", encoding="utf-8")
    return content.count("\n") + 1


def run_on(copy: Sources, *only: str) -> subprocess.CompletedProcess[str]:
    """The whole `make check` on the copy, or only the named checks (to keep the suite quick)."""
    selection = ("--only", ",".join(only)) if only else ()
    return run_check("--docs", str(copy.docs), "--includes", str(copy.includes), *selection)


def test_passes_on_the_real_content():
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Все проверки пройдены" in result.stdout


def test_fails_on_a_planted_broken_link(copy):
    page = copy.docs / "metrics-faq" / "index.md"
    line = plant(page, "См. [страницу, которой нет](../no-such-section/index.md).")
    result = run_on(copy, "build", "markdown")
    assert result.returncode == 1
    assert f"{page}:{line}: ссылка «../no-such-section/index.md» ведёт на страницу, которой нет" in result.stdout
    assert "Путь считается от папки этой страницы" in result.stdout


def test_fails_on_a_planted_broken_anchor(copy):
    # The validation block of mkdocs.yml makes a missing anchor a warning, and --strict a failure.
    page = copy.docs / "metrics-faq" / "index.md"
    line = plant(page, "См. [раздел, которого нет](../lifecycle/index.md#нет-такого-раздела).")
    result = run_on(copy, "build")
    assert result.returncode == 1
    assert (
        f"{page}:{line}: ссылка «../lifecycle/index.md#нет-такого-раздела»: на странице lifecycle/index.md "
        "нет раздела с якорем #нет-такого-раздела"
    ) in result.stdout
    assert "скопировать якорь из адреса" in result.stdout


def test_fails_on_a_missing_front_matter_field(copy):
    page = copy.docs / "lifecycle" / "index.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"^description:.*\n", "", text, count=1, flags=re.MULTILINE), encoding="utf-8")
    result = run_on(copy)
    assert result.returncode == 1
    assert f"{page}:1: нет обязательного поля description [front matter]" in result.stdout
    assert "добавьте в front matter строку «description: …»" in result.stdout


def test_fails_on_an_unknown_word(copy):
    page = copy.docs / "lifecycle" / "index.md"
    line = plant(page, "Маркетенг работает с клиентами после сделки.")
    result = run_on(copy, "spelling")
    assert result.returncode == 1
    assert f"{page}:{line}: неизвестное слово «Маркетенг» (столбец 1) [орфография]" in result.stdout
    assert "project-words.txt" in result.stdout


def test_fails_on_a_broken_macro_with_its_line(copy):
    page = copy.docs / "metrics-faq" / "index.md"
    line = plant(page, 'Медиана — {{ benchmark("no_such_key") }}.')
    result = run_on(copy, "build")
    assert result.returncode == 1
    assert f"{page}:{line}: нет ориентира с ключом «no_such_key» [сборка и ссылки]" in result.stdout


def test_page_missing_from_the_nav_is_named(copy):
    page = copy.docs / "new-page" / "index.md"
    page.parent.mkdir()
    page.write_text("---\ntitle: Новая\ndescription: Новая страница.\n---\n\n# Новая\n", encoding="utf-8")
    problems = main_problems(copy, "build")
    assert [(p.file, p.line, p.message) for p in problems] == [
        (str(page), 1, "страницы нет в навигации сайта (nav в mkdocs.yml)")
    ]


def main_problems(copy: Sources, check: str) -> list[Problem]:
    """Problems of one check of the copy, through the command line in a separate process."""
    result = run_check("--docs", str(copy.docs), "--includes", str(copy.includes), "--only", check)
    found = re.findall(r"^  (\S+?):(\d+): (.+?) \[", result.stdout, re.MULTILINE)
    return [Problem(check, file, int(line), message, "") for file, line, message in found]


# Front matter ------------------------------------------------------------------------------------------------

VALID = "---\ntitle: Страница\ndescription: Коротко о странице.\n---\n\n# Страница\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("# Страница\n", 1, "в начале страницы нет блока front matter"),
        ("---\ntitle: Страница\n---\n\n# Страница\n", 1, "нет обязательного поля description"),
        ("---\ndescription: О странице.\n---\n", 1, "нет обязательного поля title"),
        ("---\ntitle: Страница\ndescription:\n---\n", 3, "поле description пустое или не текст"),
        (f"---\ntitle: Страница\ndescription: {'о' * 201}\n---\n", 3, "описание длиннее 200 символов (201)"),
        ("---\ntitle: Страница\ndescripton: Опечатка.\ndescription: О.\n---\n", 3, "неизвестное поле descripton"),
        # A colon followed by a space inside an unquoted value breaks YAML; MkDocs would silently drop the meta.
        ("---\ntitle: Ответ: что такое NRR\ndescription: О.\n---\n", 2, "front matter не читается как YAML"),
        ("---\ntitle: С\ndescription: О.\nhide:\n  - menu\n---\n", 4, "поле hide должно быть списком"),
    ],
)
def test_front_matter_problems(tmp_path, text, line, message):
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    problems = check_front_matter(Sources(docs=tmp_path, includes=tmp_path))
    assert [(p.line, p.message[: len(message)]) for p in problems] == [(line, message)]
    assert all(p.fix for p in problems)


def test_valid_front_matter_with_optional_fields_passes(tmp_path):
    text = VALID.replace("---\n\n", "hide:\n  - toc\nicon: material/calculator\nrender_macros: false\n---\n\n")
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    assert check_front_matter(Sources(docs=tmp_path, includes=tmp_path)) == []


def test_the_guide_lists_exactly_the_checked_fields():
    guide = (PROJECT / "docs" / "contributing" / "pages.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| (да|нет) \|", guide, re.MULTILINE))
    assert rows == {field: "да" for field in REQUIRED_FIELDS} | {field: "нет" for field in OPTIONAL_FIELDS}


# Data files and glossary -------------------------------------------------------------------------------------


def data_copy(copy: Sources, name: str, old: str, new: str) -> tuple[Path, int]:
    path = copy.docs / "data" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path, text[: text.index(new)].count("\n") + 1


def test_real_data_files_pass():
    assert check_data(Sources(docs=PROJECT / "docs", includes=PROJECT / "includes")) == []


def first_number_value(copy: Sources) -> tuple[str, str]:
    """The first benchmark with a single number and that number as written: no test relies on today's figures."""
    data = json.loads((copy.docs / "data" / "benchmarks.json").read_text(encoding="utf-8"))
    key = next(key for key, entry in data.items() if not isinstance(entry["value"], list))
    return key, json.dumps(data[key]["value"])


def test_a_benchmark_value_in_quotes_is_named_with_its_line(copy):
    key, value = first_number_value(copy)
    path, line = data_copy(copy, "benchmarks.json", f'"value": {value},', f'"value": "{value}",')
    [problem] = check_data(copy)
    assert (problem.file, problem.line) == (str(path), line)
    assert problem.message == f"ошибка в записи {key}.value: expected int or float, got str"


def test_a_wrong_maturity_stage_id_is_named(copy):
    path, line = data_copy(copy, "maturity.json", '"id": "reactive"', '"id": "reaktive"')
    [problem] = check_data(copy)
    assert (problem.file, problem.line) == (str(path), line)
    assert "stages[0].id" in problem.message


def test_a_glossary_term_defined_twice_is_named_with_its_line(copy):
    path = copy.includes / "abbreviations.md"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    line = plant(path, first)
    term = first[2 : first.index("]")]
    [problem] = check_glossary(copy)
    assert (problem.file, problem.line) == (str(path), line)
    assert problem.message == f"термин {term} определён дважды"


def test_a_malformed_glossary_line_is_named(copy):
    path = copy.includes / "abbreviations.md"
    line = plant(path, "NRR — Net Revenue Retention")
    [problem] = check_glossary(copy)
    assert (problem.line, problem.message) == (line, "строка глоссария не по формату")


# Markdown lint -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (VALID + "\n#### Сразу четвёртый уровень\n", "MD001/heading-increment"),
        (VALID + "\nАбзац с пробелами в конце.   \n", "MD009/no-trailing-spaces"),
        (VALID + "\nАбзац.\n- пункт сразу после абзаца\n", "MD032/blanks-around-lists"),
        (VALID + "\n| А | Б |\n| --- | --- |\n| 1 | 2 | 3 |\n", "MD056/table-column-count"),
    ],
)
def test_markdown_lint_names_the_rule_and_line(tmp_path, text, rule):
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    problems = check_markdown(Sources(docs=tmp_path, includes=tmp_path))
    assert [p.message.split(":")[0] for p in problems] == [f"правило {rule}"]
    assert problems[0].line == len(text.splitlines())
    assert "Как исправить" not in problems[0].fix and problems[0].fix


def test_material_syntax_is_not_flagged(tmp_path):
    text = VALID + (
        '\n!!! note "Плашка"\n\n    Текст плашки.\n\n=== "Вкладка"\n\n    Текст вкладки.\n\n'
        '<div class="grid cards" markdown>\n\n-   **Карточка**\n\n    Описание.\n\n</div>\n\n'
        "Длинная строка" + " слово" * 60 + "\n\n{{ kpi_table() }}\n"
    )
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    assert check_markdown(Sources(docs=tmp_path, includes=tmp_path)) == []


# Build messages ----------------------------------------------------------------------------------------------


def test_an_unknown_build_warning_is_still_reported(tmp_path):
    [problem] = build_problem("Something new went wrong", Sources(docs=tmp_path, includes=tmp_path))
    assert problem.message == "сборка сообщает: Something new went wrong"


def test_a_nav_entry_without_a_file_points_into_mkdocs_yml(tmp_path):
    message = "A reference to 'nope/index.md' is included in the 'nav' configuration, which is not found in the d…"
    [problem] = build_problem(message, Sources(docs=tmp_path, includes=tmp_path))
    assert (problem.file, problem.line) == ("mkdocs.yml", None)


def test_github_annotation_names_file_and_line():
    problem = Problem("spelling", "docs/a.md", 3, "неизвестное слово «х»", "исправьте")
    assert (
        problem.annotation()
        == "::error file=docs/a.md,line=3,title=орфография::неизвестное слово «х». Как исправить: исправьте"
    )


def test_unknown_check_name_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["--only", "grammar"])
    assert "нет проверки grammar" in capsys.readouterr().err


def test_the_builds_own_front_matter_stop_names_the_page_once():
    # macros/frontmatter.py stops the build at such a page; the front matter check has said it already.
    sources = Sources(docs=PROJECT / "docs", includes=PROJECT / "includes")
    message = "docs/about/index.md:1: в front matter нет поля title — каждая страница начинается с блока «---» …"
    [problem] = build_problem(message, sources)
    assert (problem.file, problem.line, problem.message) == ("docs/about/index.md", 1, "в front matter нет поля title")
    assert build_problem("Error reading page 'about/index.md':", sources) == []
    earlier = [Problem("front-matter", "docs/about/index.md", 1, "нет обязательного поля title", "…")]
    assert reported_before(problem, earlier)


# Summaries -----------------------------------------------------------------------------------------------------


def test_a_partial_run_says_which_checks_ran(capsys):
    # `make check ONLY=spelling` used to end with «Все проверки пройдены.» after one check of six.
    assert main(["--only", "glossary"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last == (
        f"Пройдена проверка: глоссарий (1 из {len(CHECKS)}). Остальные не запускались; все вместе — `make check`."
    )


def test_make_adds_no_error_line_of_its_own_and_still_fails(copy):
    # Every failure used to end with «make: *** [Makefile:34: check] Error 1» after the checker's own summary.
    path = copy.docs / "data" / "benchmarks.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"unit": ', '"unit" ', 1), encoding="utf-8")
    result = subprocess.run(
        ["make", "--no-print-directory", "check", "ONLY=data", f"DOCS={copy.docs}"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode != 0
    assert result.stdout.rstrip().splitlines()[-1].startswith("Найдено проблем: 1. Запускались проверки: файлы данных")
    assert "make" not in result.stderr and "***" not in result.stdout + result.stderr
