"""The one entry point the browser worker calls: JSON in, JSON out, never an exception.

Examples:
    >>> import json
    >>> answer = json.loads(run("nps", '{"promoters": "50", "passives": "30", "detractors": "20"}'))
    >>> answer["status"], answer["values"]["nps"]
    ('ok', '30.0')
    >>> json.loads(run("nps", '{"promoters": "-1"}'))["errors"]
    [{'field': 'promoters', 'message': 'Значение не может быть меньше 0.'}]
"""

from __future__ import annotations

import json

from calculators.errors import InputError
from calculators.registry import get
from calculators.render import render_report


def run(name: str, params_json: str) -> str:
    """Compute calculator `name` for the form's text values and answer in JSON.

    The answer is `{"status": "ok", "html": ..., "values": {key: data-value}}` or
    `{"status": "error", "errors": [{"field": ..., "message": ...}]}`.
    """
    calculator = get(name)
    raw = json.loads(params_json)
    values, errors = calculator.check(raw)
    if not errors:
        try:
            report = calculator.evaluate(values)
        except InputError as error:
            errors = [error]
    if errors:
        problems = [{"field": error.field, "message": error.message} for error in errors]
        return json.dumps({"status": "error", "errors": problems}, ensure_ascii=False)
    answer = {
        "status": "ok",
        "html": render_report(report),
        "values": {figure.key: figure.data_value for figure in report.figures},
    }
    return json.dumps(answer, ensure_ascii=False)
