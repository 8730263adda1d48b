"""The built site served through a slow link: one bandwidth limit shared by every connection, and a
delay before each response, as a phone's connection would deliver it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tools.serve import handler_for, running

CHUNK = 16 * 1024


@dataclass(frozen=True)
class Profile:
    """A link: its name in the table, bandwidth and the delay before each response."""

    name: str
    megabits: float
    latency_ms: int

    @property
    def bytes_per_second(self) -> float:
        """Examples:
        >>> Profile("x", 1.6, 150).bytes_per_second
        200000.0
        """
        return self.megabits * 1_000_000 / 8


PROFILES = {
    "fast": Profile("10 Mbit/s, 40 ms", 10, 40),
    # Lighthouse's "slow 4G".
    "slow": Profile("1.6 Mbit/s, 150 ms", 1.6, 150),
}
# What the host sends for the site's runtime: gzip only (GitHub Pages), or brotli where a sibling is there.
ENCODINGS = {"gzip": ("gzip",), "br": ("br", "gzip")}


class Pipe:
    """One link that every connection shares: bytes leave in the order they were handed in."""

    def __init__(self, bytes_per_second: float) -> None:
        self.bytes_per_second = bytes_per_second
        self.free_at = 0.0
        self.lock = threading.Lock()

    def send(self, size: int) -> None:
        """Wait until `size` bytes have passed through the link after everything queued before them."""
        with self.lock:
            start = max(time.monotonic(), self.free_at)
            self.free_at = start + size / self.bytes_per_second
            done = self.free_at
        time.sleep(max(0.0, done - time.monotonic()))


class ThrottledWriter:
    """A connection's output stream that passes every byte through the shared pipe."""

    def __init__(self, raw: BinaryIO, pipe: Pipe) -> None:
        self.raw = raw
        self.pipe = pipe

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        for start in range(0, len(view), CHUNK):
            chunk = view[start : start + CHUNK]
            self.pipe.send(len(chunk))
            self.raw.write(chunk)
        return len(data)

    def flush(self) -> None:
        self.raw.flush()

    def close(self) -> None:
        self.raw.close()

    @property
    def closed(self) -> bool:
        return self.raw.closed


@contextmanager
def throttled_server(site: Path, profile: Profile, encoding: str) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 through `profile`'s link; files without a sibling are gzipped on the fly."""
    handler = handler_for(site, gzip_on_the_fly=True, precompressed=ENCODINGS[encoding])
    pipe = Pipe(profile.bytes_per_second)
    latency = profile.latency_ms / 1000

    class Throttled(handler.func):  # type: ignore[misc, name-defined]
        def setup(self) -> None:
            super().setup()
            self.wfile = ThrottledWriter(self.wfile, pipe)

        def send_response(self, code: int, message: str | None = None) -> None:
            # The request's way there and the response's first byte back.
            time.sleep(latency)
            super().send_response(code, message)

    with running(lambda *args: Throttled(*args, **handler.keywords)) as url:
        yield url
