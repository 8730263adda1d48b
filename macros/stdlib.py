"""The standard library the site serves: only what Pyodide's start and the calculators import.

Pyodide ships the whole library, 2,5 MB of deflated source that HTTP compression cannot shrink.
The site serves instead the modules Python imported while Pyodide started the way the
browser's worker starts it and ran every input of `macros.corpus` through every calculator,
plus the modules the calculators name in an `import` anywhere (a function's lazy import
included) and the allow-list below; as bytecode, stored uncompressed so that the host's gzip
or brotli compresses it. `scripts/compile-python.mjs` then starts a second Pyodide from the
result and runs the corpus again: a module missing fails the build, not a reader's page.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import json
import sys
import tempfile
import zipfile
from pathlib import Path

from macros.bundle import COMPILED_CACHE, Archive, compiled_key, run_compiler
from macros.corpus import corpus_json

# Modules imported lazily (by name, by the codec registry, the xlsx reader only when a workbook
# arrives). Anything else a calculator imports is found by the trace and by its import lines; a
# module listed here that nothing uses costs every reader its bytes (calendar pulls in locale: 32 kB).
ALLOW_LIST = (
    "bisect",
    "codecs",
    "csv",
    "encodings.cp1251",
    "encodings.latin_1",
    "encodings.utf_16",
    "encodings.utf_16_be",
    "encodings.utf_16_le",
    "encodings.utf_8_sig",
    "fractions",
    "io",
    "itertools",
    "math",
    "statistics",
    # A Python error that reaches JavaScript is formatted with these.
    "traceback",
    "linecache",
    "unicodedata",
    "xml.etree.ElementTree",
    "xml.parsers.expat",
    "zipfile",
)


def imported_modules(source: str) -> set[str]:
    """Standard-library modules a Python source names in an `import`, wherever it stands.

    Examples:
        >>> sorted(imported_modules("import csv\\ndef f():\\n    from xml.etree import ElementTree\\n"))
        ['csv', 'xml.etree', 'xml.etree.ElementTree']
        >>> imported_modules("from . import errors\\nfrom calculators.fields import Field\\n")
        set()
    """
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names |= {
                f"{node.module}.{alias.name}" for alias in node.names if _is_module(f"{node.module}.{alias.name}")
            }
    return {name for name in names if name.split(".")[0] in sys.stdlib_module_names and name != "__future__"}


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def archive_imports(archive: Archive) -> list[str]:
    """Every standard-library module the archive's Python modules import, sorted."""
    with zipfile.ZipFile(io.BytesIO(archive.data)) as members:
        sources = [members.read(name).decode("utf-8") for name in members.namelist() if name.endswith(".py")]
    return sorted(set().union(*(imported_modules(source) for source in sources)))


def prepare_stdlib(project: Path, archive: Archive) -> Path:
    """The trimmed library for the calculators in `archive`, made with Node.js (about 20 s), cached.

    The file's name is a hash of the archive, the corpus, the modules and the compiler.
    """
    modules = sorted(set(ALLOW_LIST) | set(archive_imports(archive)))
    corpus = corpus_json()
    key = compiled_key(project, b"\0".join([archive.data, corpus.encode(), " ".join(modules).encode()]))
    target = project / COMPILED_CACHE / f"python_stdlib-{key}.zip"
    if not target.is_file():
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            (folder / "archive.zip").write_bytes(archive.data)
            (folder / "corpus.json").write_text(corpus, encoding="utf-8")
            plan = {"archive": str(folder / "archive.zip"), "corpus": str(folder / "corpus.json"), "modules": modules}
            (folder / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
            run_compiler(project, target, "stdlib", str(folder / "plan.json"))
    return target
