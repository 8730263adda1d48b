"""A copy of the whole project to change data files in: pages and calculators read `docs/data/` of the project."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tools.check_content import PROJECT


def project_copy(target: Path) -> Path:
    """The project's files (tracked and new, as git lists them) copied to `target`; node_modules shared."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = PROJECT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(PROJECT / "node_modules")
    return target
