"""The phrase panel alone, on a Session, built as the window builds it with no
conversation open (so no customer values and no checklist step)."""


import pytest

from checkback.settings import AGENT_NAME, COMPANY
from checkback.ui.phrases.panel import PhrasePanel
from checkback.ui.session import Session


def phrase_panel(session: Session) -> PhrasePanel:
    """A phrase panel on ``session``, filled in as the checklist fills it between
    conversations: the agent's name and company from the settings, nothing else."""
    settings = session.settings

    def values() -> dict[str, str]:
        return {"customer_name": "", "ticket": "", "issue": "",
                "agent_name": settings.get(AGENT_NAME), "company": settings.get(COMPANY)}

    return PhrasePanel(session, values, lambda: ())


def recorded_status(panel: PhrasePanel) -> list[str]:
    """A list that collects what ``panel`` asks the status line to show, oldest first."""
    messages: list[str] = []
    panel.status_changed.connect(messages.append)
    return messages


@pytest.fixture
def panel(indexed: Session, show) -> PhrasePanel:
    """The phrase panel on the test pack (no shipped phrases), shown."""
    return show(phrase_panel(indexed))


@pytest.fixture
def agent_panel(shipped: Session, show) -> PhrasePanel:
    """The phrase panel on the shipped phrases, for agent Sam Lee of Fernway Outfitters."""
    shipped.settings.set(AGENT_NAME, "Sam Lee")
    shipped.settings.set(COMPANY, "Fernway Outfitters")
    return show(phrase_panel(shipped))


