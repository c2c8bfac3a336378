"""`dwcp render` with untrusted input: broken template overrides fail cleanly (exit 2, the
template line and the programme named, nothing written); the sandbox keeps templates away
from Python internals; text from the programme file is data, never code or markup; every
file lands inside --out; and render checks each programme on its own."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jinja2.defaults import DEFAULT_NAMESPACE

from tests.conftest import Run
from tests.helpers import BUILTIN_TEMPLATES
from tests.render import (
    AS_OF,
    SOURCE,
    STEM,
    Page,
    changed,
    files_under,
    make_repo,
    md_headings,
    md_unescape,
    message,
    pdf_pages,
    render,
    run,
    squash,
)

TEXT_FORMATS = ("--format", "html", "--format", "md")
ALL_FORMATS = (*TEXT_FORMATS, "--format", "pdf")
TEMPLATE = {"html": "programme.html.j2", "md": "programme.md.j2"}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes, keyed by POSIX path relative to it; dwcp's
    own cache folder (compiled templates, lint results) is not output and is left out."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".dwcp-cache" not in p.parts
    }


def override(root: Path, ext: str, text: str) -> Path:
    """A --template-dir (an absolute path, unique to the test) overriding one document."""
    folder = root / "overrides"
    target = folder / "documents" / TEMPLATE[ext]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return folder


def assert_clean_failure(result: Run) -> None:
    """Exit 2 through the error boundary: a message, not a traceback or an internal error."""
    assert result.code == 2, result
    assert result.err.startswith("dwcp: error: "), result.err
    assert "Traceback" not in result.err
    assert "internal error" not in result.err
    assert "wrote" not in result.out


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    """(the folder around the repository, the repository): the outer folder is the one to
    snapshot, so that a file written beside the repository is noticed too."""
    return tmp_path, make_repo(tmp_path / "repo")


# --- broken template overrides ---------------------------------------------------------------

# Each breaks on line 3: two harmless lines first, so the line number must be the real one.
BROKEN_TEMPLATES = {
    "undefined-field": "{{ p.no_such_field }}",
    "syntax-error": "{% if %}{% endif %}",
    "missing-message": "{{ t('no.such.key') }}",
}


@pytest.mark.parametrize("ext", ["html", "md"])
@pytest.mark.parametrize("broken", BROKEN_TEMPLATES.values(), ids=BROKEN_TEMPLATES.keys())
def test_broken_override_fails_naming_template_line_and_programme(
    tree: tuple[Path, Path], ext: str, broken: str
) -> None:
    root, repo = tree
    folder = override(root, ext, f"{{{{ lang }}}}\n{{{{ p.title }}}}\n{broken}\n")
    before = snapshot(root)
    # Both text formats: the other one renders fine but must not be written either.
    result = render(repo, *TEXT_FORMATS, "--template-dir", str(folder), "--out", "out")
    assert_clean_failure(result)
    assert re.search(rf"{re.escape(TEMPLATE[ext])}:3\b", result.err), result.err
    assert str(folder / "documents" / TEMPLATE[ext]) in result.err
    assert SOURCE in result.err
    assert files_under(repo / "out") == set()
    assert snapshot(root) == before


def test_broken_html_override_also_stops_the_pdf(tree: tuple[Path, Path]) -> None:
    root, repo = tree
    folder = override(root, "html", "<p>\n{{ p.title }}\n{{ p.no_such_field }}\n")
    result = render(repo, *ALL_FORMATS, "--template-dir", str(folder), "--out", "out")
    assert_clean_failure(result)
    assert re.search(r"programme\.html\.j2:3\b", result.err), result.err
    assert SOURCE in result.err
    assert files_under(repo / "out") == set()


def test_one_broken_programme_among_several_writes_nothing(tree: tuple[Path, Path]) -> None:
    """The template fails on one programme only (by its title): the others are not written."""
    root, _ = tree

    def second(data: Any) -> None:
        data["title"] = "Second programme"
        # Its own outcome codes, so no cross-file rule blocks it before the template runs.
        codes = {
            o["id"]: o["id"].replace("ZMB", "ZMX")
            for p in data["priorities"]
            for o in p["outcomes"]
        }
        _rename(data, codes)

    repo = make_repo(
        root / "many",
        {f"{STEM}.yaml": changed(lambda _: None), "ZMB-2023-2027.yaml": changed(second)},
    )
    folder = override(
        root, "md", "{% if p.title == 'Second programme' %}\n\n{{ p.nothing }}{% endif %}\n"
    )
    result = render(repo, "--format", "md", "--template-dir", str(folder), "--out", "out")
    assert_clean_failure(result)
    assert re.search(r"programme\.md\.j2:3\b", result.err), result.err
    assert "programmes/ZMB-2023-2027.yaml" in result.err
    assert files_under(repo / "out") == set()


def _rename(node: Any, codes: dict[str, str]) -> None:
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else []
    )
    for key, value in list(items):
        if isinstance(value, str) and value in codes:
            node[key] = codes[value]
        else:
            _rename(value, codes)


# --- the sandbox -----------------------------------------------------------------------------

REACHES = {
    "str-mro": "{{ ''.__class__.__mro__ }}",
    "programme-class": "{{ p.__class__ }}",
    "translator-globals": "{{ t.__init__.__globals__ }}",
    "lipsum-globals": "{{ lipsum.__globals__ }}",
    "cycler-os": "{{ cycler.__init__.__globals__.os }}",
    "template-context": "{{ self._TemplateReference__context }}",
    "format-string": "{{ '{0.__class__.__mro__}'.format(p) }}",
    "subclasses": "{{ ().__class__.__base__.__subclasses__() }}",
}


@pytest.mark.parametrize("ext", ["html", "md"])
@pytest.mark.parametrize("reach", REACHES.values(), ids=REACHES.keys())
def test_sandbox_refuses_python_internals(tree: tuple[Path, Path], ext: str, reach: str) -> None:
    if "lipsum" in reach and "lipsum" not in DEFAULT_NAMESPACE:
        pytest.skip("this Jinja has no lipsum global")
    root, repo = tree
    folder = override(root, ext, f"{{# harmless #}}\n{reach}\n")
    before = snapshot(root)
    result = render(repo, "--format", ext, "--template-dir", str(folder), "--out", "out")
    assert_clean_failure(result)
    assert "unsafe" in result.err
    assert re.search(rf"{re.escape(TEMPLATE[ext])}:2\b", result.err), result.err
    assert SOURCE in result.err
    assert snapshot(root) == before


def test_messages_cannot_reach_python_internals(tree: tuple[Path, Path]) -> None:
    """A --template-dir holding a template that passes `t` itself to t(), and a message that
    walks from it to os.environ, must not leak an environment variable into the document."""
    root, repo = tree
    folder = override(root, "md", "{{ t('leak.key', v=t) }}\n")
    catalogue = (BUILTIN_TEMPLATES / "i18n" / "messages.yaml").read_text(encoding="utf-8")
    walk = "{v.__init__.__globals__[Path].__new__.__globals__[os].environ[DWCP_TEST_SECRET]}"
    leak = f'\nleak.key:\n  en: "{walk}"\n  fr: "{walk}"\n  es: "{walk}"\n'
    (folder / "i18n").mkdir()
    (folder / "i18n" / "messages.yaml").write_text(catalogue + leak, encoding="utf-8")
    env = {"DWCP_TEST_SECRET": "s3cr3t-value"}
    result = render(repo, "--format", "md", "--template-dir", str(folder), "--out", "out", env=env)
    written = b"".join(snapshot(repo / "out").values()) if (repo / "out").exists() else b""
    assert b"s3cr3t-value" not in written
    assert_clean_failure(result)
    assert "unsafe" in result.err


# --- data is never code or markup ------------------------------------------------------------


def _render_text(root: Path, change: Any) -> tuple[str, str]:
    repo = make_repo(root, {f"{STEM}.yaml": changed(change)})
    result = render(repo, *TEXT_FORMATS, "--out", "out")
    assert result.code == 0, result.err
    html = (repo / "out" / f"{STEM}.html").read_text(encoding="utf-8")
    md = (repo / "out" / f"{STEM}.md").read_text(encoding="utf-8")
    return html, md


def test_jinja_in_a_title_is_shown_not_run(tmp_path: Path) -> None:
    title = "{{ 7*7 }}"

    def set_title(data: Any) -> None:
        data["title"] = title

    html, md = _render_text(tmp_path, set_title)
    page = Page(html)
    assert page.h1 == [title]
    assert title in html
    assert "<h1>49</h1>" not in html
    heading = md_headings(md)[0]
    assert md_unescape(heading) == title
    assert "49" not in heading
    # Escaped for Markdown too: the braces are not left for another template engine.
    assert "{{" not in heading


def test_script_in_a_title_is_escaped(tmp_path: Path) -> None:
    title = "<script>alert(1)</script>"

    def set_title(data: Any) -> None:
        data["title"] = title

    html, md = _render_text(tmp_path, set_title)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert "<script" not in html.lower()
    assert Page(html).h1 == [title]
    # In Markdown, raw HTML would pass through to the viewer: it must be entities.
    assert "<script" not in md.lower()
    assert "&lt;script&gt;" in md
    assert md_unescape(md_headings(md)[0]) == title


def test_markdown_and_jinja_syntax_in_a_priority_title_is_escaped(tmp_path: Path) -> None:
    title = "*bold* | [x](y) {% raw %}"

    def set_priority_title(data: Any) -> None:
        data["priorities"][0]["title"] = title

    html, md = _render_text(tmp_path, set_priority_title)
    assert title in Page(html).text
    lines = [line for line in md.splitlines() if "bold" in line]
    assert lines, md
    for line in lines:
        assert "*bold*" not in line
        assert "| [x](y)" not in line
        assert "[x]" not in line.replace("\\[x\\]", "")
        assert "{% raw %}" not in line
        assert title in md_unescape(line)
    assert r"\*bold\* \| \[x\](y) \{% raw %\}" in md


HOSTILE_PROSE = (
    'Intro <script>alert(1)</script> and <b onclick="x()">raw</b>.\n\n'
    "[click](javascript:alert(2)) [data](data:text/html,hi) [rel](/etc/passwd) "
    "[safe](https://www.ilo.org/) [mail](mailto:info@ilo.org)\n\n"
    "![tracker](https://evil.example/pixel.png) {{ 7*7 }} {% raw %} @someone #12\n\n"
    '<iframe src="https://evil.example"></iframe>\n\n'
    "# A heading of its own\n"
)


def _hostile_narrative(data: Any) -> None:
    data["narrative"] = {
        "executive_summary": HOSTILE_PROSE,
        "statements": [{"group": "workers", "text": [{"text": HOSTILE_PROSE}]}],
    }
    data["priorities"][0]["outcomes"][0]["strategy"] = HOSTILE_PROSE


def test_hostile_prose_is_inert_in_every_format(tmp_path: Path) -> None:
    """Markdown prose: no tag of its own, no link but http(s) and mailto, no image fetched,
    no template syntax run, no mention; in HTML, Markdown and the PDF's text."""
    repo = make_repo(tmp_path, {f"{STEM}.yaml": changed(_hostile_narrative)})
    result = render(repo, *ALL_FORMATS, "--out", "out")
    assert result.code == 0, result.err
    html = (repo / "out" / f"{STEM}.html").read_text(encoding="utf-8")
    md = (repo / "out" / f"{STEM}.md").read_text(encoding="utf-8")
    page = Page(html)
    for tag in ("<script", "<b ", "<iframe", "<img", 'onclick="'):
        assert tag not in html.lower().replace("&lt;", "<!"), tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in " ".join(page.hrefs)
    assert [h for h in page.hrefs if not h.startswith("#")] == [
        "https://www.ilo.org/",
        "mailto:info@ilo.org",
    ] * 3
    assert page.sources == []
    assert "{{ 7*7 }}" in page.text
    # The prose's own heading sits below the document's headings.
    assert "<h1>A heading of its own" not in html and "<h2>A heading of its own" not in html
    # Markdown: the same, written back escaped.
    assert "<script" not in md.lower() and "<iframe" not in md.lower() and "<b " not in md
    # Only the allowed links are Markdown links; the others are escaped text.
    assert (
        re.findall(r"(?<!\\)\]\(([^)]*)\)", md)
        == ["https://www.ilo.org/", "mailto:info@ilo.org"] * 3
    )
    assert "![" not in md and "evil.example/pixel" not in md.replace("\\", "")
    assert "[safe](https://www.ilo.org/)" in md
    assert "{{" not in md and "{% raw %}" not in md
    assert "@someone" not in md
    assert not any(line.startswith("# A heading") for line in md.splitlines())
    shown = md_unescape(md)
    assert "<script>alert(1)</script>" in shown and "{{ 7*7 }}" in shown
    # The PDF shows the text as text.
    text = squash(" ".join(pdf_pages(repo / "out" / f"{STEM}.pdf")))
    assert "<script>alert(1)</script>" in text
    assert "{{ 7*7 }}" in text


