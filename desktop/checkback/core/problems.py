"""Problems found in content files, worded for the agent who has to fix them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with one content file.

    Attributes:
        source: the file's path.
        line: the 1-based line the problem is on, when known.
        message: what is wrong, in plain words.
        fix: what to do about it.
        loaded: True when the file still loaded (the problem only cost a field).
    """

    source: str
    line: int | None
    message: str
    fix: str
    loaded: bool = False
