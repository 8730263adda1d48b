"""Developer and editor tools: `make check`, `make linkcheck` and `make serve-built`; not part of the site."""
