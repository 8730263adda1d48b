"""Links that calculators put in their results, which MkDocs cannot check: they must land on a heading."""

from __future__ import annotations

from pathlib import Path

import pytest

from calculators.kpi.text import FAQ, STAGE_ANSWERS

KPI_PAGE = Path("calculators/kpi")


@pytest.mark.parametrize(("zone", "answer"), list(STAGE_ANSWERS.items()))
def test_each_stage_links_to_a_heading_of_the_lifecycle_faq(built_site: Path, zone, answer):
    title, anchor = answer
    target = (built_site / KPI_PAGE / FAQ / "index.html").resolve()
    html = target.read_text("utf-8")
    assert f'id="{anchor}"' in html, f"{zone}: the FAQ has no heading #{anchor}; update STAGE_ANSWERS"
    assert title.split(". ")[-1] in html
