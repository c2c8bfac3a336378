"""An audience for every output (issue 12): what `dwcp diff`, `dwcp report`, `dwcp export` and
`dwcp render` write for the public holds no item marked internal, no trace of one (no count,
no gap, no sum it is part of) and no lint message that could quote one; with `--audience
internal` the same items do show, so these tests can fail. Every output says its audience."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any
from zipfile import ZipFile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from ruamel.yaml import YAML

from dwcp.lint.rules import BY_CODE
from tests.conftest import Run
from tests.helpers import CLEAN, clean_data, dump, outcome
from tests.render import AS_OF, STEM, git_commit_all, make_repo, run
from tests.render.test_internal import PREFIX, PUBLIC_CONTACT, TEXT, marker

FILE = f"programmes/{STEM}.yaml"
KINDS = ("alignment", "gaps", "portfolio")
REPORT_FORMATS = ("table", "json", "markdown", "csv", "html")
DIFF_FORMATS = ("text", "markdown", "json")
# Amounts of the internal items of TEXT (tests/render/test_internal.py), as any output writes
# them: the pipeline resource, the project's budget, the statistic.
SECRET_FIGURES = ("77777", "77,777", "13579", "13,579", "98765", "98,765")
WORKFLOW = Path(__file__).parent.parent.parent / "examples" / "github" / "dwcp.yml"


# --- running every command in every format ----------------------------------------------------


def ok(result: Run) -> str:
    assert result.code == 0, result.out + result.err
    assert "Traceback" not in result.err
    return result.out + result.err


def _folder(repo: Path, name: str) -> str:
    """out/<name>, emptied: the same name on every run, so two runs print the same lines."""
    shutil.rmtree(repo / "out" / name, ignore_errors=True)
    return f"out/{name}"


def files_text(folder: Path) -> str:
    return "\n".join(
        f"{path.name}\n{path.read_text(encoding='utf-8-sig')}" for path in sorted(folder.rglob("*"))
    )


def workbook_text(path: Path) -> str:
    """Every cell and document property of a workbook as openpyxl reads them back, and every
    marker found anywhere in the file's XML."""
    book = load_workbook(path)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    core = book.properties
    properties = [str(v) for v in vars(core).values() if isinstance(v, str)]
    with ZipFile(path) as archive:
        xml = "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return "\n".join([*cells, *properties, *re.findall(rf"{PREFIX}\w*", xml)])


def diff_output(fmt: str, repo: Path, *options: str) -> str:
    return ok(run(repo, "diff", "HEAD", f"--as-of={AS_OF}", "--format", fmt, *options))


def report_output(kind: str, fmt: str, repo: Path, *options: str) -> str:
    command = ["report", kind, f"--as-of={AS_OF}", "--format", fmt, *options]
    if fmt != "csv":
        return ok(run(repo, *command))
    folder = _folder(repo, f"report-{kind}")
    return ok(run(repo, *command, "--output", folder)) + files_text(repo / folder)


def export_output(fmt: str, repo: Path, *options: str) -> str:
    if fmt == "xlsx":
        command = ["export", "xlsx", "--out", "out/export.xlsx", f"--as-of={AS_OF}", *options]
        return ok(run(repo, *command)) + workbook_text(repo / "out" / "export.xlsx")
    folder = _folder(repo, "export-csv")
    printed = ok(run(repo, "export", "csv", "--out", folder, f"--as-of={AS_OF}", *options))
    return printed + files_text(repo / folder)


def render_output(fmt: str, repo: Path, *options: str) -> str:
    folder = _folder(repo, f"render-{fmt}")
    result = run(repo, "render", f"--as-of={AS_OF}", "--format", fmt, "--out", folder, *options)
    return ok(result) + files_text(repo / folder)


Output = Callable[..., str]
OUTPUTS: dict[str, Output] = {
    **{f"diff-{f}": partial(diff_output, f) for f in DIFF_FORMATS},
    **{f"report-{k}-{f}": partial(report_output, k, f) for k in KINDS for f in REPORT_FORMATS},
    "export-xlsx": partial(export_output, "xlsx"),
    "export-csv": partial(export_output, "csv"),
    "render-html": partial(render_output, "html"),
    "render-md": partial(render_output, "md"),
}


