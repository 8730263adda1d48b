"""Every field of every calculator against hostile and sloppy input, through the browser's entry point.

`calculators.bridge.run` is what the worker calls for each keystroke. Whatever a person types,
it must answer either a result with finite numbers or an error that names the field and says
in Russian what is wrong — never raise, never return an empty result.
"""

from __future__ import annotations

import json
import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.bridge import run
from calculators.calculator import Calculator
from calculators.errors import InputError
from calculators.fields import Field
from calculators.registry import CALCULATORS
from tests.strategies import form_values

CYRILLIC = re.compile(r"[А-Яа-яЁё]")

BAD_INPUTS = {
    "empty": "",
    "spaces": "   ",
    "tab and new line": "\t\n",
    "text": "много",
    "latin text": "abc",
    "negative": "-5",
    "true minus": "\u22125",
    "zero": "0",
    "NaN": "NaN",
    "lower-case nan": "nan",
    "Infinity": "Infinity",
    "minus infinity": "-Infinity",
    "inf": "inf",
    # Overflows a float to infinity.
    "1e309": "1e309",
    # Underflows to zero: must not become a division by zero.
    "1e-400": "1e-400",
    "comma decimal": "12,5",
    "two commas": "1,2,3",
    "thousands with a space": "12 500",
    "thousands with a no-break space": "12\u00a0500",
    "thousands with a narrow no-break space": "12\u202f500",
    "thousands with commas": "12,500,000",
    # Python's float() accepts underscores and hex-like junk; people do not mean them.
    "underscores": "1_000",
    "hex": "0x10",
    "percent sign": "50%",
    "ten thousand digits": "9" * 10_000,
    "huge exponent": "9e99999",
    "script tag": "<script>alert(1)</script>",
    "attribute breakout": '"><img src=x onerror=alert(1)>',
    "javascript URL": "javascript:alert(1)",
    "very long text": "я" * 100_000,
    "NUL byte": "1\x002",
    "arabic-indic digits": "\u0661\u0662",
}


def fields_of(calculator: Calculator) -> list[Field]:
    """Fields a person types or picks into; a file field is fed by its own tests."""
    return [field for field in calculator.fields if field.kind in ("integer", "number", "text", "choice")]


def params_for(calculator: Calculator, field: Field, value: str) -> dict[str, str]:
    """The form's defaults with `field` set to `value` and the mode that shows `field`."""
    params = calculator.defaults()
    if calculator.mode_field and field.group:
        params[calculator.mode_field] = field.group
    params[field.name] = value
    return params


def check_answer(calculator: Calculator, field_name: str, answer: dict) -> None:
    """A result with finite numbers, or Russian messages on declared fields including `field_name`."""
    names = {field.name for field in calculator.fields}
    if answer["status"] == "ok":
        assert answer["html"].strip(), "blank result"
        for key, value in answer["values"].items():
            # A named result (the weakest KPI) carries a parameter name instead of a number.
            if value != "" and not value.isidentifier():
                assert math.isfinite(float(value)), f"{key} = {value}"
        return
    assert answer["status"] == "error", answer
    assert answer["errors"], "error without a message"
    for error in answer["errors"]:
        assert error["field"] in names, f"message for an unknown field {error['field']!r}"
        assert CYRILLIC.search(error["message"]), f"message not in Russian: {error['message']!r}"
        assert "Traceback" not in error["message"]
    assert field_name in {error["field"] for error in answer["errors"]}, "message is not on the changed field"


CASES = [
    pytest.param(name, field.name, value, id=f"{name}-{field.name}-{label}")
    for name, calculator in CALCULATORS.items()
    for field in fields_of(calculator)
    for label, value in BAD_INPUTS.items()
]


@pytest.mark.parametrize(("name", "field_name", "value"), CASES)
def test_bad_input_gives_a_result_or_a_russian_message_on_the_field(name, field_name, value):
    calculator = CALCULATORS[name]
    field = calculator.field(field_name)
    answer = json.loads(run(name, json.dumps(params_for(calculator, field, value))))
    try:
        field.parse(value)
    except InputError:
        assert answer["status"] == "error", "a value the field rejects gave a result"
    else:
        baseline = json.loads(run(name, json.dumps(params_for(calculator, field, field.default))))
        if answer["status"] == "error" and baseline["status"] == "error":
            # The defaults around the field are not a complete answer yet (a questionnaire
            # still at «Не знаю»), so the message may rightly sit on another field.
            field_name = answer["errors"][0]["field"]
    check_answer(calculator, field_name, answer)


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_defaults_answer_without_an_exception(name):
    answer = json.loads(run(name, json.dumps(CALCULATORS[name].defaults())))
    assert answer["status"] in ("ok", "error")


