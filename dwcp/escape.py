"""Escaping at every edge where programme text or file names (untrusted input) reach an output.

One function per kind of output; each output module calls the one for its edge:

- Markdown (reports, diff comments, documents): `markdown_text`.
- GitHub workflow commands (`--format github`): `workflow_data`, `workflow_property`.
- Terminal and log lines: `terminal_text`, and `terminal_markup` for text printed with rich.
- XML (JUnit): `xml_text` for each value, `xml_document` for the serialised document.
- JSON (lint, SARIF, diff and report JSON): `json_document` for the serialised document.
- SARIF: `sarif_message`, `sarif_uri`.
- Spreadsheets (CSV and xlsx): `spreadsheet_cell`.
- Raw text such as a patch: `stop_commands` under GitHub Actions.

GitHub Actions reads workflow commands from every line a step prints, on standard output and
standard error alike: `::name ...::data` once leading white space is trimmed, and the legacy
`##[name ...]data` anywhere in a line. So no untrusted text may bring a line break, a `::`, or
a `##[` into a printed line; each escaper below rules them out in its own syntax.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

# Shown as \xNN or \uNNNN in terminal, Markdown and XML text: C0 and C1 controls, DEL, lone
# surrogates (undecodable file names), and the characters that reorder or break lines on
# screen (bidirectional overrides and isolates, line and paragraph separators).
# These three stay strings: re compiles (slowly, for ranges this wide) and caches them on
# first use, so importing this module costs nothing at start-up.
_UNSAFE = (
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
# Characters XML 1.0 forbids (C0 controls but tab, LF and CR; lone surrogates; U+FFFE and
# U+FFFF), plus those _UNSAFE shows for the terminal although XML allows them.
_NOT_XML = (
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
    "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
# In JSON these can only stand inside strings, where a \\uNNNN escape is the same text.
_JSON_UNSAFE = "[\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
_WORKFLOW_COMMAND = "::"
_LEGACY_COMMAND = "##["

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!~$])")
# GitHub notifies @name (and @org/team) unless a word character comes just before the @.
_MD_MENTION = re.compile(r"(?<![A-Za-z0-9_])@")
# #123 and owner/repo#123 link to (and leave a reference in) another issue or pull request.
_MD_ISSUE = re.compile(r"\\#(?=[0-9])")
# At the start of a list item or paragraph these would open a nested list or a rule.
_MD_BLOCK_START = re.compile(r"^(?:[-+]|[0-9]+(?=[.)]))")
_ZERO_WIDTH_SPACE = "&#8203;"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SPREADSHEET_CELL_LIMIT = 32_767
"""Characters (UTF-16 code units) an Excel cell holds."""


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# --- Markdown --------------------------------------------------------------------------------


def markdown_text(value: object) -> str:
    """Text as inert inline Markdown (a table cell, heading or list item): one line; HTML,
    Markdown syntax and `|` escaped; @mentions and #references broken so GitHub neither
    renders markup nor notifies or links anyone. It reads as the text itself."""
    text = "" if value is None else " ".join(str(value).split())
    text = re.sub(_UNSAFE, _visible, text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_MENTION.sub("@" + _ZERO_WIDTH_SPACE, text)
    text = _MD_ISSUE.sub(r"\\#" + _ZERO_WIDTH_SPACE, text)
    return _MD_BLOCK_START.sub(_escape_block_start, text, count=1)


def _escape_block_start(match: re.Match[str]) -> str:
    marker = match.group()
    return "\\" + marker if marker in "-+" else marker + "\\"


# --- GitHub workflow commands ----------------------------------------------------------------


def workflow_data(text: str) -> str:
    """The message of a workflow command, as actions/toolkit's escapeData."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A property value (file=, title=) of a workflow command, as toolkit's escapeProperty."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


