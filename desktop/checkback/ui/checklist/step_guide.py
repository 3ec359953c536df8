"""The current step, written out: its purpose, guidance, questions and, where the step asks
for it, the agent's parameters for the conversation's category."""

from __future__ import annotations

import datetime as dt
import sqlite3

from checkback.core.conversation import CHANNELS, Conversation
from checkback.core.html_text import escape_html
from checkback.core.playbooks import Step
from checkback.core.policy_text import PARAMETER_GROUPS
from checkback.storage.guidance import PolicyParameters, category_parameters
from checkback.ui.policies.reader import parameter_group_html

POLICY_LINK = "policy:"


def guide_html(conn: sqlite3.Connection, step: Step | None, category: str, dark: bool,
               about: str = "") -> str:
    """The guide for ``step`` with the parameters of ``category`` where it shows them (the
    policies matching ``about``, the conversation's own words, first); a word instead when
    the content no longer has the step."""
    if step is None:
        return ("<p>This step's guidance is no longer in your content (the playbook "
                "changed or was removed). Its checks and notes are kept.</p>")
    parameters = (category_parameters(conn, category, about)
                  if step.shows_parameters and category else [])
    return step_html(step, category, parameters, dark)


def conversation_words(conversation: Conversation) -> str:
    """What the conversation is about in its own words: the ticket's subject and every
    note the agent has written (what ranks the category's policies)."""
    notes = [step.note for round_ in conversation.rounds for step in round_.steps if step.note]
    return " ".join([conversation.customer.subject, *notes])[:2_000]


def details_text(conversation: Conversation, now: dt.datetime) -> str:
    """Who, how to reach them, the category, the playbook and the minutes so far."""
    customer = conversation.customer
    minutes = int((now - conversation.started_at).total_seconds() // 60)
    contact = f"{CHANNELS.get(customer.channel, customer.channel)} {customer.contact}"
    parts = [customer.label, contact.strip(), customer.category or "No category",
             f"{conversation.playbook_name}", f"{max(minutes, 0)} min"]
    return " · ".join(part for part in parts if part)


def step_html(step: Step, category: str, parameters: list[PolicyParameters],
              dark: bool) -> str:
    """The guide for ``step`` as HTML for a QTextBrowser."""
    parts = [f"<h3 style='margin:0'>{escape_html(step.title)}</h3>"]
    if step.purpose:
        parts.append(f"<p style='margin-top:2px'><i>{escape_html(step.purpose)}</i></p>")
    if step.shows_parameters:
        parts.append(_parameters_html(category, parameters, dark))
    parts += _list("How", step.guidance)
    parts += _list("Ask", step.questions)
    return "\n".join(parts)


def _list(heading: str, items: tuple[str, ...]) -> list[str]:
    if not items:
        return []
    listed = "".join(f"<li>{escape_html(item)}</li>" for item in items)
    return [f"<p style='margin:6px 0 0 0'><b>{heading}</b></p>"
            f"<ul style='margin:2px 0 0 -16px'>{listed}</ul>"]


def _parameters_html(category: str, parameters: list[PolicyParameters], dark: bool) -> str:
    if not category:
        return ("<p><b>Your parameters</b><br>Choose the issue category (Conversation → "
                "Edit details) to see what you can do alone, what needs approval and what you "
                "cannot do.</p>")
    if not parameters:
        return (f"<p><b>Your parameters</b><br>No policy in “{escape_html(category)}” states "
                "parameters. Search the policies (Ctrl+Shift+K) before you promise anything.</p>")
    # The best match for the conversation is open; the others are a link each (Tab, Enter).
    best, *others = parameters
    parts = [f"<p style='margin:8px 0 0 0'><b>Your parameters: {escape_html(category)}</b></p>",
             f"<p style='margin:6px 0 0 0'>{_policy_link(best)}</p>"]
    parts += [parameter_group_html(key, heading, getattr(best, key), dark)
              for key, heading in PARAMETER_GROUPS if getattr(best, key)]
    if others:
        links = " · ".join(_policy_link(policy) for policy in others)
        parts.append(f"<p style='margin:8px 0 0 0'><b>Also in {escape_html(category)}</b>"
                     f"<br>{links}</p>")
    return "\n".join(parts)


def _policy_link(policy: PolicyParameters) -> str:
    return f"<a href='{POLICY_LINK}{policy.policy_id}'>{escape_html(policy.title)}</a>"
