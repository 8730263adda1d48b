"""`make serve` survives an editor's mistake: the page shows it in Russian, fixing the file brings the page back."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hook_modules import load_hook
from tests.tools.project_copy import project_copy

serve_errors = load_hook("serve_errors")
PAGE = "metrics-faq/index.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


@dataclass
class Server:
    """A running `mkdocs serve` and the file its terminal output goes to."""

    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-6000:]


def wait_for(condition: Callable[[], bool], what: str, server: Server, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if server.process.poll() is not None:
            pytest.fail(f"mkdocs serve ended while waiting for {what}:\n{server.output()}")
        time.sleep(1)
    pytest.fail(f"timed out waiting for {what}:\n{server.output()}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Server]]:
    """`mkdocs serve` (as `make serve` runs it) of a copy of the project: (copy, base URL, the server)."""
    root = project_copy(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=root,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    server = Server(process, log)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(base)[0] == 200, "the first build", server)
        yield root, base, server
    finally:
        process.terminate()
        process.wait(timeout=30)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_mistakes_show_in_the_page_and_the_server_keeps_serving(served):
    root, base, server = served
    url = base + "clg-handbook/metrics-faq/"  # site_url in mkdocs.yml ends in /clg-handbook/
    assert "Страница не собралась" not in fetch(url)[1]
    page, data = root / "docs" / PAGE, root / "docs" / "data" / "benchmarks.json"
    good_page, good_data = page.read_text(encoding="utf-8"), data.read_text(encoding="utf-8")
    broken_data = good_data.replace('"unit": ', '"unit" ', 1)
    colon_line = line_of(broken_data, '"unit"')
    mistakes = [
        # (file, its broken text, what the page must say)
        (
            page,
            good_page + '\nОриентир — {{ benchmrk("nrr_median") }}.\n',
            f"docs/{PAGE}:{good_page.count(chr(10)) + 2}</code>: неизвестный макрос «benchmrk»",
        ),
        (
            data,
            broken_data,
            f"docs/data/benchmarks.json:{colon_line}</code>: после ключа не хватает двоеточия",
        ),
        (page, good_page.replace("\ndescription:", "\ndescriptio:", 1), "нет обязательного поля description"),
    ]
    for path, broken, expected in mistakes:
        good = path.read_text(encoding="utf-8")
        path.write_text(broken, encoding="utf-8")
        wait_for(lambda: "Страница не собралась" in fetch(url)[1], f"the error in the page: {expected}", server)
        status, html = fetch(url)
        assert status == 200 and expected in html, html[html.find("Страница не собралась") :][:2000]
        assert fetch(url.replace("metrics-faq/", "lifecycle/"))[0] == 200, "the rest of the site is still served"

        path.write_text(good, encoding="utf-8")
        wait_for(lambda: "Страница не собралась" not in fetch(url)[1], "the page back", server)
        assert fetch(url)[0] == 200 and server.process.poll() is None


def test_the_hook_does_nothing_outside_serve():
    # `make build` and `make check` must still fail loudly: the hook changes nothing unless serving.
    serve_errors.on_startup(command="build", dirty=False)
    config = {"strict": True}
    assert serve_errors.on_config(config) is config and config == {"strict": True}
    assert os.environ[serve_errors.SERVING] == ""
