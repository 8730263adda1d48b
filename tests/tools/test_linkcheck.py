"""`make linkcheck`: finds external links, reports broken ones, never fails, and needs no internet here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools import linkcheck
from tools.linkcheck import Link, check_link, find_links, main
from tools.serve import serve


def test_links_are_found_once_with_their_first_place_and_without_punctuation(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "Отчёт: https://example.net/report.\n"
        "[Снова](https://example.net/report) и <https://example.net/other>;\n"
        "Локально: http://127.0.0.1:8000/ не проверяется.\n",
        encoding="utf-8",
    )
    found = [(link.url, link.line) for link in find_links([page])]
    assert found == [("https://example.net/report", 1), ("https://example.net/other", 2)]


@pytest.fixture
def local_site(tmp_path: Path):
    (tmp_path / "index.html").write_text("ok", encoding="utf-8")
    with serve(tmp_path) as url:
        yield url


def test_a_working_and_a_missing_address(local_site):
    working = check_link(Link(local_site, "a.md", 1), timeout=5)
    missing = check_link(Link(local_site + "gone/", "a.md", 2), timeout=5)
    assert (working.status, working.ok) == (200, True)
    assert (missing.status, missing.ok) == (404, False)


def test_an_address_that_does_not_answer(tmp_path):
    # A closed port on this machine: a connection error, reported as «нет ответа».
    outcome = check_link(Link("http://127.0.0.1:9/", "a.md", 1), timeout=2)
    assert outcome.status is None and not outcome.ok and outcome.error


def test_broken_links_are_reported_without_failing(monkeypatch, local_site, tmp_path, capsys):
    monkeypatch.setattr(linkcheck, "online", lambda timeout: True)
    monkeypatch.setattr(linkcheck, "find_links", lambda files: [Link(local_site + "gone/", "docs/a.md", 7)])
    assert main([str(tmp_path / "a.md")]) == 0
    out = capsys.readouterr()
    assert f"!!  404  {local_site}gone/  (docs/a.md:7)" in out.out
    assert "Не работают: 1" in out.err
    assert main([str(tmp_path / "a.md"), "--strict"]) == 1


def test_offline_is_not_an_error(monkeypatch, tmp_path, capsys):
    page = tmp_path / "page.md"
    page.write_text("[Отчёт](https://example.net/report)\n", encoding="utf-8")
    monkeypatch.setattr(linkcheck, "online", lambda timeout: False)
    assert main([str(page)]) == 0
    assert "Нет доступа к интернету" in capsys.readouterr().out
