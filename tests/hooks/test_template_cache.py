"""The theme's compiled templates are reused between builds and recompiled when edited."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from tests.hook_modules import load_hook

template_cache = load_hook("template_cache")


def environment(project: Path, templates: Path) -> Environment:
    env = Environment(loader=FileSystemLoader(str(templates)))
    return template_cache.on_env(env, {"config_file_path": str(project / "mkdocs.yml")}, None)


def test_a_compiled_template_is_stored_and_an_edited_one_compiled_again(tmp_path: Path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("Привет, {{ name }}!", encoding="utf-8")
    assert environment(tmp_path, templates).get_template("page.html").render(name="мир") == "Привет, мир!"
    stored = list((tmp_path / template_cache.CACHE).iterdir())
    assert len(stored) == 1, "one compiled template on disk"

    # A new build (a new environment) with the template edited gets the new text.
    (templates / "page.html").write_text("Здравствуй, {{ name }}!", encoding="utf-8")
    assert environment(tmp_path, templates).get_template("page.html").render(name="мир") == "Здравствуй, мир!"
