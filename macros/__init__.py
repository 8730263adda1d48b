"""The mkdocs-macros module of the handbook: registers the macros and writes the browser runtime.

Each macro is a plain function in a module by topic, testable without MkDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros import bundle, catalogue, content, counts, examples, forms, frontmatter, glossary, headers

PROJECT = Path(__file__).resolve().parent.parent
# Every macro a page may call, under its function's name (`make check` suggests these names).
MACROS = (
    forms.calculator,
    content.benchmark,
    content.kpi_table,
    content.maturity_table,
    content.maturity_stage,
    examples.result,
    examples.worked_example,
    glossary.glossary,
    counts.question_count,
    counts.maturity_count,
    catalogue.macro_catalogue,
)


def define_env(env: Any) -> None:
    """Register every macro an editor may use in a page."""
    archive = bundle.build_archive(PROJECT)
    env.variables["calculators_archive"] = archive
    stdlib = bundle.prepare_stdlib(PROJECT)
    env.variables["prepared_stdlib"] = stdlib
    env.conf["extra"]["clg_runtime"] = {"bundle": archive.name, "stdlib": stdlib.name}

    for macro in MACROS:
        env.macro(macro, macro.__name__)


def on_pre_page_macros(env: Any) -> None:
    """Stop the build at a page without the required front matter, before its macros run.

    Only pages that hold Jinja markup go through Jinja (`render_by_default: false` in
    mkdocs.yml): any other page would come out unchanged, at the cost of compiling it.
    """
    frontmatter.check_front_matter(env.page.file.src_path, env.page.meta)
    env.page.meta.setdefault("render_macros", env.has_j2(env.markdown))


def on_post_build(env: Any) -> None:
    """Copy Pyodide and the calculators archive into the site, then write the hosts' `_headers`."""
    site_dir = Path(env.conf["site_dir"])
    bundle.write_runtime(PROJECT, site_dir, env.variables["calculators_archive"], env.variables["prepared_stdlib"])
    headers.write_headers(site_dir)
