"""Turning the bytes of a content file into clean text, whatever editor wrote it."""

from __future__ import annotations

import codecs
import re
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

_CP437_APOSTROPHE = re.compile(r"(?<=[a-z])Æ(?=[a-z])")
# Typography where it belongs (an apostrophe in a word, quotes around one, a spaced dash),
# and what a wrong code page leaves instead (quotes inside a word, box drawing, Greek and
# maths signs, lone accents, a capital accented letter right after a small letter).
_WELL_PLACED = re.compile(r"\w’\w|(?:^|[\s(])[“‘]\w|\w[.,!?]?[”’](?=$|[\s.,;:!?)])| [–—] |\w…",
                          re.MULTILINE)
_MISPLACED = re.compile(r"\w[“”„‚]\w|[\x80-\x9f\u0370-\u03ff\u2190-\u22ff\u2500-\u259f´¨¸]"
                        r"|[a-zß-ÿ][À-Þ]")
_WRONG_CODE_PAGES = ("cp437", "cp850", "mac_roman")  # what Windows-1252 text is misread as
_SAMPLE_CHARS = 50_000
# Lines that are never joined to another: blank, a heading, a quote, a table row, indented
# code, a code fence. A list item is never joined to the line before it, but its own
# wrapped lines are joined to it.
_OWN_LINE = re.compile(r"[ \t]*$|[ \t]*(?:#{1,6}[ \t]|>|\||```|~~~)| {4}|\t")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]")
_FENCE = re.compile(r"[ \t]*(?:```|~~~)")
_SENTENCE_END = ".!?:"


@dataclass(frozen=True)
class DecodedText:
    """Text read from a file, with a note when it was not plain UTF-8."""

    text: str
    encoding: str
    note: str = ""


class UndecodableTextError(ValueError):
    """The bytes are not text in any encoding a content file may use."""


def decode_content(raw: bytes, *, repair: bool = True) -> DecodedText:
    """Decode a content file: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252.

    Mojibake left by an earlier wrong conversion is repaired, so the agent never sees
    "itâ€™s" or "customerÆs" (unless ``repair`` is False: text the agent wrote is kept as is).

    Raises:
        UndecodableTextError: the bytes hold NUL characters or are not text at all.
    """
    decoded = _decode(raw)
    if not repair:
        return decoded
    return DecodedText(_repair_mojibake(decoded.text), decoded.encoding, decoded.note)


def rejoin_wrapped_lines(text: str) -> str:
    """``text`` with its hard-wrapped paragraphs rejoined, each on one line.

    A group of lines reads as a wrapped paragraph when at least two, and at least half, of
    its line breaks fall inside a sentence (the next line goes on in lower case). Its lines
    are joined with a space where the sentence goes on, or where a line ends inside a
    phrase; a break after a sentence or a comma before a capital (a greeting, a signature)
    stays. Blank lines, list items, headings, quotes, tables and code are kept as they are,
    and lines that do not read as a wrapped paragraph (an address, a signature) too.
    """
    if "\n" not in text:
        return text
    lines = text.split("\n")
    joins = _wrapped_breaks(lines)
    kept = [lines[0]]
    for index, line in enumerate(lines[1:]):
        if index in joins:
            gap = "" if re.search(r"\w-$", kept[-1].rstrip()) else " "  # e-\nmail: e-mail
            kept[-1] = kept[-1].rstrip() + gap + line.lstrip()
        else:
            kept.append(line)
    return "\n".join(kept)


def _wrapped_breaks(lines: list[str]) -> set[int]:
    """The line breaks to undo: ``i`` joins line ``i + 1`` to line ``i``."""
    joins: set[int] = set()
    group: list[tuple[int, bool, bool]] = []  # (break, sentence goes on, line ends mid-phrase)
    in_code = False
    for index, (line, following) in enumerate(pairwise(lines)):
        in_code ^= bool(_FENCE.match(line))
        if in_code or _kept_apart(line, following):
            joins |= _paragraph_breaks(group)
            group = []
            continue
        end, start = line.rstrip()[-1], following.lstrip()[0]
        group.append((index, start.islower() and end not in _SENTENCE_END, end.isalnum()))
    return joins | _paragraph_breaks(group)


def _kept_apart(line: str, following: str) -> bool:
    return bool(_OWN_LINE.match(line) or _OWN_LINE.match(following)
                or _LIST_ITEM.match(following)
                or line.endswith(("  ", "\\")))  # a line break written in Markdown


def _paragraph_breaks(group: list[tuple[int, bool, bool]]) -> set[int]:
    going_on = sum(goes_on for _index, goes_on, _mid in group)
    if going_on < 2 or going_on * 2 < len(group):
        return set()
    return {index for index, goes_on, mid_phrase in group if goes_on or mid_phrase}


def _decode(raw: bytes) -> DecodedText:
    if raw.startswith(codecs.BOM_UTF8):
        return DecodedText(raw[len(codecs.BOM_UTF8) :].decode("utf-8", "replace"), "utf-8-sig")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return DecodedText(raw.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as error:
            raise UndecodableTextError(
                f"it starts like UTF-16 text, but bytes {error.start}–{error.end} are not "
                "UTF-16") from error
    if b"\x00" in raw:
        raise UndecodableTextError("the file holds NUL bytes, so it is not a text file")
    try:
        return DecodedText(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UndecodableTextError(
            f"byte 0x{raw[error.start]:02X} at offset {error.start} is neither UTF-8 "
            "nor Windows-1252"
        ) from error
    return DecodedText(text, "cp1252", "read as Windows-1252; save the file as UTF-8")


def _repair_mojibake(text: str) -> str:
    import ftfy  # imported here: it is slow to import and only the indexer needs it

    fixed = _undo_wrong_code_page(ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC"))
    # ftfy cannot tell a code-page-437 reading of "’" from a real "Æ"; between two
    # lower-case letters ("customerÆs", "donÆt") it is always the apostrophe.
    return _CP437_APOSTROPHE.sub("’", fixed)


def _undo_wrong_code_page(text: str) -> str:
    """Windows-1252 text once read as a DOS or Mac code page ("canÆt", "ôdamagedö", "û")
    back as it was written, when that puts at least two more marks where they belong (an
    apostrophe in a word, quotes around one) and reads better overall; any other text is
    left alone."""
    if text.isascii():  # every code page reads ASCII alike: nothing to undo, and it is fast
        return text
    sample = text[:_SAMPLE_CHARS]  # enough to tell, and a large file stays quick
    placed = len(_WELL_PLACED.findall(sample))
    best, best_score = None, _typography_score(sample)
    for table in _code_page_tables():
        candidate = sample.translate(table)
        score = _typography_score(candidate)
        if len(_WELL_PLACED.findall(candidate)) >= placed + 2 and score > best_score:
            best, best_score = table, score
    return text if best is None else text.translate(best)


def _typography_score(text: str) -> int:
    return len(_WELL_PLACED.findall(text)) - 2 * len(_MISPLACED.findall(text))


@cache
def _code_page_tables() -> tuple[dict[int, str], ...]:
    """For each wrong code page: what each of its characters was in Windows-1252."""
    tables = []
    for code_page in _WRONG_CODE_PAGES:
        table = {}
        for byte in range(0x80, 0x100):
            with suppress(UnicodeDecodeError):
                table[ord(bytes([byte]).decode(code_page))] = bytes([byte]).decode("cp1252")
        tables.append(table)
    return tuple(tables)
