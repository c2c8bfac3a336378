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
from collections.abc import Callable, Sequence
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


class _Override:
    """A folder of the repository or of --template-dir, read only through `read_confined`."""

    def __init__(self, folder: Path) -> None:
        self.disk = folder

    def read(self, name: str) -> str | None:
        return read_confined(self.disk, name)

    def origin(self, name: str) -> str:
        return str(self.disk.joinpath(*_parts(name)))

    def changed(self, name: str) -> int | None:
        """When the file was last changed (ns), or None when this folder has no such file."""
        path = self.disk.joinpath(*_parts(name))
        return os.lstat(path).st_mtime_ns if os.path.lexists(path) else None


class _Builtin:
    """The package's own folder, through importlib.resources (plain files or a zip)."""

    def read(self, name: str) -> str | None:
        resource = builtin_root().joinpath(*_parts(name))
        return resource.read_text(encoding="utf-8") if resource.is_file() else None

    def origin(self, name: str) -> str:
        return f"dwcp:{name}"

    def changed(self, name: str) -> int | None:
        del name  # last in the order and unchanged during a run: nothing to look up
        return 0

    @cached_property
    def disk(self) -> Path | None:
        return builtin_folder()


_BUILTIN = _Builtin()
_Folder = _Override | _Builtin


@dataclass(frozen=True)
class Found:
    """One template file: its text, and where it came from (a path, or dwcp:<name>)."""

    text: str
    origin: str
    builtin: bool = False
    """From the package's own folder (no override has a file of that name)."""


@dataclass(frozen=True)
class Templates:
    """Where templates, stylesheets, assets and labels come from.

    `overrides` are the override folders, first match first (`templates_for` orders them:
    --template-dir, then the repository's templates/); `folders()` adds the package's own
    last. Every lookup (the Jinja loader, `read_text`, `messages`, `asset_folders`) walks
    that one order, so a file overrides the built-in one of the same name, file by file.
    """

    overrides: tuple[Path, ...] = ()

    def folders(self) -> tuple[_Folder, ...]:
        """The one order of template folders: the overrides in order, then the package's."""
        return (*(_Override(f) for f in self.overrides), _BUILTIN)

    def find(self, name: str) -> Found | None:
        """`name` from the first folder that has it, or None when none has."""
        for folder in self.folders():
            text = folder.read(name)
            if text is not None:
                return Found(text, folder.origin(name), folder is _BUILTIN)
        return None

    def stamp(self, name: str) -> tuple[int, int | None]:
        """Which folder `name` comes from (its place in the order) and when it last changed
        there: a template compiled from it is current while this stays the same."""
        for index, folder in enumerate(self.folders()):
            changed = folder.changed(name)
            if changed is not None:
                return index, changed
        return -1, None

    def loader(self) -> jinja2.BaseLoader:
        return _Loader(self)

    def read_text(self, name: str) -> str:
        """One template file's text (a stylesheet, say), from the first folder that has it."""
        found = self.find(name)
        if found is None:
            raise RenderError(f"template {name} not found")
        return found.text

    @cached_property
    def messages(self) -> Messages:
        """The labels of the last folder (the package's), each overridden key by key and
        language by language by the folders before it."""
        merged: Messages = {}
        for folder in reversed(self.folders()):
            text = folder.read(MESSAGES)
            if text is None:
                continue
            for key, texts in _checked(text, folder.origin(MESSAGES)).items():
                merged.setdefault(key, {}).update(texts)
        return merged

    def names_in(self, folder: str, ending: str) -> list[str]:
        """The file names in `folder` of every template folder that end with `ending`, with
        that ending cut off, sorted: `names_in("documents", ".html.j2")` -> the document
        kinds. Only regular files and links that stay inside the folder count."""
        found: set[str] = set()
        for source in self.folders():
            if isinstance(source, _Override):
                entries = _listed(source.disk, folder)
            else:
                entries = [e.name for e in builtin_root().joinpath(folder).iterdir() if e.is_file()]
            found.update(n.removesuffix(ending) for n in entries if n.endswith(ending))
        return sorted(found)

    def asset_folders(self) -> list[Path]:
        """The folders on disk, in the same order, whose files a document may reference
        (stylesheets, images, fonts)."""
        return [f.disk for f in self.folders() if f.disk is not None]


class _Loader(jinja2.BaseLoader):
    """Jinja's view of `Templates`: a template compiled from one folder stays current until
    another folder earlier in the order gains that file, or the file itself changes."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates

    def get_source(
        self,
        environment: jinja2.Environment,  # noqa: ARG002 - Jinja's loader interface
        template: str,
    ) -> tuple[str, str, Callable[[], bool]]:
        stamp = self.templates.stamp(template)
        found = self.templates.find(template)
        if found is None:
            raise jinja2.TemplateNotFound(template)
        return found.text, found.origin, lambda: self.templates.stamp(template) == stamp


def _listed(root: Path, folder: str) -> list[str]:
    """The names of the files in `folder` under `root` that `read_confined` would read."""
    place = root.joinpath(*_parts(folder))
    if not place.is_dir() or not place.resolve().is_relative_to(root.resolve()):
        return []
    names = []
    for entry in place.iterdir():
        resolved = entry.resolve()
        if resolved.is_relative_to(root.resolve()) and resolved.is_file():
            names.append(entry.name)
    return names


def first_file(folders: Sequence[Path], relative: Path) -> Path | None:
    """The regular file at `relative` in the first of `folders` (resolved) that has one lying
    inside it: the lookup of a document's assets, in the order of `Templates.asset_folders`."""
    for folder in folders:
        candidate = (folder / relative).resolve()
        if candidate.is_relative_to(folder) and candidate.is_file():
            return candidate
    return None


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


def _checked(text: str, name: str) -> Messages:
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