@pytest.mark.parametrize("name", list(CALCULATORS))
def test_missing_and_unknown_parameters_fall_back_to_the_defaults(name):
    # An old shared link may lack new fields or carry removed ones.
    answer = json.loads(run(name, json.dumps({"no_such_field": "1"})))
    default = json.loads(run(name, json.dumps(CALCULATORS[name].defaults())))
    assert answer == default


@pytest.mark.parametrize("name", list(CALCULATORS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_text_in_any_fields_never_raises(name, data):
    calculator = CALCULATORS[name]
    text = st.one_of(
        st.text(max_size=30),
        st.sampled_from(list(BAD_INPUTS.values())[:-3]),
        st.from_regex(r"[+\-−]?[0-9 ,.\u00a0]{0,12}(e[+-]?[0-9]{1,4})?", fullmatch=True),
    )
    some_fields = st.dictionaries(st.sampled_from([field.name for field in calculator.fields]), text)
    params = data.draw(st.one_of(some_fields, form_values(calculator.fields)))
    answer = json.loads(run(name, json.dumps(params)))
    assert answer["status"] in ("ok", "error")
    if answer["status"] == "error":
        names = {field.name for field in calculator.fields}
        assert all(error["field"] in names and CYRILLIC.search(error["message"]) for error in answer["errors"])
    else:
        assert all(
            value == "" or value.isidentifier() or math.isfinite(float(value)) for value in answer["values"].values()
        )


@pytest.mark.parametrize(
    "name_and_field",
    [
        pytest.param((name, field.name), id=f"{name}-{field.name}")
        for name, calculator in CALCULATORS.items()
        for field in calculator.fields
        if field.kind in ("integer", "number")
    ],
)
@pytest.mark.parametrize("written", ["12 500", "12\u00a0500", "12\u202f500", "12500,0", "+12500", "1,25e4"])
def test_grouped_and_comma_numbers_read_as_the_plain_number(name_and_field, written):
    # Russian spreadsheets write «12 500» with a (no-break) space and a decimal comma.
    name, field_name = name_and_field
    field = CALCULATORS[name].field(field_name)
    try:
        plain = field.parse("12500")
    except InputError as error:
        with pytest.raises(InputError) as raised:
            field.parse(written)
        assert raised.value.message == error.message
    else:
        assert field.parse(written) == plain


HOSTILE_CELLS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "=1+1")
FILE_FIELDS = [
    pytest.param(name, field.name, id=f"{name}-{field.name}")
    for name, calculator in CALCULATORS.items()
    for field in calculator.fields
    if field.kind == "file"
]


def test_some_calculator_takes_a_file():
    # Guards the fuzzing below from silently covering nothing.
    assert FILE_FIELDS


cells = st.one_of(
    st.sampled_from(HOSTILE_CELLS),
    st.integers(min_value=-3, max_value=12).map(str),
    st.sampled_from(["9,0", "10.0", "", " ", "да", "N/A", "\u00a07"]),
    st.text(max_size=8),
)


@st.composite
def uploads(draw: st.DrawFn) -> bytes:
    """A survey export: rows of cells joined by a delimiter, in one of the usual encodings, or any bytes."""
    if draw(st.booleans()):
        return draw(st.binary(max_size=400))
    delimiter = draw(st.sampled_from([";", ",", "\t", "|"]))
    rows = draw(st.lists(st.lists(cells, min_size=1, max_size=5), max_size=12))
    text = "\n".join(delimiter.join(row) for row in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1251"]))
    return text.encode(encoding, errors="replace")


@pytest.mark.parametrize(("name", "field_name"), FILE_FIELDS)
@settings(max_examples=200, deadline=None)
@given(data=uploads(), score=st.sampled_from(["", "3", "Оценка", "<b>"]), segment=st.sampled_from(["", "2", "<i>"]))
def test_any_upload_gives_a_result_or_a_message_and_never_markup(name, field_name, data, score, segment):
    calculator = CALCULATORS[name]
    params = params_for(calculator, calculator.field(field_name), "")
    params.update(
        {key: value for key, value in (("score_column", score), ("segment_column", segment)) if key in params}
    )
    answer = json.loads(run(name, json.dumps(params), {field_name: data}))
    names = {field.name for field in calculator.fields}
    if answer["status"] == "error":
        assert all(error["field"] in names and CYRILLIC.search(error["message"]) for error in answer["errors"])
        return
    assert answer["status"] == "ok"
    html = answer["html"].lower()
    # Cells reach the page only escaped: no tag, attribute or URL from the file survives as markup.
    assert "<script" not in html and "<img" not in html and "<b>" not in html and "<i>" not in html
    assert 'href="javascript' not in html
    assert all(value == "" or math.isfinite(float(value)) for value in answer["values"].values())
