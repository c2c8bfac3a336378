"""dwcp as officers use it: a wheel installed in a fresh virtual environment outside this
checkout, run in a new programme repository set up by `dwcp init`.

The editable install the rest of the suite uses can read files beside the package that a
wheel does not ship; this test is the one that sees what an installed dwcp sees.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from ruamel.yaml import YAML

pytestmark = pytest.mark.slow

CHECKOUT = Path(__file__).resolve().parent.parent
SAMPLE = CHECKOUT / "programmes" / "VNM-2017-2021.yaml"
REPORTS = ("alignment", "gaps", "portfolio")


@dataclass(frozen=True)
class Installed:
    bin: Path
    repo: Path
    outside: Path

    def run(self, *args: str, code: int | None = 0, cwd: Path | None = None) -> str:
        """Run the installed dwcp in the repository; return stdout, checking the exit code."""
        done = subprocess.run(
            [str(self.bin / "dwcp"), *args],
            cwd=cwd or self.repo,
            env=_environment(self.bin),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert "Traceback" not in done.stderr, done.stderr
        if code is not None:
            assert done.returncode == code, f"dwcp {' '.join(args)}\n{done.stdout}{done.stderr}"
        return done.stdout


def _environment(bin_folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GITHUB_ACTIONS")}
    env["PATH"] = f"{bin_folder}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(bin_folder.parent)
    env["SOURCE_DATE_EPOCH"] = "1700000000"
    return env


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Officer", "-c", "user.email=officer@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    work = tmp_path_factory.mktemp("installed")
    wheels = work / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(CHECKOUT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("dwcp-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
    )
    repo = work / "officers-programmes"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    outside = work / "elsewhere"
    yield Installed(venv / "bin", repo, outside)
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def repository(installed: Installed) -> Installed:
    """`dwcp init`, one programme from `dwcp new`, one copied in, committed."""
    installed.run("init")
    installed.run("new", "ZMB", "--period", "2027-2030")
    shutil.copy(SAMPLE, installed.repo / "programmes" / SAMPLE.name)
    _git(installed.repo, "add", "-A")
    _git(installed.repo, "commit", "-q", "-m", "programmes")
    return installed


def test_the_installed_package_is_the_one_running(installed: Installed) -> None:
    where = subprocess.run(
        [str(installed.bin / "python"), "-c", "import dwcp, sys; print(dwcp.__file__)"],
        cwd=installed.repo,
        env=_environment(installed.bin),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Path(where.strip()).is_relative_to(installed.bin.parent)
    assert not Path(where.strip()).is_relative_to(CHECKOUT)


def test_the_installed_package_takes_its_templates_from_their_shipped_code(
    installed: Installed,
) -> None:
    # The wheel carries the built-in templates compiled (make templates), byte-compiled by
    # pip, and an installed dwcp uses that code rather than compiling the templates again.
    script = (
        "from dwcp.resources import Templates\n"
        "from dwcp.views.environment import environment_for\n"
        "from dwcp.views.i18n import Translator\n"
        "import jinja2, json, dwcp.views.compiled_templates as c\n"
        "from importlib.resources import files\n"
        "index = json.loads(files(c.COMPILED).joinpath(c.INDEX).read_text())\n"
        "print(jinja2.__version__, index['jinja'])\n"
        "t = Templates(())\n"
        "env = environment_for(t, Translator(t.messages, 'fr'))\n"
        "for name in ('documents/programme.html.j2', 'documents/programme.md.j2'):\n"
        "    print(env.get_template(name).root_render_func.__code__.co_filename)\n"
    )
    shown = subprocess.run(
        [str(installed.bin / "python"), "-c", script],
        cwd=installed.repo,
        env=_environment(installed.bin),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    installed_jinja, recorded_jinja, *shown = shown
    if installed_jinja != recorded_jinja:  # then dwcp compiles them itself, as it should
        pytest.skip(f"wheel's code made by Jinja {recorded_jinja}, {installed_jinja} installed")
    assert [Path(f).name for f in shown] == [
        "documents__programme_html.py",
        "documents__programme_md.py",
    ]
    assert all(Path(f).is_relative_to(installed.bin.parent) for f in shown)


def test_init_set_the_repository_up(repository: Installed) -> None:
    repo = repository.repo
    for name in (
        "schemas/programme.schema.json",
        ".vscode/settings.json",
        ".pre-commit-config.yaml",
        ".github/workflows/dwcp.yml",
        ".gitignore",
    ):
        assert (repo / name).is_file(), name
    assert "[tool.dwcp]" in (repo / "dwcp.toml").read_text(encoding="utf-8")
    new = repo / "programmes" / "ZMB-2027-2030.yaml"
    schema_line = new.read_text(encoding="utf-8").splitlines()[0]
    relative = schema_line.split("$schema=", 1)[1]
    assert (new.parent / relative).resolve() == (repo / "schemas" / "programme.schema.json")
    assert "unchanged" in repository.run("init")  # safe to rerun
    repository.run("schema", "--check")
    repository.run("fmt", "--check")  # clean right after `dwcp new`


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_lint_in_every_format_inside_and_outside(repository: Installed, fmt: str) -> None:
    inside = repository.repo / "out" / "lint" / f"lint.{fmt}"
    outside = repository.outside / "ci" / f"lint.{fmt}"
    for target in (inside, outside):
        said = repository.run("lint", "--format", fmt, "--output", str(target))
        assert f"wrote {target}" in said
        text = target.read_text(encoding="utf-8")
        if fmt in ("json", "sarif"):
            json.loads(text)
        elif fmt == "junit":
            ET.fromstring(text)
        else:
            assert text


@pytest.mark.parametrize("kind", REPORTS)
def test_reports_in_every_format(repository: Installed, kind: str) -> None:
    assert "VNM" in repository.run("report", kind)
    for fmt, name in (("json", "r.json"), ("markdown", "r.md"), ("html", "r.html")):
        target = repository.outside / "reports" / kind / name
        repository.run("report", kind, "--format", fmt, "--output", str(target))
        assert target.stat().st_size > 0
    folder = repository.outside / "reports" / kind / "csv"
    repository.run("report", kind, "--format", "csv", "--output", str(folder))
    assert list(folder.glob("*.csv"))


def test_documents_site_and_exports(repository: Installed) -> None:
    out = repository.outside / "documents"
    repository.run(
        "render", "--format", "html", "--format", "md", "--format", "pdf", "--out", str(out)
    )
    assert (out / "VNM-2017-2021.pdf").read_bytes().startswith(b"%PDF-")
    html = (out / "VNM-2017-2021.html").read_text(encoding="utf-8")
    assert "Decent Work Country Programme" in html and "<style>" in html
    repository.run("site", "--out", str(repository.outside / "site"))
    assert (repository.outside / "site" / "index.html").is_file()
    repository.run("export", "xlsx", "--out", str(repository.outside / "book.xlsx"))
    repository.run("export", "csv", "--out", str(repository.outside / "tables"))
    assert list((repository.outside / "tables").glob("*.csv"))


def test_diff_on_a_branch(repository: Installed) -> None:
    repo = repository.repo
    _git(repo, "checkout", "-q", "-b", "revise")
    path = repo / "programmes" / SAMPLE.name
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: closed", "status: review", 1),
        encoding="utf-8",
    )
    _git(repo, "commit", "-q", "-am", "review")
    try:
        assert "review" in repository.run("diff", "main", "HEAD", "--format", "markdown")
    finally:
        _git(repo, "checkout", "-q", "main")


def test_the_generated_workflow_runs(repository: Installed) -> None:
    """Every `run:` step of the workflow `dwcp init` wrote, but the install, in bash as
    GitHub runs it, with the installed dwcp on PATH."""
    workflow = YAML(typ="safe").load(
        (repository.repo / ".github" / "workflows" / "dwcp.yml").read_text(encoding="utf-8")
    )
    steps = [s for s in workflow["jobs"]["check"]["steps"] if "run" in s]
    assert steps and "install" in steps[0]["name"].lower()
    summary = repository.outside / "summary.md"
    env = _environment(repository.bin) | {"GITHUB_STEP_SUMMARY": str(summary), "BASE_REF": "main"}
    for step in steps[1:]:
        done = subprocess.run(
            ["bash", "-e", "-c", step["run"]],
            cwd=repository.repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, f"{step['name']}\n{done.stdout}{done.stderr}"
    assert summary.read_text(encoding="utf-8").strip()
    assert (repository.repo / "out" / "documents" / "VNM-2017-2021.pdf").is_file()
