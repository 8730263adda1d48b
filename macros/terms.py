"""The handbook's terms in `includes/terms.yml`: one concept, one name, its accepted and forbidden variants.

The glossary page renders the file; `make check` (tools/terminology.py) finds the forbidden variants
in the pages. A variant is a few words; a word ending in `*` takes any ending («детрактор*»).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

TERMS = Path(__file__).resolve().parent.parent / "includes" / "terms.yml"
SHOWN = "includes/terms.yml"
FIELDS = ("term", "english", "section", "definition", "see", "accepted", "forbidden", "sources")


class TermsError(ValueError):
    """The terms file is malformed; `line` points at the entry (1-based) when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Variant:
    """A forbidden way of writing a term, as a pattern over words.

    Examples:
        >>> Variant.parse("детрактор*").find("Разберите ответы детракторов.")
        [(17, 28)]
        >>> Variant.parse("врем* до ценност*").find("Время до получения ценности")
        []
        >>> Variant.parse({"match": "customer success", "case": True}).find("Customer Success и customer success")
        [(19, 35)]
    """

    text: str
    pattern: re.Pattern[str]

    @classmethod
    def parse(cls, entry: object) -> Variant:
        """A variant from the file: a string, or `{match: …, case: true}` to match letter case exactly."""
        case = False
        if isinstance(entry, dict):
            case = bool(entry.get("case"))
            entry = entry.get("match")
        if not isinstance(entry, str) or not entry.strip():
            raise TermsError(f"вариант термина должен быть текстом, а не {entry!r}")
        words = [_word(word) for word in entry.split()]
        flags = 0 if case else re.IGNORECASE
        return cls(entry, re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])", flags))

    def find(self, text: str) -> list[tuple[int, int]]:
        """Where the variant occurs in `text` («ё» and «е» count as one letter)."""
        return [match.span() for match in self.pattern.finditer(_without_yo(text))]


def _word(word: str) -> str:
    stem = _without_yo(word.rstrip("*"))
    return re.escape(stem) + (r"[\w-]*" if word.endswith("*") else "")


def _without_yo(text: str) -> str:
    return text.replace("ё", "е").replace("Ё", "Е")


@dataclass(frozen=True)
class Term:
    """One concept: its name, definition, where it is explained, and the other names it goes by."""

    term: str
    section: str
    definition: str
    english: str = ""
    see: tuple[tuple[str, str], ...] = ()
    accepted: tuple[str, ...] = ()
    forbidden: tuple[Variant, ...] = ()
    sources: tuple[str, ...] = ()
    line: int = 1


def parse_terms(text: str) -> list[Term]:
    """Read the terms file; errors name the entry's line and say what is wrong.

    Examples:
        >>> [item.term for item in parse_terms("- term: критик\\n  section: A\\n  definition: Недоволен.")]
        ['критик']
        >>> parse_terms("- term: критик\\n  section: A")
        Traceback (most recent call last):
        ...
        macros.terms.TermsError: у термина «критик» нет поля definition
    """
    try:
        nodes = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise TermsError(f"файл не читается как YAML: {getattr(error, 'problem', error)}", line) from None
    if not isinstance(data, list):
        raise TermsError("файл должен быть списком терминов, каждый начинается с «- term:»", 1)
    lines = [node.start_mark.line + 1 for node in nodes.value] if nodes is not None else []
    terms = [_term(entry, line) for entry, line in zip(data, lines, strict=True)]
    seen: dict[str, int] = {}
    for item in terms:
        if item.term in seen:
            raise TermsError(f"термин «{item.term}» описан дважды (ещё в строке {seen[item.term]})", item.line)
        seen[item.term] = item.line
    return terms


def _texts(entry: dict[str, object], field: str, name: str, line: int) -> tuple[str, ...]:
    value = entry.get(field) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TermsError(f"у термина «{name}» поле {field} должно быть списком: [вариант, вариант]", line)
    return tuple(value)


