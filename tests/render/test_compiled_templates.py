"""The built-in templates ship compiled (dwcp.views.compiled_templates): the shipped code is
current, it is used only for the package's own unchanged templates, and documents made with
it are the documents a fresh compile makes."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pytest

from dwcp.config import load_settings
from dwcp.domain.catalogue import load_catalogue
from dwcp.errors import RenderError
from dwcp.resources import Templates, builtin_folder
from dwcp.views import compiled_templates, environment
from dwcp.views.compiled_templates import COMPILED, module_name
from dwcp.views.documents.publish import RenderOptions, render_documents
from dwcp.views.environment import compiling_environment, environment_for, render_template
from dwcp.views.i18n import Translator
from dwcp.views.template_compiler import generate, stale_files
from tests.helpers import BUILTIN_TEMPLATES, CLEAN

PROGRAMME = "documents/programme.html.j2"
SHIPPED = Path(compiled_templates.__file__).parent / "compiled"


@pytest.fixture(autouse=True)
def fresh_environments() -> Iterator[None]:
    """Each test builds its environments anew (they cache their compiled templates) and
    reads the shipped index anew (a test may fake it)."""
    environment._CACHE.clear()
    compiled_templates._recorded.cache_clear()
    yield
    environment._CACHE.clear()
    compiled_templates._recorded.cache_clear()


def _env(templates: Templates, language: str = "en") -> jinja2.Environment:
    return environment_for(templates, Translator(templates.messages, language))


def _recorded_jinja() -> str:
    return str(json.loads((SHIPPED / "index.json").read_text(encoding="utf-8"))["jinja"])


def _same_jinja() -> None:
    """The shipped code is Jinja's for one version; under another, dwcp compiles instead
    (tested below), and the code can only be compared by the version that made it."""
    if jinja2.__version__ != _recorded_jinja():
        pytest.skip(f"shipped code made by Jinja {_recorded_jinja()}, {jinja2.__version__} here")


def test_the_shipped_code_is_current() -> None:
    _same_jinja()
    folder = builtin_folder()
    assert folder is not None
    wanted = generate(compiling_environment(), folder)
    assert stale_files(SHIPPED, wanted) == [], "run `make templates`"
    assert {f"{module_name(n)}.py" for n in _template_names()} <= set(wanted)


def _template_names() -> list[str]:
    return [
        p.relative_to(BUILTIN_TEMPLATES).as_posix()
        for p in BUILTIN_TEMPLATES.rglob("*")
        if p.suffix in (".j2", ".css")
    ]


def test_the_code_does_not_depend_on_the_language() -> None:
    folder = builtin_folder()
    assert folder is not None
    english = generate(compiling_environment(), folder)
    templates = Templates(())
    arabic = environment._environment(templates, Translator(templates.messages, "ar"), None)
    assert generate(arabic, folder) == english


def test_a_builtin_template_is_taken_from_its_shipped_code() -> None:
    _same_jinja()
    template = _env(Templates(())).get_template(PROGRAMME)
    assert template.filename == f"dwcp:{PROGRAMME}"
    code_file = template.root_render_func.__code__.co_filename
    assert code_file.endswith(f"{module_name(PROGRAMME)}.py"), code_file


def test_an_override_is_compiled_from_its_own_text(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "documents"
    folder.mkdir(parents=True)
    (folder / "programme.html.j2").write_text("<p>{{ country }}</p>", encoding="utf-8")
    template = _env(Templates((tmp_path / "templates",))).get_template(PROGRAMME)
    assert template.render(country="Zambia") == "<p>Zambia</p>"
    assert COMPILED.replace(".", "/") not in template.root_render_func.__code__.co_filename


@pytest.mark.parametrize("what", ["text", "jinja"])
def test_code_made_from_another_text_or_jinja_is_not_used(
    what: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if what == "text":  # as if the template had been edited since its code was made
        monkeypatch.setattr(compiled_templates, "text_hash", lambda _: "0" * 64)
    else:
        monkeypatch.setattr(jinja2, "__version__", "0.0")
    template = _env(Templates(())).get_template(PROGRAMME)
    code_file = template.root_render_func.__code__.co_filename
    assert not code_file.endswith(".py"), code_file  # compiled here, from the template


@dataclass(frozen=True)
class _Lacking:
    """A context without the fields the programme document reads."""

    country: str


def test_an_error_in_shipped_code_names_the_template_line() -> None:
    with pytest.raises(RenderError) as caught:
        render_template(_env(Templates(())), PROGRAMME, _Lacking("Zambia"), "ZMB.yaml")
    message = str(caught.value)
    assert message.startswith(f"dwcp:{PROGRAMME}:"), message
    assert "(rendering ZMB.yaml)" in message


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_documents_from_shipped_code_equal_a_fresh_compile(
    language: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(CLEAN, tmp_path / CLEAN.name)
    options = RenderOptions(
        formats=("html", "md"), out=tmp_path / "out", as_of=dt.date(2020, 6, 1), language=language
    )

    def documents() -> dict[Path, bytes]:
        environment._CACHE.clear()
        settings = load_settings(tmp_path)
        outcome = render_documents([tmp_path], settings, load_catalogue(), options)
        assert outcome.files and not outcome.blocked
        return outcome.files

    shipped = documents()
    monkeypatch.setattr(compiled_templates, "shipped_code", lambda *_: None)
    assert documents() == shipped
