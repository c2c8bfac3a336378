"""Prose fields (CommonMark) as safe HTML, and as sanitized Markdown for Markdown documents.

The text is untrusted: markdown-it-py parses it in strict CommonMark mode with raw HTML
disabled, so `<script>` is shown as text. Links keep only http(s) and mailto targets (any
other, `javascript:` included, stays the literal text it was written as), and images become
their description: a document never fetches a remote file nor points at a local one.
Headings are moved below the document's own (`level` is the first level prose may use).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup

from dwcp.escape import markdown_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode
    from markdown_it.utils import EnvType, OptionsDict

_SCHEMES = ("http://", "https://", "mailto:")
# Characters a Markdown link destination must not hold bare, and their URL escapes.
_DESTINATION = str.maketrans({"(": "%28", ")": "%29", " ": "%20", "<": "%3C", ">": "%3E"})


def _allowed_link(url: str) -> bool:
    return url.strip().lower().startswith(_SCHEMES)


def _image_as_text(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    from markdown_it.common.utils import escapeHtml

    # The description in place of the picture: nothing is fetched, nothing points anywhere.
    return escapeHtml(renderer.renderInlineAsText(tokens[idx].children or [], options, env))


@cache
def _parser() -> MarkdownIt:
    """The parser, made on first use: importing markdown-it-py takes 36 ms, which a render
    whose programmes have no prose need not pay."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.validateLink = _allowed_link  # type: ignore[method-assign]
    parser.add_render_rule("image", _image_as_text)
    return parser


def _tokens(text: str, level: int) -> list[Token]:
    tokens = _parser().parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1:]) + level - 1, 6)}"
    return tokens


@lru_cache(maxsize=2048)
def to_html(text: str, level: int = 4) -> Markup:
    """The prose as HTML; Markup only because markdown-it escaped every character of the text
    itself (raw HTML is off) and wrote the tags."""
    parser = _parser()
    html = parser.renderer.render(_tokens(text, level), parser.options, {})
    return Markup(html)  # noqa: S704 - the library's escaped output, see above


@lru_cache(maxsize=2048)
def to_markdown(text: str, level: int = 4) -> str:
    """The prose as Markdown that shows the same thing and nothing else: written back from
    the parsed tree with every piece of text escaped, so no HTML, no other link, no mention
    and no template syntax survives."""
    from markdown_it.tree import SyntaxTreeNode

    tree = SyntaxTreeNode(_tokens(text, level))
    return "\n\n".join(_blocks(tree)) + "\n"


def _blocks(node: SyntaxTreeNode) -> list[str]:
    out: list[str] = []
    for child in node.children:
        kind = child.type
        if kind == "paragraph":
            out.append(_inline(child))
        elif kind == "heading":
            out.append("#" * int(child.tag[1:]) + " " + _inline(child))
        elif kind in ("bullet_list", "ordered_list"):
            out.append(_list(child))
        elif kind == "blockquote":
            inner = "\n\n".join(_blocks(child))
            out.append("\n".join(f"> {line}".rstrip() for line in inner.splitlines()))
        elif kind in ("code_block", "fence"):
            lines = [markdown_text(line) for line in child.content.splitlines() if line.strip()]
            out.append("\\\n".join(lines))
        elif kind == "hr":
            out.append("* * *")
    return [block for block in out if block]


def _list(node: SyntaxTreeNode) -> str:
    start = int(str(node.attrs.get("start", 1)))
    items = []
    for number, item in enumerate(node.children, start):
        marker = "-" if node.type == "bullet_list" else f"{number}."
        body = "\n\n".join(_blocks(item)).splitlines() or [""]
        pad = " " * (len(marker) + 1)
        rest = [f"{pad}{line}" if line else "" for line in body[1:]]
        items.append("\n".join([f"{marker} {body[0]}", *rest]))
    return "\n".join(items)


def _inline(node: SyntaxTreeNode) -> str:
    return "".join(_piece(child) for child in node.children)


def _piece(node: SyntaxTreeNode) -> str:
    kind = node.type
    if kind == "inline":
        return _inline(node)
    if kind == "text":
        return _text(node.content)
    if kind == "softbreak":
        return " "
    if kind == "hardbreak":
        return "\\\n"
    if kind == "code_inline":
        # As text: escapes do not work inside a code span, so one could carry anything.
        return markdown_text(node.content)
    if kind == "em":
        return f"*{_inline(node)}*"
    if kind == "strong":
        return f"**{_inline(node)}**"
    if kind == "link":
        target = str(node.attrs.get("href", "")).translate(_DESTINATION)
        return f"[{_inline(node)}]({target})"
    return _text(_plain(node))  # an image: its description


def _text(text: str) -> str:
    """Escaped text keeping a space at either end, which markdown_text trims."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return f"{lead}{markdown_text(text)}{trail}"


def _plain(node: SyntaxTreeNode) -> str:
    if node.type == "text":
        return node.content
    return "".join(_plain(child) for child in node.children)
