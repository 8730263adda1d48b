"""`make check`: what an editor's change must pass; every failure names its file and line and how to fix it.

    python -m tools.check_content                       # the whole handbook
    python -m tools.check_content --only spelling       # some checks: front-matter, data, build,
                                                        # glossary, markdown, spelling
    python -m tools.check_content --docs /tmp/copy/docs  # a copy of the pages (the tests plant errors there)

The checks: the front matter of every page, the strict MkDocs build (links, anchors, the nav, macros),
the data files through the calculators' own loaders, the glossary, Markdown lint (markdownlint-cli2 with
`.markdownlint-cli2.jsonc`) and Russian spelling (cspell with its Russian dictionary and
`project-words.txt`). Messages are in Russian: they are for the handbook's editors.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from tools import hints, terminology, typography
from tools.findings import Finding
from tools.json_syntax import explain as explain_json
from tools.jsonpath import line_of

PROJECT = Path(__file__).resolve().parent.parent
GUIDE = "docs/contributing/"
REQUIRED_FIELDS = ("title", "description")
OPTIONAL_FIELDS = ("hide", "icon", "status", "subtitle", "template", "search", "render_macros")
HIDE_VALUES = ("navigation", "toc", "footer", "feedback", "path", "tags")
DESCRIPTION_LIMIT = 200
PROJECT_WORDS = "project-words.txt"


@dataclass(frozen=True)
class Problem:
    """One failure: where it is, what is wrong and what to do about it (both in Russian)."""

    check: str
    file: str
    line: int | None
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message} [{LABELS[self.check]}]\n    Как исправить: {self.fix}"

    def annotation(self) -> str:
        """The same failure as a GitHub Actions annotation, shown on the pull request's diff."""
        line = f",line={self.line}" if self.line else ""
        text = f"{self.message}. Как исправить: {self.fix}".replace("%", "%25").replace("\n", "%0A")
        return f"::error file={self.file}{line},title={LABELS[self.check]}::{text}"


@dataclass(frozen=True)
class Sources:
    """The files the checks read: pages, the glossary and the project's configuration."""

    docs: Path
    includes: Path
    project: Path = PROJECT

    def show(self, path: Path) -> str:
        """A path as the editor should see it: relative to the project when it is inside."""
        try:
            return path.resolve().relative_to(self.project).as_posix()
        except ValueError:
            return str(path.resolve())

    def pages(self) -> list[Path]:
        """Every Markdown page, sorted."""
        return sorted(self.docs.rglob("*.md"))

    def data_files(self) -> list[Path]:
        """The shared data files (`docs/data/*.json`)."""
        return sorted((self.docs / "data").glob("*.json"))


def find_line(path: Path, needle: str) -> int | None:
    """The first line of `path` that contains `needle`, if any.

    Examples:
        >>> find_line(Path(__file__), "def find_line") is not None
        True
    """
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                return number
    except OSError:
        return None
    return None


# Front matter --------------------------------------------------------------------------------------------------

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def field_line(body: str, field: str) -> int:
    """The line (counting the opening `---` as 1) where `field` is set, or 1."""
    for number, line in enumerate(body.splitlines(), start=2):
        if re.match(rf"{re.escape(field)}\s*:", line):
            return number
    return 1


