"""The one entry point the browser worker calls: JSON in, JSON out, never an exception.

Examples:
    >>> import json
    >>> answer = json.loads(run("nps", '{"promoters": "50", "passives": "30", "detractors": "20"}'))
    >>> answer["status"], answer["values"]["nps"], 'download="clg-nps.csv"' in answer["html"]
    ('ok', '30.0', True)
    >>> json.loads(run("nps", '{"promoters": "-1"}'))["errors"]
    [{'field': 'promoters', 'message': 'Значение не может быть меньше 0.'}]
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from calculators.errors import InputError
from calculators.registry import get
from calculators.render import render_report


def run(name: str, params_json: str, files: Mapping[str, bytes | memoryview] | None = None) -> str:
    """Compute calculator `name` for the form's text values (and uploaded files) and answer in JSON.

    `files` maps a file field's name to the file's bytes (Pyodide passes a `memoryview`).

    The answer is `{"status": "ok", "html": ..., "values": {key: data-value}}` (the html carries the
    report's files, «Скачать CSV» among them, as links; see `Calculator.report`) or
    `{"status": "error", "errors": [{"field": ..., "message": ...}]}`.
    """
    calculator = get(name)
    raw: dict[str, str | bytes] = {key: str(value) for key, value in json.loads(params_json).items()}
    raw |= {key: bytes(data) for key, data in (files or {}).items()}
    values, errors = calculator.check(raw)
    if not errors:
        try:
            report = calculator.report(raw, values)
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
