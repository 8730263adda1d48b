"""Run inside Pyodide by `scripts/compile-python.mjs`: the calculators' corpus, and the library it needs.

Only `sys` and `types` (both imported by Python's start) are imported at the top: whatever
this harness imports itself would count as used.
"""

import sys
import types

LIBRARY = next(path for path in sys.path if path.endswith(".zip")) + "/"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def run_corpus(path: str) -> str:
    """Each case's outcome (status and the fields with errors, or the crash), as JSON."""
    import json

    from calculators.bridge import run

    with open(path, encoding="utf-8") as file:
        cases = json.load(file)
    outcomes = []
    for case in cases:
        files = {name: bytes.fromhex(data) for name, data in case["files"].items()}
        try:
            answer = json.loads(run(case["calculator"], json.dumps(case["params"]), files))
        except Exception as error:  # every crash is reported, whatever it is
            outcomes.append([case["why"], f"crashed: {type(error).__name__}: {error}"])
            continue
        outcomes.append([case["why"], answer["status"], sorted(error["field"] for error in answer.get("errors", []))])
    return json.dumps(outcomes, ensure_ascii=False)


def import_all(names: list[str]) -> str:
    """Import each module; the ones that fail, one a line."""
    import importlib

    failed = []
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError as error:
            failed.append(f"{name}: {error}")
    return "\n".join(failed)


def library_files() -> list[str]:
    """The library's files that imported modules came from."""
    return sorted(
        {
            module.__file__.removeprefix(LIBRARY)
            for module in list(sys.modules.values())
            if (getattr(module, "__file__", None) or "").startswith(LIBRARY)
        }
    )


def _varint(value: int) -> bytes:
    """CPython's location-table varint: 6-bit groups, least significant first, 0x40 means more."""
    out = bytearray()
    while value >= 0x40:
        out.append(0x40 | (value & 0x3F))
        value >>= 6
    out.append(value)
    return bytes(out)


def _line_table(code: types.CodeType) -> bytes:
    """The code's line table without column positions (format: CPython's Objects/locations.md).

    Columns only point a traceback's carets at part of a line; they are two fifths of the
    library's compressed bytecode. Each entry covers up to 8 code units: code 13 ("no column")
    with the line's delta as a signed varint, or code 15 for instructions without a line.
    """
    table = bytearray()
    previous = code.co_firstlineno
    for start, end, line in code.co_lines():
        units = (end - start) // 2
        while units > 0:
            chunk = min(units, 8)
            if line is None:
                table.append(0x80 | 15 << 3 | (chunk - 1))
            else:
                delta = line - previous
                table.append(0x80 | 13 << 3 | (chunk - 1))
                table += _varint(-delta << 1 | 1 if delta < 0 else delta << 1)
                previous = line
            units -= chunk
    return bytes(table)


def _without_columns(code: types.CodeType) -> types.CodeType:
    consts = tuple(_without_columns(item) if isinstance(item, types.CodeType) else item for item in code.co_consts)
    return code.replace(co_linetable=_line_table(code), co_consts=consts)


def write_library(files: list[str], source: str, target: str) -> None:
    """The given files of the library as bytecode, stored uncompressed: the host's gzip or brotli compresses them.

    Compiled without docstrings and assertions (`optimize=2`) and without column positions:
    together a third of the bytes a reader downloads for the library, with tracebacks that
    still name every file and line.
    """
    import importlib._bootstrap_external as bootstrap
    import zipfile

    with zipfile.ZipFile(source) as stock, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as trimmed:
        for name in files:
            code = compile(stock.read(name), LIBRARY + name, "exec", dont_inherit=True, optimize=2)
            data = bytes(bootstrap._code_to_timestamp_pyc(_without_columns(code), 0, 0))
            trimmed.writestr(zipfile.ZipInfo(name + "c", FIXED_TIME), data)


def compile_archive(source: str, target: str) -> None:
    """The same zip with every module compiled as the library is (`write_library`), every member stored."""
    import importlib._bootstrap_external as bootstrap
    import zipfile

    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as compiled:
        for entry in original.infolist():
            data = original.read(entry)
            if entry.filename.endswith(".py"):
                code = compile(data, entry.filename, "exec", dont_inherit=True, optimize=2)
                data = bytes(bootstrap._code_to_timestamp_pyc(_without_columns(code), 0, 0))
                entry = zipfile.ZipInfo(entry.filename + "c", entry.date_time)
            compiled.writestr(entry, data, zipfile.ZIP_STORED)
