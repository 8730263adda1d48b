"""Self-assessment against the CLG maturity model: one answer per dimension, the stage they point to.

Stages, dimensions, questions and advice all come from `docs/data/maturity.json` through
`calculators.maturity_model`; this module only counts. The overall stage is the handbook's own
rule, not the source model's: the highest stage that a majority of the answered dimensions have
reached, i.e. the median of the answers (the lower middle for an even count). «Не знаю» counts
for nothing, and the weakest dimension is reported separately as the next thing to fix.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from calculators import charts
from calculators.calculator import Calculator, Values
from calculators.errors import InputError
from calculators.fields import Field
from calculators.formatting import format_number
from calculators.markup import escape
from calculators.maturity_model import Dimension, MaturityModel, Stage, load_model
from calculators.report import Figure, Report

MODEL = load_model()
NOT_SURE = 0
TARGET_PREFIX = "target_"
TARGET_SECTION = "Целевой профиль (необязательно)"


@dataclass(frozen=True)
class Assessment:
    """Answers by dimension id: levels 1–4, 0 for «Не знаю»; targets likewise, 0 for none."""

    levels: dict[str, int]
    targets: dict[str, int]

    @property
    def has_target(self) -> bool:
        """Whether any target level was chosen.

        Examples:
            >>> Assessment({"advocacy": 1}, {"advocacy": 0}).has_target
            False
        """
        return any(self.targets.values())


@dataclass(frozen=True)
class MaturityResult:
    """The overall stage, the mean level and the weakest dimensions of one self-assessment."""

    assessment: Assessment
    stage: Stage
    score: float
    weakest: tuple[Dimension, ...]
    weakest_level: int
    answered: tuple[Dimension, ...]

    def level(self, dimension: Dimension) -> int:
        """The chosen level of `dimension`, 0 when unknown.

        Examples:
            >>> result = assess(Assessment({"advocacy": 3}, {}))
            >>> result.level(MODEL.dimensions[0]), result.level(MODEL.dimensions[1])
            (3, 0)
        """
        return self.assessment.levels.get(dimension.id, NOT_SURE)

    def target(self, dimension: Dimension) -> int:
        """The target level of `dimension`, 0 when none.

        Examples:
            >>> assess(Assessment({"advocacy": 1}, {"advocacy": 4})).target(MODEL.dimensions[0])
            4
        """
        return self.assessment.targets.get(dimension.id, NOT_SURE)


def majority_level(levels: list[int]) -> int:
    """The highest level that more than half of `levels` reach: the median, the lower middle for an even count.

    A level counts as reached by every answer at or above it, so one dimension far ahead or far
    behind cannot move the overall stage on its own.

    Examples:
        >>> majority_level([1, 2, 3, 4, 4])
        3
        >>> majority_level([1, 1, 4, 4, 2])
        2
        >>> majority_level([1, 4])
        1
    """
    ordered = sorted(levels)
    return ordered[(len(ordered) - 1) // 2]


def assess(assessment: Assessment, model: MaturityModel = MODEL) -> MaturityResult:
    """Stage, mean score and weakest dimensions; `InputError` when nothing was answered.

    Examples:
        >>> levels = {"advocacy": 2, "post_sale_marketing": 1, "cs_marketing_alignment": 2}
        >>> result = assess(Assessment(levels, {}))
        >>> result.stage.name, round(result.score, 2), [d.name for d in result.weakest]
        ('Ситуативная', 1.67, ['Маркетинг после продажи'])
        >>> assess(Assessment({"advocacy": 1, "post_sale_marketing": 4}, {})).stage.level
        1
    """
    answered = tuple(d for d in model.dimensions if assessment.levels.get(d.id, NOT_SURE) != NOT_SURE)
    if not answered:
        raise InputError(
            model.dimensions[0].id,
            "Ответьте хотя бы на один вопрос: вариант «Не знаю» в оценку не входит.",
        )
    levels = [assessment.levels[d.id] for d in answered]
    lowest = min(levels)
    return MaturityResult(
        assessment=assessment,
        stage=model.stage_at(majority_level(levels)),
        score=sum(levels) / len(levels),
        weakest=tuple(d for d in answered if assessment.levels[d.id] == lowest),
        weakest_level=lowest,
        answered=answered,
    )


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an abbreviation such as «CS»."""
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _wrap(label: str, width: int = 14) -> list[str]:
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def radar_chart(result: MaturityResult, model: MaturityModel = MODEL) -> str:
    """A radar of the five dimensions on levels 1–4, with the target profile dashed when given.

    Examples:
        >>> chart = radar_chart(assess(Assessment({"advocacy": 2}, {"advocacy": 3})))
        >>> "clg-area-main" in chart, "clg-area-target" in chart
        (True, True)
    """
    center_x, center_y, radius = 300.0, 225.0, 130.0
    count = len(model.dimensions)

    def point(index: int, level: float) -> tuple[float, float]:
        angle = 2 * math.pi * index / count
        distance = radius * level / len(model.stages)
        return center_x + distance * math.sin(angle), center_y - distance * math.cos(angle)

    body = [charts.text(20, 20, "Профиль зрелости по направлениям", css_class="clg-label clg-label--title")]
    for level in range(1, len(model.stages) + 1):
        ring = [point(index, level) for index in range(count)]
        body.extend(charts.line(*ring[i], *ring[(i + 1) % count]) for i in range(count))
        body.append(charts.text(center_x - 5, point(0, level)[1] + 14, str(level), anchor="end"))
    for index, dimension in enumerate(model.dimensions):
        body.append(charts.line(center_x, center_y, *point(index, len(model.stages))))
        x, y = point(index, len(model.stages) + 0.35)
        anchor = "middle" if abs(x - center_x) < 1 else ("start" if x > center_x else "end")
        lines = _wrap(dimension.name + ("" if result.level(dimension) else " (не знаю)"))
        # The label at the top grows upwards from the axis end; the others are centred on it.
        top = y - 14 * (len(lines) - 1) if anchor == "middle" else y - 7 * (len(lines) - 1) + 4
        body.extend(charts.text(x, top + 14 * row, line, anchor=anchor) for row, line in enumerate(lines))
    current = [point(index, result.level(d)) for index, d in enumerate(model.dimensions)]
    body.append(charts.polygon(current, "clg-area-main"))
    body.extend(charts.circle(x, y, 4, "clg-fill-accent") for x, y in current)
    legend = [("clg-area-main", "Сейчас")]
    if result.assessment.has_target:
        target = [point(index, result.target(d) or result.level(d)) for index, d in enumerate(model.dimensions)]
        body.append(charts.polygon(target, "clg-area-target"))
        legend.append(("clg-area-target", "Цель"))
    for row, (css_class, label) in enumerate(legend):
        body.append(charts.rect(480, 34 + 20 * row, 14, 14, css_class))
        body.append(charts.text(500, 46 + 20 * row, label))
    desc = "; ".join(
        f"{d.name}: {result.level(d) or 'не знаю'}" + (f", цель {result.target(d)}" if result.target(d) else "")
        for d in model.dimensions
    )
    return charts.svg(600, 400, "Уровни зрелости по пяти направлениям (от 1 до 4)", desc + ".", body)


