"""The browser runtime copied into the built site: Pyodide's files and the calculators archive."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

# Pyodide's files the site serves as they come; its standard library is served prepared (below).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
STOCK_STDLIB = "python_stdlib.zip"
# The standard-library modules the calculators import, compiled ahead with what they import.
STDLIB_MODULES = (
    "array",
    "codecs",
    "collections",
    "csv",
    "dataclasses",
    "functools",
    "html",
    "importlib",
    "io",
    "itertools",
    "json",
    "math",
    "pathlib",
    "re",
    "statistics",
    "types",
    "typing",
    "xml",
    "xml.parsers.expat",
    "zipfile",
    "zlib",
)
RUNTIME_DIR = Path("assets") / "pyodide"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
COMPILED_CACHE = Path("node_modules") / ".cache" / "clg-handbook"
COMPILER = Path("scripts") / "compile-python.mjs"


@dataclass(frozen=True)
class Archive:
    """The calculators package zipped for Pyodide, named by its content hash."""

    name: str
    data: bytes


def archive_members(project: Path) -> list[tuple[str, Path]]:
    """(path in the archive, file on disk) for the package and the shared data files."""
    members = [
        (path.relative_to(project).as_posix(), path)
        for path in sorted((project / "calculators").rglob("*.py"))
        if "__pycache__" not in path.parts
    ]
    members += [(f"calculators/data/{path.name}", path) for path in sorted((project / "docs" / "data").glob("*.json"))]
    return members


def build_archive(project: Path) -> Archive:
    """Zip `calculators/` and `docs/data/*.json` reproducibly.

    The site serves the archive compiled (`compile_archive`), so its name carries a hash of the
    content, of Pyodide's version and of the compiler: a new Pyodide gets a new name, and no
    browser keeps bytecode its Python cannot read.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, path in archive_members(project):
            archive.writestr(zipfile.ZipInfo(member, FIXED_TIME), path.read_bytes(), zipfile.ZIP_DEFLATED)
    data = buffer.getvalue()
    return Archive(f"calculators-{_compiled_key(project, data)}.zip", data)


def compile_archive(project: Path, archive: Archive) -> Path:
    """The archive with every module compiled by Pyodide's Python, made with Node.js, cached by name.

    Importing the calculators from bytecode takes the browser about half the time it takes from
    source. Builds that change no calculator and no data file reuse the cached file.
    """
    target = project / COMPILED_CACHE / archive.name
    if not target.is_file():
        with tempfile.TemporaryDirectory() as scratch:
            source = Path(scratch) / "source.zip"
            source.write_bytes(archive.data)
            _compile(project, target, "archive", str(source))
    return target


def pyodide_source(project: Path) -> Path:
    """The installed npm package `pyodide`; a clear error says how to get it."""
    source = project / "node_modules" / "pyodide"
    missing = [name for name in (*PYODIDE_FILES, STOCK_STDLIB) if not (source / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"Pyodide runtime files missing from {source} ({', '.join(missing)}): run `npm ci` in {project}"
        )
    return source


def pyodide_version(project: Path) -> str:
    """The version of the installed npm package `pyodide`."""
    return json.loads((pyodide_source(project) / "package.json").read_text(encoding="utf-8"))["version"]


def prepare_stdlib(project: Path) -> Path:
    """The installed Pyodide's standard library, partly compiled, made once with Node.js, then cached.

    Pyodide ships the library as source, so the browser compiled every module Python imports
    while starting (about 150) on every visit: two thirds of Pyodide's start-up time. The
    compiler replaces those modules, and the ones in `STDLIB_MODULES` with what they import,
    by bytecode from Pyodide's own Python; the rest stay source. The file's name is its key.
    """
    key = _compiled_key(project, " ".join(STDLIB_MODULES).encode())
    target = project / COMPILED_CACHE / f"python_stdlib-{key}.zip"
    if not target.is_file():
        _compile(project, target, "stdlib", *STDLIB_MODULES)
    return target


def _compiled_key(project: Path, source: bytes) -> str:
    """A hash of what a compiled file depends on: Pyodide's version, the compiler and the source."""
    digest = hashlib.sha256(pyodide_version(project).encode())
    digest.update((project / COMPILER).read_bytes())
    digest.update(source)
    return digest.hexdigest()[:12]


def _compile(project: Path, target: Path, mode: str, *arguments: str) -> None:
    """Run the compiler into a draft beside `target`, then rename it: no build sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    draft = target.with_name(f"{target.name}.{os.getpid()}.draft")
    result = subprocess.run(
        ["node", str(COMPILER), mode, str(draft), *arguments], cwd=project, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"compiling Python with Pyodide in Node.js ({mode}) failed:\n{result.stderr}")
    draft.replace(target)


def write_runtime(project: Path, site_dir: Path, archive: Archive, stdlib: Path) -> None:
    """Copy Pyodide's run-time files, its prepared standard library and the compiled calculators."""
    source = pyodide_source(project)
    target = site_dir / RUNTIME_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        place(source / name, target / name)
    place(stdlib, target / stdlib.name)
    place(compile_archive(project, archive), target / archive.name)


def place(source: Path, target: Path) -> None:
    """Put a runtime file into the site: a hard link where the file system allows, else a copy.

    The 20 MB of runtime never change once installed, so linking saves copying them on every
    build; a deploy step reads a link as an ordinary file.
    """
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
