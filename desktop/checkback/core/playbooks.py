"""Playbooks: a method's steps as YAML content, each with its guidance and phrase tags."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from checkback.core.problems import ContentProblem
from checkback.core.yaml_content import FieldChecker, LinedMapping, LoadedYaml, read_yaml_file

PLAYBOOK_SUFFIXES = (".yaml", ".yml")
MAX_STEPS = 9  # the keys 1–9 check a step
_PLAYBOOK_KEYS = frozenset({"name", "description", "default", "order", "steps"})
_STEP_KEYS = frozenset({"key", "title", "purpose", "guidance", "questions", "phrases",
                        "parameters"})
_NOT_A_KEY = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Step:
    """One step of a playbook.

    Attributes:
        key: a stable handle, unique in its playbook (what conversations store).
        title: the step's name on the checklist.
        purpose: what the step is for, in one line.
        guidance: how to do it, a few bullet points.
        questions: what to ask (the customer, or oneself for internal steps).
        phrase_tags: the tags of the phrase phrases that fit the step.
        shows_parameters: True when the step shows what the agent can do for the category.
    """

    key: str
    title: str
    purpose: str = ""
    guidance: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    phrase_tags: tuple[str, ...] = ()
    shows_parameters: bool = False


@dataclass(frozen=True)
class Playbook:
    """A method as an ordered list of steps."""

    source: str
    name: str
    steps: tuple[Step, ...]
    description: str = ""
    is_default: bool = False
    order: int = 100

    @property
    def slug(self) -> str:
        """The file name without its extension: a stable handle for conversations."""
        return Path(self.source).stem


@dataclass(frozen=True)
class ParsedPlaybook:
    """What reading one playbook file gave."""

    playbook: Playbook | None
    problems: tuple[ContentProblem, ...] = field(default=())
    digest: str = ""


def read_playbook_file(path: Path) -> ParsedPlaybook:
    """Read and check one playbook file."""
    return playbook_from_yaml(str(path), read_yaml_file(path))


def playbook_from_yaml(source: str, loaded: LoadedYaml) -> ParsedPlaybook:
    """Build a playbook from a parsed YAML file, reporting every field that is wrong."""
    if loaded.data is None:
        return ParsedPlaybook(None, loaded.problems, loaded.digest)
    fields = FieldChecker(source, loaded.data, _PLAYBOOK_KEYS, "playbook")
    name = fields.text("name", required=True)
    description = fields.text("description")
    is_default = fields.flag("default")
    order = fields.number("order", 100)
    steps = _read_steps(source, fields)
    fields.report_unknown_keys()
    if name and not steps:
        fields.problems.append(ContentProblem(source, fields.line_of("steps"), "The playbook "
                                              "has no usable steps.", "Add steps with a title."))
    problems = (*loaded.problems, *fields.problems)
    if not name or not steps:
        return ParsedPlaybook(None, _not_loaded(problems), loaded.digest)
    playbook = Playbook(source, name, steps, description, is_default, order)
    return ParsedPlaybook(playbook, problems, loaded.digest)


def _read_steps(source: str, fields: FieldChecker) -> tuple[Step, ...]:
    steps: list[Step] = []
    for entry in fields.items("steps"):
        step = _read_step(source, entry, fields.problems)
        if step is None:
            continue
        if any(known.key == step.key for known in steps):
            fields.problems.append(ContentProblem(
                source, entry.line, f"Two steps have the key '{step.key}'; the second was "
                "skipped.", "Give each step its own key.", loaded=True))
            continue
        steps.append(step)
    if len(steps) > MAX_STEPS:
        fields.problems.append(ContentProblem(
            source, fields.line_of("steps"), f"The playbook has {len(steps)} steps; only the "
            f"first {MAX_STEPS} are used.", f"Keep it to {MAX_STEPS} steps or fewer.",
            loaded=True))
    return tuple(steps[:MAX_STEPS])


def _read_step(source: str, entry: LinedMapping, problems: list[ContentProblem]) -> Step | None:
    checker = FieldChecker(source, entry, _STEP_KEYS, "step")
    title = checker.text("title", required=True)
    key = checker.text("key") or _key_from(title)
    step = Step(
        key=key, title=title, purpose=checker.text("purpose"),
        guidance=checker.texts("guidance"), questions=checker.texts("questions"),
        phrase_tags=tuple(tag.lower() for tag in checker.texts("phrases")),
        shows_parameters=checker.flag("parameters"),
    )
    checker.report_unknown_keys()
    problems.extend(checker.problems)
    return step if title and key else None


def _key_from(title: str) -> str:
    return _NOT_A_KEY.sub("-", title.lower()).strip("-")


def _not_loaded(problems: tuple[ContentProblem, ...]) -> tuple[ContentProblem, ...]:
    return tuple(replace(problem, loaded=False) for problem in problems)