def advice_html(result: MaturityResult, model: MaturityModel = MODEL) -> str:
    """Next steps for every answered dimension and the general advice for the overall stage, escaped.

    Examples:
        >>> result = assess(Assessment({"advocacy": 1}, {"advocacy": 3}))
        >>> "цель — «Программная»" in advice_html(result)
        True
    """
    items = []
    for dimension in result.answered:
        level = result.level(dimension)
        here = model.stage_at(level)
        target = result.target(dimension)
        goal = ""
        if target > level:
            goal = f"; цель — «{model.stage_at(target).name}»"
        elif target:
            goal = "; цель уже достигнута"
        items.append(
            f"<li><strong>{escape(dimension.name)}</strong> (сейчас — «{escape(here.name)}»{escape(goal)}): "
            f"{escape(dimension.next_steps[here.id])}</li>"
        )
    general = "".join(f"<li>{escape(step)}</li>" for step in result.stage.next_steps)
    return (
        '<div class="clg-advice">'
        "<p><strong>Следующий шаг по каждому направлению</strong></p>"
        f"<ul>{''.join(items)}</ul>"
        f"<p><strong>Что делать дальше на стадии «{escape(result.stage.name)}»</strong></p>"
        f"<ul>{general}</ul></div>"
    )


def maturity_report(result: MaturityResult, model: MaturityModel = MODEL) -> Report:
    """Figures, radar chart, worked steps, notes and the advice for one self-assessment.

    Examples:
        >>> report = maturity_report(assess(Assessment({"advocacy": 2, "revenue_impact": 3}, {})))
        >>> report.figure("stage").text, report.figure("score").data_value
        ('в основном ситуативная', '2.50')
    """
    answered = result.answered
    levels = [result.level(d) for d in answered]
    answers = "; ".join(
        f"{d.name} — {result.level(d)} ({model.stage_at(result.level(d)).name})"
        if result.level(d)
        else f"{d.name} — не знаю"
        for d in model.dimensions
    )
    stage = result.stage
    reached = sum(level >= stage.level for level in levels)
    choice = (
        f"Общая стадия — самая высокая, до которой дошло большинство отвеченных направлений (медиана ответов): "
        f"стадии {stage.level} «{stage.name}» или выше достигли {reached} из {len(levels)}"
    )
    weakest_names = ", ".join(f"«{d.name}»" for d in result.weakest)
    steps = (
        f"Ответы: {answers}.",
        f"Учтено направлений: {len(answered)} из {len(model.dimensions)}; «Не знаю» в расчёт не входит.",
        f"{choice}: компания {stage.mostly}.",
        f"Средний балл = ({' + '.join(str(level) for level in levels)}) / {len(levels)} = "
        f"{format_number(result.score, 2)} по шкале от 1 до 4.",
        f"Слабее всего — {weakest_names}: уровень {result.weakest_level}; с этого направления и стоит начать.",
    )
    notes = [
        "Правило общей стадии (медиана ответов) и следующие шаги по направлениям — рекомендация "
        "справочника, а не часть исходной модели зрелости."
    ]
    unknown = [d.name for d in model.dimensions if d not in answered]
    if unknown:
        notes.append(
            f"Без ответа: {', '.join(unknown)}. Оценка построена по {len(answered)} направлениям из "
            f"{len(model.dimensions)}; узнайте ответ у коллег из CS, продаж или продукта."
        )
    if result.assessment.has_target:
        notes.append("Где цель не задана, пунктирный профиль на диаграмме совпадает с текущим уровнем.")
    figures = (
        Figure("stage", "Стадия", stage.level, stage.mostly, decimals=0),
        Figure.number("score", "Средний балл (1–4)", result.score, decimals=2),
        Figure("weakest", "Слабое место", result.weakest_level, ", ".join(d.name for d in result.weakest), decimals=0),
        Figure.number(
            "answered", "Отвечено направлений", len(answered), decimals=0, hint=f"из {len(model.dimensions)}"
        ),
    )
    summary = (
        f"Компания {stage.mostly}: {_lower_first(stage.summary)} Средний балл — "
        f"{format_number(result.score, 2)} из 4; слабее всего — {weakest_names}."
    )
    return Report(figures, summary, radar_chart(result, model), steps, tuple(notes), advice_html(result, model))


