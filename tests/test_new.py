"""`dwcp new`: a programme file with every section in place, guidance in the programme's
language, what continues carried forward from the previous programme, and a file the linter
reports only as still to be filled in (warnings and infos, never errors)."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from dwcp.config import Settings, load_settings
from dwcp.domain.countries import resolve_country
from dwcp.domain.vocabulary import GUIDANCE_LANGUAGES, LANGUAGES
from dwcp.errors import UsageError
from dwcp.lint.findings import Finding, Severity
from dwcp.model import Programme
from dwcp.model.record import Status
from dwcp.source.loader import parse
from dwcp.source.validate import allowed_keys, to_programme
from dwcp.workflow.fmt.order import field_order, nested_model
from dwcp.workflow.new import create
from dwcp.workflow.new.guidance import load_texts
from tests.conftest import CliRun
from tests.helpers import CLEAN, clean_data, dump, line_of, make_linter, programme_files

ROOT = Path(__file__).parent.parent
SAMPLES = programme_files(ROOT / "programmes")
TARGET = "programmes/ZMB-2023-2027.yaml"


def scaffold(
    repo: Path,
    country: str = "ZMB",
    period: str = "2023-2027",
    previous: Path | None = None,
    language: str | None = None,
) -> str:
    """Run `dwcp new` through the library and return the text it wrote."""
    created = create(country, period, load_settings(repo), previous, language)
    return created.path.read_text(encoding="utf-8")


def loaded(text: str) -> Programme:
    outcome = to_programme(parse(text, TARGET))
    assert isinstance(outcome, Programme), outcome
    return outcome


def lint(text: str, name: str, repo: Path) -> list[Finding]:
    start = loaded(text).period.start
    linter = make_linter(Settings(root=repo), as_of=dt.date(start, 1, 1))
    return linter.lint_text(text, name).findings


def errors(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in findings if f.severity is Severity.ERROR]


def previous_with(repo: Path, change: Callable[[Any], object]) -> Path:
    """The clean fixture, changed, as the previous programme."""
    data = clean_data()
    change(data)
    path = repo / "programmes" / "ZMB-2018-2022.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


def comments(text: str) -> str:
    """All comment text of a file as one line, so wrapped guidance can be searched."""
    found = [line.split("#", 1)[1].strip() for line in text.splitlines() if "#" in line]
    return " ".join(found)


# --- the command line -------------------------------------------------------------------


def test_new_writes_the_file_and_says_what_to_do_next(dwcp: CliRun, repo: Path):
    run = dwcp("new", "ZMB", "--period", "2023-2027")
    assert run.code == 0, run.err
    assert run.out.splitlines() == [
        f"wrote {TARGET}",
        f"next: edit it, then run dwcp lint {TARGET}",
    ]
    assert (repo / TARGET).is_file()


def test_new_file_lints_without_errors_through_the_cli(dwcp: CliRun):
    assert dwcp("new", "ZMB", "--period", "2023-2027", "--from", CLEAN.as_posix()).code == 0
    run = dwcp("lint", "--format", "json", "--as-of", "2023-01-01", TARGET)
    assert run.code == 0, run.out
    assert '"error": 0' in run.out


def test_help_has_an_example(dwcp: CliRun):
    run = dwcp("new", "--help")
    assert run.code == 0
    assert "Example: dwcp new" in run.out


def test_an_existing_file_is_never_overwritten(dwcp: CliRun, repo: Path):
    target = repo / TARGET
    target.write_text("country: ZMB  # my own work\n", encoding="utf-8")
    run = dwcp("new", "ZMB", "--period", "2023-2027")
    assert run.code == 2
    assert f"{TARGET} already exists" in run.err
    assert "pick another period" in run.err
    assert target.read_text(encoding="utf-8") == "country: ZMB  # my own work\n"


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2027-2023", "ends before it starts"),
        ("2023", "is not START-END"),
        ("23-27", "is not START-END"),
        ("1800-1804", "not a plausible year"),
    ],
)
def test_a_bad_period_is_refused_and_nothing_written(
    dwcp: CliRun, repo: Path, period: str, message: str
):
    run = dwcp("new", "ZMB", "--period", period)
    assert run.code == 2
    assert message in run.err
    assert sorted(p.name for p in (repo / "programmes").iterdir()) == ["ZMB-2018-2022.yaml"]


def test_an_unusual_period_length_is_allowed_with_a_warning(dwcp: CliRun, repo: Path):
    run = dwcp("new", "ZMB", "--period", "2023-2033")
    assert run.code == 0
    assert "dwcp: warning: period 2023-2033 covers 11 years" in run.err
    assert (repo / "programmes" / "ZMB-2023-2033.yaml").is_file()


def test_the_period_length_warning_follows_the_linter_configuration(dwcp: CliRun, repo: Path):
    (repo / "pyproject.toml").write_text(
        "[tool.dwcp]\n[tool.dwcp.rules.DW104]\nmax_years = 12\n", encoding="utf-8"
    )
    run = dwcp("new", "ZMB", "--period", "2023-2033")
    assert run.code == 0
    assert run.err == ""


def test_an_unknown_country_is_refused_with_a_suggestion(dwcp: CliRun):
    run = dwcp("new", "Zambai", "--period", "2023-2027")
    assert run.code == 2
    assert "unknown country 'Zambai'; did you mean Zambia (ZMB)?" in run.err


def test_a_loosely_matched_country_name_is_announced(dwcp: CliRun, repo: Path):
    run = dwcp("new", "Lanka", "--period", "2023-2027")
    assert run.code == 0
    assert "taking 'Lanka' to mean Sri Lanka (LKA)" in run.err
    assert (repo / "programmes" / "LKA-2023-2027.yaml").is_file()


def test_a_previous_file_with_syntax_errors_is_reported_and_nothing_written(
    dwcp: CliRun, repo: Path
):
    broken = repo / "old.yaml"
    broken.write_text("country: ZMB\ntitle: 'unclosed\n", encoding="utf-8")
    run = dwcp("new", "ZMB", "--period", "2023-2027", "--from", "old.yaml")
    assert run.code == 2
    assert "--from old.yaml is not a valid programme, so nothing was written" in run.err
    assert "old.yaml:2:8: YAML syntax error: a quoted text is never closed" in run.err
    assert not (repo / TARGET).exists()


def test_a_previous_file_failing_the_schema_lists_each_problem_with_its_place(
    dwcp: CliRun, repo: Path
):
    path = previous_with(repo, lambda d: d["context"].insert(0, "frameworks", []))
    row = line_of(path.read_text(encoding="utf-8"), "frameworks: []")
    run = dwcp("new", "ZMB", "--period", "2023-2027", "--from", "programmes/ZMB-2018-2022.yaml")
    assert run.code == 2
    assert f"programmes/ZMB-2018-2022.yaml:{row}:3: unknown key `frameworks`" in run.err
    assert "Traceback" not in run.err
    assert not (repo / TARGET).exists()


def test_a_previous_programme_of_another_country_is_refused(dwcp: CliRun, repo: Path):
    run = dwcp("new", "VNM", "--period", "2023-2027", "--from", CLEAN.as_posix())
    assert run.code == 2
    assert "is the programme of ZMB, not VNM" in run.err
    assert not (repo / "programmes" / "VNM-2023-2027.yaml").exists()


def test_a_failed_write_is_reported_and_leaves_no_file(
    dwcp: CliRun, repo: Path, monkeypatch: pytest.MonkeyPatch
):
    def full_disk(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("dwcp.files.write_atomic", full_disk)
    run = dwcp("new", "ZMB", "--period", "2023-2027")
    assert run.code == 2
    assert f"{TARGET}: cannot write the file (No space left on device)" in run.err
    assert not (repo / TARGET).exists()


# --- what the file holds ----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_fresh_file_lints_with_no_error(repo: Path, language: str):
    text = scaffold(repo, language=language)
    assert errors(lint(text, TARGET, repo)) == []


def test_what_a_fresh_file_leaves_empty_is_reported_by_a_rule(repo: Path):
    """Every empty section shows up in the linter's list of what is still to write."""
    findings = lint(scaffold(repo), TARGET, repo)
    expected = {
        "DW201": "context.national_frameworks",
        "DW202": "context.un_frameworks",
        "DW203": "concerns of each constituent group",
        "DW303": "outcomes of the priority",
        "DW304": "strategic objectives of the priority",
        "DW511": "planning.risks",
        "DW601": "management.programme_manager",
        "DW602": "management.steering_committee members",
        "DW605": "management.constituent_roles",
        "DW701": "monitoring.reviews",
        "DW703": "monitoring.arrangements",
        "DW704": "monitoring.reporting",
    }
    missing = set(expected) - {f.code for f in findings}
    assert not missing, {code: expected[code] for code in missing}
    assert len([f for f in findings if f.code == "DW203"]) == 3


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("overlap", [False, True], ids=["after", "overlapping"])
@pytest.mark.parametrize("sample", [*SAMPLES, CLEAN], ids=lambda p: p.stem)
def test_a_file_carried_from_any_sample_lints_with_no_error(
    tmp_path: Path, sample: Path, language: str, overlap: bool
):
    """From each sample, starting after it or in its last year (so its UN framework and
    projects are still running and get carried)."""
    previous = loaded(sample.read_text(encoding="utf-8"))
    start = previous.period.end + (0 if overlap else 1)
    period = f"{start}-{start + 4}"
    text = scaffold(tmp_path, previous.country, period, sample, language)
    name = f"programmes/{previous.country}-{period}.yaml"
    assert errors(lint(text, name, tmp_path)) == []


