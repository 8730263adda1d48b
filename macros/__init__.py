"""The mkdocs-macros module of the handbook: registers the macros and writes the browser runtime.

Each macro is a plain function in a module by topic, testable without MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros import bundle, content, examples, forms, glossary

PROJECT = Path(__file__).resolve().parent.parent


def define_env(env: Any) -> None:
    """Register every macro an editor may use in a page."""
    archive = bundle.build_archive(PROJECT)
    env.variables["calculators_archive"] = archive

    def calculator(name: str) -> str:
        """The interactive calculator `name` with its result for the default inputs."""
        return forms.calculator_form(name, archive.name)

    for macro in (
        calculator,
        content.benchmark,
        content.kpi_table,
        content.maturity_table,
        content.maturity_stage,
        examples.result,
        examples.worked_example,
        glossary.glossary,
    ):
        env.macro(macro, macro.__name__)


def on_post_build(env: Any) -> None:
    """Copy Pyodide and the calculators archive into the site once the pages are written."""
    bundle.write_runtime(PROJECT, Path(env.conf["site_dir"]), env.variables["calculators_archive"])
