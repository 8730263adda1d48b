"""`make check`'s terminology rule: no page uses a variant of a term that `includes/terms.yml` forbids.

Code spans are not checked, so a guide can quote a forbidden variant as `детрактор`.
"""

from __future__ import annotations

from pathlib import Path

from macros.terms import Term, TermsError, load_terms
from tools.findings import Finding, Tree, prose_files
from tools.prose import Line, running_text

TERMS_FILE = "terms.yml"


def forbidden_in(lines: list[Line], terms: list[Term], shown: str) -> list[Finding]:
    """Every forbidden variant in these lines, with the preferred term.

    Examples:
        >>> from macros.terms import parse_terms
        >>> terms = parse_terms("- term: критик\\n  section: A\\n  definition: Б.\\n  forbidden: [детрактор*]")
        >>> [(item.line, item.message) for item in forbidden_in([Line(3, "Ответы детракторов")], terms, "a.md")]
        [(3, 'запрещённый вариант термина: «детракторов» (столбец 8)')]
    """
    findings = []
    for line in lines:
        for term in terms:
            for variant in term.forbidden:
                for start, end in variant.find(line.text):
                    findings.append(
                        Finding(
                            shown,
                            line.number,
                            f"запрещённый вариант термина: «{line.text[start:end]}» (столбец {start + 1})",
                            f"пишите «{term.term}» — так этот термин называется во всём справочнике "
                            f"(includes/{TERMS_FILE}); если нужно процитировать вариант, оформите его как `код`",
                        )
                    )
    return findings


def check_terminology(tree: Tree) -> list[Finding]:
    """The terms file parses, and no page, snippet or data file uses a forbidden variant."""
    path: Path = tree.includes / TERMS_FILE
    try:
        terms = load_terms(path)
    except TermsError as error:
        return [
            Finding(
                tree.show(path),
                error.line,
                f"ошибка в файле терминов: {error}",
                "сверьте запись с соседними: «- term: …», затем поля section, definition и списки в квадратных "
                "скобках — описание полей в начале файла",
            )
        ]
    except OSError as error:
        return [Finding(tree.show(path), None, f"не удалось прочитать файл терминов: {error}", "верните файл")]
    return [
        finding
        for source in prose_files(tree)
        for finding in forbidden_in(running_text(source), terms, tree.show(source))
    ]