def check_page_front_matter(path: Path, shown: str) -> list[Problem]:
    """The front matter of one page: present, valid YAML, the required fields, known optional fields."""
    text = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        return [
            Problem(
                "front-matter",
                shown,
                1,
                "в начале страницы нет блока front matter",
                "добавьте в самое начало файла четыре строки: «---», «title: Заголовок страницы», "
                f"«description: Одно-два предложения о странице.», «---» (образец — в {GUIDE}pages.md)",
            )
        ]
    body = match["body"] or ""
    try:
        meta = yaml.safe_load(body) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return [
            Problem(
                "front-matter",
                shown,
                line,
                f"front matter не читается как YAML: {getattr(error, 'problem', error)}",
                "пишите по одному полю в строке: «поле: значение»; если в значении есть двоеточие "
                "или кавычки, возьмите всё значение в двойные кавычки",
            )
        ]
    if not isinstance(meta, dict):
        return [Problem("front-matter", shown, 1, "front matter должен состоять из полей «поле: значение»", "")]
    problems: list[Problem] = []
    for field in REQUIRED_FIELDS:
        value = meta.get(field)
        if field not in meta:
            problems.append(
                Problem(
                    "front-matter",
                    shown,
                    1,
                    f"нет обязательного поля {field}",
                    f"добавьте в front matter строку «{field}: …» (поля title и description обязательны)",
                )
            )
        elif not isinstance(value, str) or not value.strip():
            problems.append(
                Problem(
                    "front-matter",
                    shown,
                    field_line(body, field),
                    f"поле {field} пустое или не текст",
                    f"напишите в поле {field} текст; если он начинается с кавычки или содержит «: », "
                    "возьмите его в двойные кавычки",
                )
            )
    description = meta.get("description")
    if isinstance(description, str) and len(description.strip()) > DESCRIPTION_LIMIT:
        problems.append(
            Problem(
                "front-matter",
                shown,
                field_line(body, "description"),
                f"описание длиннее {DESCRIPTION_LIMIT} символов ({len(description.strip())})",
                "сократите description до одного-двух предложений: его показывают поисковики и превью ссылок",
            )
        )
    for field in meta:
        if field not in REQUIRED_FIELDS and field not in OPTIONAL_FIELDS:
            problems.append(
                Problem(
                    "front-matter",
                    shown,
                    field_line(body, str(field)),
                    f"неизвестное поле {field}",
                    f"проверьте написание; допустимые поля: {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)} "
                    f"(таблица полей — в {GUIDE}pages.md)",
                )
            )
    hide = meta.get("hide")
    if hide is not None and not (isinstance(hide, list) and all(item in HIDE_VALUES for item in hide)):
        problems.append(
            Problem(
                "front-matter",
                shown,
                field_line(body, "hide"),
                "поле hide должно быть списком из значений: " + ", ".join(HIDE_VALUES),
                "пишите каждое значение отдельной строкой вида «  - toc» под строкой «hide:»",
            )
        )
    return problems


def check_front_matter(sources: Sources) -> list[Problem]:
    """Every page has front matter with a title and a description of at most 200 characters."""
    return [problem for page in sources.pages() for problem in check_page_front_matter(page, sources.show(page))]


# Data files ----------------------------------------------------------------------------------------------------


def validate_data(name: str, data: object) -> None:
    """Run the calculators' own checks of a data file; raises `DataFileError` naming the key."""
    from calculators.benchmarks import FILE as BENCHMARKS_FILE
    from calculators.benchmarks import parse_benchmark
    from calculators.datafiles import require
    from calculators.maturity_model import parse_model

    if name == "benchmarks.json":
        for key, entry in require(BENCHMARKS_FILE, "(top level)", data, dict).items():
            parse_benchmark(key, entry)
    elif name == "maturity.json":
        parse_model(data)


def data_file_problems(path: Path, shown: str) -> list[Problem]:
    """One data file: valid JSON (the error at the line where the fix goes) that passes its loader."""
    from calculators.datafiles import DataFileError

    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        syntax = explain_json(text, error)
        return [Problem("data", shown, syntax.line, syntax.message, syntax.fix)]
    try:
        validate_data(path.name, data)
    except DataFileError as error:
        detail = str(error).removeprefix(f"{error.file}: ").removeprefix(f"{error.key}: ")
        return [
            Problem(
                "data",
                shown,
                line_of(text, error.key),
                f"ошибка в записи {error.key}: {detail}",
                f"сверьте запись с соседними и с описанием полей в {GUIDE}data.md; числа пишутся без "
                "кавычек и с точкой (104.5), текст — в прямых кавычках",
            )
        ]
    return []


def check_data(sources: Sources) -> list[Problem]:
    """The data files are valid JSON and pass the loaders of `calculators/` (benchmarks, maturity model)."""
    return [problem for path in sources.data_files() for problem in data_file_problems(path, sources.show(path))]


# Glossary ------------------------------------------------------------------------------------------------------


def check_glossary(sources: Sources) -> list[Problem]:
    """The glossary file parses: one `*[TERM]: definition` per line, each term once."""
    from macros.glossary import parse_glossary

    path = sources.includes / "abbreviations.md"
    shown = sources.show(path)
    try:
        parse_glossary(path.read_text(encoding="utf-8"), shown)
    except ValueError as error:
        match = re.match(rf"{re.escape(shown)}:(\d+): (.*)", str(error))
        line, detail = (int(match[1]), match[2]) if match else (None, str(error))
        duplicate = "defined twice" in detail
        return [
            Problem(
                "glossary",
                shown,
                line,
                f"термин {detail.removesuffix(' is defined twice')} определён дважды"
                if duplicate
                else "строка глоссария не по формату",
                "оставьте одно определение: каждый термин определяется в глоссарии один раз"
                if duplicate
                else "каждая строка — «*[NRR]: Net Revenue Retention — удержание чистой выручки»: звёздочка, "
                "термин в квадратных скобках, двоеточие, пробел, расшифровка; пустые строки можно",
            )
        ]
    except OSError as error:
        return [Problem("glossary", shown, None, f"не удалось прочитать файл: {error}", "верните файл глоссария")]
    return []


