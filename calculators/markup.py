"""Escaping text for HTML, without the standard library's `html` package.

`html` imports its table of 2 000 named entities (37 kB gzipped in the browser's Python) for
`unescape`, which the calculators never call; `escape` is all they need.
"""

from __future__ import annotations


def escape(text: str, quote: bool = True) -> str:
    """`text` safe inside HTML elements and, with `quote`, attribute values; as `html.escape` does it.

    Examples:
        >>> escape('<a href="x">Тест & \\'кавычки\\'</a>')
        '&lt;a href=&quot;x&quot;&gt;Тест &amp; &#x27;кавычки&#x27;&lt;/a&gt;'
        >>> escape('"', quote=False)
        '"'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text
