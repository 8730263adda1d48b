"""Benchmarks from `docs/data/benchmarks.json`: value, comparison, unit, source and year."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from calculators.datafiles import DataFileError, file_version, load_json, require, require_text
from calculators.formatting import format_number

FILE = "docs/data/benchmarks.json"
COMPARISONS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "", "range": ""}


@dataclass(frozen=True)
class Benchmark:
    """One reference figure and where it comes from; `kpi` puts it in the lifecycle KPI table."""

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

    @property
    def text(self) -> str:
        """The figure as Russian text, e.g. `≥ 104 %` or `10–20 %`.

        Examples:
            >>> load_benchmarks()["nrr_median"].text
            '≥\\xa0104\\xa0%'
        """
        if self.comparison == "range":
            number = f"{format_number(self.low)}–{format_number(self.high)}"
        else:
            number = format_number(self.low)
            sign = COMPARISONS[self.comparison]
            number = f"{sign}\u00a0{number}" if sign else number
        return f"{number}\u00a0{self.unit}" if self.unit else number

    @property
    def citation(self) -> str:
        """Source and year, e.g. `Heinz Marketing, 2025`.

        Examples:
            >>> load_benchmarks()["nrr_median"].citation
            'Heinz Marketing, 2025'
        """
        return f"{self.source}, {self.year}" if self.year else self.source


def parse_benchmark(key: str, entry: object) -> Benchmark:
    """Check one entry of the file and build a `Benchmark`; errors name the key."""
    entry = require(FILE, key, entry, dict)
    comparison = require_text(FILE, f"{key}.comparison", entry)
    if comparison not in COMPARISONS:
        raise DataFileError(FILE, f"{key}.comparison", f"must be one of {', '.join(COMPARISONS)}")
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
    )


def load_benchmarks() -> Mapping[str, Benchmark]:
    """All benchmarks by key, checked; read again only when the file has changed.

    Examples:
        >>> load_benchmarks()["nrr_top_quartile"].low
        110.0
    """
    return _parsed_benchmarks(file_version("benchmarks.json"))


@functools.cache
def _parsed_benchmarks(version: tuple[str, int, int]) -> Mapping[str, Benchmark]:
    # A page cites benchmarks dozens of times per build; `version` keeps `mkdocs serve` current.
    data = require(FILE, "(top level)", load_json("benchmarks.json"), dict)
    return MappingProxyType({key: parse_benchmark(key, entry) for key, entry in data.items()})