# Build ---------------------------------------------------------------------------------------------------------

LINK_NOT_FOUND = re.compile(
    r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but the target(?: '[^']+')? is not found "
    r"among documentation files\.(?: Did you mean '(?P<suggest>[^']+)'\?)?"
)
ANCHOR_MISSING = re.compile(
    r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but (?:the doc '(?P<target>[^']+)' does not "
    r"contain an anchor '#(?P<anchor>[^']+)'|there is no such anchor on this page)\."
)
ABSOLUTE_LINK = re.compile(r"Doc file '(?P<file>[^']+)' contains an absolute link '(?P<link>[^']+)'")
UNRECOGNIZED_LINK = re.compile(r"Doc file '(?P<file>[^']+)' contains an unrecognized relative link '(?P<link>[^']+)'")
NAV_NOT_FOUND = re.compile(r"A reference to '(?P<link>[^']+)' is included in the 'nav' configuration, which is not")
NOT_IN_NAV = re.compile(r'The following pages exist in the docs directory, but are not included in the "nav"')
MACRO_FILE = re.compile(r"_File_: `(?P<file>[^`]+)`")
MACRO_ERROR = re.compile(r"^_(?!File_)(?P<type>\w+)_: (?P<error>.+)$", re.MULTILINE)
MACRO_SYNTAX = re.compile(r"_Line (?P<line>\d+) in Markdown file:_ \*\*(?P<error>.+?)\*\*")
TEMPLATE_LINE = re.compile(r'File "<template>", line (?P<line>\d+)')
DID_YOU_MEAN = re.compile(r"Did you mean '([^']+)'\?")
DATA_FILE = re.compile(r"docs/data/[\w.-]+\.json")
UNDEFINED = re.compile(r"^'(\w+)' is undefined")
UNKNOWN_BENCHMARK = re.compile(r"unknown benchmark '([^']+)'")
PAGE_ERROR = re.compile(r"Error reading page '(?P<file>[^']+)': ?(?P<error>.*)", re.DOTALL)
FRONT_MATTER_ERROR = re.compile(r"^docs/(?P<page>\S+?):\d+: (?P<error>в front matter .*?) — ")
ANCHOR_FIX = (
    "Якорь — это заголовок раздела в нижнем регистре, пробелы заменены дефисами, знаки препинания убраны; "
    "надёжнее всего открыть страницу (make serve), щёлкнуть значок ¶ у заголовка и скопировать якорь из адреса, "
    "или сослаться на страницу целиком, без #"
)


def front_matter_lines(path: Path) -> int:
    """Lines before the Markdown that macros render: the front matter and the blank lines MkDocs strips after it."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return 0
    match = FRONT_MATTER.match(text)
    if not match:
        return 0
    rest = text[match.end() :]
    return match.group(0).count("\n") + len(rest) - len(rest.lstrip("\n"))


def at_links(path: Path, link: str, problem: Problem) -> list[Problem]:
    """`problem` at each line where the page links to `link` (MkDocs names the link, not its line)."""
    lines = hints.link_lines(path, link) or [find_line(path, link)]
    return [dataclasses.replace(problem, line=line) for line in dict.fromkeys(lines)]


def did_you_mean(message: str) -> str:
    """MkDocs' own suggestion in a warning («Did you mean '…'?»), in Russian."""
    match = DID_YOU_MEAN.search(message)
    return f"Возможно, имелось в виду «{match[1]}». " if match else ""


