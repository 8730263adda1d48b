"""MkDocs hook: under `mkdocs serve` a page's mistake shows in the page, and the server keeps going.

A failed macro, a broken data file or missing front matter stops `mkdocs build` (as it must: `make build`
and `make check` fail loudly). Under `make serve` the same stop used to end the server: mkdocs-macros
exits the process, and the editor's browser just stopped connecting. Here, while serving, the page that
fails is replaced by a Russian box with the file, the line and the fix, the same text `make check`
prints, and the rest of the site builds; saving the fixed file brings the page back. The terminal
shows the same Russian text instead of mkdocs-macros' English traceback.

Serving is not strict: a warning (a broken link, or a link into a page that shows an error box)
is printed in the terminal instead of freezing the served site at its last good build; `make check`
and `make build` stay strict.
"""

from __future__ import annotations

import html
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

PROJECT = Path(__file__).resolve().parent.parent.parent
if str(PROJECT) not in sys.path:  # `tools` is the project's own folder, not an installed package
    sys.path.append(str(PROJECT))

from tools.check_content import (  # noqa: E402
    LogCollector,
    Problem,
    Sources,
    build_problem,
    check_page_front_matter,
)

log = logging.getLogger("mkdocs.hooks.serve_errors")
# mkdocs-macros reports a failed macro here, as a warning that would abort the strict build.
MACROS_LOG = "mkdocs.plugins.mkdocs_macros"
# Each rebuild under `mkdocs serve` loads the configuration, and this hook, anew, but only the first
# load gets `on_startup`: the process environment is what lasts as long as the server.
SERVING = "CLG_HANDBOOK_SERVING"


def on_startup(command: str, dirty: bool) -> None:
    """Remember for this process, and its rebuilds, whether it serves the site."""
    os.environ[SERVING] = "1" if command == "serve" else ""


def error_box(problems: list[Problem]) -> str:
    """The Russian box that stands in for a page that did not build (raw HTML inside Markdown).

    Examples:
        >>> box = error_box([Problem("build", "docs/a.md", 3, "неизвестный макрос «x»", "исправьте <имя>")])
        >>> "<code>docs/a.md:3</code>: неизвестный макрос «x»" in box, "исправьте &lt;имя&gt;" in box
        (True, True)
    """
    items = "\n".join(
        f"<li><p><code>{html.escape(f'{p.file}:{p.line}' if p.line else p.file)}</code>: {html.escape(p.message)}</p>"
        f"<p>Как исправить: {html.escape(p.fix)}</p></li>"
        for p in problems
    )
    return (
        '<div class="admonition failure clg-build-error" role="alert">\n'
        '<p class="admonition-title">Страница не собралась</p>\n'
        f"<ul>\n{items}\n</ul>\n"
        "<p>Исправьте файл и сохраните: страница обновится сама. Перед пулреквестом запустите "
        "<code>make check</code>.</p>\n</div>\n"
    )


def page_problems(error: BaseException, messages: list[str], page: Any, config: Any) -> list[Problem]:
    """What `make check` would say about the page that just failed to render."""
    docs = Path(config["docs_dir"])
    sources = Sources(docs=docs, includes=PROJECT / "includes")
    path = docs / page.file.src_path
    if isinstance(error, PluginError):  # macros/frontmatter.py: required front matter missing
        problems = check_page_front_matter(path, sources.show(path))
    else:
        problems = [problem for message in messages for problem in build_problem(message, sources)]
    return problems or [
        Problem("build", sources.show(path), None, f"страница не собирается: {error}", "см. сообщение в терминале")
    ]


def surviving(render: Callable[..., str], config: Any) -> Callable[..., str]:
    """The macros plugin's page step, turning a fatal error into the error box."""

    def render_page(markdown: str, *, page: Any, **kwargs: Any) -> str:
        collector = LogCollector()
        macros_log = logging.getLogger(MACROS_LOG)
        macros_log.addHandler(collector)
        macros_log.propagate = False  # the page shows the error; the build goes on
        try:
            return render(markdown, page=page, **kwargs)
        except (SystemExit, Exception) as error:  # mkdocs-macros ends the process on a failed macro
            problems = page_problems(error, collector.messages, page, config)
            for problem in problems:
                log.info("Страница не собралась:\n%s", problem)
            return f"# {page.title or page.file.src_path}\n\n{error_box(problems)}"
        finally:
            macros_log.removeHandler(collector)
            macros_log.propagate = True

    return render_page


def on_config(config: Any) -> Any:
    """While serving: wrap the macros plugin's page step so that a failing page shows its error; not strict."""
    if os.environ.get(SERVING) != "1":
        return config
    # `build` counts warnings for strict mode with a handler it attaches before this event.
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in [handler for handler in mkdocs_log.handlers if isinstance(handler, CountHandler)]:
        mkdocs_log.removeHandler(handler)
    macros = config.plugins.get("macros")
    events = config.plugins.events["page_markdown"]
    for index, method in enumerate(events):
        if macros is not None and getattr(method, "__self__", None) is macros:
            events[index] = surviving(method, config)
    return config
