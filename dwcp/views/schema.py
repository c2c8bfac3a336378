"""JSON Schema for editors and other validators, generated from the Pydantic models."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import BaseModel

from dwcp.domain.catalogue import FILES
from dwcp.model import Programme

DRAFT = "https://json-schema.org/draft/2020-12/schema"
FOLDER = "schemas"
"""Where `dwcp schema` and `dwcp init` write the schemas, in the repository's root folder."""
PROGRAMME = "programme.schema.json"


def _schema(model: type[BaseModel], title: str) -> dict[str, object]:
    schema: dict[str, object] = {"$schema": DRAFT, **model.model_json_schema(mode="validation")}
    schema["title"] = title
    return schema


def schemas() -> dict[str, dict[str, object]]:
    """File name -> schema, for the programme and every catalogue file."""
    generated = {PROGRAMME: _schema(Programme, "Decent Work Country Programme")}
    for name, model in FILES.items():
        stem = name.removesuffix(".yaml")
        generated[f"catalogue-{stem}.schema.json"] = _schema(model, f"dwcp catalogue: {stem}")
    return generated


def rendered() -> dict[str, str]:
    return {
        name: json.dumps(s, indent=2, ensure_ascii=False) + "\n" for name, s in schemas().items()
    }


def stale(folder: Path) -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    return list(check(folder))


def check(folder: Path) -> dict[str, str]:
    """Schema file name -> "missing" or "stale", for each file not as the models write it."""
    out = {}
    for name, text in rendered().items():
        path = folder / name
        if not path.is_file():
            out[name] = "missing"
        elif path.read_text(encoding="utf-8") != text:
            out[name] = "stale"
    return out


def none_written(folder: Path) -> bool:
    """True when the folder holds none of the schema files (dwcp schema never ran here)."""
    return not any((folder / name).is_file() for name in rendered())


def write(folder: Path) -> list[str]:
    from dwcp.files import write_atomic

    changed = stale(folder)
    folder.mkdir(parents=True, exist_ok=True)
    texts = rendered()
    for name in changed:
        write_atomic(folder / name, texts[name])
    return changed


def reference(programme_folder: Path, schemas_folder: Path) -> str:
    """The programme schema's path as a programme file in `programme_folder` names it on its
    `# yaml-language-server: $schema=...` line: relative, with forward slashes.

    Editors resolve it from the file's path as opened, so links are not followed here: from a
    `programmes` folder that links elsewhere in the repository it is still ../schemas/...
    """
    schema = os.path.normpath(schemas_folder.absolute() / PROGRAMME)
    folder = os.path.normpath(programme_folder.absolute())
    return Path(os.path.relpath(schema, folder)).as_posix()


def schema_line(programme_folder: Path, schemas_folder: Path) -> str:
    """The first line of a programme file, for editors using yaml-language-server."""
    return f"# yaml-language-server: $schema={reference(programme_folder, schemas_folder)}"