def macro_problems(message: str, path: Path, sources: Sources) -> list[Problem]:
    """A failed macro in the page at `path`: its line, what went wrong in Russian and the likely intent."""
    shown = sources.show(path)
    syntax = MACRO_SYNTAX.search(message)
    error = MACRO_ERROR.search(message)
    if error and (data := DATA_FILE.search(error["error"])):
        # The page only read a broken data file: the data file is what to fix, said once.
        data_path = sources.project / data[0]
        if data_path.is_file() and (problems := data_file_problems(data_path, sources.show(data_path))):
            return problems
    lines = TEMPLATE_LINE.findall(message)
    line = int(syntax["line"]) if syntax else int(lines[-1]) if lines else None
    line = line + front_matter_lines(path) if line else None
    macro_fix = 'макрос пишется так: {{ benchmark("nrr_median") }} — имя, в скобках аргументы в прямых кавычках'
    if syntax:
        return [Problem("build", shown, line, hints.template_syntax(syntax["error"]), macro_fix)]
    text = error["error"] if error else ""
    if undefined := UNDEFINED.search(text):
        import macros

        return [
            Problem(
                "build",
                shown,
                line,
                f"неизвестный макрос «{undefined[1]}»",
                hints.maybe(undefined[1], (macro.__name__ for macro in macros.MACROS))
                + f"Все макросы с примерами — в каталоге {GUIDE}macros.md",
            )
        ]
    if key := UNKNOWN_BENCHMARK.search(text):
        return [
            Problem(
                "build",
                shown,
                line,
                f"нет ориентира с ключом «{key[1]}»",
                hints.maybe(key[1], hints.benchmark_keys(sources.project))
                + "Ключи ориентиров — в docs/data/benchmarks.json, перед каждой записью",
            )
        ]
    detail = f"{error['type']}: {text}" if error else "ошибка"
    return [
        Problem(
            "build",
            shown,
            line,
            f"макрос не сработал: {detail}",
            f"сверьте имя макроса и его аргументы с каталогом макросов ({GUIDE}macros.md); {macro_fix}",
        )
    ]


def build_problem(message: str, sources: Sources) -> list[Problem]:
    """Turn one MkDocs warning into problems with a file, a line and a fix."""

    def page(match: re.Match[str]) -> tuple[Path, str]:
        path = sources.docs / match["file"]
        return path, sources.show(path)

    if match := LINK_NOT_FOUND.search(message):
        path, shown = page(match)
        suggestion = (
            f"Возможно, имелось в виду «{match['suggest']}». "
            if match["suggest"]
            else hints.maybe(match["link"], hints.page_paths(sources.docs, path))
        )
        return at_links(
            path,
            match["link"],
            Problem(
                "build",
                shown,
                None,
                f"ссылка «{match['link']}» ведёт на страницу, которой нет",
                suggestion + "Путь считается от папки этой страницы и ведёт к файлу .md, "
                "например ../metrics-faq/index.md",
            ),
        )
    if match := ANCHOR_MISSING.search(message):
        path, shown = page(match)
        where = f"на странице {match['target']}" if match["target"] else "на этой странице"
        anchor = match["anchor"] or match["link"].lstrip("#")
        target = sources.docs / match["target"] if match["target"] else path
        real = [f"#{name}" for name in hints.page_anchors(target)]
        return at_links(
            path,
            match["link"],
            Problem(
                "build",
                shown,
                None,
                f"ссылка «{match['link']}»: {where} нет раздела с якорем #{anchor}",
                hints.maybe(f"#{anchor}", real, cutoff=0) + ANCHOR_FIX,
            ),
        )
    if match := ABSOLUTE_LINK.search(message):
        path, shown = page(match)
        return at_links(
            path,
            match["link"],
            Problem(
                "build",
                shown,
                None,
                f"абсолютная ссылка «{match['link']}» сломается на опубликованном сайте",
                did_you_mean(message) + "Ссылайтесь на файл .md относительным путём, например ../glossary/index.md; "
                "адреса других сайтов пишите полностью, с https://",
            ),
        )
    if match := UNRECOGNIZED_LINK.search(message):
        path, shown = page(match)
        return at_links(
            path,
            match["link"],
            Problem(
                "build",
                shown,
                None,
                f"ссылка «{match['link']}» ведёт не на файл страницы",
                did_you_mean(message) + "Ссылайтесь на сам файл .md: вместо «раздел/» пишите «раздел/index.md»",
            ),
        )
    if match := NAV_NOT_FOUND.search(message):
        config = sources.project / "mkdocs.yml"
        return [
            Problem(
                "build",
                sources.show(config),
                find_line(config, match["link"]),
                f"в навигации (nav) указана страница {match['link']}, которой нет в docs/",
                f"исправьте путь в разделе nav или создайте файл docs/{match['link']}",
            )
        ]
    if NOT_IN_NAV.search(message):
        missing = re.findall(r"^\s+- (.+)$", message, re.MULTILINE)
        return [
            Problem(
                "build",
                sources.show(sources.docs / name),
                1,
                "страницы нет в навигации сайта (nav в mkdocs.yml)",
                f"добавьте в раздел nav файла mkdocs.yml строку «- Название: {name}» туда, где страница "
                f"должна появиться в меню (см. {GUIDE}pages.md)",
            )
            for name in missing
        ]
    if match := FRONT_MATTER_ERROR.match(message):
        # macros/frontmatter.py stops the build at a page without its required fields.
        path = sources.docs / match["page"]
        return [
            Problem(
                "build",
                sources.show(path),
                1,
                match["error"],
                f"добавьте недостающие поля в блок front matter в начале файла (см. {GUIDE}pages.md)",
            )
        ]
    if match := PAGE_ERROR.match(message):
        if not match["error"].strip():  # the reason comes in a message of its own
            return []
        path = sources.docs / match["file"]
        return [
            Problem(
                "build",
                sources.show(path),
                None,
                f"страница не собирается: {match['error'].strip()}",
                "прочитайте сообщение; если неясно, что делать, спросите в обсуждении пулреквеста",
            )
        ]
    if match := MACRO_FILE.search(message):
        return macro_problems(message, sources.docs / match["file"], sources)
    return [
        Problem(
            "build",
            sources.show(sources.project / "mkdocs.yml"),
            None,
            f"сборка сообщает: {message.strip()}",
            "прочитайте сообщение MkDocs; если неясно, что делать, спросите в обсуждении пулреквеста",
        )
    ]