def programme_repo(root: Path, text: str) -> Path:
    """The clean fixture committed (the diff's BASE), `text` in the working tree."""
    repo = make_repo(root)
    git_commit_all(repo)
    (repo / FILE).write_text(text, encoding="utf-8")
    return repo


def secrets_in(text: str) -> list[str]:
    found = re.findall(rf"{PREFIX}\w*", text, flags=re.IGNORECASE)
    found += re.findall("mid-term", text, flags=re.IGNORECASE)  # the internal review's kind
    return found + [s for s in (*SECRET_FIGURES, PUBLIC_CONTACT) if s in text]


# --- every internal item through every command and format ------------------------------------


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """TEXT: one internal item of every kind, each text field holding its own marker."""
    return programme_repo(tmp_path_factory.mktemp("marked"), TEXT)


@pytest.mark.parametrize("name", OUTPUTS)
def test_public_output_holds_no_internal_item(marked: Path, name: str):
    assert secrets_in(OUTPUTS[name](marked)) == []


@pytest.mark.parametrize("name", OUTPUTS)
def test_explicit_public_is_the_default(marked: Path, name: str):
    assert OUTPUTS[name](marked, "--audience", "public") == OUTPUTS[name](marked)


@pytest.mark.parametrize("name", OUTPUTS)
def test_internal_output_shows_internal_items(marked: Path, name: str):
    assert secrets_in(OUTPUTS[name](marked, "--audience", "internal")) != []


def test_internal_diff_shows_every_kind_of_internal_item(marked: Path):
    text = OUTPUTS["diff-text"](marked, "--audience", "internal")
    shown = {
        "Contact",
        "Lesson",
        "Member",
        "Note",
        "Output",
        "Partner",
        "ProjectTitle",
        "ResourceDonor",
        "Risk",
        "Statistic",
        "ImplementingPartner",
    }
    assert [m for m in sorted(shown) if marker(m) not in text] == []
    assert "mid-term-review" in text
    assert "pipeline 100,000 -> 77,777" in text


# --- nothing reveals that an internal item exists ---------------------------------------------


def _add_items(data: Any, hidden: bool) -> None:
    """Three risks and three pipeline lines, the middle one of each internal (or, without
    `hidden`, absent: what the public should see)."""
    risks: list[dict[str, Any]] = [
        {"description": "Floods cut the growing season", "mitigation": "Crop insurance"},
        {"description": f"{marker('Middle')} talks fail", "mitigation": marker("Plan")},
        {"description": "Strikes at the ports", "mitigation": "Stockpiles"},
    ]
    lines: list[dict[str, Any]] = [
        {"source": "RBTC", "amount": 1000, "biennium": "2018-19", "status": "pipeline"},
        {"source": "XBTC", "amount": 2000, "biennium": "2018-19", "status": "pipeline"},
        {"source": "PPP", "amount": 4000, "biennium": "2018-19", "status": "pipeline"},
    ]
    for middle in (risks[1], lines[1]):
        middle["internal"] = True
    keep = [0, 1, 2] if hidden else [0, 2]
    data["planning"]["risks"].extend(risks[i] for i in keep)
    outcome(data)["resources"].extend(lines[i] for i in keep)


