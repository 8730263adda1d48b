"""What the content checks in their own modules report, and the files they read.

`tools/check_content.py` turns each `Finding` into its `Problem`; keeping the type here lets a check
module stand alone and be tested without the rest of `make check`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class Finding:
    """One failure: the file as the editor sees it, the line, what is wrong and how to fix it (in Russian)."""

    file: str
    line: int | None
    message: str
    fix: str


class Tree(Protocol):
    """The part of `tools.check_content.Sources` the checks need."""

    docs: Path
    includes: Path

    def pages(self) -> list[Path]: ...

    def data_files(self) -> list[Path]: ...

    def show(self, path: Path) -> str: ...


def prose_files(tree: Tree) -> list[Path]:
    """Every file whose text readers see: pages, data files and the Markdown snippets in `includes/`."""
    return [*tree.pages(), *tree.data_files(), *sorted(tree.includes.glob("*.md"))]
