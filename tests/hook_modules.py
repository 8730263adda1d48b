"""The project's MkDocs hooks (`overrides/hooks/*.py`), which are files, not a package, as modules."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

HOOKS = Path(__file__).resolve().parent.parent / "overrides" / "hooks"


def load_hook(name: str) -> ModuleType:
    """The hook `overrides/hooks/<name>.py`, imported.

    Examples:
        >>> load_hook("revision_dates").russian_date.__name__
        'russian_date'
    """
    spec = importlib.util.spec_from_file_location(name, HOOKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
