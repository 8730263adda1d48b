"""What a calculation returns: key figures, a chart, the worked steps and notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from calculators.formatting import format_number, plain_number


@dataclass(frozen=True)
class Figure:
    """One key result: shown to people as `text`, read by machines as `value`.

    `value` is `None` when the figure has no number (for example «не окупается»); `code` is a
    machine-readable name that stands in for the number (for example a parameter's name).
    A `detail` figure is one of many of its kind (a metric per group): the page folds it under
    «Все показатели», while links, tests and the CSV download read it like any other.

    Examples:
        >>> Figure.number("nps", "NPS", 30.0, decimals=1).data_value
        '30.0'
        >>> Figure.number("clv", "CLV", 96000, unit="₽", decimals=0).text
        '96\\xa0000'
    """

    key: str
    label: str
    value: float | None
    text: str
    unit: str = ""
    decimals: int = 1
    hint: str = ""
    detail: bool = False
    code: str = ""

    @classmethod
    def number(
        cls,
        key: str,
        label: str,
        value: float,
        *,
        unit: str = "",
        decimals: int = 1,
        hint: str = "",
        detail: bool = False,
    ) -> Figure:
        """A figure whose text is `value` in Russian number format."""
        return cls(key, label, value, format_number(value, decimals), unit, decimals, hint, detail)

    @property
    def data_value(self) -> str:
        """`code` when the result is a name, else the value with a dot decimal, or "" when there is none.

        Examples:
            >>> Figure("weakest", "Слабее всего", None, "NRR", code="nrr").data_value
            'nrr'
        """
        if self.code:
            return self.code
        return "" if self.value is None else plain_number(self.value, self.decimals)


@dataclass(frozen=True)
class Download:
    """A file the reader can save from the result, made from text in the browser.

    Examples:
        >>> Download("plan.csv", "text/csv", "a;b\\r\\n", "Скачать CSV").filename
        'plan.csv'
    """

    filename: str
    mime: str
    text: str
    label: str


@dataclass(frozen=True)
class Report:
    """Everything a calculator shows for one set of inputs."""

    figures: tuple[Figure, ...]
    summary: str = ""
    chart_svg: str = ""
    steps: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    extra_html: str = ""
    downloads: tuple[Download, ...] = ()

    def figure(self, key: str) -> Figure:
        """The figure with this key.

        Examples:
            >>> Report((Figure.number("n", "Ответов", 3, decimals=0),)).figure("n").text
            '3'
        """
        for item in self.figures:
            if item.key == key:
                return item
        raise KeyError(key)
