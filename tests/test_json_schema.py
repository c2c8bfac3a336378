"""The committed JSON Schema, checked by an independent validator against real files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from dwcp.source.loader import load
from tests.helpers import CLEAN, clean_data, dump, outcome, programme_files

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "schemas" / "programme.schema.json").read_text(encoding="utf-8"))
SAMPLES = programme_files(ROOT / "programmes")


def as_json(value: Any) -> Any:
    """What an editor's YAML language server sees: dates are strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def errors_for(data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    return [error.message for error in validator.iter_errors(as_json(data))]


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", [CLEAN, *SAMPLES], ids=lambda p: p.name)
def test_schema_accepts_the_fixture_and_every_sample(path: Path):
    assert errors_for(load(path).data) == []


def test_there_are_at_least_six_samples():
    assert len(SAMPLES) >= 6


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_start_with_the_editor_schema_line(path: Path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/programme.schema.json"


def test_schema_rejects_an_unknown_key_as_the_model_does():
    data = clean_data()
    outcome(data)["statment"] = "typo"
    assert any("statment" in message for message in errors_for(load_text(dump(data))))


def test_schema_rejects_a_wrong_type_as_the_model_does():
    data = clean_data()
    data["period"]["start"] = "twenty eighteen"
    assert errors_for(load_text(dump(data)))


def test_schema_rejects_a_missing_required_key():
    data = clean_data()
    del data["title"]
    assert any("title" in message for message in errors_for(load_text(dump(data))))


def test_schema_rejects_a_value_outside_a_choice():
    data = clean_data()
    data["status"] = "sigend"
    assert errors_for(load_text(dump(data)))


def load_text(text: str) -> Any:
    from dwcp.source.loader import parse

    return parse(text).data


def test_schema_accepts_the_un_frameworks_list_and_the_legacy_key_but_not_both():
    """Issue 14: editors accept older files' one `un_framework`, as the model does."""
    data = clean_data()
    legacy = data["context"]["un_framework"]
    data["context"]["un_frameworks"] = [legacy]
    assert errors_for(load_text(dump(data)))
    del data["context"]["un_framework"]
    assert errors_for(load_text(dump(data))) == []


def test_schema_accepts_an_extension_and_the_roles():
    data = clean_data()
    data["period"].update({"extended_to": 2024, "extension": {"date": "2022-06-30"}})
    data["priorities"][0]["cross_cutting"] = True
    outcome(data)["enabling"] = True
    assert errors_for(load_text(dump(data))) == []
