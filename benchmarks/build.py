"""Build time of the handbook against plain Material on the same pages."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
EXTRA_PAGES = 500
BUILD_REPEATS = 3


def timed_build(config: Path, site: Path) -> float:
    """Seconds one `mkdocs build` of `config` takes.

    Python caches compiled modules as it does by default, even where the environment says not to
    (`PYTHONDONTWRITEBYTECODE`): otherwise the project's own modules, unlike the installed
    packages, would be compiled anew in every build.
    """
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)],
        cwd=config.parent,
        check=True,
        env={**env, "NO_MKDOCS_2_WARNING": "1"},
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
    """A committed copy of the project (its docs plus `extra_pages` generated ones); return its mkdocs.yml."""
    for name in ("docs", "includes", "overrides", "macros", "calculators", "scripts"):
        shutil.copytree(PROJECT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "node_modules").symlink_to(PROJECT / "node_modules")
    shutil.copy(PROJECT / "mkdocs.yml", target / "mkdocs.yml")
    extra = target / "docs" / "generated"
    extra.mkdir()
    for number in range(extra_pages):
        (extra / f"page-{number:03}.md").write_text(generated_page(number), encoding="utf-8")
    commit_all(target)
    return target / "mkdocs.yml"


def commit_all(target: Path) -> None:
    """Make `target` a git repository with one commit, as a clone is: the pages' dates come from git."""
    identity = ["-c", "user.name=benchmark", "-c", "user.email=benchmark@localhost"]
    for command in (["init", "--quiet"], ["add", "--all"], [*identity, "commit", "--quiet", "--message", "benchmark"]):
        subprocess.run(["git", *command], cwd=target, check=True)


def plain_config(project_config: Path) -> Path:
    """The same site with plain Material: no macros, hooks, project templates or project assets."""
    text = project_config.read_text(encoding="utf-8")
    config = yaml.load(text, Loader=yaml.Loader)
    config["theme"].pop("custom_dir", None)
    config["plugins"] = [plugin for plugin in config["plugins"] if "search" in str(plugin)]
    config.pop("extra_javascript", None)
    config.pop("extra_css", None)
    config.pop("watch", None)
    config.pop("hooks", None)
    config["strict"] = False
    target = project_config.with_name("mkdocs-plain.yml")
    target.write_text(yaml.dump(config, allow_unicode=True), encoding="utf-8")
    return target


def build_times(workdir: Path, repeats: int = BUILD_REPEATS) -> dict[str, float]:
    """Median seconds for our build and plain Material's, on the site and on the site + 500 pages.

    After one unmeasured build of each (caches warm, bytecode written), the two configurations
    are built in turn, so that a slow moment of the machine falls on both alike.
    """
    results: dict[str, float] = {}
    for label, pages in (("site", 0), ("site_500", EXTRA_PAGES)):
        root = workdir / label
        config = copy_project(root, pages)
        plain = plain_config(config)
        timings: dict[str, list[float]] = {"ours": [], "plain": []}
        for kind, path in (("ours", config), ("plain", plain)):
            timed_build(path, root / f"warmup-{kind}")
        for _ in range(repeats):
            for kind, path in (("ours", config), ("plain", plain)):
                timings[kind].append(timed_build(path, root / f"site-{kind}"))
        for kind, seconds in timings.items():
            results[f"{label}_{kind}_s"] = statistics.median(seconds)
    return results
