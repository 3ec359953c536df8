"""Content packs: the shipped pack and the team folders, and the files in them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG

POLICY_SUFFIXES = (".md",)
YAML_SUFFIXES = (".yaml", ".yml")
PLAYBOOK_FOLDER = "playbooks"
PHRASE_FOLDER = "snippets"
CHECKER_FOLDER = "checker"


@dataclass(frozen=True)
class ContentFile:
    """A file found in a pack, with what tells us cheaply whether it changed."""

    path: str
    pack: str
    mtime_ns: int
    size: int


def policy_folder(pack: Path) -> Path:
    """The folder holding a pack's policies: ``policies/`` when present, else the pack itself.

    Teams may point at their pack (which has ``policies/``) or straight at a folder of files.
    """
    nested = pack / "policies"
    return nested if nested.is_dir() else pack


def content_folders(pack: Path) -> list[Path]:
    """The folders of a pack that hold content files, for watching them."""
    nested = [pack / PLAYBOOK_FOLDER, pack / PHRASE_FOLDER, pack / CHECKER_FOLDER]
    return [policy_folder(pack), *(folder for folder in nested if folder.is_dir())]


def scan_policy_files(packs: Iterable[Path], ordered: bool = True) -> Iterator[ContentFile]:
    """Yield every policy file of every pack; a missing pack yields nothing."""
    for pack in packs:
        yield from _scan_folder(policy_folder(pack), str(pack), POLICY_SUFFIXES, ordered)


def scan_playbook_files(packs: Iterable[Path], ordered: bool = True) -> Iterator[ContentFile]:
    """Yield every playbook file (``playbooks/*.yaml``) of every pack."""
    for pack in packs:
        yield from _scan_folder(pack / PLAYBOOK_FOLDER, str(pack), YAML_SUFFIXES, ordered)


def scan_phrase_files(packs: Iterable[Path], ordered: bool = True) -> Iterator[ContentFile]:
    """Yield every phrases file (``phrases/*.yaml``) of every pack."""
    for pack in packs:
        yield from _scan_folder(pack / PHRASE_FOLDER, str(pack), YAML_SUFFIXES, ordered)


def scan_rule_files(packs: Iterable[Path], ordered: bool = True) -> Iterator[ContentFile]:
    """Yield every reply checker rules file (``checker/*.yaml``) of every pack."""
    for pack in packs:
        yield from _scan_folder(pack / CHECKER_FOLDER, str(pack), YAML_SUFFIXES, ordered)


def _scan_folder(folder: Path, pack: str, suffixes: tuple[str, ...], ordered: bool,
                 seen: set[str] | None = None) -> Iterator[ContentFile]:
    """Every content file under ``folder``, entering each real folder once: by name
    (``ordered``), or as the folder lists them, holding no folder's names at once (for a
    check that needs no order: 50,000 names are 3.5 MB).

    A link to a folder already walked (``loop -> .``, or two links to one folder) is not
    followed again, so no file is counted twice and a loop cannot go on forever. Linked
    files are read like any other.
    """
    seen = set() if seen is None else seen
    real = os.path.realpath(folder)
    if real in seen:
        return
    seen.add(real)
    # Names only (not a DirEntry each): sorted, a folder of 50,000 files stays small.
    for name in sorted(_listed(folder)) if ordered else _listed(folder):
        if name.startswith("."):
            continue
        path = os.path.join(folder, name)
        try:
            stat = os.stat(path)
            if S_ISDIR(stat.st_mode):
                yield from _scan_folder(Path(path), pack, suffixes, ordered, seen)
            elif name.lower().endswith(suffixes) and S_ISREG(stat.st_mode):
                yield ContentFile(path, pack, stat.st_mtime_ns, stat.st_size)
        except OSError:
            continue


def _listed(folder: Path) -> Iterator[str]:
    """The names in ``folder``, one at a time as it lists them; none past an error (a
    folder that cannot be read holds nothing Checkback can use)."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                yield entry.name
    except OSError:
        return