def stop_commands(text: str, environ: Mapping[str, str] = os.environ) -> str:
    """Raw untrusted text (a patch) that must print as it is: under GitHub Actions, framed by
    `::stop-commands::` and a random token, so the runner reads no command inside it."""
    if environ.get("GITHUB_ACTIONS") != "true" or not text:
        return text
    import secrets

    token = secrets.token_hex(16)
    end = "" if text.endswith("\n") else "\n"
    return f"::stop-commands::{token}\n{text}{end}::{token}::\n"


# --- terminal --------------------------------------------------------------------------------


def terminal_text(value: object, multiline: bool = False) -> str:
    """Text for a terminal or a CI log: control characters (ESC, CR, newline...) shown as
    \\x1b and the like, never sent, and no `::` or `##[` left to start a workflow command.
    With multiline, newlines are kept and every line is escaped (for dwcp's own multi-line
    messages); a newline inside the data must then already be escaped."""
    text = str(value)
    if multiline:
        return "\n".join(terminal_text(line) for line in text.split("\n"))
    text = re.sub(_UNSAFE, _visible, text)
    text = text.replace(_WORKFLOW_COMMAND, ":\\x3a")
    return text.replace(_LEGACY_COMMAND, "##\\x5b")


def terminal_markup(value: object) -> str:
    """`terminal_text` for printing through rich with markup on: `[bold]` stays text."""
    from rich.markup import escape

    return escape(terminal_text(value))


# --- XML and JSON ----------------------------------------------------------------------------


def xml_text(value: object) -> str:
    """A value for an XML text node or attribute: characters XML 1.0 forbids (and terminal
    controls) shown as \\x1b and the like. The XML writer escapes <, > and &."""
    return re.sub(_NOT_XML, _visible, str(value))


def xml_document(text: str) -> str:
    """A serialised XML document printed to a CI log: `::` and `##[` inside text and
    attribute values written as character references, which read back as the same text.
    Outside values XML has no `::` or `##[`, so the document means what it meant."""
    return text.replace(_WORKFLOW_COMMAND, ":&#58;").replace(_LEGACY_COMMAND, "##&#91;")


def json_document(text: str) -> str:
    """A serialised JSON document printed to a CI log: `##[` and characters a terminal would
    act on (C1 controls, lone surrogates, bidirectional overrides) as \\uNNNN escapes, which
    read back as the same strings. An indented document never starts a line with `::`."""
    text = re.sub(_JSON_UNSAFE, lambda m: f"\\u{ord(m.group()):04x}", text)
    return text.replace(_LEGACY_COMMAND, "##\\u005b")


# --- SARIF -----------------------------------------------------------------------------------


def sarif_message(text: str) -> str:
    """Plain text for a SARIF message: brackets (embedded-link syntax) and backslashes
    escaped with a backslash, so text from the programme links nowhere."""
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def sarif_uri(path: str) -> str:
    """A file name as the relative URI reference SARIF requires: space, #, ?, % and any
    character outside ASCII percent-encoded, slashes kept."""
    from urllib.parse import quote

    return quote(path, safe="/")


# --- spreadsheets ----------------------------------------------------------------------------


def spreadsheet_cell(text: str) -> str:
    """A text cell for CSV and xlsx: text Excel would run as a formula (starting with =, +,
    -, @, tab or carriage return) gets a leading apostrophe; text longer than a cell holds is
    cut with a note saying so at its end, never silently."""
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    size = _utf16_length(text)
    if size <= SPREADSHEET_CELL_LIMIT:
        return text
    note = f" [cut by dwcp: {size:,} characters; a cell holds {SPREADSHEET_CELL_LIMIT:,}]"
    return _utf16_prefix(text, SPREADSHEET_CELL_LIMIT - len(note)) + note


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _utf16_prefix(text: str, units: int) -> str:
    """The longest start of text that fits in `units` UTF-16 code units (as Excel counts)."""
    head = text[:units]
    while (excess := _utf16_length(head) - units) > 0:
        head = head[: -((excess + 1) // 2)]  # a character takes one or two code units
    return head
