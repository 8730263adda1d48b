"""The browser runtime written into the site."""

from __future__ import annotations

import shutil
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from macros.bundle import build_archive, ensure_snapshot

PROJECT = Path(__file__).resolve().parents[2]


def test_archive_is_reproducible_and_named_by_content():
    first, second = build_archive(PROJECT), build_archive(PROJECT)
    assert first == second
    assert first.name.startswith("calculators-") and first.name.endswith(".zip")


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
        ensure_snapshot(project)
