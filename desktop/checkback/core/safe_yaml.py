"""Loading the YAML of a content file within limits, so one file can never hang or sink a pass.

A team's file is data from a folder anyone may write to, so the loader refuses what a
content file never needs: nesting deeper than ``MAX_DEPTH`` levels, an alias (``*name``)
that repeats a list or a group of fields (the "billion laughs" trick), more than
``MAX_ALIASES`` aliases. Duplicate keys are kept (the first one wins) and reported. A value
YAML cannot build (a date like 2026-02-30, a bad ``!!int``) is an error with its line,
never a bare exception.

libyaml's parser (in C, when PyYAML has it) reads the text; the nodes are composed and the
values built in Python either way, so every limit is checked the same with or without it.
"""

from __future__ import annotations

import reprlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from checkback.core.problems import ContentProblem
from checkback.core.text import rejoin_wrapped_lines

MAX_DEPTH = 20
MAX_ALIASES = 50
QUOTE_CHARS = 60


class LinedMapping(dict[str, Any]):
    """A YAML mapping that knows the 1-based line it starts on and the line of each key."""

    line: int = 1
    key_lines: dict[str, int]


@dataclass(frozen=True)
class DuplicateKey:
    """A key written twice in one mapping: the later value was ignored."""

    key: str
    line: int
    first_line: int


@dataclass(frozen=True)
class LoadedFields:
    """What loading a YAML text gave: its top value and the duplicate keys found."""

    data: Any
    duplicates: tuple[DuplicateKey, ...]


