"""The browser runtime copied into the built site: Pyodide's files and the calculators archive."""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
RUNTIME_DIR = Path("assets") / "pyodide"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


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
    missing = [name for name in PYODIDE_FILES if not (source / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"Pyodide runtime files missing from {source} ({', '.join(missing)}): run `npm ci` in {project}"
        )
    return source


def write_runtime(project: Path, site_dir: Path, archive: Archive) -> None:
    """Copy Pyodide's run-time files and the calculators archive into the built site."""
    source = pyodide_source(project)
    target = site_dir / RUNTIME_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy2(source / name, target / name)
    (target / archive.name).write_bytes(archive.data)
