"""Counts in prose come from the content: adding a question changes the number in the text."""

from __future__ import annotations

import re

import pytest

from macros import counts
from macros.counts import counted, question_count


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "один вопрос"),
        (3, "три вопроса"),
        (5, "пять вопросов"),
        # 11–14 take the «many» form although they end in 1–4.
        (11, "одиннадцать вопросов"),
        (12, "двенадцать вопросов"),
        (22, "22 вопроса"),
        (111, "111 вопросов"),
    ],
)
def test_the_noun_agrees_with_the_number(number, expected):
    assert counted(number, "вопрос", "вопроса", "вопросов") == expected


def test_adding_a_question_changes_the_count(tmp_path, monkeypatch):
    monkeypatch.setattr(counts, "DOCS", tmp_path)
    page = tmp_path / "faq.md"
    page.write_text(
        "# FAQ\n\n## Что такое NRR?\n\n## Раздел без вопроса\n\n## Как считать? { #how }\n", encoding="utf-8"
    )
    assert question_count("faq.md") == "два вопроса"
    page.write_text(page.read_text(encoding="utf-8") + "\n## А CLV?\n", encoding="utf-8")
    assert question_count("faq.md") == "три вопроса"


def test_a_wrong_page_path_says_how_paths_are_written():
    with pytest.raises(FileNotFoundError, match="counted from docs/"):
        question_count("metrics-faq.md")


def test_the_metrics_faq_states_no_typed_count():
    # It said «двенадцать вопросов» twice; adding a question left both wrong.
    text = (counts.DOCS / "metrics-faq" / "index.md").read_text(encoding="utf-8")
    assert 'question_count("metrics-faq/index.md")' in text
    assert not re.search(r"\w+ вопрос(?:а|ов)?\b", text.split("\n# ", 1)[0], re.IGNORECASE)
