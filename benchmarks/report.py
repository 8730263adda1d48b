"""The benchmark's table: one row per measurement, with its target when it has one."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Row:
    """One measured figure; `target` is the upper bound it should stay at or below."""

    name: str
    value: float
    unit: str
    target: float | None = None

    @property
    def verdict(self) -> str:
        """«ok», «over» or empty when there is no target.

        Examples:
            >>> Row("x", 1.2, "×", 1.1).verdict
            'over'
        """
        if self.target is None:
            return ""
        return "ok" if self.value <= self.target else "over"

    def as_dict(self) -> dict[str, object]:
        """The row with its verdict, for JSON."""
        return {**asdict(self), "verdict": self.verdict}


def render_table(rows: list[Row]) -> str:
    """A plain-text table of `rows`.

    Examples:
        >>> print(render_table([Row("build", 1.5, "s")]))
        measurement | value | unit | target | verdict
        ------------+-------+------+--------+--------
        build       |  1.50 | s    |        |
    """
    cells = [
        [
            row.name,
            f"{row.value:,.0f}" if abs(row.value) >= 100 else f"{row.value:.2f}",
            row.unit,
            "" if row.target is None else f"≤ {row.target:g}",
            row.verdict,
        ]
        for row in rows
    ]
    header = ["measurement", "value", "unit", "target", "verdict"]
    widths = [max(len(line[i]) for line in [header, *cells]) for i in range(len(header))]
    align = ["<", ">", "<", "<", "<"]

    def line(values: list[str]) -> str:
        return " | ".join(f"{value:{a}{w}}" for value, a, w in zip(values, align, widths, strict=True)).rstrip()

    separator = "-+-".join("-" * width for width in widths)
    return "\n".join([line(header), separator, *(line(cell) for cell in cells)])
