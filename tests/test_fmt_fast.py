"""The fast formatter against the round-trip one (the oracle): the same bytes, or both refuse,
or the fast one declines and leaves the file to the round-trip engine."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from dwcp.workflow.fmt import FormatError, format_text
from dwcp.workflow.fmt.fast import Declined, format_best, format_fast
from tests.conftest import CliRun
from tests.test_fmt import FIXTURES, SAMPLES, SHUFFLED

Outcome = tuple[str, str]


def run(engine: object, text: str) -> Outcome:
    try:
        return "formatted", engine(text, "x.yaml")  # type: ignore[operator]
    except FormatError:
        return "refused", ""


def compare(text: str) -> str:
    """`declined`, or `same` once the two engines are seen to agree."""
    try:
        fast = run(format_fast, text)
    except Declined as exc:
        if currently_in_test_context():
            event(f"declined: {exc}")
        return "declined"
    assert fast == run(format_text, text)
    return "same"


@pytest.mark.parametrize("path", SAMPLES + FIXTURES, ids=lambda p: p.name)
def test_every_sample_and_fixture_is_formatted_by_the_fast_engine_alike(path: Path):
    text = path.read_text(encoding="utf-8")
    assert format_fast(text, str(path)) == format_text(text, str(path))  # never declined
    reordered = text.replace("\ncountry:", "\nzz_moved:", 1).replace("\nzz_moved:", "\ncountry:")
    header, body = reordered.split("\n", 1)
    for variant in (f"{header}\n---\n{body}", body.replace("\n", "\r\n"), "\ufeff" + text):
        assert compare(variant) == "same"


def test_the_commented_example_of_test_fmt_is_formatted_alike():
    assert compare(SHUFFLED) in ("same", "declined")


@pytest.mark.parametrize(
    "text",
    [
        "status: drafting\ntitle: Zambia DWCP\nperiod: {end: 2022, start: 2018}\ncountry: ZMB\n",
        "country: ZMB   \n\n\n\ntitle: T  # why   \n\n\n",
        "country: ZMB",
        "a: ~\nb: null\nc:\nd: True\ne: 007\nf: 1.50\ng: 2018-1-5\nh:\n  - ~\n  - x\n",
        "title: |-\n  kept\n    deeper\n\n  last   \nprevious: >+\n  folded\n  text\n\n\ncountry: X\n",
        "country: ZMB\ntitle: [unclosed\n",
        "country: ZMB\ncountry: VNM\n",
        "base: &b {currency: EUR}\nplanning:\n  <<: *b\n",
        "--- # opened here\nstatus: drafting\ncountry: ZMB\n",
        "title: 'l''été' # é\ncountry: \"Việt Nam\"\n",
        "revisions:\n  - summary: s\n    date: &d 2006-01-01\nperiod: {end: *d, start: 2000}\n",
        "notes:\n  - date: &a 2006-01-01\n  - date: &b 2007-01-01\nx: *b\ny: [*a, *b]\n",
        "country: &a ZMB\ntitle: *a\n",
        "title: a long title\n  written over\n\n  lines\ncountry: 'one\n  two'\nx: \"é\n  \\t\"\n",
        "title: [a,\n  b]\nstatus: x\n  y: z\n",
    ],
)
def test_small_cases_are_formatted_alike(text: str):
    assert compare(text) in ("same", "declined")


def test_the_cli_says_which_engine_formatted_each_file(dwcp: CliRun, repo: Path):
    (repo / "programmes" / "A.yaml").write_text("title: T\ncountry: A\n", encoding="utf-8")
    (repo / "programmes" / "B.yaml").write_text("x: &a 1\ny: *a\n", encoding="utf-8")
    run = dwcp("fmt", "--check", "--no-cache", "--verbose")
    assert "programmes/A.yaml: fast" in run.err
    assert "programmes/B.yaml: round-trip" in run.err


def test_format_best_falls_back_to_the_round_trip_engine():
    assert format_best("x: &a 1\ny: *a\n") == ("x: &a 1\ny: *a\n", "round-trip")
    assert format_best("title: T\ncountry: A\n") == ("country: A\ntitle: T\n", "fast")


# --- generated programmes -------------------------------------------------------------------

WORDS = ["Decent", "work", "été", "Việt", "雇用", "trabajo", "a: b", "#x", "it's", "50%", "-"]


class Writer:
    """A small programme with random key order, indentation, comments, quoting styles and
    block scalars; not always valid YAML (then both engines must refuse)."""

    def __init__(self, seed: int, texts: list[str]) -> None:
        self.rng = random.Random(seed)
        self.texts = texts or ["text"]
        self.indent = self.rng.choice([2, 4])
        self.offset = self.rng.choice([0, 2, 4])
        self.lines: list[str] = []

    def chance(self, share: float) -> bool:
        return self.rng.random() < share

    def text(self) -> str:
        if self.chance(0.3):
            self.lines.append("# header")
        if self.chance(0.2):
            self.lines.append("---" + (" # start" if self.chance(0.3) else ""))
        if self.chance(0.3):
            self.lines.append("")
        self.mapping(self.programme(), 0, None)
        if self.chance(0.3):
            self.lines.append("# closing")
        text = "\n".join(self.lines) + ("\n" if self.chance(0.9) else "")
        if self.chance(0.2):
            text = text.replace("\n", "\r\n")
        return ("\ufeff" if self.chance(0.1) else "") + text

    def programme(self) -> dict[str, object]:
        outcome = {"id": "X101", "statement": self.string(), "indicators": [self.string()]}
        priority = {"id": "X-P1", "title": self.string(), "outcomes": [outcome]}
        period: dict[str, object] = {"end": 2022, "start": 2018}
        return {
            "title": self.string(),
            "country": "ZMB",
            "status": "drafting",
            "period": period,
            "priorities": [priority, dict(priority, id="X-P2")],
            "notes": [{"internal": self.chance(0.5), "text": self.string()}],
            "extra": {"b": None, "a": 1.5},
        }

    def string(self) -> str:
        return " ".join(self.rng.choice(self.texts + WORDS) for _ in range(self.rng.randint(1, 4)))

    def mapping(self, data: dict[str, object], column: int, dash: str | None) -> None:
        keys = list(data)
        self.rng.shuffle(keys)
        for index, key in enumerate(keys):
            if not (index == 0 and dash is not None):
                if self.chance(0.15):
                    self.lines.append("")
                if self.chance(0.25):
                    self.lines.append(" " * (column + self.rng.choice([0, 0, 2])) + f"# on {key}")
            start = dash if index == 0 and dash is not None else " " * column
            self.value(f"{start}{key}:", data[key], column)

    def end(self) -> str:
        return self.rng.choice(["  # end", " # end", "      # end"]) if self.chance(0.25) else ""

    def value(self, start: str, value: object, column: int) -> None:
        if isinstance(value, dict) and self.chance(0.7):
            self.lines.append(start + self.end())
            self.mapping(value, column + self.indent, None)
        elif isinstance(value, list) and self.chance(0.8):
            self.lines.append(start + self.end())
            for item in value:
                if self.chance(0.2):
                    self.lines.append(" " * (column + self.offset) + "# item")
                dash = " " * (column + self.offset) + "- "
                if isinstance(item, dict):
                    self.mapping(item, column + self.offset + 2, dash)
                else:
                    self.value(dash.rstrip(), item, column + self.offset)
        elif isinstance(value, str) and self.chance(0.3):
            self.block(start, value, column)
        else:
            self.lines.append(f"{start} {self.scalar(value)}{self.end()}")

    def block(self, start: str, value: str, column: int) -> None:
        style = self.rng.choice(["|", ">"])
        chomp = self.rng.choice(["", "-", "+"])
        indicator = self.rng.choice(["", "", str(self.indent)])
        header = style + self.rng.choice([indicator + chomp, chomp + indicator])
        note = "  # block" if self.chance(0.15) else ""
        self.lines.append(f"{start} {header}{note}")
        pad = " " * (column + self.indent)
        words = value.split(" ")
        self.lines.extend(pad + (" " if self.chance(0.1) else "") + word for word in words)
        if self.chance(0.3):
            self.lines.append("")

    def scalar(self, value: object) -> str:
        if isinstance(value, dict | list):
            if isinstance(value, dict):
                inner = ", ".join(f"{k}: {self.scalar(v)}" for k, v in value.items())
                return "{" + inner + "}"
            return "[" + ", ".join(self.scalar(v) for v in value) + "]"
        if not isinstance(value, str):
            return self.rng.choice([json.dumps(value), "~" if value is None else str(value)])
        style = self.rng.choice(["plain", "single", "double", "escaped"])
        if style == "plain" and "#" not in value and ":" not in value and value[:1] not in "-'\"%":
            return value
        if style == "single":
            return "'" + value.replace("'", "''") + "'"
        return json.dumps(value, ensure_ascii=style == "escaped")


TEXTS = st.lists(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), max_codepoint=0x2FFF),
        min_size=1,
        max_size=12,
    ).filter(lambda t: t.strip() == t and " " not in t),
    max_size=5,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32), texts=TEXTS)
def test_generated_programmes_are_formatted_alike(seed: int, texts: list[str]):
    compare(Writer(seed, texts).text())


def test_the_fast_engine_declines_few_generated_programmes():
    results = [compare(Writer(seed, []).text()) for seed in range(40)]
    assert results.count("declined") <= 20, results.count("declined")


def test_the_fast_engine_refuses_a_result_that_would_change_the_data_or_a_comment(
    monkeypatch: pytest.MonkeyPatch,
):
    text = "title: T  # why\ncountry: ZMB\n"
    monkeypatch.setattr("dwcp.workflow.fmt.fast._Writer.text", lambda _: "country: ZMB\n")
    with pytest.raises(FormatError, match=r"^x\.yaml:1:1: formatting would change the data"):
        format_fast(text, "x.yaml")
    monkeypatch.setattr("dwcp.workflow.fmt.fast._Writer.text", lambda _: "country: ZMB\ntitle: T\n")
    with pytest.raises(FormatError, match=r"^x\.yaml:1:1: formatting would change a comment"):
        format_fast(text, "x.yaml")


def test_a_bad_file_is_refused_by_the_fast_engine_with_the_loader_message():
    with pytest.raises(FormatError, match=r"^bad\.yaml:2:1: key `country` appears twice"):
        format_best("country: ZMB\ncountry: VNM\n", "bad.yaml")