class LogCollector(logging.Handler):
    """Keeps the messages of warnings and errors logged while it is attached."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def check_build(sources: Sources) -> list[Problem]:
    """`mkdocs build --strict` of the pages: links, anchors, nav and macros, with the project's mkdocs.yml."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    collector = LogCollector()
    logger.addHandler(collector)
    propagate, logger.propagate = logger.propagate, False
    failure = ""
    try:
        with tempfile.TemporaryDirectory(prefix="clg-check-site-") as site:
            config = load_config(
                config_file=str(sources.project / "mkdocs.yml"),
                docs_dir=str(sources.docs),
                site_dir=site,
                strict=True,
            )
            build(config)
    except SystemExit:  # mkdocs-macros exits on a failed macro, after logging which one
        pass
    except Exception as error:  # any failure of the build is reported, not raised
        failure = f"{type(error).__name__}: {error}"
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate
    problems = [problem for message in collector.messages for problem in build_problem(message, sources)]
    if failure and not problems and not failure.startswith("Abort"):
        problems = build_problem(failure, sources)
    return problems


# Markdown lint -------------------------------------------------------------------------------------------------

LINT_LINE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+)(?::\d+)? (?:error |warning )?(?P<rule>MD\d+)/(?P<alias>[\w/-]+) (?P<text>.*)$"
)
LINT_FIXES = {
    "MD001": "уровни заголовков идут по порядку: после ## идёт ###, а не ####",
    "MD003": "пишите заголовки со знаками # в начале строки",
    "MD004": "в одном списке используйте один знак пункта, дефис «-»",
    "MD005": "пункты одного уровня списка начинайте с одинакового отступа",
    "MD007": "вложенный список сдвигайте на 4 пробела относительно родительского",
    "MD009": "удалите пробелы в конце строки",
    "MD010": "замените символы табуляции пробелами (для отступов — по 4 пробела)",
    "MD011": "ссылка пишется как [текст](адрес), а не (текст)[адрес]",
    "MD012": "оставьте между абзацами одну пустую строку",
    "MD018": "после # в заголовке нужен пробел: «## Заголовок»",
    "MD019": "после # в заголовке нужен ровно один пробел",
    "MD022": "отделите заголовок пустыми строками сверху и снизу",
    "MD023": "заголовок начинается с начала строки, без отступа",
    "MD024": "два соседних раздела названы одинаково — переименуйте один",
    "MD025": "заголовок # на странице один — тот же, что title; разделы начинайте с ##",
    "MD026": "уберите знак препинания в конце заголовка (вопросительный знак можно)",
    "MD027": "после > в цитате нужен ровно один пробел",
    "MD028": "пустая строка разрывает цитату: начните её с «>» или уберите",
    "MD029": "нумеруйте пункты списка по порядку: 1., 2., 3.",
    "MD031": "отделите блок кода пустыми строками сверху и снизу",
    "MD032": "отделите список пустыми строками сверху и снизу",
    "MD034": "оформите адрес как ссылку: [описание](https://…) или <https://…>",
    "MD035": "горизонтальную линию пишите как ---",
    "MD036": "вместо жирной строки-заголовка используйте заголовок ## или ###",
    "MD037": "внутри *выделения* не должно быть пробелов у звёздочек",
    "MD038": "внутри `кода` не должно быть пробелов у обратных кавычек",
    "MD039": "внутри [текста ссылки] не должно быть пробелов у скобок",
    "MD041": "сразу после front matter идёт заголовок «# …», равный title",
    "MD042": "у ссылки пустой адрес: укажите страницу или уберите ссылку",
    "MD045": "добавьте картинке описание: ![что изображено](файл.svg)",
    "MD047": "в конце файла должна быть ровно одна пустая строка",
    "MD048": "блоки кода обрамляйте тремя обратными кавычками ```",
    "MD049": "курсив пишите одной звёздочкой: *слово*",
    "MD050": "полужирный пишите двумя звёздочками: **слово**",
    "MD052": "ссылка на несуществующее определение [метка]: добавьте его или уберите квадратные скобки",
    "MD053": "определение ссылки [метка]: нигде не используется — удалите его",
    "MD055": "в строках таблицы ставьте | в начале и в конце одинаково",
    "MD056": "в этой строке таблицы другое число ячеек, чем в заголовке: добавьте или уберите |",
    "MD058": "отделите таблицу пустыми строками сверху и снизу",
}