def evaluate(values: Values) -> Report:
    """The self-assessment report for validated form values.

    Examples:
        >>> evaluate(CALCULATOR.check({"advocacy": "4"})[0]).figure("stage").text
        'в основном предсказуемая'
    """
    levels = {d.id: int(values.get(d.id) or 0) for d in MODEL.dimensions}
    targets = {d.id: int(values.get(TARGET_PREFIX + d.id) or 0) for d in MODEL.dimensions}
    return maturity_report(assess(Assessment(levels, targets)))


def _answer_field(dimension: Dimension) -> Field:
    levels = [(str(stage.level), f"{stage.name}. {dimension.levels[stage.id]}") for stage in MODEL.stages]
    choices = (("0", "Не знаю"), *levels)
    return Field(dimension.id, dimension.question, "choice", "0", help=dimension.name, choices=choices, required=False)


def _target_field(dimension: Dimension) -> Field:
    choices = (("0", "Без цели"), *((str(stage.level), stage.name) for stage in MODEL.stages))
    return Field(
        TARGET_PREFIX + dimension.id,
        f"Цель: {dimension.name}",
        "choice",
        "0",
        choices=choices,
        required=False,
        section=TARGET_SECTION,
    )


CALCULATOR = Calculator(
    name="maturity",
    title="Самооценка зрелости CLG",
    fields=tuple(_answer_field(d) for d in MODEL.dimensions) + tuple(_target_field(d) for d in MODEL.dimensions),
    evaluate=evaluate,
    remember=True,
    printable=True,
)
