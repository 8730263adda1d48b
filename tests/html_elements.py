"""A minimal reader of built HTML pages: every element's tag and attributes, in order."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class Element:
    """One start tag and its attributes."""

    tag: str
    attrs: dict[str, str]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {name: value or "" for name, value in attrs}))


def elements(html: str) -> list[Element]:
    """All start tags of `html`.

    Examples:
        >>> elements('<p id="a"><b>x</b></p>')[0]
        Element(tag='p', attrs={'id': 'a'})
    """
    collector = _Collector()
    collector.feed(html)
    return collector.elements
