"""MkDocs hook: in a shallow CI clone the dates plugin's warning becomes a note, so `--strict` still builds.

mkdocs-git-revision-date-localized-plugin warns on GitHub Actions, GitLab, Azure and Bitbucket when the
clone is shallow, because every page then gets the date of the one fetched commit. That is an
imprecise date, not a broken page: the handbook's workflows fetch the whole history
(`fetch-depth: 0`), and a CI that does not still builds, with the note in its log.
"""

from __future__ import annotations

import logging

CI_LOGGER = "mkdocs.plugins.mkdocs_git_revision_date_localized_plugin.ci"


class ShallowCloneIsANote(logging.Filter):
    """Lower the plugin's shallow-clone warnings to INFO, which `mkdocs build --strict` does not count."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record, one level lower."""
        if record.levelno == logging.WARNING:
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
        return True


def on_startup(command: str, dirty: bool) -> None:
    """Install the filter once per MkDocs run (build, serve or gh-deploy)."""
    logger = logging.getLogger(CI_LOGGER)
    if not any(isinstance(existing, ShallowCloneIsANote) for existing in logger.filters):
        logger.addFilter(ShallowCloneIsANote())
