"""French typography for finished documents: a narrow no-break space (U+202F) before
: ; ? and !, as the French editions of UN and ILO documents print them ("Statut : signé").

U+202F rather than U+00A0: the Imprimerie nationale's rules want a thin space before ; ? !
and CLDR (so Babel) already groups French digits with U+202F ("2 400 000"), so one
character serves the whole document; it never breaks a line, so the mark never starts one.

Applied to the whole rendered text, labels and generated sentences alike, but only where the
mark ends a word and is followed by a space or the end of the text: a URL ("https://"),
a time ("10:30"), an HTML entity ("&amp;") or a query string keeps its marks. HTML tags,
<style>, <script>, <code> and <pre> are left alone, and so are Markdown code spans and
fenced blocks.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"

# A mark at the end of a word (optionally after a plain or no-break space), followed by
# whitespace, a closing tag or the end of the text, perhaps after Markdown's closing
# emphasis ("**Statut :**").
_MARK = re.compile(r"(?<=[^\s&#;:?!])[ \u00a0\u202f]?([:;?!]+)(?=[*_]*(?:\s|$|<))")
_ENTITY = re.compile(r"&#?[A-Za-z0-9]+;")
_HTML_SKIP = re.compile(
    r"(<(style|script|code|pre)\b.*?</\2\s*>|<!--.*?-->|<[^>]*>)", re.DOTALL | re.IGNORECASE
)
_MD_SKIP = re.compile(
    r"(^```.*?^```[^\n]*$|`[^`\n]*`|\]\([^)\s]*\)|<[^>\n]*>)", re.DOTALL | re.MULTILINE
)


def french_spacing(text: str, fmt: str) -> str:
    """`text` (a whole "html" or "md" document) with the French spaces added."""
    skip = _HTML_SKIP if fmt in ("html", "pdf") else _MD_SKIP
    parts = skip.split(text)
    out: list[str] = []
    # re.split with two groups (HTML) or one (Markdown) interleaves text and skipped runs.
    groups = skip.groups
    i = 0
    while i < len(parts):
        out.append(_spaced(parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
        i += 1 + groups
    return "".join(out)


def _spaced(text: str) -> str:
    if not text:
        return text
    pieces = _ENTITY.split(text)
    entities = _ENTITY.findall(text)
    out = [_MARK.sub(lambda m: NNBSP + m.group(1), pieces[0])]
    for entity, piece in zip(entities, pieces[1:], strict=True):
        out.append(entity)
        out.append(_MARK.sub(lambda m: NNBSP + m.group(1), piece))
    return "".join(out)
