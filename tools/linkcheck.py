"""`make linkcheck`: a report on the external links of the pages and data files; it never fails the build.

Internal links and anchors are checked by the strict build (`make check`); this command asks each
external address once (HEAD, then GET if the server refuses HEAD), with a timeout, a few at a time.
Without a network it says so and exits 0, as it does when links are broken: the report is for editors
to act on, while the machine that builds the site may well be offline. `--strict` exits 1 on broken links.
"""

from __future__ import annotations

import argparse
import re
import socket
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
URL = re.compile(r"https?://[^\s<>()\"'`»\]]+")
TRAILING = ".,;:!?—–"
USER_AGENT = "clg-handbook-linkcheck/1 (+https://github.com/clg-handbook/clg-handbook)"
SKIP_HOSTS = ("127.0.0.1", "localhost", "example.com", "example.org")


@dataclass(frozen=True)
class Link:
    """An external address and where it appears first."""

    url: str
    file: str
    line: int


@dataclass(frozen=True)
class Outcome:
    """What the address answered: an HTTP status, or the network error that stopped it."""

    link: Link
    status: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        """2xx and 3xx count as working; 401, 403 and 429 often mean a site that refuses robots, not a dead link."""
        return self.status is not None and (self.status < 400 or self.status in (401, 403, 429))


def find_links(files: Iterable[Path], project: Path = PROJECT) -> list[Link]:
    """Every distinct external URL in `files`, with the file and line of its first appearance.

    Examples:
        >>> import tempfile
        >>> page = Path(tempfile.mkdtemp()) / "a.md"
        >>> _ = page.write_text("См. [отчёт](https://example.net/r?x=1).\\nИ <https://example.net/r?x=1>.")
        >>> [(link.url, link.line) for link in find_links([page])]
        [('https://example.net/r?x=1', 1)]
    """
    seen: dict[str, Link] = {}
    for path in files:
        try:
            shown = path.resolve().relative_to(project).as_posix()
        except ValueError:
            shown = str(path)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in URL.finditer(line):
                url = match.group(0).rstrip(TRAILING)
                host = re.sub(r"^https?://([^/:?#]+).*$", r"\1", url)
                if host not in SKIP_HOSTS and url not in seen:
                    seen[url] = Link(url, shown, number)
    return list(seen.values())


def check_link(link: Link, timeout: float) -> Outcome:
    """Ask for the address: HEAD first, GET when the server does not allow HEAD."""
    status: int | None = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(link.url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Outcome(link, response.status)
        except urllib.error.HTTPError as error:
            status = error.code
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return Outcome(link, status)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            return Outcome(link, None, str(reason))
    return Outcome(link, status)


def online(timeout: float) -> bool:
    """Whether the machine resolves a public host name at all; without it every link would look broken."""
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout)
    try:
        socket.getaddrinfo("github.com", 443)
        return True
    except OSError:
        return False
    finally:
        socket.setdefaulttimeout(previous)


def default_files(project: Path = PROJECT) -> list[Path]:
    """Pages, data files and the glossary: where editors put external links."""
    docs = project / "docs"
    return sorted(docs.rglob("*.md")) + sorted((docs / "data").glob("*.json")) + sorted(project.glob("includes/*.md"))


def main(argv: list[str] | None = None) -> int:
    """Print the report; exit 0 unless `--strict` and a link is broken."""
    parser = argparse.ArgumentParser(description="Проверка внешних ссылок справочника (не блокирует сборку).")
    parser.add_argument("files", nargs="*", type=Path, help="файлы (по умолчанию страницы, данные и глоссарий)")
    parser.add_argument("--timeout", type=float, default=10.0, help="секунд на один адрес")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--strict", action="store_true", help="завершиться с кодом 1, если есть битые ссылки")
    args = parser.parse_args(argv)
    links = find_links(args.files or default_files())
    print(f"Внешних ссылок: {len(links)}")
    if not links:
        return 0
    if not online(min(args.timeout, 5.0)):
        print("Нет доступа к интернету: внешние ссылки не проверены. Это не ошибка — запустите команду позже.")
        return 0
    with ThreadPoolExecutor(max_workers=args.workers) as pool:
        outcomes = list(pool.map(lambda link: check_link(link, args.timeout), links))
    broken = [outcome for outcome in outcomes if not outcome.ok]
    for outcome in outcomes:
        mark = "ok " if outcome.ok else "!! "
        answer = str(outcome.status) if outcome.status is not None else f"нет ответа: {outcome.error}"
        print(f"{mark}{answer:>4}  {outcome.link.url}  ({outcome.link.file}:{outcome.link.line})")
    if broken:
        print(
            f"\nНе работают: {len(broken)}. Замените адрес на рабочий или уберите ссылку; "
            "«нет ответа» бывает и временным — проверьте позже.",
            file=sys.stderr,
        )
    else:
        print("\nВсе внешние ссылки отвечают.")
    return 1 if broken and args.strict else 0


if __name__ == "__main__":
    raise SystemExit(main())
