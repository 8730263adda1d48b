"""Gzip and brotli siblings of the runtime's files, for hosts that serve precompressed files.

nginx (`gzip_static`, `brotli_static`), Caddy (`precompressed`) and `tools/serve.py` answer a
request for `pyodide.asm.wasm` from `pyodide.asm.wasm.br` when the browser accepts brotli: the
strongest settings, paid once at build time, not on every request. Hosts that compress on
their own ignore the siblings.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import subprocess
from pathlib import Path

from macros.bundle import Sizes, place

# Sibling suffix → `Content-Encoding`; the order is the server's preference.
ENCODINGS = {".br": "br", ".gz": "gzip"}
# Smaller files gain less than a request's headers weigh.
MIN_BYTES = 1024
COMPRESSOR = Path("scripts") / "compress.mjs"


def is_sibling(path: Path) -> bool:
    """Whether `path` is a compressed form of another file.

    Examples:
        >>> is_sibling(Path("pyodide.asm.wasm.br")), is_sibling(Path("pyodide.asm.wasm"))
        (True, False)
    """
    return path.suffix in ENCODINGS


def compress_folder(project: Path, folder: Path, cache: Path) -> dict[str, Sizes]:
    """Put `.br` and `.gz` beside every file of `folder` from `MIN_BYTES` up; each file's sizes.

    Compressed forms are cached in `cache` by content: the 9,6 MB of WebAssembly take brotli
    about half a minute, once per Pyodide version. Gzip comes from Python's zlib at level 9.
    """
    cache.mkdir(parents=True, exist_ok=True)
    files = sorted(path for path in folder.iterdir() if path.is_file() and not is_sibling(path))
    stems = {path: cache / hashlib.sha256(path.read_bytes()).hexdigest()[:24] for path in files}
    big = [path for path in files if path.stat().st_size >= MIN_BYTES]
    for path in big:
        if not stems[path].with_suffix(".gz").is_file():
            _write_atomically(stems[path].with_suffix(".gz"), gzip.compress(path.read_bytes(), 9, mtime=0))
    missing = [path for path in big if not stems[path].with_suffix(".br").is_file()]
    if missing:
        arguments = [str(item) for path in missing for item in (path, stems[path].with_suffix(".br"))]
        result = subprocess.run(
            ["node", str(COMPRESSOR), *arguments], cwd=project, capture_output=True, text=True, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(f"compressing the runtime with Node.js failed:\n{result.stderr}")
    sizes = {}
    for path in files:
        raw = path.stat().st_size
        if path not in big:
            sizes[path.name] = Sizes(raw, raw, raw)
            continue
        for suffix in ENCODINGS:
            place(stems[path].with_suffix(suffix), path.with_name(path.name + suffix))
        sizes[path.name] = Sizes(
            raw, stems[path].with_suffix(".gz").stat().st_size, stems[path].with_suffix(".br").stat().st_size
        )
    return sizes


def _write_atomically(target: Path, data: bytes) -> None:
    draft = target.with_name(f"{target.name}.{os.getpid()}.draft")
    draft.write_bytes(data)
    draft.replace(target)
