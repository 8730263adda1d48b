"""What the built pages say, checked against what the sources say: qualifiers stay with their figures,
figures are written in words in running text, results keep their units, the schemes of stages are
cross-referenced, each section has one name, and the sources' own words stay findable."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from calculators.benchmarks import load_benchmarks
from calculators.formatting import format_number
from macros.examples import _report, result
from macros.glossary import load_glossary
from macros.terms import load_terms
from tests.html_elements import Node
from tests.site.reading import config, page_html, page_tree
from tests.site.test_content import content
from tests.site_pages import DOCS, page_paths, page_sources

# Blocks a reader reads as one piece of text: a qualifier has to be inside the same one.
BLOCKS = {"p", "li", "tr", "dd", "figcaption"}
# Text that is not running text: code, formulas, pictures, tables (signs are allowed there).
NOT_RUNNING_TEXT = {"code", "pre", "kbd", "script", "style", "svg", "table"}
SIGN = re.compile(r"(?<![\w=<>\-−|])[≥≤<>±]\s?[−-]?\d")


def blocks(node: Node) -> Iterator[Node]:
    """The innermost reading blocks of `node`."""
    for child in node.elements():
        if child.tag in BLOCKS and not any(inner.tag in BLOCKS for inner in child.iter() if inner is not child):
            yield child
        else:
            yield from blocks(child)


def running_text(node: Node) -> Iterator[str]:
    """The runs of running text in `node`, outside code, pictures and tables."""
    for child in node.children:
        if isinstance(child, str):
            yield child
        elif child.tag not in NOT_RUNNING_TEXT:
            yield from running_text(child)


@pytest.mark.parametrize("path", page_paths())
def test_the_nrr_median_travels_with_its_population(built_site: Path, path):
    median = load_benchmarks()["nrr_median"]
    assert median.population, "the median is measured on a population the source names"
    figure = re.compile(rf"{re.escape(format_number(median.low))}\s?{re.escape(median.unit)}")
    bare = [
        block.text
        for block in blocks(content(built_site, path))
        if "медиан" in block.text.lower() and figure.search(block.text) and median.population not in block.text
    ]
    assert bare == [], "the NRR median without the population it was measured on"


@pytest.mark.parametrize("path", page_paths())
def test_no_maths_sign_before_a_number_in_running_text(built_site: Path, path):
    signs = [
        part[max(match.start() - 30, 0) : match.end() + 10]
        for text in running_text(content(built_site, path))
        # A worked step with «=» is a formula: its signs stay.
        for part in re.split(r"[;.]\s", text)
        if "=" not in part
        for match in SIGN.finditer(part)
    ]
    assert signs == [], "write comparisons in words in running text: «не ниже 12 %», «меньше 30 дней»"


RESULT_CALL = re.compile(r"\{\{\s*result\((?P<args>.*?)\)\s*\}\}", re.DOTALL)


def result_calls() -> Iterator[tuple[str, str, str, dict[str, object]]]:
    """Every `result(...)` in the pages: page path, calculator, result key and inputs."""
    for path, source in page_sources().items():
        for match in RESULT_CALL.finditer((DOCS / source).read_text(encoding="utf-8")):
            call = ast.parse(f"f({match['args']})", mode="eval").body
            assert isinstance(call, ast.Call)
            name, key = (ast.literal_eval(arg) for arg in call.args)
            inputs = {keyword.arg: ast.literal_eval(keyword.value) for keyword in call.keywords if keyword.arg}
            yield path, name, key, inputs


@pytest.mark.parametrize(("path", "name", "key", "inputs"), list(result_calls()))
def test_every_result_in_the_text_has_its_unit(built_site: Path, path, name, key, inputs):
    figure = _report(name, {k: v for k, v in inputs.items() if k != "unit"}).figure(key)
    shown = result(name, key, **inputs)
    if figure.unit and inputs.get("unit", True):
        assert shown.endswith(f"\u00a0{figure.unit}"), shown
    assert shown in content(built_site, path).text


SCHEME_PAGES = ("lifecycle-faq/", "metrics-faq/", "maturity-model/")
CROSSWALK = "сводная-таблица-схем"


def section(page: Node, anchor: str) -> list[Node]:
    """The elements of a page's section: from the heading with this id to the next heading of its level."""
    article = page.find("article")
    assert article is not None
    children = article.elements()
    start = next(index for index, node in enumerate(children) if node.attrs.get("id") == anchor)
    level = children[start].tag
    end = next((index for index in range(start + 1, len(children)) if children[index].tag == level), len(children))
    return children[start:end]


