"""Macros that put the shared data files into pages: benchmarks, the KPI table, the maturity model."""

from __future__ import annotations

from calculators.benchmarks import load_benchmarks
from calculators.maturity_model import Stage, load_model


def benchmark(key: str, source: bool = False) -> str:
    """A benchmark as Russian text, optionally followed by its source and year.

    Редактору: ориентир из `docs/data/benchmarks.json` по его ключу — знак сравнения, число
    и единица, с неразрывными пробелами. С `source=True` добавляет в скобках источник и год.
    Чтобы изменить число на всех страницах сразу, правьте файл данных, а не текст страниц.

    Пример: {{ benchmark("nrr_median", source=True) }}

    Examples:
        >>> benchmark("nrr_median", source=True)
        '≥\\xa0104\\xa0% (Heinz Marketing, 2025)'
    """
    benchmarks = load_benchmarks()
    if key not in benchmarks:
        raise KeyError(f"unknown benchmark {key!r} (docs/data/benchmarks.json has: {', '.join(benchmarks)})")
    item = benchmarks[key]
    return f"{item.text} ({item.citation})" if source else item.text


def kpi_table() -> str:
    """The lifecycle KPI table (Markdown), one row per benchmark marked `kpi`.

    Редактору: таблица ключевых показателей по участкам пути клиента. В неё попадает каждый
    ориентир из `docs/data/benchmarks.json`, у которого `"kpi": true`, в порядке файла.

    Пример: {{ kpi_table() }}

    Examples:
        >>> kpi_table().splitlines()[0]
        '| Участок пути | Показатель | Ориентир | Источник |'
    """
    rows = [
        "| Участок пути | Показатель | Ориентир | Источник |",
        "| --- | --- | --- | --- |",
    ]
    rows += [
        f"| {item.zone} | {item.label} | {item.text} | {item.citation} |"
        for item in load_benchmarks().values()
        if item.kpi
    ]
    return "\n".join(rows)


def maturity_table() -> str:
    """The diagnostic table: five dimensions (rows) × four stages (columns), in Markdown.

    Редактору: диагностическая таблица модели зрелости из `docs/data/maturity.json` — пять
    направлений в строках и четыре этапа в столбцах.

    Пример: {{ maturity_table() }}

    Examples:
        >>> maturity_table().count("\\n") + 1
        7
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


def render_stage(stage: Stage) -> str:
    """One stage of the model as Markdown: heading, summary, mindset, signals, role, risks, next steps."""
    return "\n\n".join(
        [
            f"### {stage.level}. {stage.name} {{ #{stage.id} }}",
            f"*{stage.summary}*",
            f"**Как думает компания.** {stage.mindset}",
            f"**Признаки**\n\n{_bullets(stage.signals)}",
            f"**Роль маркетинга.** {stage.marketing_role}",
            f"**Риски**\n\n{_bullets(stage.risks)}",
            f"**Что делать дальше**\n\n{_bullets(stage.next_steps)}",
        ]
    )


def maturity_stage(stage_id: str) -> str:
    """The block describing one stage of the maturity model, from `docs/data/maturity.json`.

    Редактору: описание одного этапа модели зрелости — заголовок с якорем по ключу этапа,
    краткая суть, образ мышления, признаки, роль маркетинга, риски и следующие шаги.
    Ключи этапов: `reactive`, `opportunistic`, `programmatic`, `predictable`.

    Пример: {{ maturity_stage("reactive") }}

    Examples:
        >>> maturity_stage("reactive").startswith("### 1. ")
        True
    """
    return render_stage(load_model().stage(stage_id))
