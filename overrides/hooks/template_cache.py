"""MkDocs hook: the theme's compiled Jinja templates kept on disk between builds.

Each build used to compile Material's templates and ours anew (about 70 files, a tenth of a
small build). Jinja's own bytecode cache stores them under `node_modules/.cache/` and checks
each template's source, so an edited template is compiled again and a new Jinja or Python
version starts a fresh cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache

CACHE = Path("node_modules") / ".cache" / "clg-handbook" / "jinja"


def template_cache(project: Path) -> FileSystemBytecodeCache:
    """The bytecode cache of the project at `project`, its folder made if missing."""
    directory = project / CACHE
    directory.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(directory))


def on_env(env: Environment, config: Any, files: Any) -> Environment:
    """Give the theme's Jinja environment the on-disk cache."""
    env.bytecode_cache = template_cache(Path(config["config_file_path"]).parent)
    return env
