"""The trimmed standard library: what Pyodide's start and the calculators import, and nothing else."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from macros.bundle import COMPILED_CACHE, build_archive, pyodide_source, run_compiler
from macros.stdlib import ALLOW_LIST, archive_imports, prepare_stdlib

PROJECT = Path(__file__).resolve().parents[2]


# One worker builds the trimmed library (a module fixture) for every test here.
pytestmark = pytest.mark.xdist_group("stdlib")


@pytest.fixture(scope="module")
def library() -> zipfile.ZipFile:
    return zipfile.ZipFile(prepare_stdlib(PROJECT, build_archive(PROJECT)))


# Modules that are another module under a second name once imported.
ALIASES = {"collections.abc": "_collections_abc"}


def module_file(name: str, names: set[str]) -> str:
    """The member that holds module `name`: `a/b.pyc` or `a/b/__init__.pyc`."""
    path = ALIASES.get(name, name).replace(".", "/")
    return f"{path}.pyc" if f"{path}.pyc" in names else f"{path}/__init__.pyc"


def test_every_module_the_calculators_or_the_allow_list_name_is_there(library):
    names = set(library.namelist())
    # Compiled into Pyodide's WebAssembly, or (collections.abc, since Python 3.14) set up by another module.
    builtin = {"math", "itertools", "unicodedata", "zlib", "array", "binascii", "collections.abc"}
    wanted = (set(archive_imports(build_archive(PROJECT))) | set(ALLOW_LIST)) - builtin
    assert {name for name in wanted if module_file(name, names) not in names} == set()


@pytest.mark.parametrize(
    "member",
    [
        # Pyodide's own start.
        "_pyodide/_base.pyc",
        "pyodide/_package_loader.pyc",
        # Russian Excel's CSV and Unicode exports, reached by the survey upload in the corpus.
        "encodings/cp1251.pyc",
        "encodings/utf_16.pyc",
        "encodings/utf_8_sig.pyc",
        # What formats a Python error that reaches JavaScript.
        "traceback.pyc",
    ],
)
def test_modules_imported_at_run_time_are_there(library, member):
    assert member in library.namelist()


def test_nothing_nobody_imports_is_shipped(library):
    names = set(library.namelist())
    assert "email/parser.pyc" not in names
    assert "tkinter/__init__.pyc" not in names
    stock = zipfile.ZipFile(pyodide_source(PROJECT) / "python_stdlib.zip")
    assert len(names) < len(stock.namelist()) / 3


def test_members_are_bytecode_stored_uncompressed(library):
    # The host's gzip or brotli compresses one stored file far better than deflated members.
    assert {Path(name).suffix for name in library.namelist()} == {".pyc"}
    assert {entry.compress_type for entry in library.infolist()} == {zipfile.ZIP_STORED}


@pytest.mark.parametrize(
    ("corpus", "modules", "message"),
    [
        # A module that does not exist in Pyodide fails the build with its name.
        ([], ["no_such_module"], "no_such_module"),
        # A calculator that raises in Pyodide fails the build with the case's description.
        (
            [{"calculator": "no-such-calculator", "why": "an unknown name", "params": {}, "files": {}}],
            [],
            "an unknown name",
        ),
    ],
)
def test_what_would_fail_on_a_page_fails_the_build(tmp_path, corpus, modules, message):
    archive = build_archive(PROJECT)
    (tmp_path / "archive.zip").write_bytes(archive.data)
    (tmp_path / "corpus.json").write_text(json.dumps(corpus), encoding="utf-8")
    plan = {"archive": str(tmp_path / "archive.zip"), "corpus": str(tmp_path / "corpus.json"), "modules": modules}
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    with pytest.raises(RuntimeError, match=message):
        run_compiler(PROJECT, tmp_path / "library.zip", "stdlib", str(tmp_path / "plan.json"))
    assert not (tmp_path / "library.zip").exists()
    assert COMPILED_CACHE.parts[0] == "node_modules"
