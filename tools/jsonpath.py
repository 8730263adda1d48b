"""Line numbers of the values in a JSON text, by the key paths the data loaders name in their errors.

`calculators.datafiles.DataFileError` names a key like `nrr_median.value` or `stages[2].signals[0]`;
an editor needs the line of the file to open. The standard `json` module forgets positions, so this
walks the text once and records where each value starts.
"""

from __future__ import annotations

import json
import re

_DECODER = json.JSONDecoder()
_WHITESPACE = re.compile(r"[ \t\n\r]*")


def value_offsets(text: str) -> dict[str, int]:
    """The character offset of every value in `text`, by its key path (`""` is the whole document).

    Examples:
        >>> offsets = value_offsets('{"a": {"b": [1, {"c": 2}]}}')
        >>> sorted(offsets)
        ['', 'a', 'a.b', 'a.b[0]', 'a.b[1]', 'a.b[1].c']
        >>> offsets["a.b[1].c"]
        22
    """
    offsets: dict[str, int] = {}
    _walk(text, _skip(text, 0), "", offsets)
    return offsets


def _skip(text: str, index: int) -> int:
    match = _WHITESPACE.match(text, index)
    return match.end() if match else index


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _walk(text: str, index: int, path: str, offsets: dict[str, int]) -> int:
    """Record `path` at `index`, descend into objects and arrays, return the index after the value."""
    offsets[path] = index
    opening = text[index : index + 1]
    if opening not in ("{", "["):
        _, end = _DECODER.raw_decode(text, index)
        return end
    closing = "}" if opening == "{" else "]"
    index = _skip(text, index + 1)
    position = 0
    while text[index : index + 1] != closing:
        if opening == "{":
            key, index = _DECODER.raw_decode(text, index)
            index = _skip(text, index)
            index = _skip(text, index + 1)  # the colon
            child = _join(path, key)
        else:
            child = f"{path}[{position}]"
        index = _skip(text, _walk(text, index, child, offsets))
        position += 1
        if text[index : index + 1] == ",":
            index = _skip(text, index + 1)
    return index + 1


def line_of(text: str, key: str) -> int:
    """The 1-based line of the value at `key`, or of its nearest existing parent when it is missing.

    Examples:
        >>> text = '{\\n  "nrr": {\\n    "value": 104\\n  }\\n}'
        >>> line_of(text, "nrr.value"), line_of(text, "nrr.year"), line_of(text, "other")
        (3, 2, 1)
    """
    try:
        offsets = value_offsets(text)
    except (ValueError, IndexError):
        return 1
    while key not in offsets:
        if not key:
            return 1
        key = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", key) if re.search(r"[.\[]", key) else ""
    return text.count("\n", 0, offsets[key]) + 1
