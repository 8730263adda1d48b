"""Each calculator's page as it arrives, before any Python runs: a labelled form holding the
result CPython computes for its initial values; only these pages start the Python runtime."""

from __future__ import annotations

from pathlib import Path

import pytest

from calculators.registry import CALCULATORS
from tests.html_elements import Node
from tests.site.reading import page_tree, site_path
from tests.site_pages import answer, calculator_path, page_paths

CONTROLS = ("input", "select", "textarea")
WORKER = "assets/clg/worker.js"
PYODIDE = "assets/pyodide/"


def the_form(site: Path, name: str) -> Node:
    """The one form of calculator `name` on its page."""
    forms = list(page_tree(site, calculator_path(site, name)).find_all("form", data_calculator=name))
    assert len(forms) == 1, f"{len(forms)} forms of {name!r} on its page"
    return forms[0]


def form_values(form: Node) -> dict[str, str]:
    """The text values the form submits as it arrives, as the page's `FormData` reads them."""
    values = {}
    for control in form.iter():
        name = control.attrs.get("name")
        if control.tag not in CONTROLS or not name or "disabled" in control.attrs:
            continue
        kind = control.attrs.get("type", "text")
        if control.tag == "textarea":
            # Browsers drop a newline right after <textarea>; Python's parser keeps it.
            values[name] = control.raw_text().removeprefix("\n")
        elif kind in ("radio", "checkbox"):
            if "checked" in control.attrs:
                values[name] = control.attrs.get("value", "on")
        elif kind != "file":
            values[name] = control.attrs.get("value", "")
    return values


def labelled_controls(form: Node) -> dict[int, Node]:
    """The label of each control of the form that has one (by the control's `id()`): a
    `<label for=…>` naming its id, or a `<label>` around it."""
    labels: dict[int, Node] = {}
    by_id = {label.attrs["for"]: label for label in form.iter("label") if "for" in label.attrs}
    for label in form.iter("label"):
        for control in label.iter():
            if control.tag in CONTROLS:
                labels[id(control)] = label
    for control in form.iter():
        if control.tag in CONTROLS and control.attrs.get("id") in by_id:
            labels[id(control)] = by_id[control.attrs["id"]]
    return labels


@pytest.mark.parametrize("name", CALCULATORS)
def test_form_arrives_static(built_site: Path, name):
    # `static` until Python answers: the page's script switches it to `loading`, then `ready`.
    assert the_form(built_site, name).attrs.get("data-status") == "static"


@pytest.mark.parametrize("name", CALCULATORS)
def test_every_field_has_a_labelled_control(built_site: Path, name):
    form = the_form(built_site, name)
    labels = labelled_controls(form)
    for field in CALCULATORS[name].fields:
        controls = [node for node in form.iter() if node.tag in CONTROLS and node.attrs.get("name") == field.name]
        assert controls, f"no control for {field.name!r}"
        for control in controls:
            label = labels.get(id(control))
            assert label is not None, f"{field.name!r}: <{control.tag} {control.attrs}> has no <label>"
            assert label.text, f"{field.name!r}: the <label> of its control is empty"


@pytest.mark.parametrize("name", CALCULATORS)
def test_form_starts_at_the_calculators_defaults(built_site: Path, name):
    calculator = CALCULATORS[name]
    # A chosen file is not a text value, and a form starts without one.
    expected = {field.name: field.default for field in calculator.fields if field.kind != "file"}
    assert form_values(the_form(built_site, name)) == expected


@pytest.mark.parametrize("name", CALCULATORS)
def test_output_holds_what_cpython_computes_for_the_form(built_site: Path, name):
    form = the_form(built_site, name)
    outputs = list(form.find_all("output", aria_live="polite"))
    assert len(outputs) == 1, "the result is announced from one <output aria-live=polite>"
    results = [node.attrs for node in outputs[0].iter() if "data-result" in node.attrs]
    shown = {attrs["data-result"]: attrs.get("data-value") for attrs in results}
    expected = answer(name, form_values(form))
    if expected["status"] == "ok":
        assert shown == expected["values"]
    else:
        # A questionnaire that starts unanswered shows what to do instead of figures.
        assert shown == {}
        assert outputs[0].text == expected["errors"][0]["message"]


@pytest.mark.parametrize("path", page_paths())
def test_only_calculator_pages_start_python(built_site: Path, path):
    page = page_tree(built_site, path)
    has_calculator = any("data-calculator" in node.attrs for node in page.iter("form"))
    # The head's inline script starts the worker before the theme's scripts have run.
    starters = [node for node in page.iter("script") if "data-worker" in node.attrs]
    assert len(starters) == (1 if has_calculator else 0)
    for starter in starters:
        assert site_path(path, starter.attrs["data-worker"]) == WORKER
    if not has_calculator:
        # Not a byte of Python for a page that does not need it: no script, preload or link to it.
        loaded = [
            url
            for node in page.iter()
            if node.tag in ("script", "link", "img", "iframe")
            for url in (node.attrs.get("src"), node.attrs.get("href"))
            if url and (site_path(path, url) or "").startswith((PYODIDE, WORKER))
        ]
        assert loaded == []


def test_the_worker_starter_is_one_script_on_every_page(built_site: Path):
    # One text everywhere means one hash in the Content-Security-Policy.
    texts = {
        node.raw_text()
        for path in page_paths()
        for node in page_tree(built_site, path).iter("script")
        if "data-worker" in node.attrs
    }
    assert len(texts) == 1
