"""The one exception type that every calculator raises for bad input."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input in one field, with a Russian message shown next to that field.

    Examples:
        >>> error = InputError("promoters", "Введите целое число не меньше 0.")
        >>> error.field, error.message
        ('promoters', 'Введите целое число не меньше 0.')
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
