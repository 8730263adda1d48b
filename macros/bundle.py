"""The browser runtime copied into the built site: Pyodide's files and the calculators archive."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

# Pyodide's files the site serves as they come; its standard library is served prepared (below).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
STOCK_STDLIB = "python_stdlib.zip"
# The standard-library modules the calculators import, compiled ahead with what they import.
STDLIB_MODULES = (
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
)
RUNTIME_DIR = Path("assets") / "pyodide"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
PREPARED_CACHE = Path("node_modules") / ".cache" / "clg-handbook"


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
    """Zip `calculators/` and `docs/data/*.json` reproducibly; the name carries a content hash."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, path in archive_members(project):
            archive.writestr(zipfile.ZipInfo(member, FIXED_TIME), path.read_bytes(), zipfile.ZIP_DEFLATED)
    data = buffer.getvalue()
    return Archive(f"calculators-{hashlib.sha256(data).hexdigest()[:12]}.zip", data)


def pyodide_source(project: Path) -> Path:
    """The installed npm package `pyodide`; a clear error says how to get it."""
    source = project / "node_modules" / "pyodide"
    missing = [name for name in (*PYODIDE_FILES, STOCK_STDLIB) if not (source / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"Pyodide runtime files missing from {source} ({', '.join(missing)}): run `npm ci` in {project}"
        )
    return source


@dataclass(frozen=True)
class PreparedStdlib:
    """Pyodide's standard library with bytecode for what Python imports, and its content-hashed name."""

    name: str
    path: Path


def prepare_stdlib(project: Path) -> PreparedStdlib:
    """The installed Pyodide's standard library, partly compiled, made once with Node.js, then cached.

    Pyodide ships the library as source, so the browser compiled every module Python imports
    while starting (about 150) on every visit: two thirds of Pyodide's start-up time.
    `scripts/prepare-pyodide.mjs` replaces those modules, and the ones in `STDLIB_MODULES` with
    what they import, by bytecode from Pyodide's own Python; the rest stay source. The result
    does not hold the calculators, so ordinary builds reuse it.
    """
    version = json.loads((pyodide_source(project) / "package.json").read_text(encoding="utf-8"))["version"]
    key = hashlib.sha256(" ".join(STDLIB_MODULES).encode()).hexdigest()[:8]
    cache = project / PREPARED_CACHE / f"pyodide-{version}-{key}"
    made = sorted(cache.glob("python_stdlib-*.zip"))
    if not made:
        made = [_prepare_into(project, cache)]
    return PreparedStdlib(made[0].name, made[0])


def _prepare_into(project: Path, cache: Path) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    draft = cache / f"python_stdlib.{os.getpid()}.draft"
    result = subprocess.run(
        ["node", "scripts/prepare-pyodide.mjs", str(draft), *STDLIB_MODULES],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"preparing Pyodide's standard library with Node.js failed:\n{result.stderr}")
    digest = hashlib.sha256(draft.read_bytes()).hexdigest()[:12]
    # A rename, so that another build never sees half a file.
    return draft.replace(cache / f"python_stdlib-{digest}.zip")


def write_runtime(project: Path, site_dir: Path, archive: Archive, stdlib: PreparedStdlib) -> None:
    """Copy Pyodide's run-time files, its prepared standard library and the calculators archive."""
    source = pyodide_source(project)
    target = site_dir / RUNTIME_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        place(source / name, target / name)
    place(stdlib.path, target / stdlib.name)
    (target / archive.name).write_bytes(archive.data)


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
