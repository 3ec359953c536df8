"""Which other text expander a JSON file or an Alfred ``.alfredsnippets`` file comes from,
and its snippets as phrases (see ``beeftext`` and ``expander_exports``).

The tool is told by the file's shape, not its name: Beeftext's object with ``combos``,
Raycast's list of ``{text, keyword}``, Text Blaze's ``snippets`` (or ``folders`` of them)
with a ``shortcut``. An Alfred file is a zip of one JSON file per snippet, read with a cap
on each member and on their number, so a crafted zip cannot fill the memory.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

from checkback.core.beeftext import is_beeftext, phrases_from_beeftext
from checkback.core.expander_exports import (
    alfred_text,
    phrases_from_entries,
    raycast_text,
    text_blaze_text,
)
from checkback.core.phrases import Phrase
from checkback.core.problems import ContentProblem
from checkback.core.text import UndecodableTextError, decode_content

MAX_MEMBER_BYTES = 1_000_000
MAX_MEMBERS = 5_000
MAX_ALFRED_BYTES = 5_000_000  # all members together, as for any imported file


@dataclass(frozen=True)
class ExpanderFile:
    """What another expander's file gave: the tool's name ("" when none), phrases, problems."""

    tool: str
    phrases: tuple[Phrase, ...]
    problems: tuple[ContentProblem, ...]


def phrases_from_json(source: str, raw: bytes) -> ExpanderFile:
    """The phrases of a Beeftext, Raycast or Text Blaze JSON export."""
    try:
        data = json.loads(decode_content(raw, repair=False).text)
    except (UndecodableTextError, ValueError) as error:
        where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
        return _unusable(source, f"The file is not valid JSON{where}, so nothing was "
                         "imported.", "Export it again from the tool it came from.",
                         error.lineno if isinstance(error, json.JSONDecodeError) else None)
    if is_beeftext(data):
        return ExpanderFile("Beeftext", *phrases_from_beeftext(source, data))
    raycast = _entries(data, "text")
    if raycast and not any("shortcut" in entry for entry in raycast):
        return ExpanderFile("Raycast", *phrases_from_entries(
            source, raycast, "Raycast", raycast_text, "keyword"))
    blaze = _text_blaze_entries(data)
    if blaze:
        return ExpanderFile("Text Blaze", *phrases_from_entries(
            source, blaze, "Text Blaze", text_blaze_text, "shortcut"))
    if isinstance(data, dict) and "alfredsnippet" in data:
        return _alfred(source, [data])
    return _unusable(source, "This JSON file is not one Checkback knows: it is no Beeftext "
                     "combo list, Raycast or Alfred snippets or Text Blaze export.",
                     "Export the phrases from that tool as CSV, or from Beeftext, Raycast, "
                     "Alfred or Text Blaze.")


def phrases_from_alfred(source: str, raw: bytes) -> ExpanderFile:
    """The snippets of an Alfred ``.alfredsnippets`` file (a zip of JSON files)."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = [info for info in archive.infolist()
                       if info.filename.lower().endswith(".json") and not info.is_dir()]
            if len(members) > MAX_MEMBERS:
                return _unusable(source, f"The file holds more than {MAX_MEMBERS:,} snippets, "
                                 "so nothing was imported.", "Split the collection in Alfred.")
            loaded, problems = _alfred_members(source, archive, members)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
            OSError):
        return _unusable(source, "The file is not a readable Alfred snippets collection (a "
                         "zip file).", "Export the collection again from Alfred.")
    found = _alfred(source, loaded)
    return ExpanderFile(found.tool, found.phrases, (*problems, *found.problems))


def _alfred_members(source: str, archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]
                    ) -> tuple[list[object], list[ContentProblem]]:
    loaded: list[object] = []
    problems: list[ContentProblem] = []
    total = 0
    for info in members:
        where = f"{source}: {info.filename}"
        with archive.open(info) as member:
            # The size a zip declares can lie: read one byte past the cap to know.
            body = member.read(MAX_MEMBER_BYTES + 1)
        total += len(body)
        if len(body) > MAX_MEMBER_BYTES or total > MAX_ALFRED_BYTES:
            problems.append(ContentProblem(where, None, "This snippet is larger than 1 MB "
                                           "(or the collection than 5 MB), so it was not "
                                           "imported.", "Shorten it in Alfred."))
            continue
        try:
            loaded.append(json.loads(decode_content(body, repair=False).text))
        except (UndecodableTextError, ValueError):
            problems.append(ContentProblem(where, None, "This snippet is not valid JSON, so "
                                           "it was not imported.", "Export the collection "
                                           "again from Alfred."))
    return loaded, problems


def _alfred(source: str, loaded: list[object]) -> ExpanderFile:
    entries = [entry["alfredsnippet"] for entry in loaded
               if isinstance(entry, dict) and isinstance(entry.get("alfredsnippet"), dict)]
    problems: tuple[ContentProblem, ...] = ()
    if len(entries) < len(loaded):
        problems = (ContentProblem(source, None, f"{len(loaded) - len(entries)} file(s) in "
                                   "the collection hold no Alfred snippet; they were not "
                                   "imported.", "Nothing to do.", loaded=True),)
    if not entries:
        return _unusable(source, "The file holds no Alfred snippets.", "Export the collection "
                         "again from Alfred.")
    phrases, found = phrases_from_entries(source, entries, "Alfred", alfred_text, "keyword")
    return ExpanderFile("Alfred", phrases, (*problems, *found))


def _entries(data: object, text_key: str) -> list[Mapping[str, object]]:
    """``data`` when it is a list of objects holding ``text_key``, else empty."""
    if isinstance(data, list) and data and all(isinstance(entry, dict) and text_key in entry
                                               for entry in data):
        return data
    return []


def _text_blaze_entries(data: object) -> list[Mapping[str, object]]:
    folders = data if isinstance(data, list) else [data]
    if isinstance(data, dict) and isinstance(data.get("folders"), list):
        folders = data["folders"]
    snippets: list[Mapping[str, object]] = [
        snippet for folder in folders if isinstance(folder, dict)
        for snippet in folder.get("snippets") or [] if isinstance(snippet, dict)]
    return snippets if snippets and all("shortcut" in snippet for snippet in snippets) else []


def _unusable(source: str, message: str, fix: str, line: int | None = None) -> ExpanderFile:
    return ExpanderFile("", (), (ContentProblem(source, line, message, fix),))
