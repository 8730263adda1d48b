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
from dataclasses import asdict, dataclass
from pathlib import Path

# The project itself, for the examples in docstrings.
PROJECT = Path(__file__).resolve().parent.parent

# Pyodide's files the site serves as they come; its lock file and standard library are served
# prepared (`lock_file`, `macros.stdlib`).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
LOCK_FILE = "pyodide-lock.json"
STOCK_STDLIB = "python_stdlib.zip"
RUNTIME_DIR = Path("assets") / "pyodide"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
COMPILED_CACHE = Path("node_modules") / ".cache" / "clg-handbook"
COMPILER = Path("scripts") / "compile-python.mjs"
# The compiler's Python half, run inside Pyodide.
COMPILER_FILES = (COMPILER, Path("scripts") / "stdlib_trace.py")


@dataclass(frozen=True)
class Archive:
    """The calculators package zipped for Pyodide, named by its content hash."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Sizes:
    """A file's bytes as stored and as each encoding sends it."""

    raw: int
    gzip: int
    br: int


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
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for member, path in archive_members(project):
            archive.writestr(zipfile.ZipInfo(member, FIXED_TIME), path.read_bytes())
    data = buffer.getvalue()
    return Archive(f"calculators-{compiled_key(project, data)}.zip", data)


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
            run_compiler(project, target, "archive", str(source))
    return target


def pyodide_source(project: Path) -> Path:
    """The installed npm package `pyodide`; a clear error says how to get it."""
    source = project / "node_modules" / "pyodide"
    missing = [name for name in (*PYODIDE_FILES, LOCK_FILE, STOCK_STDLIB) if not (source / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"Pyodide runtime files missing from {source} ({', '.join(missing)}): run `npm ci` in {project}"
        )
    return source


def pyodide_version(project: Path) -> str:
    """The version of the installed npm package `pyodide`."""
    return json.loads((pyodide_source(project) / "package.json").read_text(encoding="utf-8"))["version"]


def compiled_key(project: Path, source: bytes) -> str:
    """A hash of what a compiled file depends on: Pyodide's version, the compiler and the source."""
    digest = hashlib.sha256(pyodide_version(project).encode())
    for path in COMPILER_FILES:
        digest.update((project / path).read_bytes())
    digest.update(source)
    return digest.hexdigest()[:12]


def run_compiler(project: Path, target: Path, mode: str, *arguments: str) -> None:
    """Run the compiler into a draft beside `target`, then rename it: no build sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    draft = target.with_name(f"{target.name}.{os.getpid()}.draft")
    result = subprocess.run(
        ["node", str(COMPILER), mode, str(draft), *arguments], cwd=project, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"compiling Python with Pyodide in Node.js ({mode}) failed:\n{result.stderr}")
    draft.replace(target)


def runtime_folder(project: Path) -> str:
    """The runtime's folder in the site, named by Pyodide's version: `assets/pyodide/<version>/`.

    Every file in it keeps its content for as long as its URL exists (Pyodide's files by the
    version, the others by a hash in their name), so browsers cache them for a year and
    Chrome reuses the compiled WebAssembly across visits.
    """
    return f"{RUNTIME_DIR.as_posix()}/{pyodide_version(project)}/"


def lock_file(project: Path) -> bytes:
    """Pyodide's lock file without its 357 packages: the calculators load none, and the reader saves 26 kB.

    Examples:
        >>> json.loads(lock_file(PROJECT))["packages"]
        {}
    """
    stock = json.loads((pyodide_source(project) / LOCK_FILE).read_text(encoding="utf-8"))
    return json.dumps({"info": stock["info"], "packages": {}}, sort_keys=True).encode()


def write_runtime(project: Path, site_dir: Path, archive: Archive, stdlib: Path) -> Path:
    """Copy Pyodide's run-time files, its lock file, the trimmed library and the compiled calculators.

    Returns the runtime's folder in the site.
    """
    source = pyodide_source(project)
    target = site_dir / runtime_folder(project)
    shutil.rmtree(site_dir / RUNTIME_DIR, ignore_errors=True)
    target.mkdir(parents=True)
    for name in PYODIDE_FILES:
        place(source / name, target / name)
    (target / LOCK_FILE).write_bytes(lock_file(project))
    place(stdlib, target / stdlib.name)
    place(compile_archive(project, archive), target / archive.name)
    return target


def manifest_name(runtime: dict[str, str]) -> str:
    """The manifest's file name, by the names of the files it lists: a new deploy, a new name.

    Examples:
        >>> manifest_name({"base": "314.0.7/", "bundle": "calculators-0123456789ab.zip"})
        'manifest-bc61194f3f6f.json'
    """
    return f"manifest-{hashlib.sha256(json.dumps(runtime, sort_keys=True).encode()).hexdigest()[:12]}.json"


def write_manifest(folder: Path, runtime: dict[str, str], version: str, sizes: dict[str, Sizes]) -> Path:
    """The runtime's files with their bytes as stored and as gzip and brotli send them.

    The worker reads the names of the calculators archive and the library from it, and the
    sizes for its progress bar; the service worker precaches exactly these files; the lazy start
    tells the reader how much Python will cost («загрузится Python: 4,8 МБ»). Names are
    relative to the manifest.
    """
    files = {file: asdict(size) for file, size in sorted(sizes.items())}
    total = {key: sum(size[key] for size in files.values()) for key in ("raw", "gzip", "br")}
    manifest = {"pyodide": version, "bundle": runtime["bundle"], "stdlib": runtime["stdlib"], "files": files}
    target = folder / manifest_name(runtime)
    target.write_text(json.dumps(manifest | {"total": total}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return target


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
