"""The mkdocs-macros module of the handbook: registers the macros and writes the browser runtime.

Each macro is a plain function in a module by topic, testable without MkDocs.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from calculators.benchmarks import load_benchmarks
from calculators.datafiles import DataFileError
from calculators.maturity_model import load_model
from macros import (
    bundle,
    catalogue,
    compression,
    content,
    counts,
    examples,
    forms,
    frontmatter,
    glossary,
    headers,
    offline,
    stdlib,
    terms,
)

PROJECT = Path(__file__).resolve().parent.parent
# Set by overrides/hooks/serve_errors.py for the life of a `mkdocs serve` process.
SERVING = "CLG_HANDBOOK_SERVING"
log = logging.getLogger("mkdocs.plugins.clg_handbook")
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
    terms.terms,
    counts.question_count,
    counts.maturity_count,
    catalogue.macro_catalogue,
)


def runtime_library(archive: bundle.Archive) -> Path:
    """The trimmed standard library; under `make serve`, Pyodide's whole one when it cannot be made.

    Making it runs every calculator, so a broken data file stops it. A build must fail then, but
    `mkdocs serve` must stay up and show the editor's mistake in the pages (overrides/hooks/serve_errors.py);
    the data files are read first, in CPython, so that it does not wait for Pyodide to fail.
    """
    try:
        load_benchmarks()
        load_model()
        return stdlib.prepare_stdlib(PROJECT, archive)
    except (DataFileError, RuntimeError):
        if os.environ.get(SERVING) != "1":
            raise
        log.info("Стандартная библиотека не урезана: калькуляторы не запускаются, ошибка — на страницах.")
        return bundle.pyodide_source(PROJECT) / bundle.STOCK_STDLIB


def define_env(env: Any) -> None:
    """Register every macro an editor may use in a page."""
    archive = bundle.build_archive(PROJECT)
    env.variables["calculators_archive"] = archive
    library = runtime_library(archive)
    env.variables["prepared_stdlib"] = library
    runtime = {"base": f"{bundle.pyodide_version(PROJECT)}/", "bundle": archive.name, "stdlib": library.name}
    env.variables["runtime_files"] = runtime
    # Every page's head names the runtime's folder under `assets/pyodide/` and its manifest there,
    # which names the rest: fewer bytes on every page than the files' names.
    env.conf["extra"]["clg_runtime"] = {"base": runtime["base"], "manifest": bundle.manifest_name(runtime)}

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
    """Copy the runtime into the site with its compressed forms and manifest, write the service worker,
    then the hosts' `_headers`."""
    site_dir = Path(env.conf["site_dir"])
    folder = bundle.write_runtime(
        PROJECT, site_dir, env.variables["calculators_archive"], env.variables["prepared_stdlib"]
    )
    sizes = compression.compress_folder(PROJECT, folder, PROJECT / bundle.COMPILED_CACHE / "compressed")
    bundle.write_manifest(folder, env.variables["runtime_files"], bundle.pyodide_version(PROJECT), sizes)
    offline.write_service_worker(PROJECT, site_dir, offline.runtime_paths(site_dir, env.conf["extra"]["clg_runtime"]))
    headers.write_headers(site_dir)
