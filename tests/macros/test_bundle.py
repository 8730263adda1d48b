"""The browser runtime written into the site."""

from __future__ import annotations

import importlib.util
import shutil
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from macros.bundle import build_archive, compile_archive
from macros.stdlib import prepare_stdlib

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
    # Stored, not deflated: the host's gzip or brotli compresses the whole file better.
    assert {entry.compress_type for entry in compiled.infolist()} == {zipfile.ZIP_STORED}


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
        prepare_stdlib(project, build_archive(project))
