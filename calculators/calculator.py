"""A calculator: its declared fields, its modes and the function that computes a report."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from calculators.errors import InputError
from calculators.fields import Field, parse_fields
from calculators.report import Report

Values = dict[str, Any]


@dataclass(frozen=True)
class Calculator:
    """A named calculator whose form, URL parameters and validation come from `fields`.

    When `mode_field` names a choice field, only the fields whose `group` is empty or equal
    to the chosen mode are read; the others are ignored, so a stale value in a hidden part
    of the form never blocks a result. `remember` keeps the answers in the browser's
    `localStorage` (key `clg:<name>`); `printable` offers a «save as PDF» button.
    """

    name: str
    title: str
    fields: tuple[Field, ...]
    evaluate: Callable[[Values], Report]
    mode_field: str = ""
    remember: bool = False
    printable: bool = False

    def field(self, name: str) -> Field:
        """The declared field called `name`."""
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)

    def defaults(self) -> dict[str, str]:
        """The form's initial text for every field."""
        return {item.name: item.default for item in self.fields}

    def mode(self, raw: Mapping[str, str]) -> str:
        """The mode chosen in `raw`; without one, the only mode whose fields `raw` fills, else the default.

        A shared link that carries one mode's fields but no `mode` (`?scores=…`) thus opens that mode.

        Examples:
            >>> from calculators.registry import get
            >>> get("nps").mode({"scores": "10 9 7"}), get("nps").mode({"promoters": "5"})
            ('scores', 'counts')
        """
        mode_field = self.field(self.mode_field)
        if self.mode_field in raw:
            return str(mode_field.parse(raw[self.mode_field]))
        filled = {item.group for item in self.fields if item.group and str(raw.get(item.name) or "").strip()}
        return filled.pop() if len(filled) == 1 else str(mode_field.parse(mode_field.default))

    def active_fields(self, raw: Mapping[str, str]) -> tuple[Field, ...]:
        """The fields that count for the mode chosen in `raw` (see `mode`)."""
        if not self.mode_field:
            return self.fields
        mode = self.mode(raw)
        return tuple(item for item in self.fields if item.group in ("", mode))

    def check(self, raw: Mapping[str, str]) -> tuple[Values, list[InputError]]:
        """Parse the active fields, returning the values and every field's error.

        Examples:
            >>> from calculators.registry import get
            >>> get("nps").check({"scores": "10 9 7"})[0]["mode"]
            'scores'
        """
        try:
            fields = self.active_fields(raw)
            if self.mode_field and self.mode_field not in raw:
                raw = {**raw, self.mode_field: self.mode(raw)}
        except InputError as error:
            return {}, [error]
        return parse_fields(fields, raw)

    def run(self, raw: Mapping[str, str]) -> Report:
        """Validate `raw` text inputs and compute the report; raise `InputError` on bad input."""
        values, errors = self.check(raw)
        if errors:
            raise errors[0]
        return self.evaluate(values)
