"""The browser runtime written into the site."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from macros.bundle import STDLIB_MODULES, build_archive, compile_archive, prepare_stdlib, pyodide_source

PROJECT = Path(__file__).resolve().parents[2]


def test_archive_is_reproducible_and_named_by_content():
    first, second = build_archive(PROJECT), build_archive(PROJECT)
    assert first == second
    assert first.name.startswith("calculators-") and first.name.endswith(".zip")


def test_the_served_archive_holds_bytecode_for_every_module_and_the_data_as_it_is():
    archive = build_archive(PROJECT)
    source = zipfile.ZipFile(BytesIO(archive.data))
    compiled = zipfile.ZipFile(compile_archive(PROJECT, archive))
    expected = sorted(name + "c" if name.endswith(".py") else name for name in source.namelist())
    assert sorted(compiled.namelist()) == expected
    assert compiled.read("calculators/data/maturity.json") == source.read("calculators/data/maturity.json")
    # The header of bytecode for Pyodide's Python (3.14), not for the Python running the build.
    assert compiled.read("calculators/bridge.pyc")[:4] != importlib.util.MAGIC_NUMBER


def test_archive_carries_the_package_and_the_shared_data_files():
    names = zipfile.ZipFile(BytesIO(build_archive(PROJECT).data)).namelist()
    assert "calculators/bridge.py" in names
    assert "calculators/data/benchmarks.json" in names
    assert "calculators/data/maturity.json" in names
    assert not [name for name in names if "__pycache__" in name]


def test_missing_pyodide_says_to_run_npm_ci(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(PROJECT / "calculators", project / "calculators", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJECT / "docs" / "data", project / "docs" / "data")
    with pytest.raises(FileNotFoundError, match="npm ci"):
        prepare_stdlib(project)


def stdlib_imports(source: str) -> set[str]:
    """Top-level standard-library modules a Python source imports."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names & set(sys.stdlib_module_names)


def test_every_standard_module_the_calculators_import_is_compiled_ahead():
    # A module missing from the list still works, but the browser compiles it from source.
    imported = set().union(*(stdlib_imports(path.read_text()) for path in (PROJECT / "calculators").rglob("*.py")))
    assert imported - {"__future__"} <= set(STDLIB_MODULES)


def test_prepared_library_has_bytecode_for_what_python_imports_and_source_for_the_rest():
    stock = set(zipfile.ZipFile(pyodide_source(PROJECT) / "python_stdlib.zip").namelist())
    names = set(zipfile.ZipFile(prepare_stdlib(PROJECT)).namelist())
    compiled = {name.removesuffix("c") for name in names if name.endswith(".pyc")}
    # Modules Pyodide imports while starting, and modules from the list and what they import.
    assert {"asyncio/__init__.py", "_pyodide/_base.py", "json/__init__.py", "csv.py", "dataclasses.py"} <= compiled
    assert "email/parser.py" in names - compiled, "a module nothing imports stays source"
    assert names - {name + "c" for name in compiled} == stock - compiled, "no file lost or added"
