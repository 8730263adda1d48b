"""The contributor guide's macro catalogue: every editor macro documented, every example renders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

import macros
from macros.catalogue import CatalogueError, catalogue, editor_macros, read_entry, render_entry, render_example
from macros.content import benchmark


class FakeEnv:
    """Just enough of mkdocs-macros' `env` for `define_env`."""

    def __init__(self) -> None:
        self.variables: dict[str, Any] = {}
        self.conf: dict[str, Any] = {"extra": {}}
        self.registered: dict[str, Any] = {}

    def macro(self, function: Any, name: str) -> None:
        self.registered[name] = function


@pytest.fixture(scope="module")
def registered() -> dict[str, Any]:
    """Every macro `define_env` registers, as a page sees them."""
    env = FakeEnv()
    macros.define_env(env)
    return env.registered


@pytest.fixture(scope="module")
def editor(registered) -> dict[str, Any]:
    return editor_macros(registered)


def test_the_catalogue_covers_every_registered_macro_but_itself(registered, editor):
    assert set(editor) == set(registered) - {"macro_catalogue"}
    assert {"calculator", "benchmark", "kpi_table", "result", "worked_example", "glossary"} <= set(editor)


def test_every_editor_macro_documents_itself_for_editors(editor):
    for name, macro in editor.items():
        entry = read_entry(name, macro)
        assert entry.description[0].isupper(), name
        assert entry.example.startswith(f"{{{{ {name}("), f"{name}: the example should call the macro itself"


@pytest.mark.parametrize(
    "name",
    [
        "calculator",
        "benchmark",
        "kpi_table",
        "maturity_table",
        "maturity_stage",
        "result",
        "worked_example",
        "glossary",
    ],
)
def test_each_example_renders_without_error(editor, name):
    # Also the examples the guide shows as Markdown only (the calculator form): they must still work.
    entry = read_entry(name, editor[name])
    assert render_example(entry.example, editor).strip()


def test_a_big_result_is_described_instead_of_repeated(editor):
    entry = read_entry("calculator", editor["calculator"])
    assert entry.result_note and "калькулятора NPS" in entry.result_note
    markdown = render_entry(entry, editor)
    assert "<form" not in markdown
    assert '=== "Markdown"\n\n    ```markdown\n    {{ calculator("nps") }}\n    ```' in markdown


def test_an_entry_has_the_two_tabs_with_the_rendered_result(editor):
    markdown = render_entry(read_entry("benchmark", editor["benchmark"]), editor)
    expected = render_example('{{ benchmark("nrr_median", source=True) }}', editor)
    assert '=== "Результат"\n\n    ' + expected in markdown
    assert markdown.startswith("## `benchmark` { #benchmark }")


def test_a_macro_without_an_example_is_refused_by_name():
    def bare(key: str) -> str:
        """Редактору: без примера."""
        return key

    with pytest.raises(CatalogueError, match=r"'bare'.*Пример:"):
        read_entry("bare", bare)


def test_a_failing_example_is_reported_with_the_macro_name():
    def broken(key: str) -> str:
        """Редактору: ломается.

        Пример: {{ broken("x") }}
        """
        raise KeyError(key)

    with pytest.raises(CatalogueError, match="example of macro 'broken' fails"):
        catalogue({"broken": broken})


def test_the_macro_finds_the_registered_macros_in_the_page_context(registered):
    environment = jinja2.Environment()
    environment.globals.update(registered)
    page = environment.from_string("{{ macro_catalogue() }}").render()
    assert page.count('=== "Результат"') == len(editor_macros(registered))


def test_the_built_guide_shows_every_macro_with_both_tabs(built_site: Path, editor):
    html = (built_site / "contributing" / "macros" / "index.html").read_text(encoding="utf-8")
    for name in editor:
        assert f'id="{name.replace("_", "-")}"' in html, name
    assert html.count(">Markdown</label>") == html.count(">Результат</label>") == len(editor)
    # The expectation comes from the data file, so an editor's new figure keeps this test green.
    shown = benchmark("nrr_median", source=True)
    assert shown in html or shown.replace("\xa0", "&nbsp;") in html
    assert 'data-calculator="nps"' not in html