def test_the_first_line_points_editors_to_the_schema(repo: Path):
    assert scaffold(repo).splitlines()[0] == (
        "# yaml-language-server: $schema=../schemas/programme.schema.json"
    )


def test_the_schema_path_is_relative_to_the_configured_programmes_folder(repo: Path):
    (repo / "pyproject.toml").write_text('[tool.dwcp]\nprogrammes = "data/dwcp"\n', "utf-8")
    created = create("ZMB", "2023-2027", load_settings(repo))
    assert created.path == (repo / "data" / "dwcp" / "ZMB-2023-2027.yaml").resolve()
    first = created.path.read_text(encoding="utf-8").splitlines()[0]
    assert first.endswith("$schema=../../schemas/programme.schema.json")


def test_keys_follow_the_model_field_order(repo: Path):
    """Checked at every level, carried items included, against the canonical order of
    `dwcp fmt`: a model's own fields in declaration order, then inherited ones (`internal`)."""
    sample = ROOT / "programmes" / "ZMB-2020-2022.yaml"
    text = scaffold(repo, previous=sample, period="2022-2026")
    data = parse(text).data
    assert isinstance(data, dict)
    assert data["context"]["projects"] and data["context"]["un_frameworks"]
    assert any("internal" in project for project in data["context"]["projects"])
    assert_model_order(data, Programme, ())


