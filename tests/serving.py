"""The static server the tests use: the same one as `make serve-built` (see `tools/serve.py`)."""

from __future__ import annotations

from tools.serve import CONTENT_TYPES, serve

__all__ = ["CONTENT_TYPES", "serve"]