# --- output containment ----------------------------------------------------------------------


def test_everything_written_lands_inside_out(tree: tuple[Path, Path]) -> None:
    root, repo = tree
    before = snapshot(root)
    result = render(repo, *ALL_FORMATS, "--out", "nested/out")
    assert result.code == 0, result.err
    after = snapshot(root)
    out = "repo/nested/out/"
    assert {k: v for k, v in after.items() if not k.startswith(out)} == before
    assert set(after) - set(before) == {f"{out}{STEM}.{ext}" for ext in ("html", "md", "pdf")}
    # No temporary files left behind either.
    assert files_under(repo / "nested" / "out") == {f"{STEM}.{e}" for e in ("html", "md", "pdf")}


def test_out_at_an_existing_file_exits_2_and_leaves_it(tree: tuple[Path, Path]) -> None:
    root, repo = tree
    (repo / "taken").write_text("not a folder\n", encoding="utf-8")
    before = snapshot(root)
    result = render(repo, *TEXT_FORMATS, "--out", "taken")
    assert result.code == 2
    assert "Traceback" not in result.err
    assert "wrote" not in result.out
    assert snapshot(root) == before


def test_out_at_an_existing_file_is_a_clear_usage_error(tree: tuple[Path, Path]) -> None:
    _, repo = tree
    (repo / "taken").write_text("not a folder\n", encoding="utf-8")
    result = render(repo, *TEXT_FORMATS, "--out", "taken")
    assert_clean_failure(result)
    assert "taken" in result.err
    assert "FileExistsError" not in result.err


