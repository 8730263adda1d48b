"""Two engines besides Chromium, driven from Python: Firefox over WebDriver BiDi, WebKitGTK over classic WebDriver.

Playwright can drive neither stock Firefox nor WebKitGTK, so each gets a small driver with the
same few verbs the smoke tests need: open a page, evaluate an expression, wait for a condition,
type into a field, list the console errors seen.
"""

from __future__ import annotations

import itertools
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from websockets.sync.client import ClientConnection, connect

START_TIMEOUT_S = 60
COMMAND_TIMEOUT_S = 120
# The probe keeps what it saw in the tab's sessionStorage (about:blank has none); reading forgets it.
PROBE_ERRORS = """(() => {
  if (!location.protocol.startsWith("http")) return [];
  const seen = JSON.parse(sessionStorage.getItem("clg-engine-probe") || "[]");
  sessionStorage.removeItem("clg-engine-probe");
  return seen;
})()"""
# Firefox preferences for a quiet, offline-safe profile: no update checks, telemetry or first-run pages.
FIREFOX_PREFS = {
    "app.update.enabled": False,
    "browser.shell.checkDefaultBrowser": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.enabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "extensions.update.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.startup.homepage_override.mstone": "ignore",
}


class EnginePage(Protocol):
    """The verbs the cross-engine tests use, whatever drives the browser."""

    name: str

    def open(self, url: str) -> None:
        """Navigate to `url` and wait until the document has loaded."""

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression evaluated in the page, a promise awaited."""

    def type(self, selector: str, text: str) -> None:
        """Replace the value of the control at `selector` by typing `text` with real key events."""

    def errors(self) -> list[str]:
        """Console errors, uncaught errors and CSP violations seen since the last call (which forgets them)."""


def awaited_json(expression: str) -> str:
    """JavaScript that evaluates `expression`, awaits it if it is a promise, and gives its JSON text.

    Examples:
        >>> awaited_json("caches.keys()")
        '(async () => JSON.stringify(await (caches.keys())))()'
    """
    return f"(async () => JSON.stringify(await ({expression})))()"


def settle(page: EnginePage, expression: str, expected: Any, seconds: float) -> Any:
    """Poll a JavaScript expression until its value equals `expected` or `seconds` pass; its last value."""
    deadline = time.monotonic() + seconds
    value = page.evaluate(expression)
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.1)
        value = page.evaluate(expression)
    return value


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class FirefoxPage:
    """One Firefox tab driven over WebDriver BiDi; console entries arrive as `log.entryAdded` events."""

    name = "firefox"

    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection
        self.ids = itertools.count(1)
        self.log: list[str] = []
        self.send("session.new", {"capabilities": {}})
        self.send("session.subscribe", {"events": ["log.entryAdded"]})
        self.context = self.send("browsingContext.getTree", {})["contexts"][0]["context"]

    def send(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """Run one BiDi command and return its result, keeping the events that arrive meanwhile."""
        command_id = next(self.ids)
        self.connection.send(json.dumps({"id": command_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.connection.recv(timeout=COMMAND_TIMEOUT_S))
            if message.get("method") == "log.entryAdded" and message["params"].get("level") == "error":
                self.log.append(message["params"].get("text") or json.dumps(message["params"]))
            if message.get("id") == command_id:
                if message.get("type") == "error":
                    raise RuntimeError(f"{method}: {message.get('error')}: {message.get('message')}")
                result: dict[str, Any] = message["result"]
                return result

    def open(self, url: str) -> None:
        self.send("browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"})

    def evaluate(self, expression: str) -> Any:
        answer = self.send(
            "script.evaluate",
            {"expression": awaited_json(expression), "target": {"context": self.context}, "awaitPromise": True},
        )
        if answer["type"] == "exception":
            raise RuntimeError(answer["exceptionDetails"]["text"])
        value = answer["result"].get("value")
        return None if value is None else json.loads(value)

    def type(self, selector: str, text: str) -> None:
        self.evaluate(f"(e => (e.focus(), e.select(), true))(document.querySelector({json.dumps(selector)}))")
        keys = [{"type": kind, "value": key} for key in ["\ue017", *text] for kind in ("keyDown", "keyUp")]
        self.send(
            "input.performActions",
            {"context": self.context, "actions": [{"type": "key", "id": "keyboard", "actions": keys}]},
        )

    def errors(self) -> list[str]:
        self.evaluate("true")  # Collects the events that arrived since the last command.
        seen, self.log = self.log, []
        return seen


@contextmanager
def firefox(executable: str) -> Iterator[FirefoxPage]:
    """A headless Firefox with a fresh profile and one tab, closed afterwards."""
    port = free_port()
    with tempfile.TemporaryDirectory() as profile:
        prefs = "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in FIREFOX_PREFS.items())
        Path(profile, "user.js").write_text(prefs, encoding="utf-8")
        command = [executable, "--headless", "--no-remote", "--profile", profile, f"--remote-debugging-port={port}"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with _bidi_connection(port) as connection:
                yield FirefoxPage(connection)
        finally:
            process.terminate()
            process.wait(timeout=30)


@contextmanager
def _bidi_connection(port: int) -> Iterator[ClientConnection]:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            connection = connect(f"ws://127.0.0.1:{port}/session", max_size=None, open_timeout=5)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    with connection:
        yield connection


class WebKitPage:
    """WebKitGTK's MiniBrowser over classic W3C WebDriver (plain HTTP and JSON, no client library).

    WebKitWebDriver offers no console log, so errors come from the probe script every test page loads.
    """

    name = "webkit"

    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint

    def call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """One WebDriver command; its `value`, or `RuntimeError` with the driver's message."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.endpoint + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=COMMAND_TIMEOUT_S) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{method} {path}: {error.read().decode(errors='replace')}") from None

    def open(self, url: str) -> None:
        self.call("POST", "/url", {"url": url})

    def evaluate(self, expression: str) -> Any:
        # Execute Script waits for a returned promise.
        value = self.call("POST", "/execute/sync", {"script": f"return {awaited_json(expression)};", "args": []})
        return None if value is None else json.loads(value)

    def type(self, selector: str, text: str) -> None:
        element = self.call("POST", "/element", {"using": "css selector", "value": selector})
        element_id = next(iter(element.values()))
        # WebKitWebDriver ignores Control+A in a key sequence; Element Clear empties the field instead.
        self.call("POST", f"/element/{element_id}/clear", {})
        self.call("POST", f"/element/{element_id}/value", {"text": text})

    def errors(self) -> list[str]:
        return list(self.evaluate(PROBE_ERRORS))