def test_the_crosswalk_links_every_scheme_and_every_scheme_links_back(built_site: Path):
    crosswalk = section(page_tree(built_site, "lifecycle/"), CROSSWALK)
    links = {link.attrs.get("href", "") for node in crosswalk for link in node.iter("a")}
    table = next(node for node in crosswalk if node.tag == "table")
    assert len(list(table.iter("th"))) >= 4, "one column per scheme"
    for scheme in SCHEME_PAGES:
        assert any(f"../{scheme}" in link for link in links), f"the crosswalk does not link {scheme}"
        assert f"lifecycle/#{CROSSWALK}" in page_html(built_site, scheme), f"{scheme} does not link the crosswalk"


SECTIONS = {
    "maturity-model/": "Модель зрелости CLG",
    "lifecycle/": "Жизненный цикл клиента",
    "lifecycle-faq/": "Вопросы о жизненном цикле",
    "metrics-faq/": "Вопросы о метриках",
    "development-maps/": "Карты развития клиентов",
}


def nav_titles(items: list) -> Iterator[tuple[str, str]]:
    """(title, page) for every titled page of the nav."""
    for item in items:
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str):
                    yield title, target
                else:
                    first = target[0]
                    if isinstance(first, str):
                        yield title, first
                    yield from nav_titles(target)


def same_name(text: str, name: str) -> bool:
    """Whether link text is the section's name, maybe inflected or without its last words.

    Examples:
        >>> same_name("«Вопросах о метриках»", "Вопросы о метриках"), same_name("модели зрелости", "Модель зрелости")
        (True, True)
        >>> same_name("Метрики CLG: частые вопросы", "Вопросы о метриках"), same_name("метрики", "Вопросы о метриках")
        (False, False)
    """
    words, names = re.findall(r"\w+", text.lower()), re.findall(r"\w+", name.lower())
    return 2 <= len(words) <= len(names) and all(word[:4] == full[:4] for word, full in zip(words, names, strict=False))


@pytest.mark.parametrize(("path", "name"), SECTIONS.items())
def test_a_section_has_one_name(built_site: Path, path, name):
    source = f"{path}index.md"
    assert (name, source) in set(nav_titles(config()["nav"])), "nav"
    assert page_tree(built_site, path).find("h1").text.rstrip("¶").strip() == name, "H1"
    cards = [
        link.text
        for grid in content(built_site, "").find_all("div", class_="cards")
        for link in grid.iter("a")
        if link.attrs.get("href") == path
    ]
    assert cards == [name], "home page card"
    other_names = [
        f"{other}: «{link.text}»"
        for other in page_paths()
        for link in content(built_site, other).iter("a")
        if "://" not in (href := link.attrs.get("href", "")) and "#" not in href
        if href.rstrip("/").endswith(path.rstrip("/")) and link.text and not same_name(link.text, name)
    ]
    assert other_names == [], "link text: the section's name"


def test_the_contributor_guide_is_out_of_the_tabs_but_reachable(built_site: Path):
    assert "contributing/index.md" not in json.dumps(config()["nav"])
    home = page_tree(built_site, "")
    tabs = home.find("nav", class_="md-tabs")
    assert tabs is None or "contributing" not in " ".join(link.attrs.get("href", "") for link in tabs.iter("a"))
    footer = home.find("footer")
    assert footer is not None and any("contributing/" in link.attrs.get("href", "") for link in footer.iter("a"))
    assert "../contributing/" in page_html(built_site, "about/")
    assert (built_site / "contributing" / "macros" / "index.html").is_file(), "the guide keeps its addresses"


def test_the_sources_words_are_found_by_site_search(built_site: Path):
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    index = " ".join(f"{doc['title']} {doc['text']}" for doc in docs)
    words = [word for term in load_terms() for word in term.sources]
    assert {"детракторы", "оппортунистическая стадия"} <= set(words)
    missing = [word for word in words if word not in index]
    assert missing == []
    maturity = page_html(built_site, "maturity-model/")
    assert "оппортунистическая стадия" in maturity, "the stage's page itself answers the sources' name"


@pytest.mark.parametrize("term", [item.term for item in load_glossary()])
def test_every_abbreviation_of_the_glossary_is_used_on_some_page(built_site: Path, term):
    pages = [path for path in page_paths() if path != "glossary/" and not path.startswith("contributing/")]
    assert any(f">{term}</abbr>" in page_html(built_site, path) for path in pages), (
        f"{term} is defined but no page uses it"
    )