def assert_model_order(
    node: object, model: type[BaseModel] | None, loc: tuple[object, ...]
) -> None:
    if model is None:
        return
    if isinstance(node, dict):
        fields = list(field_order(model))
        assert set(node) <= set(fields), (loc, set(node) - set(fields))
        keys = list(node)
        assert keys == [f for f in fields if f in node], (loc, keys, fields)
        for key, value in node.items():
            assert_model_order(value, nested_model(model, key), (*loc, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            assert_model_order(item, model, (*loc, index))


def test_every_section_of_the_programme_is_present(repo: Path):
    data = parse(scaffold(repo)).data
    assert isinstance(data, dict)
    assert list(data) == allowed_keys(())
    for section in ("context", "planning", "management", "monitoring"):
        assert list(data[section]) == allowed_keys((section,))


def test_a_new_programme_starts_at_the_first_status_of_the_lifecycle(repo: Path):
    assert loaded(scaffold(repo)).status == get_args(Status)[0] == "drafting"


def test_placeholders_are_marked_as_work_to_do(repo: Path):
    priority = loaded(scaffold(repo)).priorities[0]
    assert priority.title.startswith("TODO")
    assert priority.outcomes == []


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Decent Work Country Programme for Viet Nam 2022-2026"),
        ("fr", "Programme par pays de promotion du travail décent pour le Viet Nam 2022-2026"),
        ("es", "Programa de Trabajo Decente por País para Viet Nam 2022-2026"),
        # No guidance in Russian yet: the title is wholly English, "for" included.
        ("ru", "Decent Work Country Programme for Viet Nam 2022-2026"),
    ],
)
def test_the_title_names_the_country_in_the_programme_language(
    repo: Path, language: str, title: str
):
    programme = loaded(scaffold(repo, "Viet Nam", "2022-2026", language=language))
    assert (programme.country, programme.language, programme.title) == ("VNM", language, title)


@pytest.mark.parametrize("language", LANGUAGES)
def test_guidance_comments_are_in_the_programme_language(repo: Path, language: str):
    """Guidance is written in en/fr/es; a programme in ar, pt or ru gets English guidance."""
    written = comments(scaffold(repo, language=language))
    texts = load_texts()
    expected = language if language in GUIDANCE_LANGUAGES else "en"
    for key in ("context", "planning", "management", "signatories", "notes"):
        for other in GUIDANCE_LANGUAGES:
            assert (texts[key][other] in written) == (other == expected), (key, other)


