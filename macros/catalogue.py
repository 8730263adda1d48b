"""The macro catalogue of the contributor guide, generated from the macros' own docstrings.

Every macro registered in `define_env` speaks to editors through its docstring, in marked lines:

- `Редактору:` starts the Russian description shown in the guide (up to the next blank line);
- `Пример:` is followed by one call, e.g. `Пример: {{ benchmark("nrr_median") }}`;
- `Результат:` (optional) is Markdown shown on the «Результат» tab instead of the rendered
  example, for a macro whose output is too big to repeat (a whole calculator form).

So the guide cannot drift from the code: change a macro's docstring and the guide changes.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2

DESCRIPTION = re.compile(r"^Редактору:\s*(?P<text>.+?)(?:\n\s*\n|\Z)", re.MULTILINE | re.DOTALL)
EXAMPLE = re.compile(r"^Пример:\s*(?P<call>\{\{.+\}\})\s*$", re.MULTILINE)
RESULT = re.compile(r"^Результат:\s*(?P<text>.+?)(?:\n\s*\n|\Z)", re.MULTILINE | re.DOTALL)
CATALOGUE_NAME = "macro_catalogue"


class CatalogueError(ValueError):
    """A macro's docstring lacks a marked part, or its example fails; the message names the macro."""


@dataclass(frozen=True)
class Entry:
    """What the guide says about one macro."""

    name: str
    signature: str
    description: str
    example: str
    result_note: str | None


def _paragraph(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines())


def _sentence(text: str) -> str:
    """The description as a sentence: it follows «Редактору:» in lower case, the guide starts it upper case."""
    text = _paragraph(text)
    return text[:1].upper() + text[1:]


def read_entry(name: str, macro: Callable[..., Any]) -> Entry:
    """The guide's entry for `macro`, read from its docstring.

    Examples:
        >>> def shout(word: str) -> str:
        ...     '''Upper case.
        ...
        ...     Редактору: слово заглавными
        ...     буквами.
        ...
        ...     Пример: {{ shout("да") }}
        ...     '''
        ...     return word.upper()
        >>> entry = read_entry("shout", shout)
        >>> entry.signature, entry.description, entry.example, entry.result_note
        ('shout(word)', 'Слово заглавными буквами.', '{{ shout("да") }}', None)
    """
    doc = inspect.getdoc(macro) or ""
    description = DESCRIPTION.search(doc)
    example = EXAMPLE.search(doc)
    if not description or not example:
        missing = " and ".join(part for part, found in (("Редактору:", description), ("Пример:", example)) if not found)
        raise CatalogueError(
            f"macro {name!r} ({macro.__module__}): its docstring needs a {missing} line "
            f'for the contributor guide, e.g. `Пример: {{{{ {name}("…") }}}}`'
        )
    note = RESULT.search(doc)
    parameters = ", ".join(
        str(parameter.replace(annotation=inspect.Parameter.empty))
        for parameter in inspect.signature(macro).parameters.values()
    )
    return Entry(
        name=name,
        signature=f"{name}({parameters})",
        description=_sentence(description["text"]),
        example=example["call"],
        result_note=_paragraph(note["text"]) if note else None,
    )


def render_example(call: str, macros: Mapping[str, Callable[..., Any]]) -> str:
    """Run one example call with only the macros in scope, as a page would.

    Examples:
        >>> render_example('{{ shout("да") }}', {"shout": str.upper})
        'ДА'
    """
    return _example_environment().from_string(call).render(**macros)


@functools.cache
def _example_environment() -> jinja2.Environment:
    # One environment for every example: making one per call costs more than rendering the call.
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line.strip() else "" for line in text.splitlines())


def render_entry(entry: Entry, macros: Mapping[str, Callable[..., Any]]) -> str:
    """One macro as Markdown: heading, signature, description and two content tabs."""
    try:
        rendered = render_example(entry.example, macros)
    except Exception as error:
        raise CatalogueError(f"the example of macro {entry.name!r} fails: {entry.example}: {error}") from error
    result = entry.result_note if entry.result_note is not None else rendered
    return "\n\n".join(
        [
            f"## `{entry.name}` {{ #{entry.name.replace('_', '-')} }}",
            f"`{entry.signature}`",
            entry.description,
            f'=== "Markdown"\n\n    ```markdown\n    {entry.example}\n    ```',
            f'=== "Результат"\n\n{_indent(result)}',
        ]
    )


def editor_macros(names: Mapping[str, Any]) -> dict[str, Callable[..., Any]]:
    """The macros the project registered (functions from the `macros` package), in registration order."""
    return {
        name: value
        for name, value in names.items()
        if callable(value)
        and name != CATALOGUE_NAME
        and (getattr(value, "__module__", None) or "").partition(".")[0] == "macros"
    }


def catalogue(macros: Mapping[str, Callable[..., Any]]) -> str:
    """The whole catalogue, one entry per macro, in the order given."""
    return "\n\n".join(render_entry(read_entry(name, macro), macros) for name, macro in macros.items())


@jinja2.pass_context
def macro_catalogue(context: jinja2.runtime.Context) -> str:
    """Every macro an editor may use: its description, an example call and what the call renders.

    Used once, on the contributor guide's macros page.
    """
    return catalogue(editor_macros(context.environment.globals))
