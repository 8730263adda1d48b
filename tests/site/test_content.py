"""What the text of the pages gives readers beyond the words: a tooltip for every abbreviation
and a name for every picture drawn in SVG."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from macros.glossary import load_glossary
from tests.html_elements import Node
from tests.site.reading import page_tree
from tests.site_pages import page_paths

# Text where Markdown never puts an <abbr>: code, tags that are already abbreviations, scripts.
NOT_PROSE = {"code", "pre", "kbd", "abbr", "script", "style"}


def definitions() -> dict[str, str]:
    """Each abbreviation of `includes/abbreviations.md` and its definition, as the glossary reads them."""
    return {term.term: term.definition for term in load_glossary()}


def content(site: Path, path: str) -> Node:
    """The article of the page: its text, without the nav, header and footer around it."""
    article = page_tree(site, path).find("article")
    assert article is not None, f"{path}: no <article>"
    return article


def prose(node: Node) -> Iterator[tuple[str, str]]:
    """The runs of text in `node` that a reader sees as text of the page, each with the tag
    of the element it stands in."""
    for child in node.children:
        if isinstance(child, str):
            yield node.tag, child
        # SVG draws its own text and has no <abbr>: a picture is named by its <title> instead.
        # A calculator's form is written by calculators/ and redrawn by Pyodide, where no
        # Markdown runs; its labels and results are plain text on purpose.
        elif child.tag not in NOT_PROSE and child.tag != "svg" and "data-calculator" not in child.attrs:
            yield from prose(child)


@pytest.mark.parametrize("path", page_paths())
def test_every_abbreviation_in_the_text_has_its_tooltip(built_site: Path, path):
    terms = definitions()
    article = content(built_site, path)
    bare = [
        f"{term} in <{tag}>: …{text[max(match.start() - 30, 0) : match.end() + 30]}…"
        for tag, text in prose(article)
        for term in terms
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text)
    ]
    assert bare == [], "abbreviations shown without <abbr>"
    wrong = [
        (abbr.text, abbr.attrs.get("title"))
        for abbr in article.iter("abbr")
        if terms.get(abbr.text) != abbr.attrs.get("title")
    ]
    assert wrong == [], "<abbr> whose title is not the glossary's definition"


def glossary_entries(site: Path) -> list[tuple[str, str]]:
    """The term and definition of each `<dt>` and the `<dd>` after it on the glossary page."""
    entries = []
    for dl in content(site, "glossary/").iter("dl"):
        items = dl.elements()
        entries += [(dt.text, dd.text) for dt, dd in itertools.pairwise(items) if (dt.tag, dd.tag) == ("dt", "dd")]
    return entries


@pytest.mark.parametrize(("term", "definition"), definitions().items())
def test_glossary_lists_the_abbreviation_once(built_site: Path, term, definition):
    assert [listed for listed_term, listed in glossary_entries(built_site) if listed_term == term] == [definition]


@pytest.mark.parametrize("path", page_paths())
def test_every_svg_picture_is_named_by_its_title(built_site: Path, path):
    page = page_tree(built_site, path)
    ids = {node.attrs["id"] for node in page.iter() if "id" in node.attrs}
    for svg in content(built_site, path).iter("svg"):
        if svg.attrs.get("role") != "img":
            continue
        titles = [child for child in svg.elements() if child.tag == "title"]
        assert titles and titles[0].text, f"<svg role=img> without a <title>: {svg.attrs}"
        # A name taken from elements that are not there would leave the picture unnamed.
        missing = [ident for ident in svg.attrs.get("aria-labelledby", "").split() if ident not in ids]
        assert missing == [], f"aria-labelledby names no element: {missing}"
