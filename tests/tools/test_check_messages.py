"""Planted mistakes: each gets one message with the right file and line, Russian text and a concrete fix.

Pages are planted in a copy of `docs/`; data files in a copy of the whole project, because the
build reads the data the project's calculators read.
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

from tests.tools.project_copy import project_copy
from tools.check_content import PROJECT, Sources, check_data

PAGE = "metrics-faq/index.md"


def check(root: Path, docs: Path, only: str) -> subprocess.CompletedProcess[str]:
    """`make check`'s command run in `root` (the project or a copy of it) on the pages in `docs`."""
    return subprocess.run(
        [sys.executable, "-m", "tools.check_content", "--docs", str(docs), "--only", only],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GITHUB_ACTIONS": ""},
        check=False,
        timeout=300,
    )


def messages(output: str) -> list[tuple[str, int, str, str]]:
    """(file, line, message, fix) of every problem printed."""
    found = re.findall(r"^  (\S+?):(\d+): (.+?) \[[^\]]+\]\n\s+Как исправить: (.+)$", output, re.MULTILINE)
    return [(file, int(line), message, fix) for file, line, message, fix in found]


def planted(docs: Path, *paragraphs: str) -> list[int]:
    """Append paragraphs to the page; return their lines."""
    page = docs / PAGE
    text = page.read_text(encoding="utf-8").rstrip("\n")
    lines = []
    for paragraph in paragraphs:
        text += "\n\n"
        lines.append(text.count("\n") + 1)
        text += paragraph
    page.write_text(text + "\n", encoding="utf-8")
    return lines


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    copy = tmp_path / "docs"
    shutil.copytree(PROJECT / "docs", copy)
    return copy


# Links: MkDocs names the link, `make check` finds its line --------------------------------------------------

LINKS = [
    # An absolute link used to be reported at the first line mentioning the address anywhere.
    ("[этапы](/lifecycle/index.md)", "абсолютная ссылка «/lifecycle/index.md»", "«../lifecycle/index.md»"),
    # A folder link: MkDocs' own suggestion is passed on.
    ("[этапы](../lifecycle/)", "ссылка «../lifecycle/» ведёт не на файл страницы", "«../lifecycle/index.md»"),
    # A misspelt folder: the closest real pages.
    (
        "[этапы](../lifecycl/index.md)",
        "ссылка «../lifecycl/index.md» ведёт на страницу, которой нет",
        "«../lifecycle/index.md»",
    ),
    # A misspelt anchor: the closest real anchors of the target page.
    (
        "[цикл](../lifecycle/index.md#что-такое-жизненый-цикл)",
        "на странице lifecycle/index.md нет раздела с якорем #что-такое-жизненый-цикл",
        "«#что-такое-жизненный-цикл-клиента»",
    ),
]


def test_each_link_mistake_is_named_at_its_own_line(docs):
    # The same addresses appear first as plain text, as in a page that quotes them.
    planted(docs, "Адреса в тексте: /lifecycle/index.md, ../lifecycle/, ../lifecycl/index.md.")
    lines = planted(docs, *(paragraph for paragraph, _, _ in LINKS))
    found = messages(check(PROJECT, docs, "build").stdout)
    assert len(found) == len(LINKS), found
    for line, (_, message, suggestion) in zip(lines, LINKS, strict=True):
        [(file, at, _, fix)] = [item for item in found if message in item[2]]
        assert (file, at) == (str(docs / PAGE), line)
        assert f"Возможно, имелось в виду {suggestion}" in fix


# Macros: the page's line, Russian, the intended name ------------------------------------------------------

MACROS = [
    ('{{ benchmrk("nrr_median") }}', "неизвестный макрос «benchmrk»", "Возможно, имелось в виду «benchmark»"),
    ('{{ benchmark("nrr_medain") }}', "нет ориентира с ключом «nrr_medain»", "Возможно, имелось в виду «nrr_median»"),
    # Jinja said «unexpected char '«' at 17206»: an offset into the page no editor can use.
    (
        "{{ benchmark(«nrr_median») }}",
        "ёлочки внутри {{ … }}: используйте прямые кавычки",
        '{{ benchmark("nrr_median") }}',
    ),
]


@pytest.mark.parametrize(("paragraph", "message", "fix"), MACROS)
def test_a_macro_mistake_is_named_at_the_page_line(docs, paragraph, message, fix):
    [line] = planted(docs, f"Ориентир — {paragraph}.")
    [(file, at, said, advice)] = messages(check(PROJECT, docs, "build").stdout)
    assert (file, at) == (str(docs / PAGE), line)
    assert said.startswith(message) and fix in advice


# Data files: the line where the fix goes -------------------------------------------------------------------


def first_entry(docs: Path) -> tuple[str, dict[str, object]]:
    data = json.loads((docs / "data" / "benchmarks.json").read_text(encoding="utf-8"))
    key = next(key for key, entry in data.items() if not isinstance(entry["value"], list))
    return key, data[key]


def data_line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "fix_line_of", "message", "fix"),
    [
        # The comma belongs at the end of the line before the one where JSON stopped reading.
        ('"unit": "{unit}",', '"unit": "{unit}"', '"unit"', "между значениями не хватает запятой", "поставьте запятую"),
        # «Expecting property name enclosed in double quotes» is what JSON says here.
        ('"value": {value},', '"value": {value},5,', '"value"', "дробную часть пишут через точку", "104.5"),
        ('"{key}":', "«{key}»:", "«", "кавычки-ёлочки вместо прямых", "прямые двойные кавычки"),
        ('"kpi": {kpi}\n', '"kpi": {kpi},\n', '"kpi"', "лишняя запятая перед закрывающей скобкой", "удалите запятую"),
    ],
)
def test_a_json_mistake_is_named_where_the_fix_goes(docs, old, new, fix_line_of, message, fix):
    key, entry = first_entry(docs)
    fields = {"key": key, "unit": entry["unit"], "value": entry["value"], "kpi": json.dumps(entry["kpi"])}
    path = docs / "data" / "benchmarks.json"
    text = path.read_text(encoding="utf-8").replace(old.format(**fields), new.format(**fields), 1)
    path.write_text(text, encoding="utf-8")
    [problem] = check_data(Sources(docs=docs, includes=PROJECT / "includes"))
    assert (problem.file, problem.line) == (str(path), data_line(text, fix_line_of))
    assert message in problem.message and fix in problem.fix


def test_a_broken_data_file_is_one_message_not_one_per_page(tmp_path):
    # Pages reading the broken file used to add «макрос не сработал» at docs/index.md with advice about macro names.
    root = project_copy(tmp_path)
    path = root / "docs" / "data" / "benchmarks.json"
    text = path.read_text(encoding="utf-8").replace('"unit": ', '"unit" ', 1)
    path.write_text(text, encoding="utf-8")
    result = check(root, root / "docs", "data,build")
    found = messages(result.stdout)
    assert [(file, line, message) for file, line, message, _ in found] == [
        ("docs/data/benchmarks.json", data_line(text, '"unit"'), "после ключа не хватает двоеточия")
    ], result.stdout
    assert "✗ сборка и ссылки: остановилась на ошибке, названной выше" in result.stdout
    assert result.returncode == 1
