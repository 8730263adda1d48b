"""The NPS calculator's fields, its example export and `evaluate`, the form values → report step."""

from __future__ import annotations

from calculators import survey
from calculators.calculator import Calculator, Values
from calculators.fields import Field, table_source
from calculators.nps.counts import MAX_ANSWERS, count_groups, nps_from_counts, parse_scores
from calculators.nps.report import nps_report, survey_report
from calculators.nps.segments import analyse_survey
from calculators.report import Report

MAX_POPULATION = 1_000_000_000
# A realistic export from Russian Excel: «;» between cells, a comma inside a comment, a
# client who skipped the question, IDs that are not scores and a segment column.
EXAMPLE_SURVEY = """Клиент;Сегмент;Оценка;Комментарий
К-1041;Крупный бизнес;9;Помогли с миграцией, всё в срок
К-1187;Крупный бизнес;10;
К-1203;Малый бизнес;6;Дорого для нашей команды
К-1215;Средний бизнес;8;
К-1220;Крупный бизнес;9;Хороший менеджер по успеху
К-1236;Малый бизнес;3;Долго отвечает поддержка
К-1251;Средний бизнес;9;
К-1262;Крупный бизнес;7;Не хватает отчётов
К-1270;Малый бизнес;10;Просто и понятно
К-1288;Средний бизнес;;
К-1290;Крупный бизнес;10;
К-1302;Малый бизнес;5;Сложно настроить интеграцию
К-1315;Средний бизнес;6;Ждём обещанную функцию
К-1327;Крупный бизнес;9;
К-1333;Малый бизнес;8;
К-1341;Крупный бизнес;10;Рекомендуем партнёрам
К-1356;Средний бизнес;9;
К-1362;Малый бизнес;4;
К-1370;Крупный бизнес;8;
К-1384;Средний бизнес;10;
К-1391;Малый бизнес;9;
К-1402;Крупный бизнес;6;Сбои в январе
К-1417;Средний бизнес;7;
К-1425;Малый бизнес;7;"""


def evaluate(values: Values) -> Report:
    """The NPS report for validated form values (counts, raw scores or a survey export)."""
    population = values.get("population")
    target_margin = values.get("target_margin")
    target_nps = values.get("target_nps")
    if values["mode"] == "survey":
        source, field = table_source(
            values, "survey_file", "survey_text", "Загрузите файл или вставьте таблицу с оценками."
        )
        answers = survey.read_survey(
            source, values.get("score_column") or "", values.get("segment_column") or "", field
        )
        result = analyse_survey(answers, population, values.get("compare_a") or "", values.get("compare_b") or "")
        return survey_report(result, target_margin, target_nps)
    if values["mode"] == "scores":
        counts = count_groups(parse_scores(values["scores"]))
    else:
        counts = (values["promoters"], values["passives"], values["detractors"])
    return nps_report(nps_from_counts(*counts, population=population), target_margin, target_nps)


def _count_field(name: str, label: str, default: str, help_text: str) -> Field:
    return Field(
        name, label, "integer", default, unit="чел.", help=help_text, minimum=0, maximum=MAX_ANSWERS, group="counts"
    )


def _survey_field(name: str, label: str, default: str, help_text: str) -> Field:
    return Field(name, label, "text", default, help=help_text, required=False, group="survey", max_length=200)


CALCULATOR = Calculator(
    name="nps",
    title="Калькулятор NPS",
    mode_field="mode",
    fields=(
        Field(
            "mode",
            "Что у вас есть",
            "choice",
            "counts",
            choices=(
                ("counts", "Число ответов в каждой группе"),
                ("scores", "Сами оценки от 0 до 10"),
                ("survey", "Выгрузка опроса (CSV)"),
            ),
        ),
        _count_field("promoters", "Промоутеры (оценки 9–10)", "50", "Сколько человек поставили 9 или 10."),
        _count_field("passives", "Нейтральные (оценки 7–8)", "30", "Сколько человек поставили 7 или 8."),
        _count_field("detractors", "Критики (оценки 0–6)", "20", "Сколько человек поставили от 0 до 6."),
        Field(
            "scores",
            "Оценки респондентов",
            "text",
            "10, 9, 9, 8, 7, 10, 6, 3, 9, 10",
            help="Целые числа от 0 до 10 через запятую, точку с запятой, пробел или с новой строки.",
            group="scores",
            max_length=4 * MAX_ANSWERS,
            multiline=True,
        ),
        Field(
            "survey_file",
            "Файл выгрузки",
            "file",
            "",
            required=False,
            group="survey",
            help=(
                "CSV или TSV из Excel, Google Таблиц или сервиса опросов, до 20 МБ: разделитель «;», «,», "
                "табуляция или «|», кодировка UTF-8 или Windows-1251. Файл не покидает ваш браузер: "
                "он читается и считается прямо на этой странице, на сервер ничего не отправляется."
            ),
        ),
        Field(
            "survey_text",
            "Или вставьте таблицу",
            "text",
            EXAMPLE_SURVEY,
            help=(
                "Если файла нет, скопируйте столбцы прямо из таблицы. Первая строка может быть заголовком; "
                "пустые и нечисловые ячейки будут пропущены и подсчитаны."
            ),
            required=False,
            group="survey",
            max_length=survey.MAX_BYTES,
            multiline=True,
            shared=False,
        ),
        _survey_field(
            "score_column",
            "Столбец с оценками",
            "",
            "Название или номер столбца. Пусто — найдётся сам: тот, где больше всего оценок от 0 до 10.",
        ),
        _survey_field(
            "segment_column",
            "Столбец сегментов",
            "Сегмент",
            "Название или номер столбца: продукт, тип клиента, менеджер, квартал. Пусто — без сегментов.",
        ),
        _survey_field(
            "compare_a",
            "Сравнить сегмент…",
            "",
            "Пусто — самый большой сегмент. Для сравнения двух периодов "
            "сделайте сегментом столбец с кварталом или датой опроса.",
        ),
        _survey_field("compare_b", "…с сегментом", "", "Пусто — следующий по размеру."),
        Field(
            "population",
            "Всего клиентов",
            "integer",
            "",
            unit="чел.",
            help=(
                "Сколько клиентов могли ответить. Если опрошена заметная их часть, интервал сужается: "
                "неизвестно только мнение неопрошенных."
            ),
            minimum=1,
            maximum=MAX_POPULATION,
            required=False,
        ),
        Field(
            "target_margin",
            "Нужная точность",
            "number",
            "",
            unit="± пунктов",
            help="Калькулятор скажет, сколько нужно ответов, чтобы интервал NPS был не шире этого.",
            minimum=0.1,
            maximum=200,
            required=False,
        ),
        Field(
            "target_nps",
            "Целевой NPS",
            "number",
            "",
            help=(
                "Калькулятор скажет, сколько нужно новых промоутеров (или на сколько меньше критиков), "
                "чтобы его достичь."
            ),
            minimum=-100,
            maximum=100,
            required=False,
        ),
    ),
    evaluate=evaluate,
)
