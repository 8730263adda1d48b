"""The browser runtime copied into the built site: Pyodide's files and the calculators archive."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
RUNTIME_DIR = Path("assets") / "pyodide"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
SNAPSHOT_CACHE = Path("node_modules") / ".cache" / "clg-handbook"


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


@dataclass(frozen=True)
class Snapshot:
    """A Pyodide memory snapshot on disk and its content-hashed name in the site."""

    name: str
    path: Path


def ensure_snapshot(project: Path) -> Snapshot:
    """The memory snapshot of the installed Pyodide, made once with Node.js and then cached.

    It holds the standard library the calculators import, not the calculators themselves, so
    it changes only with Pyodide's version and is not remade by ordinary builds. It is stored
    gzipped (30 MB of mostly empty memory become about 7 MB) under an extension that hosts do
    not compress again; the browser worker inflates it.
    """
    version = json.loads((pyodide_source(project) / "package.json").read_text(encoding="utf-8"))["version"]
    cache = project / SNAPSHOT_CACHE
    made = sorted(cache.glob(f"snapshot-{version}-*.gz"))
    if not made:
        cache.mkdir(parents=True, exist_ok=True)
        draft = cache / f"snapshot-{version}.draft"
        result = subprocess.run(
            ["node", "scripts/make-snapshot.mjs", str(draft)], cwd=project, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"making the Pyodide snapshot with Node.js failed:\n{result.stderr}")
        packed = gzip.compress(draft.read_bytes(), compresslevel=6, mtime=0)
        digest = hashlib.sha256(packed).hexdigest()[:12]
        path = cache / f"snapshot-{version}-{digest}.gz"
        path.write_bytes(packed)
        draft.unlink()
        made = [path]
    path = made[-1]
    return Snapshot(f"pyodide-{path.stem}.snapshot", path)


def write_runtime(project: Path, site_dir: Path, archive: Archive, snapshot: Snapshot) -> None:
    """Copy Pyodide's run-time files, its snapshot and the calculators archive into the built site."""
    source = pyodide_source(project)
    target = site_dir / RUNTIME_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        place(source / name, target / name)
    place(snapshot.path, target / snapshot.name)
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