TOOL_FIX = "переустановите пакеты (`npm ci`) и повторите; если не помогло, приложите это сообщение к пулреквесту"


def node_tool(sources: Sources, name: str) -> Path:
    """An npm-installed command of the project (`node_modules/.bin/NAME`)."""
    return sources.project / "node_modules" / ".bin" / name


def missing_tool(check: str, name: str) -> Problem:
    """The failure when an npm tool is not installed."""
    return Problem(
        check,
        "package.json",
        None,
        f"не установлен {name}",
        "запускайте проверки через `make check`: он сам ставит нужные пакеты (или выполните `npm ci`)",
    )


def check_markdown(sources: Sources) -> list[Problem]:
    """Markdown lint of every page with markdownlint-cli2 and the project's rules."""
    tool = node_tool(sources, "markdownlint-cli2")
    if not tool.exists():
        return [missing_tool("markdown", "markdownlint-cli2")]
    pages = [str(page) for page in sources.pages()]
    if not pages:
        return []
    result = subprocess.run(
        [str(tool), "--config", str(sources.project / ".markdownlint-cli2.jsonc"), *pages],
        cwd=sources.project,
        capture_output=True,
        text=True,
        check=False,
    )
    problems = []
    for line in (result.stdout + result.stderr).splitlines():
        match = LINT_LINE.match(line)
        if not match:
            continue
        rule = match["rule"]
        alias = match["alias"].split("/")[0]
        fix = LINT_FIXES.get(rule, "см. описание правила")
        problems.append(
            Problem(
                "markdown",
                sources.show(Path(sources.project, match["file"])),
                int(match["line"]),
                f"правило {rule}/{alias}: {match['text']}",
                f"{fix} (правило: https://github.com/DavidAnson/markdownlint/blob/main/doc/{rule.lower()}.md)",
            )
        )
    if result.returncode not in (0, 1) or (result.returncode == 1 and not problems):
        problems.append(
            Problem(
                "markdown",
                ".markdownlint-cli2.jsonc",
                None,
                f"markdownlint-cli2 не запустился: {result.stderr}",
                TOOL_FIX,
            )
        )
    return problems


# Spelling ------------------------------------------------------------------------------------------------------

UNKNOWN_WORD = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+) - Unknown word \((?P<word>[^)]+)\)"
    r"(?: .*?Suggestions: \[(?P<suggestions>[^\]]*)\])?"
)