def _term(entry: object, line: int) -> Term:
    if not isinstance(entry, dict):
        raise TermsError("каждый термин — набор полей «поле: значение», начиная с «- term:»", line)
    name = entry.get("term")
    if not isinstance(name, str) or not name.strip():
        raise TermsError("у термина нет поля term", line)
    for field in entry:
        if field not in FIELDS:
            raise TermsError(f"у термина «{name}» неизвестное поле {field}; допустимые: {', '.join(FIELDS)}", line)
    for field in ("section", "definition"):
        if not isinstance(entry.get(field), str) or not entry[field].strip():
            raise TermsError(f"у термина «{name}» нет поля {field}", line)
    see = entry.get("see") or []
    if not isinstance(see, list) or not all(isinstance(pair, list) and len(pair) == 2 for pair in see):
        raise TermsError(f"у термина «{name}» поле see — список пар [текст ссылки, путь от docs/]", line)
    variants = entry.get("forbidden") or []
    if not isinstance(variants, list):
        raise TermsError(f"у термина «{name}» поле forbidden должно быть списком: [вариант, вариант]", line)
    try:
        forbidden = tuple(Variant.parse(item) for item in variants)
    except TermsError as error:
        raise TermsError(f"у термина «{name}»: {error}", line) from None
    return Term(
        term=name,
        section=entry["section"],
        definition=entry["definition"],
        english=str(entry.get("english") or ""),
        see=tuple((str(text), str(path)) for text, path in see),
        accepted=_texts(entry, "accepted", name, line),
        forbidden=forbidden,
        sources=_texts(entry, "sources", name, line),
        line=line,
    )


def load_terms(path: Path = TERMS) -> list[Term]:
    """The handbook's terms, in file order."""
    return parse_terms(path.read_text(encoding="utf-8"))


def render_term(item: Term, page: str = "glossary/index.md") -> str:
    """One term as a Markdown definition-list entry, links relative to `page`.

    Examples:
        >>> print(render_term(Term("критик", "A", "Недоволен.", "detractor", (("NPS", "calculators/nps.md"),),
        ...                        sources=("детракторы",))))
        Критик (detractor)
        :   Недоволен. В исходных статьях: «детракторы». См. [NPS](../calculators/nps.md).
    """
    depth = page.count("/")
    links = ", ".join(f"[{text}]({'../' * depth}{path})" for text, path in item.see)
    parts = [item.definition]
    if item.accepted:
        parts.append("Допустимо и: " + ", ".join(f"«{text}»" for text in item.accepted) + ".")
    if item.sources:
        parts.append("В исходных статьях: " + ", ".join(f"«{text}»" for text in item.sources) + ".")
    if links:
        parts.append(f"См. {links}.")
    name = item.term[:1].upper() + item.term[1:] if not item.term.startswith("«") else item.term
    english = f" ({item.english})" if item.english else ""
    return f"{name}{english}\n:   " + " ".join(parts)


def sections(items: list[Term]) -> Iterator[tuple[str, list[Term]]]:
    """Terms grouped by section, sections in the order they first appear."""
    order: dict[str, list[Term]] = {}
    for item in items:
        order.setdefault(item.section, []).append(item)
    yield from order.items()


def terms() -> str:
    """The glossary's «Термины» part: every term by section, with its English name, the sources' words and links.

    Редактору: все термины справочника из `includes/terms.yml` по разделам — определение,
    английское название, как термин назван в исходных статьях и где он разобран. Нужен только
    на странице глоссария. Новый термин или запрещённый вариант добавляйте в этот файл.

    Пример: {{ terms() }}

    Результат: термины по разделам, как на странице [«Глоссарий»](../glossary/index.md).
    """
    return "\n\n".join(
        f"### {section}\n\n" + "\n\n".join(render_term(item) for item in items)
        for section, items in sections(load_terms())
    )
