"""Templates, stylesheets and labels: built into the package, overridable by a repository.

The built-in ones ship inside the package (`dwcp/templates`) and are read through
importlib.resources, so an installed dwcp never looks beside its own package folder. A
programme repository's `templates/` and `--template-dir` override them file by file; their
`i18n/messages.yaml` overrides labels key by key and language by language.

Override folders may come from a stranger's pull request: only regular files whose resolved
path lies inside the folder are read, and a repository's folder must itself lie inside the
repository.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import jinja2

from dwcp.errors import RenderError, UsageError
from dwcp.source.loader import LoadError, parse

PACKAGE = "dwcp"
BUILTIN = "templates"
MESSAGES = "i18n/messages.yaml"
# A template or label file larger than this is refused; dwcp's own are a few dozen KB.
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024

Messages = dict[str, dict[str, str]]


def builtin_root() -> Traversable:
    """The package's own templates folder."""
    return files(PACKAGE).joinpath(BUILTIN)


def builtin_folder() -> Path | None:
    """The built-in templates folder on disk, when the package is installed as plain files."""
    root = builtin_root()
    return Path(str(root)) if isinstance(root, Path) else None


def _parts(name: str) -> list[str]:
    """A template name split into folder parts; `..`, absolute names and backslashes refused."""
    if name.startswith("/") or "\\" in name or "\0" in name:
        raise RenderError(f"template name {name!r} is not allowed: use a relative name")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        raise RenderError(f"template name {name!r} is not allowed: it leaves the template folder")
    return parts


def read_confined(folder: Path, name: str) -> str | None:
    """The text of `name` inside `folder`, or None when there is no such file.

    Refuses (RenderError) a file that resolves outside the folder (a link to elsewhere),
    anything but a regular file, and files over MAX_TEMPLATE_BYTES.
    """
    path = folder.joinpath(*_parts(name))
    if not os.path.lexists(path):
        return None
    resolved = path.resolve()
    if not resolved.is_relative_to(folder.resolve()):
        raise RenderError(f"{path}: refused: it links outside the template folder {folder}")
    try:
        info = resolved.stat()
    except OSError as exc:
        raise RenderError(f"{path}: cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(info.st_mode):
        raise RenderError(f"{path}: refused: not a regular file")
    if info.st_size > MAX_TEMPLATE_BYTES:
        raise RenderError(f"{path}: refused: larger than {MAX_TEMPLATE_BYTES // 1024} KB")
    try:
        return resolved.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RenderError(f"{path}: cannot be read as UTF-8 text ({exc})") from None


class ConfinedLoader(jinja2.BaseLoader):
    """Templates from one override folder, read only through `read_confined`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get_source(
        self,
        environment: jinja2.Environment,  # noqa: ARG002 - Jinja's loader interface
        template: str,
    ) -> tuple[str, str, Callable[[], bool]]:
        source = read_confined(self.folder, template)
        if source is None:
            raise jinja2.TemplateNotFound(template)
        path = self.folder.joinpath(*_parts(template))
        return source, str(path), lambda: True


class BuiltinLoader(jinja2.BaseLoader):
    """The package's templates, through importlib.resources (plain files or a zip)."""

    def get_source(
        self,
        environment: jinja2.Environment,  # noqa: ARG002 - Jinja's loader interface
        template: str,
    ) -> tuple[str, str, Callable[[], bool]]:
        resource = builtin_root().joinpath(*_parts(template))
        if not resource.is_file():
            raise jinja2.TemplateNotFound(template)
        return resource.read_text(encoding="utf-8"), f"dwcp:{template}", lambda: True


@dataclass(frozen=True)
class Templates:
    """Where templates and labels come from: override folders first, the package last."""

    overrides: tuple[Path, ...] = ()

    def loader(self) -> jinja2.BaseLoader:
        loaders: list[jinja2.BaseLoader] = [ConfinedLoader(f) for f in self.overrides]
        return jinja2.ChoiceLoader([*loaders, BuiltinLoader()])

    def read_text(self, name: str) -> str:
        """One template file's text (a stylesheet, say), from the first folder that has it."""
        for folder in self.overrides:
            text = read_confined(folder, name)
            if text is not None:
                return text
        resource = builtin_root().joinpath(*_parts(name))
        if not resource.is_file():
            raise RenderError(f"template {name} not found")
        return resource.read_text(encoding="utf-8")

    @cached_property
    def messages(self) -> Messages:
        """The built-in labels, each overridden by the folders' own catalogues, lowest first."""
        merged = _checked(builtin_root().joinpath(*MESSAGES.split("/")).read_text("utf-8"), "")
        for folder in reversed(self.overrides):
            text = read_confined(folder, MESSAGES)
            if text is None:
                continue
            for key, texts in _checked(text, str(folder / MESSAGES)).items():
                merged.setdefault(key, {}).update(texts)
        return merged

    def asset_folders(self) -> list[Path]:
        """Folders whose files a document may reference (stylesheets, images, fonts)."""
        builtin = builtin_folder()
        return [*self.overrides, *([builtin] if builtin is not None else [])]


def templates_for(root: Path | None, template_dir: Path | None = None) -> Templates:
    """--template-dir first (the user's own choice), then the repository's templates/.

    The repository's folder is repository content: it must resolve inside the repository.
    """
    folders: list[Path] = []
    if template_dir is not None:
        if not template_dir.is_dir():
            raise UsageError(f"--template-dir {template_dir}: no such folder")
        folders.append(template_dir)
    if root is not None:
        local = root / "templates"
        if local.is_dir():
            if not local.resolve().is_relative_to(root.resolve()):
                raise RenderError(f"{local}: refused: it links outside the repository ({root})")
            folders.append(local)
    unique = list(dict.fromkeys(f.resolve() for f in folders))
    return Templates(tuple(unique))


def _checked(text: str, where: str) -> Messages:
    name = where or f"dwcp:{MESSAGES}"
    try:
        data = parse(text, name).data
    except LoadError as exc:
        mark = exc.problem.mark
        raise RenderError(f"{name}:{mark.line}:{mark.column}: {exc.problem.message}") from None
    if not isinstance(data, dict):
        raise RenderError(f"{name}: expected a mapping of message keys")
    messages: Messages = {}
    for key, texts in data.items():
        if not isinstance(texts, dict) or not all(isinstance(v, str) for v in texts.values()):
            raise RenderError(f"{name}: message {key!r} must map languages to text")
        messages[str(key)] = {str(lang): str(value) for lang, value in texts.items()}
    return messages