@contextmanager
def xvfb() -> Iterator[str]:
    """A virtual screen for WebKitGTK, which has no headless mode; yields its DISPLAY."""
    read, write = os.pipe()
    process = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp"], pass_fds=(write,))
    os.close(write)
    with open(read, encoding="ascii") as number:
        display = f":{number.readline().strip()}"
    try:
        yield display
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def webkit(minibrowser: str, driver: str, display: str) -> Iterator[WebKitPage]:
    """WebKitGTK's MiniBrowser on `display`, driven by WebKitWebDriver, closed afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [driver, f"--port={port}"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    driver_url = f"http://127.0.0.1:{port}"
    options = {"binary": minibrowser, "args": ["--automation"]}
    try:
        session = _new_session(driver_url, {"alwaysMatch": {"webkitgtk:browserOptions": options}})
        page = WebKitPage(f"{driver_url}/session/{session}")
        try:
            yield page
        finally:
            page.call("DELETE", "")
    finally:
        process.terminate()
        process.wait(timeout=30)


def _new_session(driver_url: str, capabilities: dict[str, Any]) -> str:
    deadline = time.monotonic() + START_TIMEOUT_S
    starter = WebKitPage(driver_url)
    while True:
        try:
            return str(starter.call("POST", "/session", {"capabilities": capabilities})["sessionId"])
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
