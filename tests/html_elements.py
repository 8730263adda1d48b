"""A minimal reader of built HTML pages: every element's tag and attributes, in order, and the
elements as a tree with their text, for checks that need to know what holds what."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements that never have an end tag, so never hold anything.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# White space as HTML collapses it: not the no-break space, which Russian typography relies on.
SPACES = re.compile(r"[ \t\n\f\r]+")


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


@dataclass(eq=False)
class Node:
    """An element with what it holds: child elements and text, in document order."""

    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list, repr=False)

    @property
    def classes(self) -> set[str]:
        """The element's class names."""
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        """All the text inside, with runs of white space as one space, as a browser shows it.

        Examples:
            >>> tree("<p> Один <b>два</b>\\n три&nbsp;км</p>").find("p").text
            'Один два три\\xa0км'
        """
        return SPACES.sub(" ", self.raw_text()).strip(" ")

    def raw_text(self) -> str:
        """All the text inside, as written."""
        return "".join(child if isinstance(child, str) else child.raw_text() for child in self.children)

    def elements(self) -> list[Node]:
        """The child elements, without the text between them."""
        return [child for child in self.children if isinstance(child, Node)]

    def iter(self, tag: str | None = None) -> Iterator[Node]:
        """This element and every element inside it (with tag `tag`, if given), in document order."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.elements():
            yield from child.iter(tag)

    def find(self, tag: str, **attrs: str) -> Node | None:
        """The first element inside with this tag and these attribute values (`class_` for a class name)."""
        return next(self.find_all(tag, **attrs), None)

    def find_all(self, tag: str, **attrs: str) -> Iterator[Node]:
        """Every element inside with this tag and these attribute values (`class_` for a class name)."""
        wanted_class = attrs.pop("class_", None)
        for node in self.iter(tag):
            if wanted_class is not None and wanted_class not in node.classes:
                continue
            if all(node.attrs.get(name.replace("_", "-")) == value for name, value in attrs.items()):
                yield node


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.open: list[Node] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(node)
        if tag not in VOID:
            self.open.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # `<path/>` in inline SVG: an element that holds nothing.
        self.open[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        # An end tag closes its element and any left open inside it; a stray one is ignored.
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def tree(html: str) -> Node:
    """`html` as a tree under a `#document` node.

    Built for pages as MkDocs writes them, with their end tags: end tags that HTML leaves
    implied (a `<p>` closed by the next block) are not inferred.

    Examples:
        >>> page = tree('<ul><li>a<br>b</li><li class="x y">c</li></ul>')
        >>> [item.text for item in page.find_all("li")], page.find("li", class_="y").text
        (['ab', 'c'], 'c')
    """
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
