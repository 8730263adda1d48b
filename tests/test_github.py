"""The GitHub files: workflows that parse and run the README's commands, the template, CODEOWNERS."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT = Path(__file__).resolve().parent.parent
GITHUB = PROJECT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    return workflow.get("on", workflow.get(True))


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict[str, Any]) -> list[str]:
    return [step["run"].strip() for step in steps(workflow) if "run" in step]


def uses(workflow: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_is_valid_yaml_with_jobs_and_pinned_actions(path):
    workflow = load(path)
    assert workflow["name"] and triggers(workflow) and workflow["jobs"]
    for step in steps(workflow):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout"):
            assert step["with"]["fetch-depth"] == 0, "the last-update dates need the full git history"


def test_pull_requests_run_make_check_and_make_test_and_keep_the_site_for_preview():
    workflow = load(GITHUB / "workflows" / "pull-request.yml")
    assert "pull_request" in triggers(workflow)
    assert {"make check", "make test", "make build"} <= set(runs(workflow))
    [upload] = [step for step in steps(workflow) if step.get("uses", "").startswith("actions/upload-artifact")]
    assert upload["with"]["path"].rstrip("/") == "site"
    assert upload["with"]["name"] == "site-preview"


def test_main_is_built_and_deployed_to_github_pages():
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert "make build" in runs(workflow)
    assert [name for name in uses(workflow) if "pages" in name] == [
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_the_commands_the_workflows_run_exist_in_the_makefile():
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    for path in WORKFLOWS:
        for command in runs(load(path)):
            target = command.removeprefix("make ").split()[0]
            assert re.search(rf"^{re.escape(target)}:", makefile, re.MULTILINE), command


def test_codeowners_paths_exist():
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        assert owners and all(re.fullmatch(r"@[\w-]+(/[\w-]+)?", owner) for owner in owners), line
        if pattern != "*":
            assert (PROJECT / pattern.strip("/")).exists(), f"CODEOWNERS names {pattern}, which does not exist"


def test_pull_request_template_is_a_russian_checklist():
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", template, re.MULTILINE)
    assert len(items) >= 5
    assert any("make check" in item for item in items)
    assert any("своими словами" in item for item in items)
