"""Build time of the handbook against plain Material on the same pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
EXTRA_PAGES = 500


def timed_build(config: Path, site: Path) -> float:
    """Seconds one `mkdocs build` of `config` takes."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)],
        cwd=config.parent,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - started


def generated_page(number: int) -> str:
    """A page of ordinary handbook-like Markdown: headings, a list, a table, an abbreviation."""
    return (
        f"---\ntitle: Страница {number}\ndescription: Сгенерированная страница для замера сборки.\n---\n\n"
        f"# Страница {number}\n\n"
        + "\n\n".join(
            f"## Раздел {section}\n\nУдержание выручки (NRR) и окупаемость CAC обсуждаются здесь. "
            "Каждый абзац похож на обычный текст справочника.\n\n- пункт один\n- пункт два\n\n"
            "| Показатель | Значение |\n| --- | --- |\n| NPS | 30 |\n"
            for section in range(1, 6)
        )
    )


def copy_project(target: Path, extra_pages: int) -> Path:
    """A copy of the project (its docs plus `extra_pages` generated ones); return its mkdocs.yml."""
    for name in ("docs", "includes", "overrides", "macros", "calculators"):
        shutil.copytree(PROJECT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "node_modules").symlink_to(PROJECT / "node_modules")
    shutil.copy(PROJECT / "mkdocs.yml", target / "mkdocs.yml")
    extra = target / "docs" / "generated"
    extra.mkdir()
    for number in range(extra_pages):
        (extra / f"page-{number:03}.md").write_text(generated_page(number), encoding="utf-8")
    return target / "mkdocs.yml"


def plain_config(project_config: Path) -> Path:
    """The same site with plain Material: no macros, no project templates, no project assets."""
    text = project_config.read_text(encoding="utf-8")
    config = yaml.load(text, Loader=yaml.Loader)
    config["theme"].pop("custom_dir", None)
    config["plugins"] = [plugin for plugin in config["plugins"] if "search" in str(plugin)]
    config.pop("extra_javascript", None)
    config.pop("extra_css", None)
    config.pop("watch", None)
    config["strict"] = False
    target = project_config.with_name("mkdocs-plain.yml")
    target.write_text(yaml.dump(config, allow_unicode=True), encoding="utf-8")
    return target


def build_times(workdir: Path) -> dict[str, float]:
    """Seconds for our build and plain Material's, on the site and on the site + 500 pages."""
    results: dict[str, float] = {}
    for label, pages in (("site", 0), ("site_500", EXTRA_PAGES)):
        root = workdir / label
        config = copy_project(root, pages)
        plain = plain_config(config)
        timed_build(config, root / "warmup")
        results[f"{label}_ours_s"] = timed_build(config, root / "site-ours")
        results[f"{label}_plain_s"] = timed_build(plain, root / "site-plain")
    return results