class YamlRefused(Exception):  # noqa: N818 - it reads as what happened to the file
    """The YAML is beyond a limit or cannot be built; worded for the agent.

    Attributes:
        message: what is wrong, in plain words.
        fix: what to do about it.
        line: the 1-based line, when known.
    """

    def __init__(self, message: str, fix: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.line = line


def empty_mapping() -> LinedMapping:
    """A mapping with no keys, as an empty front matter gives."""
    mapping = LinedMapping()
    mapping.key_lines = {}
    return mapping


def load_fields(text: str, *, rejoin_wrapped: bool = False) -> LoadedFields:
    """Load ``text`` as YAML within the limits; ``rejoin_wrapped`` rejoins the hard-wrapped
    paragraphs of each ``|`` block (see ``rejoin_wrapped_lines``).

    Raises:
        YamlRefused: the text is beyond a limit, or a value cannot be built.
        yaml.YAMLError: the text is not valid YAML.
    """
    loader = _limited_loader(libyaml_present())(text)
    loader.rejoin_wrapped = rejoin_wrapped
    try:
        data = loader.get_single_data()
    except RecursionError as error:  # a last guard; the depth limit comes first
        raise _too_deep(None) from error
    finally:
        loader.dispose()
    return LoadedFields(data, tuple(loader.duplicates))


def duplicate_problem(source: str, duplicate: DuplicateKey, offset: int = 0) -> ContentProblem:
    """The problem for a key written twice; ``offset`` is added to its lines."""
    return ContentProblem(
        source, duplicate.line + offset, f"{quoted(duplicate.key, 40)} is written twice "
        f"(first on line {duplicate.first_line + offset}); the first one is used and this "
        "one was ignored.", "Delete one of the two, or merge them into one.", loaded=True)


def quoted(value: Any, limit: int = QUOTE_CHARS) -> str:
    """``value`` as a short repr for a message, never longer than ``limit`` characters.

    Built piece by piece, so a huge value costs no more than a small one.
    """
    shown = _short_repr().repr(value)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _too_deep(line: int | None) -> YamlRefused:
    return YamlRefused(f"The fields are nested more than {MAX_DEPTH} levels deep.",
                       "Flatten the file: content files need only a few levels.", line)


@cache
def _short_repr() -> reprlib.Repr:
    short = _ShortRepr()
    short.maxlevel = 3
    short.maxstring = QUOTE_CHARS
    short.maxother = QUOTE_CHARS
    short.maxlist = short.maxdict = 4
    return short


class _ShortRepr(reprlib.Repr):
    def repr_LinedMapping(self, value: LinedMapping, level: int) -> str:  # noqa: N802
        return self.repr_dict(value, level)

    def repr_bytes(self, value: bytes, _level: int) -> str:
        return repr(value[: self.maxstring]) + ("..." if len(value) > self.maxstring else "")


def libyaml_present() -> bool:
    """Whether PyYAML has libyaml, whose parser reads a large file several times faster."""
    import yaml

    return bool(yaml.__with_libyaml__)


@cache
def _limited_loader(with_libyaml: bool) -> type:
    import yaml

    class LimitedComposer(yaml.composer.Composer, yaml.constructor.SafeConstructor):
        """Builds nodes, then values, within the limits, from either parser's events."""

        check_event: Callable[..., bool]
        peek_event: Callable[[], Any]

        rejoin_wrapped = False

        def start_counting(self) -> None:
            self.depth = 0
            self.aliases = 0
            self.duplicates: list[DuplicateKey] = []

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                self._check_alias(self.peek_event())
                return super().compose_node(parent, index)
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise _too_deep(self.peek_event().start_mark.line + 1)
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def _check_alias(self, event: Any) -> None:
            line = event.start_mark.line + 1
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise YamlRefused(f"The file uses more than {MAX_ALIASES} aliases ('*name').",
                                  "Write the values out in full.", line)
            target = self.anchors.get(event.anchor)
            if target is not None and not isinstance(target, yaml.ScalarNode):
                raise YamlRefused(
                    f"The alias '*{event.anchor[:30]}' repeats a list or a group of "
                    "fields; Checkback does not expand those, so a small file cannot grow "
                    "into a huge one.", "Write the fields out in full where they are needed.",
                    line)

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep=deep)
            except yaml.YAMLError:
                raise
            except Exception as error:  # noqa: BLE001 - any value YAML cannot build
                raise yaml.constructor.ConstructorError(
                    None, None, f"the value {quoted(node.value)} cannot be read "
                    f"({type(error).__name__})", node.start_mark) from error

        def construct_lenient_timestamp(self, node: Any) -> Any:
            # A date that is not on the calendar (2026-02-30) stays text, so the field
            # reader can say which field is wrong; the rest of the file still loads.
            try:
                return self.construct_yaml_timestamp(node)
            except ValueError:
                return self.construct_scalar(node)

        def construct_text(self, node: Any) -> str:
            # Only a '|' block keeps the file's line breaks; YAML folds the others already.
            text = self.construct_scalar(node)
            return rejoin_wrapped_lines(text) if self.rejoin_wrapped and node.style == "|" \
                else text

        def construct_lined_mapping(self, node: Any) -> LinedMapping:
            self.flatten_mapping(node)
            mapping = empty_mapping()
            mapping.line = node.start_mark.line + 1
            for key_node, value_node in node.value:
                key = str(self.construct_object(key_node, deep=True))
                line = key_node.start_mark.line + 1
                if key in mapping.key_lines:
                    self.duplicates.append(DuplicateKey(key, line, mapping.key_lines[key]))
                    continue
                mapping[key] = self.construct_object(value_node, deep=True)
                mapping.key_lines[key] = line
            return mapping

        yaml_constructors = {**yaml.constructor.SafeConstructor.yaml_constructors,
                             "tag:yaml.org,2002:map": construct_lined_mapping,
                             "tag:yaml.org,2002:str": construct_text,
                             "tag:yaml.org,2002:timestamp": construct_lenient_timestamp}

    class LibyamlLoader(LimitedComposer, yaml.CSafeLoader):
        """libyaml's events, composed in Python: its own composer recurses in C, so a deep
        file would crash the app before any limit could refuse it."""

        def __init__(self, stream: str) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            self.start_counting()

    class PythonLoader(LimitedComposer, yaml.SafeLoader):
        """PyYAML's own parser, for when libyaml is absent."""

        def __init__(self, stream: str) -> None:
            yaml.SafeLoader.__init__(self, stream)
            self.start_counting()

        def fetch_flow_sequence_start(self) -> None:
            self._check_flow_level()
            super().fetch_flow_sequence_start()

        def fetch_flow_mapping_start(self) -> None:
            self._check_flow_level()
            super().fetch_flow_mapping_start()

        def _check_flow_level(self) -> None:
            # Checked as the text is scanned: this scanner looks ahead over every open '['
            # (slower with each one), long before the composer sees the nesting.
            if self.flow_level >= MAX_DEPTH:
                raise _too_deep(self.line + 1)

    return LibyamlLoader if with_libyaml else PythonLoader
