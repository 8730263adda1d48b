"""Known cases, bad input and properties of `calculators.maturity`.

Expected stages are the table of issue 11 (the highest stage a majority of the answered
dimensions reached); scores were recomputed outside the module with `statistics.mean`.
"""

from __future__ import annotations

import dataclasses
import json
from html import escape

import pytest
from hypothesis import given

from calculators import bridge
from calculators.errors import InputError
from calculators.maturity import CALCULATOR, Assessment, assess, maturity_report
from calculators.maturity_model import DIMENSION_IDS, load_model
from macros.forms import calculator
from tests.strategies import maturity_levels

MODEL = load_model()


def answers(*levels: int, **targets: int) -> dict[str, str]:
    raw = {dimension_id: str(level) for dimension_id, level in zip(DIMENSION_IDS, levels, strict=False)}
    return raw | {f"target_{dimension_id}": str(level) for dimension_id, level in targets.items()}


def run(*levels: int, **targets: int):
    return CALCULATOR.run(CALCULATOR.defaults() | answers(*levels, **targets))


@pytest.mark.parametrize(
    ("levels", "stage", "score", "weakest", "weakest_level"),
    [
        # Every answer the same: that stage, and every dimension is equally weak.
        ((2, 2, 2, 2, 2), 2, 2.0, DIMENSION_IDS, 2),
        # Issue 11: the old mode rule gave stage 4 here, with one dimension at stage 1.
        ((1, 2, 3, 4, 4), 3, 2.8, ("advocacy",), 1),
        # Issue 11: two dimensions at 4 cannot lift three that have not passed stage 2.
        ((1, 1, 4, 4, 2), 2, 2.4, ("advocacy", "post_sale_marketing"), 1),
        # Issue 11: «Не знаю» counts for nothing; three answers, two of them at stage 3.
        ((3, 0, 3, 4, 0), 3, 10 / 3, ("advocacy", "cs_marketing_alignment"), 3),
        # Issue 11: an even count takes the lower middle, so one strong answer cannot flatter.
        ((1, 4, 0, 0, 0), 1, 2.5, ("advocacy",), 1),
        # One answer is enough; the others are «Не знаю».
        ((3, 0, 0, 0, 0), 3, 3.0, ("advocacy",), 3),
        # A clear majority at 4 and one dimension far behind: the majority decides.
        ((4, 4, 4, 3, 1), 4, 3.2, ("revenue_impact",), 1),
        # The old rule broke this tie towards stage 1; the median is 2, the mean is 2.
        ((3, 3, 1, 1, 2), 2, 2.0, ("cs_marketing_alignment", "customer_insights"), 1),
    ],
)
def test_known_cases(levels, stage, score, weakest, weakest_level):
    result = assess(Assessment(dict(zip(DIMENSION_IDS, levels, strict=True)), {}))
    assert result.stage.level == stage
    assert result.score == pytest.approx(score)
    assert tuple(d.id for d in result.weakest) == weakest
    assert result.weakest_level == weakest_level


def test_report_figures_use_the_model_texts():
    report = run(2, 1, 2, 3, 0)
    stage = MODEL.stage_at(2)
    assert report.figure("stage").value == 2
    assert report.figure("stage").text == stage.mostly
    assert report.figure("score").value == pytest.approx(2.0)
    assert report.figure("weakest").text == MODEL.dimensions[1].name
    assert report.figure("weakest").value == 1
    assert report.figure("answered").value == 4


def test_fields_come_from_the_model():
    for dimension in MODEL.dimensions:
        field = CALCULATOR.field(dimension.id)
        assert field.label == dimension.question
        assert field.default == "0"
        assert field.choices[0] == ("0", "Не знаю")
        for stage in MODEL.stages:
            label = dict(field.choices)[str(stage.level)]
            assert stage.name in label
            assert dimension.levels[stage.id] in label
        target = CALCULATOR.field(f"target_{dimension.id}")
        assert target.default == "0"
        assert target.section
    assert CALCULATOR.mode_field == ""