def test_step_guidance_cites_the_step(repo: Path):
    written = comments(scaffold(repo))
    assert "Step 2 — at most three country programme priorities" in written
    for step in range(1, 7):
        assert f"Step {step} — " in written


def test_the_outcome_sketch_follows_the_model_and_fits_once_filled_in(repo: Path):
    text = scaffold(repo)
    lines = text.splitlines()
    at = lines.index("    outcomes: []")
    sketch: list[str] = []
    for line in lines[at + 1 :]:
        if not line.startswith("    # "):
            break
        sketch.append("    " + line[len("    # ") :])
    uncommented = "\n".join([*lines[:at], "    outcomes:", *sketch, *lines[at + 1 :]])
    outcome = parse(uncommented).data["priorities"][0]["outcomes"][0]  # type: ignore[index]
    assert list(outcome) == allowed_keys(("priorities", 0, "outcomes", 0))
    indicator = outcome["indicators"][0]
    assert list(indicator) == allowed_keys(("priorities", 0, "outcomes", 0, "indicators", 0))
    filled = loaded(uncommented.replace("outcome: null", 'outcome: "1"'))
    assert filled.priorities[0].outcomes[0].id == "ZMB101"


# --- carried forward from the previous programme ----------------------------------------


def test_from_records_the_previous_programme_and_the_next_generation(repo: Path):
    new = loaded(scaffold(repo, previous=CLEAN))
    old = loaded(CLEAN.read_text(encoding="utf-8"))
    assert (new.previous, new.generation, new.office) == (CLEAN.stem, 3, old.office)
    assert old.generation == 2


def test_without_from_the_lineage_is_left_to_fill_in(repo: Path):
    new = loaded(scaffold(repo))
    assert (new.previous, new.generation, new.office) == (None, None, None)


def test_from_carries_the_country_context(repo: Path):
    def enrich(data: Any) -> None:
        context = data["context"]
        context["lessons_learned"] = [{"text": "Start consultations early.", "source": "CPR"}]
        context["statistics"] = [
            {"name": "Unemployment", "value": 12.5, "unit": "percent", "year": 2019,
             "source": "LFS", "by_sex": {"women": 13.6, "men": 11.6}},
        ]  # fmt: skip

    old = loaded(previous_with(repo, enrich).read_text(encoding="utf-8"))
    new = loaded(scaffold(repo, previous=repo / "programmes" / "ZMB-2018-2022.yaml"))
    assert new.context.national_frameworks == old.context.national_frameworks
    assert new.context.lessons_learned == old.context.lessons_learned
    assert new.context.statistics == old.context.statistics


def test_from_carries_each_constituent_group_and_its_organizations_but_not_its_concerns(
    repo: Path,
):
    new = loaded(scaffold(repo, previous=CLEAN)).context.constituents
    old = loaded(CLEAN.read_text(encoding="utf-8")).context.constituents
    assert [(c.group, c.organizations) for c in new] == [(c.group, c.organizations) for c in old]
    assert all(c.concerns == [] and c.consulted_on is None for c in new)


def test_from_carries_the_un_framework_while_it_is_in_force(repo: Path):
    def reasoned(data: Any) -> None:
        data["context"]["un_framework"]["outcomes"][0]["not_covered_reason"] = "Old priorities"

    path = previous_with(repo, reasoned)
    text = scaffold(repo, period="2022-2026", previous=path)
    [un] = loaded(text).context.un_frameworks
    assert un.name == "UN Sustainable Development Partnership Framework"
    assert [o.not_covered_reason for o in un.outcomes] == [None]
    assert "without the reasons for leaving outcomes uncovered" in comments(text)


def test_from_leaves_a_un_framework_that_has_ended(repo: Path):
    text = scaffold(repo, period="2023-2027", previous=CLEAN)
    assert loaded(text).context.un_frameworks == []
    assert "(2016-2022) does not reach into 2023-2027" in comments(text)


