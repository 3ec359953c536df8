"""Reading a helpdesk's JSON safely: a field that is missing or of another type reads as
empty, never as a crash."""

from __future__ import annotations

from typing import Any


def field(answer: Any, name: str) -> dict[str, Any]:
    """The object under ``name`` in ``answer``; {} when there is none."""
    value = answer.get(name) if isinstance(answer, dict) else None
    return value if isinstance(value, dict) else {}


def items(answer: Any, name: str | None = None) -> list[dict[str, Any]]:
    """The objects of the list under ``name`` in ``answer`` (or of ``answer`` itself)."""
    value = answer if name is None else (answer.get(name) if isinstance(answer, dict)
                                         else None)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def text(value: Any) -> str:
    """A value as one line of text; "" for none."""
    return " ".join(str(value).split()) if value is not None else ""


def texts(value: Any) -> tuple[str, ...]:
    """A list of values as text, without the empty ones."""
    return tuple(text(item) for item in value if text(item)) if isinstance(value, list) else ()
