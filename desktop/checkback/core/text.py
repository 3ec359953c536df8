"""Turning the bytes of a content file into clean text, whatever editor wrote it."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_CP437_APOSTROPHE = re.compile(r"(?<=[a-z])Æ(?=[a-z])")


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


def _decode(raw: bytes) -> DecodedText:
    if raw.startswith(codecs.BOM_UTF8):
        return DecodedText(raw[len(codecs.BOM_UTF8) :].decode("utf-8", "replace"), "utf-8-sig")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return DecodedText(raw.decode("utf-16"), "utf-16")
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

    fixed = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    # ftfy cannot tell a code-page-437 reading of "’" from a real "Æ"; between two
    # lower-case letters ("customerÆs", "donÆt") it is always the apostrophe.
    return _CP437_APOSTROPHE.sub("’", fixed)