@dataclass(frozen=True)
class UnknownWord:
    """One occurrence of a word cspell does not know, with its suggestions."""

    file: Path
    line: int
    column: int
    word: str
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class WordList:
    """The project's own words: whole words, and stems ending in `*` that cover every ending."""

    words: frozenset[str]
    stems: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> WordList:
        """Read `project-words.txt`: a word per line, `#` comments, `стем*` for all endings; case is ignored.

        Examples:
            >>> words = WordList.parse("# термины\\nонбординг*\\nPyodide\\n")
            >>> words.knows("Онбординга"), words.knows("pyodide"), words.knows("pyodides")
            (True, True, False)
        """
        entries = [line.strip().casefold() for line in text.splitlines()]
        entries = [entry for entry in entries if entry and not entry.startswith("#")]
        return cls(
            words=frozenset(entry for entry in entries if not entry.endswith("*")),
            stems=tuple(entry.rstrip("*") for entry in entries if entry.endswith("*")),
        )

    def knows(self, word: str) -> bool:
        """Whether `word` is one of the project's words or starts with one of its stems."""
        folded = word.casefold()
        return folded in self.words or any(folded.startswith(stem) for stem in self.stems)


def run_cspell(sources: Sources, files: Sequence[Path]) -> list[UnknownWord]:
    """cspell's unknown words in `files`, one per occurrence.

    cspell skips files outside its root, so the root is the folder that holds them all (a copy of the
    pages, a probe file); it prints paths relative to that root.
    """
    if not files:
        return []
    root = Path(os.path.commonpath([path.resolve().parent for path in files]))
    result = subprocess.run(
        [
            str(node_tool(sources, "cspell")),
            *("--config", str(sources.project / "cspell.json"), "--root", str(root)),
            *("--no-progress", "--no-summary", "--no-color", "--show-suggestions", "--no-must-find-files"),
            *(str(path.resolve()) for path in files),
        ],
        cwd=sources.project,
        capture_output=True,
        text=True,
        check=False,
    )
    found = [
        UnknownWord(
            file=root / match["file"],
            line=int(match["line"]),
            column=int(match["col"]),
            word=match["word"],
            suggestions=tuple(item.strip() for item in (match["suggestions"] or "").split(",") if item.strip()),
        )
        for line in result.stdout.splitlines()
        if (match := UNKNOWN_WORD.match(line))
    ]
    if result.returncode not in (0, 1) or (result.returncode == 1 and not found):
        raise RuntimeError(result.stderr.strip() or result.stdout.strip() or f"exit code {result.returncode}")
    return found


def without_yo(word: str) -> str:
    """The word spelled with «е» for «ё».

    Examples:
        >>> without_yo("Вовлечённость")
        'Вовлеченность'
    """
    return word.replace("ё", "е").replace("Ё", "Е")


def known_with_ye(sources: Sources, words: Iterable[str]) -> set[str]:
    """Words with «ё» that the dictionary knows when spelled with «е» (it lists many words only so)."""
    candidates = sorted({word for word in words if without_yo(word) != word})
    if not candidates:
        return set()
    with tempfile.TemporaryDirectory(prefix="clg-spelling-") as folder:
        probe = Path(folder, "words.md")
        probe.write_text("\n".join(without_yo(word) for word in candidates) + "\n", encoding="utf-8")
        unknown = {found.word for found in run_cspell(sources, [probe])}
    return {word for word in candidates if without_yo(word) not in unknown}


def check_spelling(sources: Sources) -> list[Problem]:
    """Russian and English spelling of pages, data files and the glossary; project words are allowed."""
    if not node_tool(sources, "cspell").exists():
        return [missing_tool("spelling", "cspell")]
    try:
        found = run_cspell(sources, [*sources.pages(), *sources.data_files(), *sorted(sources.includes.glob("*.md"))])
    except RuntimeError as error:
        return [Problem("spelling", "cspell.json", None, f"cspell не запустился: {error}", TOOL_FIX)]
    word_list_file = sources.project / PROJECT_WORDS
    word_list = WordList.parse(word_list_file.read_text(encoding="utf-8") if word_list_file.exists() else "")
    found = [item for item in found if not word_list.knows(item.word)]
    yo_words = known_with_ye(sources, (item.word for item in found))
    problems = []
    for item in found:
        if item.word in yo_words:
            continue
        maybe = f"; возможно: {', '.join(item.suggestions[:3])}" if item.suggestions else ""
        problems.append(
            Problem(
                "spelling",
                sources.show(item.file),
                item.line,
                f"неизвестное слово «{item.word}» (столбец {item.column})",
                f"если это опечатка — исправьте{maybe}. Если слово верное (термин, название, имя), добавьте его "
                f"строкой в {PROJECT_WORDS}; «основа*» со звёздочкой принимает все окончания",
            )
        )
    return problems


