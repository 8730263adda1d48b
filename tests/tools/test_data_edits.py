"""An editor's new benchmark figure needs no other edit: every test that reads the data stays green.

The proof edits every figure of `docs/data/benchmarks.json` (+1) in a copy of the project and runs
there the tests and doctests that read the file, and `make check`'s build and data checks.
A guard keeps the list complete: any module that mentions the benchmark data is run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tools.project_copy import project_copy
from tools.check_content import PROJECT

THIS = "tests/tools/test_data_edits.py"
MENTIONS_BENCHMARKS = re.compile(r"benchmarks\.json|load_benchmarks|benchmark\(|kpi_table")
SEARCHED = ("calculators", "macros", "tools", "tests", "overrides/hooks")
# Modules whose other tests plant mistakes through whole `make check` runs (about a minute each):
# only their tests that read the data run here, and `make check` itself runs once below.
NARROWED = {
    "tests/tools/test_check_content.py": (
        "test_real_data_files_pass",
        "test_a_benchmark_value_in_quotes_is_named_with_its_line",
        "test_a_missing_comma_is_a_json_error_with_its_line",
    ),
}


def data_dependent_modules(root: Path) -> list[str]:
    """Python files under `root` that read or name the benchmark data, relative to `root`, sorted."""
    found = {
        path.relative_to(root).as_posix()
        for folder in SEARCHED
        for path in (root / folder).rglob("*.py")
        if MENTIONS_BENCHMARKS.search(path.read_text(encoding="utf-8"))
    }
    return sorted(found - {THIS})


def pytest_targets(root: Path) -> list[str]:
    """The pytest arguments: whole modules, or the data tests of a narrowed one."""
    targets = []
    for module in data_dependent_modules(root):
        names = NARROWED.get(module)
        targets += [f"{module}::{name}" for name in names] if names else [module]
    return targets


def shifted(entry: dict[str, object]) -> dict[str, object]:
    """A benchmark entry with its figure (or both ends of its range) one higher.

    Examples:
        >>> shifted({"value": 104, "unit": "%"}), shifted({"value": [10, 20.5]})["value"]
        ({'value': 105, 'unit': '%'}, [11, 21.5])
    """
    value = entry["value"]
    return entry | {"value": [item + 1 for item in value] if isinstance(value, list) else value + 1}


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project whose every benchmark figure is one higher."""
    root = project_copy(tmp_path_factory.mktemp("edited-project"))
    path = root / "docs" / "data" / "benchmarks.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(
        json.dumps({key: shifted(entry) for key, entry in data.items()}, ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    return root


def run_in(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "GITHUB_ACTIONS": "", "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
        timeout=600,
    )


def test_the_copy_reads_its_own_edited_figures(edited):
    # Without this the runs below could read the real project (it is installed in the venv) and prove nothing.
    script = "from calculators.benchmarks import load_benchmarks as l; print(l()['nrr_median'].low)"
    real = json.loads((PROJECT / "docs" / "data" / "benchmarks.json").read_text(encoding="utf-8"))
    assert float(run_in(edited, "-c", script).stdout) == real["nrr_median"]["value"] + 1


def test_every_data_dependent_test_passes_with_new_figures(edited):
    targets = pytest_targets(edited)
    assert {"calculators/benchmarks.py", "macros/content.py", "tests/macros/test_catalogue.py"} <= {
        target.partition("::")[0] for target in targets
    }
    result = run_in(edited, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header", *targets)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def test_make_check_passes_with_new_figures(edited):
    result = run_in(edited, "-m", "tools.check_content", "--only", "front-matter,build,data")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_narrowed_tests_exist():
    for module, names in NARROWED.items():
        text = (PROJECT / module).read_text(encoding="utf-8")
        assert all(f"def {name}(" in text for name in names), module
