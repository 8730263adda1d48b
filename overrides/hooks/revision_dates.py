"""MkDocs hook: «Последнее обновление» under each page, the date of the last commit that changed it.

One `git log` over `docs/` at the start of the build gives every page its date, instead of one
git call per page. Material shows `page.meta.revision_date` in its source-file block.

A build never fails for want of history: a page that git does not know yet (new, or a copy of
the project outside git) gets the build date; a shallow clone, where the one fetched commit
seems to add every file, gives every page that commit's date. The workflows fetch the whole
history (`fetch-depth: 0`) so that the dates are the real ones.
"""

from __future__ import annotations

import datetime
import logging
import subprocess
from pathlib import Path
from typing import Any

LOG = logging.getLogger("mkdocs.hooks.revision_dates")

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
# Each commit starts with a NUL and its Unix time; the files it changed follow, one a line.
LOG_FORMAT = "%x00%ct"

_last_changed: dict[str, datetime.date] = {}


def russian_date(day: datetime.date) -> str:
    """A date as Russian text puts it in a sentence.

    Examples:
        >>> russian_date(datetime.date(2026, 12, 3))
        '3 декабря 2026 г.'
    """
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def last_changed(log: str) -> dict[str, datetime.date]:
    """The newest commit date (UTC) of each file in `git log --name-only --format=%x00%ct` output.

    Examples:
        >>> dates = last_changed("\\x001764720000\\n\\na.md\\nb/c.md\\n\\x001700000000\\n\\na.md\\n")
        >>> dates["a.md"], dates["b/c.md"]
        (datetime.date(2025, 12, 3), datetime.date(2025, 12, 3))
    """
    dates: dict[str, datetime.date] = {}
    for commit in log.split("\x00")[1:]:
        stamp, *files = commit.splitlines()
        day = datetime.datetime.fromtimestamp(int(stamp), tz=datetime.UTC).date()
        for name in files:
            if name:
                dates.setdefault(name, day)
    return dates


def read_history(docs_dir: Path) -> dict[str, datetime.date]:
    """Last-change dates of the files under `docs_dir` by their path in it; empty outside git."""
    try:
        result = subprocess.run(
            [
                "git",
                "-c",
                "core.quotePath=false",
                "log",
                f"--format={LOG_FORMAT}",
                "--name-only",
                "--relative",
                "--",
                ".",
            ],
            cwd=docs_dir,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as error:
        LOG.info("no git history for %s (%s): pages get the build date", docs_dir, error)
        return {}
    return last_changed(result.stdout)


def on_config(config: Any) -> None:
    """Read the history once per build (`mkdocs serve` rebuilds read it again)."""
    _last_changed.clear()
    _last_changed.update(read_history(Path(config["docs_dir"])))


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Give the page its date; the text is left as it is."""
    day = _last_changed.get(page.file.src_uri, datetime.datetime.now(tz=datetime.UTC).date())
    page.meta["revision_date"] = russian_date(day)
    return markdown
