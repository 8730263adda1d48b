"""Benchmarks from `docs/data/benchmarks.json`: value, comparison, unit, population, kind, source and year.

A figure is written two ways: with a maths sign for tables (`text`, «≥ 12 %») and in Russian words
for running text (`words`, «не ниже 12 %»). Its qualifiers travel with it: the population it was
measured on, whether it is a target rather than an observation, and where it comes from.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from calculators.datafiles import DataFileError, file_version, load_json, require, require_text
from calculators.formatting import format_number

FILE = "docs/data/benchmarks.json"
COMPARISONS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "", "range": ""}
COMPARISON_WORDS = {">=": "не ниже", "<=": "не больше", ">": "выше", "<": "меньше", "=": "", "range": ""}
KINDS = {
    "observation": "",
    "target": "целевой уровень",
    "reference": "",
}
# Abbreviated units of the tables, spelt out in running text: forms for 1, 2–4 and 5+ («месяц», «месяца», «месяцев»).
UNIT_WORDS = {"мес.": ("месяц", "месяца", "месяцев"), "дн.": ("день", "дня", "дней")}


def plural(number: float, forms: tuple[str, str, str]) -> str:
    """The Russian form of a noun that agrees with `number`; fractions take the second form.

    Examples:
        >>> [plural(n, ("день", "дня", "дней")) for n in (1, 3, 11, 21, 30, 1.5)]
        ['день', 'дня', 'дней', 'день', 'дней', 'дня']
    """
    if number != int(number):
        return forms[1]
    whole = abs(int(number))
    if whole % 10 == 1 and whole % 100 != 11:
        return forms[0]
    if 2 <= whole % 10 <= 4 and not 12 <= whole % 100 <= 14:
        return forms[1]
    return forms[2]


@dataclass(frozen=True)
class Benchmark:
    """One reference figure with its qualifiers; `kpi` puts it in the lifecycle KPI table."""

    key: str
    label: str
    zone: str
    low: float
    high: float
    comparison: str
    unit: str
    source: str
    year: int | None
    kpi: bool
    population: str | None = None
    kind: str = "observation"
    note: str = ""

    def _number(self) -> str:
        if self.comparison == "range":
            return f"{format_number(self.low)}–{format_number(self.high)}"
        return format_number(self.low)

    @property
    def text(self) -> str:
        """The figure for a table cell, with its maths sign, e.g. `≥ 12 %` or `10–20 %`.

        Examples:
            >>> example = parse_benchmark("x", EXAMPLE)
            >>> example.text
            '≥\\xa012\\xa0%'
        """
        sign = COMPARISONS[self.comparison]
        number = f"{sign}\u00a0{self._number()}" if sign else self._number()
        return f"{number}\u00a0{self.unit}" if self.unit else number

    @property
    def words(self) -> str:
        """The figure for running text: comparison in words, unit spelt out, e.g. `меньше 30 дней`.

        Examples:
            >>> parse_benchmark("x", EXAMPLE | {"comparison": "<", "unit": "дн.", "value": 30}).words
            'меньше 30\\xa0дней'
        """
        unit = self.unit
        if unit in UNIT_WORDS:
            unit = plural(self.high, UNIT_WORDS[unit])
        number = f"{self._number()}\u00a0{unit}" if unit else self._number()
        comparison = COMPARISON_WORDS[self.comparison]
        return f"{comparison} {number}" if comparison else number

    @property
    def citation(self) -> str:
        """Source and year, e.g. `Heinz Marketing, 2025`; a missing year is said so.

        Examples:
            >>> parse_benchmark("x", EXAMPLE).citation
            'Пример, 2025'
            >>> parse_benchmark("x", EXAMPLE | {"year": None}).citation
            'Пример, год не указан'
        """
        return f"{self.source}, {self.year}" if self.year else f"{self.source}, год не указан"

    def prose(self, source: bool = False) -> str:
        """The figure in words with everything that qualifies it: population, «целевой уровень», citation.

        Examples:
            >>> parse_benchmark("x", EXAMPLE | {"population": "среди опрошенных"}).prose(source=True)
            'не ниже 12\\xa0% среди опрошенных (Пример, 2025)'
            >>> parse_benchmark("x", EXAMPLE | {"kind": "target"}).prose()
            'не ниже 12\\xa0% (целевой уровень)'
        """
        text = f"{self.words} {self.population}" if self.population else self.words
        remarks = [part for part in (KINDS[self.kind], self.citation if source else "") if part]
        return f"{text} ({'; '.join(remarks)})" if remarks else text

    @property
    def qualifier(self) -> str:
        """What kind of figure it is and for whom, for a table cell.

        Examples:
            >>> parse_benchmark("x", EXAMPLE | {"kind": "target"}).qualifier
            'целевой уровень'
            >>> parse_benchmark("x", EXAMPLE | {"population": "среди опрошенных"}).qualifier
            'ориентир среди опрошенных'
        """
        kind = {"observation": "наблюдение", "target": "целевой уровень", "reference": "ориентир"}[self.kind]
        return f"{kind} {self.population}" if self.population else kind


EXAMPLE = {
    "label": "Пример",
    "zone": "Привлечение",
    "population": None,
    "kind": "reference",
    "value": 12,
    "comparison": ">=",
    "unit": "%",
    "source": "Пример",
    "year": 2025,
    "kpi": True,
}


def _optional_text(key: str, entry: dict[str, object], field: str) -> str | None:
    value = entry.get(field)
    if value is None:
        return None
    return require(FILE, f"{key}.{field}", value, str) or None


def parse_benchmark(key: str, entry: object) -> Benchmark:
    """Check one entry of the file and build a `Benchmark`; errors name the key.

    Examples:
        >>> parse_benchmark("x", EXAMPLE | {"kind": "guess"})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        calculators.datafiles.DataFileError: docs/data/benchmarks.json: x.kind: must be one of ...
    """
    entry = require(FILE, key, entry, dict)
    comparison = require_text(FILE, f"{key}.comparison", entry)
    if comparison not in COMPARISONS:
        raise DataFileError(FILE, f"{key}.comparison", f"must be one of {', '.join(COMPARISONS)}")
    kind = entry.get("kind", "observation")
    if kind not in KINDS:
        raise DataFileError(FILE, f"{key}.kind", f"must be one of {', '.join(KINDS)}")
    value = entry.get("value")
    if comparison == "range":
        if not (isinstance(value, list) and len(value) == 2):
            raise DataFileError(FILE, f"{key}.value", "a range needs a list of two numbers")
        low = require(FILE, f"{key}.value[0]", value[0], (int, float))
        high = require(FILE, f"{key}.value[1]", value[1], (int, float))
    else:
        low = high = require(FILE, f"{key}.value", value, (int, float))
    year = entry.get("year")
    if year is not None:
        require(FILE, f"{key}.year", year, int)
    if "unit" not in entry:
        raise DataFileError(FILE, f"{key}.unit", 'missing (use "" for none)')
    return Benchmark(
        key=key,
        label=require_text(FILE, f"{key}.label", entry),
        zone=require_text(FILE, f"{key}.zone", entry),
        low=float(low),
        high=float(high),
        comparison=comparison,
        unit=require(FILE, f"{key}.unit", entry["unit"], str),
        source=require_text(FILE, f"{key}.source", entry),
        year=year,
        kpi=require(FILE, f"{key}.kpi", entry.get("kpi"), bool),
        population=_optional_text(key, entry, "population"),
        kind=kind,
        note=_optional_text(key, entry, "note") or "",
    )


def load_benchmarks() -> Mapping[str, Benchmark]:
    """All benchmarks by key, checked; read again only when the file has changed.

    Examples:
        >>> all(isinstance(item, Benchmark) for item in load_benchmarks().values())
        True
    """
    return _parsed_benchmarks(file_version("benchmarks.json"))


@functools.cache
def _parsed_benchmarks(version: tuple[str, int, int]) -> Mapping[str, Benchmark]:
    # A page cites benchmarks dozens of times per build; `version` keeps `mkdocs serve` current.
    data = require(FILE, "(top level)", load_json("benchmarks.json"), dict)
    return MappingProxyType({key: parse_benchmark(key, entry) for key, entry in data.items()})