def test_advice_lists_each_answered_dimension_and_the_stage():
    report = run(1, 3, 0, 0, 4)
    for index, level in ((0, 1), (1, 3), (4, 4)):
        dimension = MODEL.dimensions[index]
        assert escape(dimension.next_steps[MODEL.stage_at(level).id]) in report.extra_html
    for index in (2, 3):
        dimension = MODEL.dimensions[index]
        for stage in MODEL.stages:
            assert escape(dimension.next_steps[stage.id]) not in report.extra_html
    # 1, 3 and 4: the median, stage 3, gives the general advice.
    for step in MODEL.stage_at(3).next_steps:
        assert escape(step) in report.extra_html


def test_advice_escapes_what_the_data_file_says():
    hostile = dataclasses.replace(
        MODEL.dimensions[0],
        name="<b>Адвокация</b>",
        next_steps=dict.fromkeys(MODEL.dimensions[0].next_steps, "<script>x</script>"),
    )
    model = dataclasses.replace(MODEL, dimensions=(hostile, *MODEL.dimensions[1:]))
    report = maturity_report(assess(Assessment({"advocacy": 2}, {}), model), model)
    assert "<script>" not in report.extra_html
    assert "&lt;script&gt;" in report.extra_html
    assert "<b>" not in report.extra_html
    assert "<b>" not in report.chart_svg


def test_target_profile_is_drawn_only_when_given():
    assert "clg-area-target" not in run(2, 2, 2, 2, 2).chart_svg
    with_target = run(2, 2, 2, 2, 2, advocacy=4)
    assert "clg-area-target" in with_target.chart_svg
    assert "clg-area-main" in with_target.chart_svg
    assert "цель — «" in with_target.extra_html


def test_unanswered_dimensions_are_named_in_a_note():
    report = run(2, 0, 0, 0, 0)
    assert any(MODEL.dimensions[1].name in note for note in report.notes)


@pytest.mark.parametrize(
    ("raw", "field", "message_part"),
    [
        # The defaults are all «Не знаю»: nothing to assess.
        ({}, "advocacy", "Ответьте хотя бы на один вопрос"),
        ({"revenue_impact": "0", "target_advocacy": "4"}, "advocacy", "Ответьте хотя бы на один вопрос"),
        ({"advocacy": "5"}, "advocacy", "Выберите"),
        ({"customer_insights": "2.0"}, "customer_insights", "Выберите"),
        ({"target_revenue_impact": "-1"}, "target_revenue_impact", "Выберите"),
    ],
)
def test_bad_input_names_the_field(raw, field, message_part):
    with pytest.raises(InputError) as caught:
        CALCULATOR.run(CALCULATOR.defaults() | raw)
    assert caught.value.field == field
    assert message_part in caught.value.message


def test_empty_answers_count_as_unknown():
    assert CALCULATOR.run({"advocacy": "", "post_sale_marketing": "3"}).figure("stage").value == 3


def test_form_shows_the_prompt_and_folds_the_targets():
    html = calculator("maturity")
    assert "Ответьте хотя бы на один вопрос" in html
    assert html.count('<details class="clg-section">') == 1
    assert 'data-storage-key="clg:maturity"' in html


def test_bridge_answers_ok_and_error_in_json():
    ok = json.loads(bridge.run("maturity", json.dumps(answers(2, 1, 2, 3, 0))))
    assert ok["status"] == "ok"
    assert ok["values"]["stage"] == "2"
    assert "clg-advice" in ok["html"]
    error = json.loads(bridge.run("maturity", "{}"))
    assert error["status"] == "error"
    assert error["errors"][0]["field"] == "advocacy"


@given(maturity_levels())
def test_stage_lies_between_the_lowest_and_highest_answer(levels):
    result = assess(Assessment(dict(zip(DIMENSION_IDS, levels, strict=True)), {}))
    answered = [level for level in levels if level]
    assert min(answered) <= result.stage.level <= max(answered)
    assert min(answered) <= result.score <= max(answered)
    assert result.weakest_level == min(answered)


@given(maturity_levels())
def test_a_majority_reached_the_stage_and_no_majority_reached_the_next(levels):
    answered = [level for level in levels if level]
    stage = assess(Assessment(dict(zip(DIMENSION_IDS, levels, strict=True)), {})).stage.level
    assert sum(level >= stage for level in answered) * 2 > len(answered)
    assert sum(level >= stage + 1 for level in answered) * 2 <= len(answered)
