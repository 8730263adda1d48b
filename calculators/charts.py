"""Small SVG building blocks for charts drawn by Python.

Colours are CSS classes (`clg-fill-good`, `clg-fill-bad`, ...) that the site's stylesheet
maps to light and dark palettes; text uses `currentColor`. Every string is escaped.
"""

from __future__ import annotations

from calculators.markup import escape


def svg(width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    """A responsive SVG element with an accessible name and description.

    Examples:
        >>> svg(10, 5, "Пусто", "Ничего", [])[:41]
        '<svg class="clg-chart" viewBox="0 0 10 5"'
    """
    return (
        f'<svg class="clg-chart" viewBox="0 0 {width} {height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>" + "".join(body) + "</svg>"
    )


def rect(x: float, y: float, width: float, height: float, css_class: str, label: str = "") -> str:
    """A rectangle, with an optional tooltip (`<title>`).

    Examples:
        >>> rect(0, 0, 10, 4, "clg-fill-good")
        '<rect x="0.0" y="0.0" width="10.0" height="4.0" class="clg-fill-good"/>'
    """
    geometry = f'x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{max(height, 0):.1f}"'
    if label:
        return f'<rect {geometry} class="{css_class}"><title>{escape(label)}</title></rect>'
    return f'<rect {geometry} class="{css_class}"/>'


def line(x1: float, y1: float, x2: float, y2: float, css_class: str = "clg-stroke-axis") -> str:
    """A straight line.

    Examples:
        >>> line(0, 1, 2, 3)
        '<line x1="0.0" y1="1.0" x2="2.0" y2="3.0" class="clg-stroke-axis"/>'
    """
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="{css_class}"/>'


def text(x: float, y: float, content: str, anchor: str = "start", css_class: str = "clg-label") -> str:
    """A text label in the current text colour.

    Examples:
        >>> text(1, 2, "<b>")
        '<text x="1.0" y="2.0" text-anchor="start" class="clg-label">&lt;b&gt;</text>'
    """
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{css_class}">{escape(content)}</text>'


def polyline(points: list[tuple[float, float]], css_class: str) -> str:
    """An open path through `points`.

    Examples:
        >>> polyline([(0, 0), (1, 2)], "clg-stroke-main")
        '<polyline points="0.0,0.0 1.0,2.0" class="clg-stroke-main"/>'
    """
    coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polyline points="{coordinates}" class="{css_class}"/>'


def polygon(points: list[tuple[float, float]], css_class: str) -> str:
    """A closed shape through `points`.

    Examples:
        >>> polygon([(0, 0), (1, 2), (2, 0)], "clg-area-main")
        '<polygon points="0.0,0.0 1.0,2.0 2.0,0.0" class="clg-area-main"/>'
    """
    coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polygon points="{coordinates}" class="{css_class}"/>'


def circle(x: float, y: float, radius: float, css_class: str) -> str:
    """A dot.

    Examples:
        >>> circle(1, 2, 3, "clg-fill-accent")
        '<circle cx="1.0" cy="2.0" r="3.0" class="clg-fill-accent"/>'
    """
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" class="{css_class}"/>'