@pytest.mark.parametrize(
    ("option", "value"), [("--lang", "xx"), ("--audience", "everyone")], ids=["lang", "audience"]
)
def test_unknown_option_values_exit_2(tree: tuple[Path, Path], option: str, value: str) -> None:
    root, repo = tree
    before = snapshot(root)
    result = render(repo, *TEXT_FORMATS, option, value, "--out", "out")
    assert_clean_failure(result)
    assert f"{option} {value!r}" in result.err
    assert snapshot(root) == before


# --- portfolio rules are part of the publish gate ----------------------------------------------


def _malawi(data: Any) -> None:
    """Another country's programme that reuses the clean fixture's outcome code ZMB101."""
    data["country"] = "MWI"
    data["title"] = "Decent Work Country Programme for Malawi"


def _duplicated_outcome_code(tmp_path: Path) -> Path:
    other = "MWI-2018-2022"
    repo = make_repo(
        tmp_path, {f"{STEM}.yaml": changed(lambda _: None), f"{other}.yaml": changed(_malawi)}
    )
    lint = run(repo, "lint", "--as-of", AS_OF, "--format", "json")
    # DW901 is reported on the later of the two files, ZMB; it is the only error.
    findings = json.loads(lint.out)["findings"]
    assert [(f["file"], f["code"]) for f in findings if f["severity"] == "error"] == [
        (f"programmes/{STEM}.yaml", "DW901")
    ]
    return repo


def test_a_cross_file_error_blocks_the_programme_it_is_reported_on(tmp_path: Path) -> None:
    repo = _duplicated_outcome_code(tmp_path)
    result = render(repo, *TEXT_FORMATS, "--out", "out")
    assert result.code == 1
    assert f"programmes/{STEM}.yaml: not rendered, 1 error(s)" in result.err
    assert "DW901" in result.err
    assert files_under(repo / "out") == {"MWI-2018-2022.html", "MWI-2018-2022.md"}


def test_forced_a_cross_file_error_marks_the_document_not_validated(tmp_path: Path) -> None:
    repo = _duplicated_outcome_code(tmp_path)
    result = render(repo, *TEXT_FORMATS, "--out", "out", "--force")
    assert result.code == 0, result.err
    zmb = (repo / "out" / f"{STEM}.html").read_text(encoding="utf-8")
    mwi = (repo / "out" / "MWI-2018-2022.html").read_text(encoding="utf-8")
    assert message("document.not_validated") in zmb
    assert message("document.not_validated") not in mwi
