"""Reading the data files that pages and calculators share (`docs/data/*.json`).

In the repository the files live in `docs/data/`; in the browser bundle the build puts
them next to this module in `calculators/data/`. Both places are tried, bundle first.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PACKAGE_DATA = Path(__file__).resolve().parent / "data"
REPOSITORY_DATA = Path(__file__).resolve().parent.parent / "docs" / "data"


class DataFileError(ValueError):
    """A data file is missing, malformed or has a bad key; the message names the file and key."""

    def __init__(self, file: str, key: str, message: str) -> None:
        super().__init__(f"{file}: {key}: {message}" if key else f"{file}: {message}")
        self.file = file
        self.key = key


def data_path(name: str) -> Path:
    """Where the data file `name` (e.g. `"benchmarks.json"`) is read from.

    Examples:
        >>> data_path("benchmarks.json").name
        'benchmarks.json'
    """
    bundled = PACKAGE_DATA / name
    return bundled if bundled.exists() else REPOSITORY_DATA / name


def file_version(name: str) -> tuple[str, int, int]:
    """Path, modification time and size of data file `name`: a key that changes when the file does.

    Examples:
        >>> file_version("benchmarks.json")[0].endswith("benchmarks.json")
        True
    """
    path = data_path(name)
    try:
        status = path.stat()
    except FileNotFoundError:
        return str(path), 0, 0
    return str(path), status.st_mtime_ns, status.st_size


def load_json(name: str) -> Any:
    """Parse data file `name`; a syntax error names the file, line and column.

    Examples:
        >>> isinstance(load_json("benchmarks.json"), dict)
        True
    """
    path = data_path(name)
    shown = f"docs/data/{name}"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(shown, "", "file not found") from None
    except json.JSONDecodeError as error:
        raise DataFileError(shown, f"line {error.lineno}, column {error.colno}", error.msg) from None


def require(file: str, key: str, value: Any, expected: type | tuple[type, ...]) -> Any:
    """Return `value` if it has the expected type, else raise `DataFileError` naming `key`.

    Examples:
        >>> require("docs/data/x.json", "a.b", 3, int)
        3
        >>> require("docs/data/x.json", "a.b", "3", int)
        Traceback (most recent call last):
        ...
        calculators.datafiles.DataFileError: docs/data/x.json: a.b: expected int, got str
    """
    if (isinstance(value, bool) and expected is not bool) or not isinstance(value, expected):
        names = expected.__name__ if isinstance(expected, type) else " or ".join(t.__name__ for t in expected)
        raise DataFileError(file, key, f"expected {names}, got {type(value).__name__}")
    return value


def require_text(file: str, key: str, mapping: dict[str, Any]) -> str:
    """The non-empty string at `mapping[last part of key]`.

    Examples:
        >>> require_text("f.json", "stages[0].name", {"name": "Реактивная"})
        'Реактивная'
        >>> require_text("f.json", "stages[0].name", {})
        Traceback (most recent call last):
        ...
        calculators.datafiles.DataFileError: f.json: stages[0].name: missing
    """
    field = key.rsplit(".", 1)[-1]
    if field not in mapping:
        raise DataFileError(file, key, "missing")
    text = require(file, key, mapping[field], str)
    if not text.strip():
        raise DataFileError(file, key, "empty text")
    return text