def from_findings(check: str, findings: Iterable[Finding]) -> list[Problem]:
    """The findings of a check that lives in its own module (tools/terminology.py, tools/typography.py)."""
    return [Problem(check, item.file, item.line, item.message, item.fix) for item in findings]


# Command line --------------------------------------------------------------------------------------------------

CHECKS: dict[str, Callable[[Sources], list[Problem]]] = {
    "front-matter": check_front_matter,
    "data": check_data,
    "build": check_build,
    "glossary": check_glossary,
    "markdown": check_markdown,
    "spelling": check_spelling,
    "terms": lambda sources: from_findings("terms", terminology.check_terminology(sources)),
    "typography": lambda sources: from_findings("typography", typography.check_typography(sources)),
}
LABELS = {
    "build": "сборка и ссылки",
    "front-matter": "front matter",
    "data": "файлы данных",
    "glossary": "глоссарий",
    "markdown": "разметка Markdown",
    "spelling": "орфография",
    "terms": "термины",
    "typography": "типографика",
}


def run_checks(sources: Sources, names: Iterable[str] = CHECKS) -> list[Problem]:
    """Run the named checks in order and collect their problems."""
    return [problem for name in names for problem in CHECKS[name](sources)]


def reported_before(problem: Problem, earlier: Iterable[Problem]) -> bool:
    """Whether an earlier check already named this mistake: one mistake, one message.

    The build stops at a page whose front matter the front matter check named, less clearly; a page
    that reads a broken data file fails with the data check's own message, and so does the build
    when the calculators read the file before any page (`DataFileError` in the build's message).
    """
    return any(
        (other.file, other.line, other.message) == (problem.file, problem.line, problem.message)
        or (problem.check == "build" and other.check == "front-matter" and other.file == problem.file)
        or (problem.check == "build" and other.check == "data" and f"DataFileError: {other.file}" in problem.message)
        for other in earlier
    )


def summary(names: Sequence[str], problems: Sequence[Problem]) -> str:
    """The last line: what was found, and which checks ran when not all of them did.

    Examples:
        >>> summary(list(CHECKS), [])
        'Все проверки пройдены.'
        >>> summary(["spelling"], [])
        'Пройдена проверка: орфография (1 из 8). Остальные не запускались; все вместе — `make check`.'
    """
    if len(names) == len(CHECKS):
        ran = ""
    else:
        ran = f"{', '.join(LABELS[name] for name in names)} ({len(names)} из {len(CHECKS)})"
    if problems:
        note = f" Запускались проверки: {ran}." if ran else ""
        return f"Найдено проблем: {len(problems)}.{note} Исправьте их и запустите `make check` ещё раз."
    if not ran:
        return "Все проверки пройдены."
    passed = "Пройдена проверка" if len(names) == 1 else "Пройдены проверки"
    return f"{passed}: {ran}. Остальные не запускались; все вместе — `make check`."


def main(argv: Sequence[str] | None = None) -> int:
    """Run the checks, print every problem with its fix; exit 1 when there is any."""
    parser = argparse.ArgumentParser(description="Проверки справочника перед пулреквестом (make check).")
    parser.add_argument("--docs", type=Path, default=PROJECT / "docs", help="папка страниц (по умолчанию docs/)")
    parser.add_argument("--includes", type=Path, default=PROJECT / "includes", help="папка с глоссарием")
    parser.add_argument("--only", default=",".join(CHECKS), help=f"через запятую: {', '.join(CHECKS)}")
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in names if name not in CHECKS]
    if unknown:
        parser.error(f"нет проверки {', '.join(unknown)}; есть: {', '.join(CHECKS)}")
    sources = Sources(docs=args.docs.resolve(), includes=args.includes.resolve())
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    total: list[Problem] = []
    for name in names:
        found = CHECKS[name](sources)
        problems = [problem for problem in found if not reported_before(problem, total)]
        total += problems
        if found and not problems:
            print(f"✗ {LABELS[name]}: остановилась на ошибке, названной выше", flush=True)
            continue
        status = "в порядке" if not problems else f"проблем: {len(problems)}"
        print(f"{'✓' if not problems else '✗'} {LABELS[name]}: {status}", flush=True)
        for problem in problems:
            print(f"  {problem}\n".replace("\n", "\n  ").rstrip(" "), flush=True)
            if annotate:
                print(problem.annotation(), flush=True)
    print(("" if total else "\n") + summary(names, total))
    return 1 if total else 0


if __name__ == "__main__":
    raise SystemExit(main())
