"""A strict reader of iCalendar files (RFC 5545), for checking the planner's calendar.

Strict where calendar programs are lenient: every line ends in CRLF, no physical line is longer
than 75 octets, TEXT values use only the escapes of §3.3.11 and carry no bare «;» or «,»,
components nest properly, and each event has the properties §3.6.1 requires.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NAME = re.compile(r"[A-Z0-9-]+")
DATE = re.compile(r"\d{8}")
STAMP = re.compile(r"\d{8}T\d{6}Z")
TEXT_PROPERTIES = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"}
ESCAPES = {"\\\\": "\\", "\\;": ";", "\\,": ",", "\\n": "\n", "\\N": "\n"}


class IcsError(AssertionError):
    """The file breaks RFC 5545."""


@dataclass
class Component:
    """A component (VCALENDAR, VEVENT) with its properties as (name, parameters, value)."""

    name: str
    properties: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def values(self, name: str) -> list[str]:
        """All values of a property."""
        return [value for prop, _, value in self.properties if prop == name]

    def one(self, name: str) -> str:
        """The single value of a property that must occur exactly once."""
        found = self.values(name)
        if len(found) != 1:
            raise IcsError(f"{self.name} has {len(found)} {name} properties, needs exactly one")
        return found[0]

    def params(self, name: str) -> dict[str, str]:
        """Parameters of the first occurrence of a property."""
        return next(params for prop, params, _ in self.properties if prop == name)


def unfold(data: bytes) -> list[str]:
    """Logical lines of the file, after checking line ends and line lengths."""
    if not data.endswith(b"\r\n"):
        raise IcsError("the file does not end with CRLF")
    physical = data[:-2].split(b"\r\n")
    for number, line in enumerate(physical, start=1):
        if b"\r" in line or b"\n" in line:
            raise IcsError(f"line {number}: a bare CR or LF")
        if len(line) > 75:
            raise IcsError(f"line {number}: {len(line)} octets, more than 75")
    logical: list[str] = []
    for line in physical:
        text = line.decode("utf-8")
        if text[:1] in (" ", "\t"):
            if not logical:
                raise IcsError("a continuation line opens the file")
            logical[-1] += text[1:]
        else:
            logical.append(text)
    return logical


def unescape(value: str) -> str:
    """A TEXT value without its escapes; a bare «;», «,» or an unknown escape is an error."""
    out, index = [], 0
    while index < len(value):
        char = value[index]
        if char == "\\":
            pair = value[index : index + 2]
            if pair not in ESCAPES:
                raise IcsError(f"bad escape {pair!r} in {value!r}")
            out.append(ESCAPES[pair])
            index += 2
            continue
        if char in ";,":
            raise IcsError(f"unescaped {char!r} in TEXT value {value!r}")
        if ord(char) < 0x20 or char == "\x7f":
            raise IcsError(f"control character in {value!r}")
        out.append(char)
        index += 1
    return "".join(out)


def parse_line(line: str) -> tuple[str, dict[str, str], str]:
    """Name, parameters and raw value of a content line."""
    head, colon, value = line.partition(":")
    if not colon:
        raise IcsError(f"no colon in {line!r}")
    name, *raw_params = head.split(";")
    if not NAME.fullmatch(name):
        raise IcsError(f"bad property name {name!r}")
    params = {}
    for raw in raw_params:
        key, equals, val = raw.partition("=")
        if not equals or not NAME.fullmatch(key):
            raise IcsError(f"bad parameter {raw!r}")
        params[key] = val
    return name, params, value


def parse(data: bytes) -> Component:
    """The VCALENDAR of the file, its events checked for the required properties."""
    stack: list[Component] = []
    root: Component | None = None
    for line in unfold(data):
        name, params, value = parse_line(line)
        if name == "BEGIN":
            component = Component(value)
            if stack:
                stack[-1].children.append(component)
            elif root is not None:
                raise IcsError("a second top-level component")
            else:
                root = component
            stack.append(component)
        elif name == "END":
            if not stack or stack[-1].name != value:
                raise IcsError(f"END:{value} does not close the open component")
            stack.pop()
        elif not stack:
            raise IcsError(f"property {name} outside any component")
        else:
            stack[-1].properties.append((name, params, unescape(value) if name in TEXT_PROPERTIES else value))
    if root is None or stack or root.name != "VCALENDAR":
        raise IcsError("the file is not one closed VCALENDAR")
    if root.one("VERSION") != "2.0" or not root.one("PRODID"):
        raise IcsError("VCALENDAR needs VERSION:2.0 and a PRODID")
    for event in events(root):
        event.one("UID")
        if not STAMP.fullmatch(event.one("DTSTAMP")):
            raise IcsError("DTSTAMP must be a UTC date-time")
        if event.params("DTSTART").get("VALUE") != "DATE" or not DATE.fullmatch(event.one("DTSTART")):
            raise IcsError("DTSTART must be a DATE")
    uids = [event.one("UID") for event in events(root)]
    if len(set(uids)) != len(uids):
        raise IcsError("UIDs repeat")
    return root


def events(calendar: Component) -> list[Component]:
    """The VEVENTs of a calendar."""
    return [child for child in calendar.children if child.name == "VEVENT"]