def test_from_carries_only_the_un_frameworks_still_in_force(repo: Path):
    """Issue 14: of the two frameworks a programme straddles, the one that ended stays behind."""

    def straddling(data: Any) -> None:
        first = data["context"].pop("un_framework")
        first["period"] = {"start": 2016, "end": 2020}
        second = {
            "kind": "unsdcf",
            "name": "Cooperation Framework",
            "period": {"start": 2021, "end": 2025},
            "outcomes": [],
        }
        data["context"].insert(1, "un_frameworks", [first, second])
        data["priorities"][0]["un_outcomes"] = []

    path = previous_with(repo, straddling)
    text = scaffold(repo, period="2023-2027", previous=path)
    assert [un.name for un in loaded(text).context.un_frameworks] == ["Cooperation Framework"]
    assert "(2016-2020) does not reach into 2023-2027" in comments(text)


def test_from_carries_only_projects_still_running_and_drops_their_outcome_links(repo: Path):
    def projects(data: Any) -> None:
        running = dict(data["context"]["projects"][0])
        running.update(symbol="ZMB/21/01/RUN", period={"start": 2021, "end": 2024})
        closed = dict(running, symbol="ZMB/21/02/CLO", status="closed")
        ended = dict(running, symbol="ZMB/19/01/END", period={"start": 2019, "end": 2022})
        data["context"]["projects"] = [ended, running, closed]

    text = scaffold(repo, previous=previous_with(repo, projects))
    carried = loaded(text).context.projects
    assert [p.symbol for p in carried] == ["ZMB/21/01/RUN"]
    assert carried[0].contributes_to == []
    assert carried[0].budget == 500000
    assert "Their contributes_to links were removed" in comments(text)


def test_from_takes_the_previous_language_unless_told(repo: Path):
    path = previous_with(repo, lambda d: d.update(language="fr"))
    assert loaded(scaffold(repo, previous=path)).language == "fr"
    assert loaded(scaffold(repo, period="2024-2028", previous=path, language="es")).language == "es"


def test_a_failed_previous_file_is_refused_by_the_library_too(repo: Path):
    broken = repo / "old.yaml"
    broken.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"old\.yaml:1:1: file holds a list at the top level"):
        create("ZMB", "2023-2027", load_settings(repo), broken)


# --- countries --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    ["VNM", "vnm", "VN", "Viet Nam", "Vietnam", "viêt nam", "Socialist Republic of Viet Nam"],
)
def test_a_country_is_found_by_code_or_name(given: str):
    assert resolve_country(given).alpha3 == "VNM"


def test_an_ambiguous_country_name_lists_the_candidates():
    with pytest.raises(UsageError) as raised:
        resolve_country("Korea")
    assert "(KOR)" in raised.value.message
    assert "(PRK)" in raised.value.message


# --- the guidance data file ---------------------------------------------------------------


def test_every_guidance_text_has_each_language_with_the_same_placeholders():
    for key, texts in load_texts().items():
        assert sorted(texts) == sorted(GUIDANCE_LANGUAGES), key
        fields = {lang: _fields(text) for lang, text in texts.items()}
        assert len(set(map(frozenset, fields.values()))) == 1, (key, fields)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", LANGUAGES)
def test_comment_lines_keep_to_the_samples_line_length(repo: Path, language: str):
    long = [
        line
        for line in scaffold(repo, language=language).splitlines()
        if re.match(r"\s*#", line) and len(line) > 100
    ]
    assert long == []


# --- a new file is already in dwcp fmt's canonical form ------------------------------------


@pytest.mark.parametrize(
    ("country", "language", "previous"),
    [
        ("ZMB", None, None),
        ("SEN", "fr", None),
        ("Perú", "es", None),
        ("ZMB", None, CLEAN),
    ],
    ids=["en", "fr", "es", "from"],
)
def test_a_new_file_passes_fmt_check(
    dwcp: CliRun, country: str, language: str | None, previous: Path | None
):
    args = ["new", country, "--period", "2023-2027"]
    args += ["--lang", language] if language else []
    args += ["--from", previous.as_posix()] if previous else []
    run = dwcp(*args)
    assert run.code == 0, run.err
    written = run.out.splitlines()[0].removeprefix("wrote ")
    check = dwcp("fmt", "--check", written)
    assert check.code == 0, check.out + check.err + dwcp("fmt", "--diff", written).out


def test_a_value_still_to_give_is_left_empty_as_dwcp_fmt_writes_it(repo: Path):
    text = scaffold(repo)
    assert re.search(r"^generation:  # ", text, re.MULTILINE), text
    assert re.search(r"^ *un_frameworks: \[\]$", text, re.MULTILINE), text
    assert ": null" not in "\n".join(line for line in text.splitlines() if "#" not in line)


