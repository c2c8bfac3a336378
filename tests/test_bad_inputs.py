"""Every command meets the bad inputs of the foundation issue with a message, never a crash.

Each bad file sits in the programmes folder beside the clean fixture; each command runs over
the whole folder. Files are never changed by a command that could not read them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import CliRun

AS_OF = "--as-of=2019-07-01"
DEEP = b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n"
BOMB = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n".encode()
    for i in range(9)
)
BAD_INPUTS: dict[str, bytes] = {
    "empty": b"",
    "list-at-top": b"- country: ZMB\n- country: VNM\n",
    "duplicate-keys": b"country: ZMB\ncountry: VNM\n",
    "tabs": b"country:\n\tZMB\n",
    "unclosed-quote": b'title: "Decent work\ncountry: ZMB\n',
    "latin-1": "title: Programme pour la Côte d'Ivoire\n".encode("latin-1"),
    "utf-16": "country: ZMB\n".encode("utf-16"),
    "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "deep-nesting": DEEP,
    "alias-bomb": BOMB,
    "python-tag": b"country: !!python/object/apply:os.system [echo hacked]\n",
    "two-documents": b"country: ZMB\n---\ncountry: VNM\n",
    "not-a-programme": b"name: a shopping list\nitems: [milk]\n",
}
COMMANDS = {
    "lint": ["lint", AS_OF],
    "fmt --check": ["fmt", "--check"],
    "fmt": ["fmt"],
    "report gaps": ["report", "gaps", AS_OF],
    "render": ["render", AS_OF, "--force", "--out", "out/docs"],
    "site": ["site", AS_OF, "--force", "--out", "out/site"],
    "export csv": ["export", "csv", AS_OF, "--out", "out/tables"],
    "diff": ["diff", AS_OF],
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def bad_repo(repo: Path) -> Path:
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "clean")
    return repo


def crashed(err: str) -> bool:
    return "Traceback" in err or "internal error" in err


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("bad", sorted(BAD_INPUTS))
def test_a_bad_file_never_crashes_a_command(dwcp: CliRun, bad_repo: Path, bad: str, command: str):
    path = bad_repo / "programmes" / f"{bad}.yaml"
    path.write_bytes(BAD_INPUTS[bad])
    run = dwcp(*COMMANDS[command])
    assert not crashed(run.err), run.err
    assert run.code in (0, 1, 2)
    assert path.read_bytes() == BAD_INPUTS[bad]
    # The bad file is named (fmt has nothing to say of valid YAML it can order).
    if command.startswith(("lint", "diff")) or (
        command.startswith("fmt") and bad != "not-a-programme"
    ):
        assert f"{bad}.yaml" in run.out + run.err


@pytest.mark.parametrize("bad", sorted(BAD_INPUTS))
def test_new_from_a_bad_file_writes_nothing(dwcp: CliRun, repo: Path, bad: str):
    source = repo / f"{bad}.yaml"
    source.write_bytes(BAD_INPUTS[bad])
    run = dwcp("new", "ZMB", "--period", "2023-2027", "--from", str(source))
    assert run.code == 2
    assert not crashed(run.err), run.err
    assert f"{bad}.yaml" in run.err
    assert not (repo / "programmes" / "ZMB-2023-2027.yaml").exists()


def test_a_folder_and_a_dangling_link_in_the_programmes_folder(dwcp: CliRun, repo: Path):
    (repo / "programmes" / "folder.yaml").mkdir()
    (repo / "programmes" / "gone.yaml").symlink_to(repo / "nowhere.yaml")
    for args in COMMANDS.values():
        if args[0] == "diff":
            continue  # not a git repository here
        run = dwcp(*args)
        assert not crashed(run.err), (args, run.err)
        assert run.code in (0, 1, 2)
