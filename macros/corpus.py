"""Inputs for every calculator, derived from the registry, that the build runs in Pyodide.

The site's standard library holds only the modules Python imports while running these inputs
(see `macros.stdlib`), so they must reach every code path: every mode, every answer of every
choice, the error messages of every field, uploaded files in every encoding the calculators
read. A new calculator is covered as soon as it is in the registry; one whose paths the
generic inputs cannot reach (a file format of its own, say) lists more inputs in its module:

    TRACE_CORPUS = ({"mode": "xlsx", "upload": xlsx_bytes}, ...)

each a mapping of field names to typed text (or a file's bytes), laid over the defaults.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import import_module

from calculators.calculator import Calculator
from calculators.registry import CALCULATORS, MODULES

# What people type that each field must turn into a message (or a number).
TYPED = ("", "abc", "-1", "0", "12,5", "1e309")
# A text the file fields receive in each encoding the calculators read, and bytes no text is.
ENCODINGS = {
    "UTF-8": lambda text: text.encode("utf-8"),
    "UTF-8 with a BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "Windows-1251": lambda text: text.encode("cp1251", errors="replace"),
    "UTF-16 little-endian with a BOM": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "UTF-16 big-endian with a BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "UTF-16 without a BOM": lambda text: text.encode("utf-16-le"),
}
NOT_TEXT = {
    "a spreadsheet's zip signature": b"PK\x03\x04" + bytes(range(256)),
    "an old Excel signature": b"\xd0\xcf\x11\xe0" + bytes(64),
    "binary junk": bytes(range(256)) * 4,
}
HOOK = "TRACE_CORPUS"


@dataclass(frozen=True)
class Case:
    """One run of one calculator: the form's text values and uploaded files, and why it is there."""

    calculator: str
    why: str
    params: dict[str, str]
    files: dict[str, bytes] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        """The case for the compiler in Node.js: files as hex (Python reads it with no import)."""
        return {
            "calculator": self.calculator,
            "why": self.why,
            "params": self.params,
            "files": {name: data.hex() for name, data in self.files.items()},
        }


def modes(calculator: Calculator) -> list[str]:
    """The values of the calculator's mode field, or one empty mode.

    Examples:
        >>> modes(CALCULATORS["nps"])
        ['counts', 'scores', 'survey']
        >>> modes(CALCULATORS["clv"])[-1:]
        ['simple']
    """
    if not calculator.mode_field:
        return [""]
    return [value for value, _ in calculator.field(calculator.mode_field).choices]


def calculator_cases(calculator: Calculator, extra: tuple[Mapping[str, str | bytes], ...] = ()) -> Iterator[Case]:
    """Every generic case of one calculator, then the calculator's own `extra` inputs."""
    for mode in modes(calculator):
        base = calculator.defaults() | ({calculator.mode_field: mode} if mode else {})
        where = f"{calculator.name}" + (f", mode {mode}" if mode else "")
        yield Case(calculator.name, f"{where}: defaults", base)
        fields = calculator.active_fields(base)
        texts = [item.default for item in fields if item.multiline and item.default]
        for item in fields:
            if item.name == calculator.mode_field:
                continue
            if item.kind == "choice":
                values = [value for value, _ in item.choices if value != item.default]
                for value in values:
                    yield Case(calculator.name, f"{where}: {item.name} = {value!r}", base | {item.name: value})
            elif item.kind == "file":
                samples = {
                    f"{text[:12]!r}… in {name}": encode(text) for name, encode in ENCODINGS.items() for text in texts
                }
                for why, data in (samples | NOT_TEXT).items():
                    yield Case(calculator.name, f"{where}: {item.name} holds {why}", base, {item.name: data})
            else:
                for value in TYPED:
                    yield Case(calculator.name, f"{where}: {item.name} = {value!r}", base | {item.name: value})
    for number, inputs in enumerate(extra, start=1):
        params = {name: value for name, value in inputs.items() if isinstance(value, str)}
        files = {name: bytes(value) for name, value in inputs.items() if not isinstance(value, str)}
        yield Case(calculator.name, f"{calculator.name}: {HOOK}[{number}]", calculator.defaults() | params, files)


def corpus() -> list[Case]:
    """Every case of every registered calculator.

    Examples:
        >>> cases = corpus()
        >>> sorted({case.calculator for case in cases}) == sorted(CALCULATORS)
        True
        >>> any("Windows-1251" in case.why for case in cases)
        True
    """
    return [
        case
        for name, module in MODULES.items()
        for case in calculator_cases(CALCULATORS[name], tuple(getattr(import_module(module), HOOK, ())))
    ]


def corpus_json() -> str:
    """The corpus as the compiler reads it; the same text for the same calculators."""
    return json.dumps([case.as_json() for case in corpus()], ensure_ascii=False, sort_keys=True)
