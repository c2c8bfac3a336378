"""A programme in the language a document is asked in: its translation file applied.

Templates never see translations: they receive a translated copy of the programme
(dwcp.domain.passages.translate), whose untranslated passages the environment marks.
"""

from __future__ import annotations

from pathlib import Path

from dwcp.domain.passages import Translated, translate
from dwcp.errors import RenderError
from dwcp.model import Programme
from dwcp.source.translations import read_translation, sibling


def in_language(programme: Programme, path: Path, language: str) -> Translated:
    """The programme with its passages in `language`, from `<stem>.<language>.yaml` beside
    its file; without that file every passage stays in the original, marked. A translation
    file that cannot be read is an error naming file:line:col."""
    if language == programme.language:
        return Translated(programme, [])
    found = sibling(path, language)
    if found is None:
        return translate(programme, None)
    file = read_translation(found, path)
    if file.translation is None:
        problems = "; ".join(str(p) for p in file.problems)
        raise RenderError(f"{problems} (the {language} translation of {path.name})")
    return translate(programme, file.translation)