def _without_internal(data: Any) -> None:
    _add_items(data, hidden=False)
    outcome(data)["resources"].pop(1)  # the clean fixture's own internal pipeline line


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A repository whose programme has internal items, and every public output of the same
    programme with those items deleted from the file."""
    without = _changed(_without_internal)
    repo = programme_repo(tmp_path_factory.mktemp("pair"), without)
    expected = {name: output(repo) for name, output in OUTPUTS.items()}
    (repo / FILE).write_text(_changed(partial(_add_items, hidden=True)), encoding="utf-8")
    return repo, expected


def _changed(change: Callable[[Any], object]) -> str:
    data = clean_data()
    change(data)
    return dump(data)


@pytest.mark.parametrize("name", OUTPUTS)
def test_public_output_is_that_of_the_programme_without_its_internal_items(
    pair: tuple[Path, dict[str, str]], name: str
):
    repo, expected = pair
    assert OUTPUTS[name](repo) == expected[name]


def test_public_diff_counts_only_what_it_shows(pair: tuple[Path, dict[str, str]]):
    repo, _ = pair
    public = OUTPUTS["diff-text"](repo).splitlines()
    internal = OUTPUTS["diff-text"](repo, "--audience", "internal").splitlines()
    assert [line for line in public if line.startswith("  Risk ")] == [
        "  Risk Floods cut the growing season added",
        "  Risk Strikes at the ports added",
    ]
    assert len([line for line in internal if line.startswith("  Risk ")]) == 3
    markdown = OUTPUTS["diff-markdown"](repo)
    assert "4 changes, 0 new findings, 0 resolved" in markdown  # 2 risks, budget, totals
    # The pipeline is the sum of the public lines only: 1,000 + 4,000 (the clean fixture's
    # one pipeline line, of 100,000, is internal too).
    assert "  Totals (USD): pipeline 0 -> 5,000; gap still 100,000" in public
    assert "  Totals (USD): pipeline 100,000 -> 107,000; gap still 100,000" in internal


def test_public_report_totals_only_visible_amounts(pair: tuple[Path, dict[str, str]]):
    repo, _ = pair
    data = json.loads(OUTPUTS["report-gaps-json"](repo))
    (by_programme,) = [t for t in data["tables"] if t["id"] == "gaps-resources-by-programme"]
    columns = [c["name"] for c in by_programme["columns"]]
    (row,) = by_programme["rows"]
    assert row[columns.index("pipeline")] == 5000
    assert row[columns.index("pipeline would cover")] == 5.0
    internal = json.loads(OUTPUTS["report-gaps-json"](repo, "--audience", "internal"))
    (full,) = [t for t in internal["tables"] if t["id"] == "gaps-resources-by-programme"]
    assert full["rows"][0][columns.index("pipeline")] == 107000


def test_an_internal_only_edit_reads_like_a_comment_only_edit(tmp_path: Path):
    clean = CLEAN.read_text(encoding="utf-8")
    repo = programme_repo(tmp_path, clean.replace("country: ZMB", "# Checked.\ncountry: ZMB"))
    commented = run(repo, "diff", "HEAD", f"--as-of={AS_OF}", "--exit-code")
    edited = clean.replace("amount: 100000", "amount: 250000")  # the internal pipeline line
    (repo / FILE).write_text(edited, encoding="utf-8")
    internal_only = run(repo, "diff", "HEAD", f"--as-of={AS_OF}", "--exit-code")
    assert (internal_only.code, internal_only.out) == (0, commented.out)
    shown = run(repo, "diff", "HEAD", f"--as-of={AS_OF}", "--exit-code", "--audience=internal")
    assert shown.code == 1
    assert "pipeline 100,000 -> 250,000" in shown.out


# --- lint messages ----------------------------------------------------------------------------


def _quoted_by_a_rule(data: Any) -> None:
    """An internal risk with no mitigation: DW510 says `risk <its id> has no mitigation`;
    an internal pipeline line naming an unknown project: DW508 quotes the symbol."""
    data["planning"]["risks"].append(
        {"id": marker("RiskId"), "description": marker("Risk"), "internal": True}
    )
    outcome(data)["resources"][1]["project"] = marker("Project")


@pytest.fixture(scope="module")
def quoting(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return programme_repo(tmp_path_factory.mktemp("quoting"), _changed(_quoted_by_a_rule))


FINDINGS_OUTPUTS = [
    "diff-text",
    "diff-markdown",
    "diff-json",
    *(f"report-{k}-{f}" for k in ("gaps", "portfolio") for f in REPORT_FORMATS),
    "export-xlsx",
    "export-csv",
]


@pytest.mark.parametrize("name", FINDINGS_OUTPUTS)
def test_public_findings_quote_no_internal_item(quoting: Path, name: str):
    public = OUTPUTS[name](quoting)
    assert secrets_in(public) == []
    assert BY_CODE["DW510"].summary in public  # the rule's own words stand in
    assert secrets_in(OUTPUTS[name](quoting, "--audience", "internal")) != []


# --- every output says its audience -----------------------------------------------------------


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_output_says_its_audience(marked: Path, audience: str):
    said = f"audience: {audience}"
    option = ("--audience", audience)
    text = diff_output("text", marked, *option)
    assert said in text.splitlines()[0]
    markdown = diff_output("markdown", marked, *option).splitlines()
    assert markdown[0] == "## Programme changes"
    assert said in markdown[2]
    assert json.loads(diff_output("json", marked, *option))["audience"] == audience
    for kind in KINDS:
        assert said in report_output(kind, "table", marked, *option).splitlines()[0]
        assert said in report_output(kind, "markdown", marked, *option).splitlines()[0]
        assert json.loads(report_output(kind, "json", marked, *option))["audience"] == audience
        html = report_output(kind, "html", marked, *option)
        assert f'<meta name="dwcp-audience" content="{audience}">' in html
        assert said in html
        ok(run(marked, "report", kind, "--format=csv", "--output=out/about", *option))
        about = _csv((marked / "out" / "about" / "about.csv").read_text(encoding="utf-8"))
        assert {row["audience"] for row in about} == {audience}
    ok(run(marked, "export", "xlsx", "--out", "out/a.xlsx", *option))
    book = load_workbook(marked / "out" / "a.xlsx")
    assert book.properties.category == audience
    ok(run(marked, "export", "csv", "--out", "out/csv", *option))
    about = _csv((marked / "out" / "csv" / "about.csv").read_text(encoding="utf-8-sig"))
    assert [row["Audience"] for row in about] == [audience]


# --- the audience a repository chooses --------------------------------------------------------


def _configured(repo: Path, line: str) -> None:
    (repo / "pyproject.toml").write_text(f"[tool.dwcp]\n{line}\n", encoding="utf-8")


@pytest.fixture
def configured(tmp_path: Path) -> Iterator[Path]:
    repo = programme_repo(tmp_path, TEXT)
    _configured(repo, 'audience = "internal"')
    yield repo


@pytest.mark.parametrize("name", ["diff-json", "report-gaps-json", "export-csv"])
def test_configuration_chooses_internal_and_the_option_wins(configured: Path, name: str):
    assert secrets_in(OUTPUTS[name](configured)) != []
    assert secrets_in(OUTPUTS[name](configured, "--audience", "public")) == []


@pytest.mark.parametrize(
    "command",
    [
        ["diff", "HEAD"],
        ["report", "gaps"],
        ["export", "csv", "--out", "out/x"],
        ["export", "xlsx", "--out", "out/x.xlsx"],
    ],
)
def test_unknown_audience_is_a_usage_error(tmp_path: Path, command: list[str]):
    repo = programme_repo(tmp_path, TEXT)
    result = run(repo, *command, "--audience", "everyone")
    assert result.code == 2, result.out + result.err
    assert result.err.startswith("dwcp: error: ")
    assert "--audience 'everyone': use public or internal" in result.err
    assert "Traceback" not in result.err
    _configured(repo, 'audience = "everyone"')
    result = run(repo, *command)
    assert result.code == 2, result.out + result.err
    assert "pyproject.toml:2:1: [tool.dwcp] audience must be 'public' or 'internal'" in result.err
    assert "Traceback" not in result.err
    assert not (repo / "out").exists()


# --- what the example workflow posts ----------------------------------------------------------


def test_the_workflow_posts_public_output():
    workflow = YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))
    (summary,) = [
        step
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if step.get("name") == "Job summary (diff and gaps)"
    ]
    commands = [line.strip() for line in summary["run"].splitlines() if "dwcp " in line]
    assert [c.split()[:2] for c in commands] == [["dwcp", "diff"], ["dwcp", "report"]]
    assert all("--audience public" in c for c in commands)


# --- a property: random programmes, random internal items -------------------------------------

CANARY = st.text(string.ascii_letters + string.digits, min_size=3, max_size=8).map(
    lambda token: f"QJX{token}XJQ"
)


@dataclass(frozen=True)
class Slot:
    """A list of internal-capable items: where it is, the text fields that carry a canary when
    an item is internal, whether items are internal unless marked, and an item to add."""

    path: tuple[str | int, ...]
    texts: tuple[str, ...]
    extra: Callable[[int], dict[str, Any]]
    internal_by_default: bool = False

    def items(self, data: Any) -> Any:
        node = data
        for key in self.path[:-1]:
            node = node[key]
        return node.setdefault(self.path[-1], [])


OUTCOME = ("priorities", 0, "outcomes", 0)
SLOTS = (
    Slot(
        ("context", "projects"),
        ("title", "donor"),
        lambda n: {
            "symbol": f"ZMB/19/0{n}/XBD",
            "title": "Skills for trade",
            "funding_source": "XBDC",
            "budget": 20000,
            "period": {"start": 2019, "end": 2021},
            "contributes_to": [{"outcome": "ZMB101", "share_percent": 50}],
        },
    ),
    Slot(("context", "lessons_learned"), ("text", "source"), lambda n: {"text": f"Lesson {n}"}),
    Slot(
        ("context", "partnerships"),
        ("partner", "description"),
        lambda n: {"partner": f"Partner {n}", "description": "Shares training places"},
    ),
    Slot(
        ("context", "statistics"),
        ("name", "source"),
        lambda n: {"name": f"Statistic {n}", "value": 10 + n, "year": 2017, "source": "LFS"},
    ),
    Slot(
        (*OUTCOME, "outputs"),
        ("statement",),
        lambda n: {"id": f"ZMB101.O{n + 2}", "statement": f"Output {n}"},
    ),
    Slot(
        (*OUTCOME, "resources"),
        ("donor",),
        lambda n: {
            "source": "RBTC",
            "amount": 1000 * (n + 1),
            "biennium": "2018-19",
            "status": "pipeline",
            "donor": f"Donor {n}",
        },
    ),
    Slot(
        ("planning", "risks"),
        ("description", "mitigation"),
        lambda n: {"description": f"Risk {n}", "likelihood": "low", "mitigation": "Watch"},
    ),
    Slot(
        ("management", "steering_committee", "members"),
        ("organization", "name"),
        lambda n: {"group": "other", "organization": f"Member organisation {n}"},
    ),
    Slot(
        ("management", "implementing_partners"),
        ("name", "role"),
        lambda n: {"name": f"Implementing partner {n}", "role": "trains"},
    ),
    Slot(
        ("monitoring", "reviews"),
        ("findings",),
        lambda n: {"kind": "mid-term-review", "planned": f"202{n}-06-01", "findings": "On track"},
    ),
    Slot(
        ("contacts",),
        ("name", "role", "phone"),
        lambda n: {"name": f"Contact {n}", "email": f"c{n}@example.org"},
        internal_by_default=True,
    ),
    Slot(("notes",), ("text",), lambda n: {"text": f"Note {n}"}, internal_by_default=True),
)


@st.composite
def programmes(draw: st.DrawFn) -> tuple[str, list[str]]:
    """The clean fixture with items added and marked internal at random, every text field of
    an internal item holding a canary: (YAML text, canaries)."""
    data = clean_data()
    canaries: list[str] = []
    for slot in SLOTS:
        items = slot.items(data)
        items.extend(slot.extra(n) for n in range(draw(st.integers(0, 2))))
        for item in items:
            if not draw(st.booleans()):
                item["internal"] = False
                continue
            if slot.internal_by_default and draw(st.booleans()):
                item.pop("internal", None)  # internal without saying so
            else:
                item["internal"] = True
            for field in slot.texts:
                item[field] = draw(CANARY)
                canaries.append(item[field])
    return dump(data), canaries


@pytest.fixture(scope="module")
def random_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return programme_repo(tmp_path_factory.mktemp("random"), CLEAN.read_text(encoding="utf-8"))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(programme=programmes())
def test_no_canary_in_any_public_output(random_repo: Path, programme: tuple[str, list[str]]):
    text, canaries = programme
    (random_repo / FILE).write_text(text, encoding="utf-8")
    for name, output in OUTPUTS.items():
        # A random programme may break a rule; its documents are still rendered and checked.
        shown = output(random_repo, *(["--force"] if name.startswith("render") else [])).lower()
        leaked = [c for c in canaries if c.lower() in shown]
        assert leaked == [], name