@pytest.mark.parametrize("sample", [*SAMPLES, CLEAN], ids=lambda p: p.stem)
def test_a_file_carried_from_any_sample_is_already_formatted(tmp_path: Path, sample: Path):
    """Carried items keep the canonical key order (an item's own fields, then `internal`)."""
    from dwcp.workflow.fmt import format_text

    previous = loaded(sample.read_text(encoding="utf-8"))
    start = previous.period.end
    text = scaffold(tmp_path, previous.country, f"{start}-{start + 4}", sample)
    assert format_text(text) == text


def test_the_schema_path_is_as_editors_resolve_it_through_a_linked_programmes_folder(
    repo: Path,
):
    """Editors resolve `$schema` from the file's path as opened, without following links:
    programmes/ links to store/dwcp/, one level deeper."""
    (repo / "store" / "dwcp").mkdir(parents=True)
    for sample in (repo / "programmes").iterdir():
        sample.rename(repo / "store" / "dwcp" / sample.name)
    (repo / "programmes").rmdir()
    (repo / "programmes").symlink_to(repo / "store" / "dwcp", target_is_directory=True)
    created = create("ZMB", "2023-2027", load_settings(repo))
    first = created.path.read_text(encoding="utf-8").splitlines()[0]
    reference = first.removeprefix("# yaml-language-server: $schema=")
    assert reference == "../schemas/programme.schema.json"
    as_opened = os.path.normpath(repo / "programmes" / reference)
    assert Path(as_opened) == repo / "schemas" / "programme.schema.json"


MOLISA = "Ministry of Labour, Invalids and Social Affairs (MOLISA)"


def government_organizations(text: str) -> list[str]:
    (government,) = [c for c in loaded(text).context.constituents if c.group == "government"]
    return list(government.organizations)


def test_from_keeps_a_name_with_a_comma_as_one_organization(repo: Path):
    """The Viet Nam sample quotes MOLISA's name in a flow list; carried, it stays one name,
    and the written file re-parses (and re-formats) to the same organizations."""
    from dwcp.workflow.fmt import format_text

    sample = ROOT / "programmes" / "VNM-2017-2021.yaml"
    assert government_organizations(sample.read_text(encoding="utf-8")) == [MOLISA]
    text = scaffold(repo, "VNM", "2021-2025", sample)
    assert government_organizations(text) == [MOLISA]
    assert government_organizations(format_text(text)) == [MOLISA]


def test_from_keeps_a_name_with_a_comma_written_in_a_flow_list_whole(repo: Path):
    from ruamel.yaml.comments import CommentedSeq

    def change(d: Any) -> None:
        names = CommentedSeq([MOLISA, "Ministry of Finance"])
        names.fa.set_flow_style()
        d["context"]["constituents"][0]["organizations"] = names

    previous = previous_with(repo, change)
    assert government_organizations(previous.read_text(encoding="utf-8")) == [
        MOLISA,
        "Ministry of Finance",
    ]
    assert government_organizations(scaffold(repo, previous=previous)) == [
        MOLISA,
        "Ministry of Finance",
    ]


def test_from_carries_the_tripartite_body_and_the_labour_standards(repo: Path):
    """Ratifications and the tripartite body still hold; a supervisory comment is carried
    without addressed_by, which named the previous programme's outcomes."""

    def enrich(d: Any) -> None:
        d["context"]["tripartite_body"] = {
            "name": "Tripartite Consultative Labour Council",
            "composition": [{"group": "employers"}, {"group": "workers"}],
        }
        d["context"]["labour_standards"] = {
            "ratifications": [{"instrument": "C122", "ratified": "1979-02-23"}],
            "supervisory_comments": [
                {"body": "ceacr", "year": 2017, "summary": "-", "addressed_by": ["ZMB101"]}
            ],
        }

    old = loaded(previous_with(repo, enrich).read_text(encoding="utf-8")).context
    new = loaded(scaffold(repo, previous=repo / "programmes" / "ZMB-2018-2022.yaml")).context
    assert new.tripartite_body == old.tripartite_body
    assert new.labour_standards is not None and old.labour_standards is not None
    assert new.labour_standards.ratifications == old.labour_standards.ratifications
    [comment] = new.labour_standards.supervisory_comments
    assert (comment.summary, comment.addressed_by) == ("-", [])


def test_a_new_file_leaves_the_tripartite_body_and_the_labour_standards_to_write(repo: Path):
    context = loaded(scaffold(repo)).context
    assert context.tripartite_body is None
    assert context.labour_standards is not None
    assert context.labour_standards.ratifications == []
