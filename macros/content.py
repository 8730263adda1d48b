"""Macros that put the shared data files into pages: benchmarks, the KPI table, the maturity model."""

from __future__ import annotations

from collections.abc import Iterable

from calculators.benchmarks import Benchmark, load_benchmarks
from calculators.maturity_model import Stage, load_model
from macros.terms import load_terms


def benchmark(key: str, source: bool = False) -> str:
    """A benchmark in Russian words with its qualifiers, optionally followed by its source and year.

    Редактору: ориентир из `docs/data/benchmarks.json` по его ключу — словами, как пишут в тексте
    («не ниже 12 %», «меньше 30 дней»), вместе с тем, что его уточняет: для какой совокупности
    он получен и не цель ли это вместо наблюдения. С `source=True` добавляет источник и год.
    Чтобы изменить число на всех страницах сразу, правьте файл данных, а не текст страниц.

    Пример: {{ benchmark("nrr_median", source=True) }}

    Examples:
        >>> benchmark("nrr_median").startswith(load_benchmarks()["nrr_median"].words)
        True
    """
    return _benchmark(key).prose(source)


def _benchmark(key: str) -> Benchmark:
    benchmarks = load_benchmarks()
    if key not in benchmarks:
        raise KeyError(f"unknown benchmark {key!r} (docs/data/benchmarks.json has: {', '.join(benchmarks)})")
    return benchmarks[key]


def kpi_table() -> str:
    """The lifecycle KPI table (Markdown), one row per benchmark marked `kpi`, with the notes below it.

    Редактору: таблица ключевых показателей по участкам пути клиента. В неё попадает каждый
    ориентир из `docs/data/benchmarks.json`, у которого `"kpi": true`, в порядке файла; под
    таблицей — примечания из полей `note`.

    Пример: {{ kpi_table() }}

    Examples:
        >>> kpi_table().splitlines()[0]
        '| Участок пути | Показатель | Значение | Что это | Источник |'
    """
    return render_kpi_table([item for item in load_benchmarks().values() if item.kpi])


def render_kpi_table(items: Iterable[Benchmark]) -> str:
    """The KPI table for these benchmarks: signs in the cells, a numbered note under the table for each `note`.

    Examples:
        >>> from calculators.benchmarks import EXAMPLE, parse_benchmark
        >>> item = parse_benchmark("x", EXAMPLE | {"kind": "target", "note": "Пояснение."})
        >>> print(render_kpi_table([item]))
        | Участок пути | Показатель | Значение | Что это | Источник |
        | --- | --- | --- | --- | --- |
        | Привлечение | Пример | ≥\xa012\xa0% | целевой уровень[^kpi-x] | Пример, 2025 |
        <BLANKLINE>
        [^kpi-x]: Пояснение.
    """
    rows = [
        "| Участок пути | Показатель | Значение | Что это | Источник |",
        "| --- | --- | --- | --- | --- |",
    ]
    notes = []
    for item in items:
        mark = f"[^kpi-{item.key}]" if item.note else ""
        rows.append(f"| {item.zone} | {item.label} | {item.text} | {item.qualifier}{mark} | {item.citation} |")
        if item.note:
            notes.append(f"[^kpi-{item.key}]: {item.note}")
    return "\n".join(rows) + ("\n\n" + "\n".join(notes) if notes else "")


def maturity_table() -> str:
    """The diagnostic table: five dimensions (rows) × four stages (columns), in Markdown.

    Редактору: диагностическая таблица модели зрелости из `docs/data/maturity.json` — пять
    направлений в строках и четыре стадии в столбцах.

    Пример: {{ maturity_table() }}

    Examples:
        >>> maturity_table().startswith("| Направление | ")
        True
    """
    model = load_model()
    header = "| Направление | " + " | ".join(stage.name for stage in model.stages) + " |"
    rows = [header, "| --- " * (len(model.stages) + 1) + "|"]
    for dimension in model.dimensions:
        cells = " | ".join(_cell(dimension.levels[stage.id]) for stage in model.stages)
        rows.append(f"| **{_cell(dimension.name)}** | {cells} |")
    return "\n".join(rows)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"- {item}" for item in items)


def render_stage(stage: Stage, source_names: tuple[str, ...] = ()) -> str:
    """One stage of the model as Markdown: heading, summary, the sources' names for it, then the stage's parts.

    Examples:
        >>> stage = Stage("x", 2, "Ситуативная", "в основном ситуативная", "Суть.", "Мысль.", ("Признак.",),
        ...               "Роль.", ("Риск.",), ("Шаг.",))
        >>> render_stage(stage, ("оппортунистическая стадия",)).split("\\n\\n")[2]
        'В исходной статье: «оппортунистическая стадия».'
    """
    names = ", ".join(f"«{name}»" for name in source_names)
    return "\n\n".join(
        [
            f"### {stage.level}. {stage.name} {{ #{stage.id} }}",
            f"*{stage.summary}*",
            *([f"В исходной статье: {names}."] if names else []),
            f"**Как думает компания.** {stage.mindset}",
            f"**Признаки**\n\n{_bullets(stage.signals)}",
            f"**Роль маркетинга.** {stage.marketing_role}",
            f"**Риски**\n\n{_bullets(stage.risks)}",
            f"**Что делать дальше**\n\n{_bullets(stage.next_steps)}",
        ]
    )


def maturity_stage(stage_id: str) -> str:
    """The block describing one stage of the maturity model, from `docs/data/maturity.json`.

    Редактору: описание одной стадии модели зрелости — заголовок с якорем по ключу стадии,
    краткая суть, образ мышления, признаки, роль маркетинга, риски и следующие шаги.
    Ключи стадий: `reactive`, `opportunistic`, `programmatic`, `predictable`.

    Пример: {{ maturity_stage("reactive") }}

    Examples:
        >>> maturity_stage("reactive").startswith("### ")
        True
    """
    stage = load_model().stage(stage_id)
    term = f"{stage.name.lower()} стадия"
    return render_stage(stage, next((item.sources for item in load_terms() if item.term == term), ()))
