"""The page dates hook: one `git log` gives each page the day of the last commit that changed it."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest

from tests.hook_modules import load_hook

revision_dates = load_hook("revision_dates")


def git(repo: Path, *args: str, date: str = "2025-03-08T12:00:00+00:00") -> None:
    identity = ["-c", "user.name=test", "-c", "user.email=test@localhost"]
    environment = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True, env=environment)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "section").mkdir(parents=True)
    (docs / "index.md").write_text("# Главная\n", encoding="utf-8")
    (docs / "section" / "page.md").write_text("# Страница\n", encoding="utf-8")
    git(tmp_path, "init", "--quiet")
    git(tmp_path, "add", "--all")
    git(tmp_path, "commit", "--quiet", "--message", "first", date="2025-03-08T12:00:00+00:00")
    (docs / "section" / "page.md").write_text("# Страница, исправлено\n", encoding="utf-8")
    git(tmp_path, "commit", "--quiet", "--all", "--message", "second", date="2026-01-31T23:30:00+00:00")
    return tmp_path


def test_each_page_gets_the_day_of_its_own_last_commit(repo: Path):
    dates = revision_dates.read_history(repo / "docs")
    assert dates == {
        # Unchanged since the first commit.
        "index.md": datetime.date(2025, 3, 8),
        # Paths are relative to docs/, as MkDocs names pages; the day is the UTC one.
        "section/page.md": datetime.date(2026, 1, 31),
    }


def test_outside_git_there_is_no_history_and_no_failure(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    assert revision_dates.read_history(tmp_path / "docs") == {}


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2026, 1, 1), "1 января 2026 г."),
        # Genitive month names, as a date reads inside a sentence.
        (datetime.date(2026, 3, 8), "8 марта 2026 г."),
        (datetime.date(2026, 5, 9), "9 мая 2026 г."),
        (datetime.date(2026, 12, 31), "31 декабря 2026 г."),
    ],
)
def test_dates_read_as_russian_text(day, text):
    assert revision_dates.russian_date(day) == text
