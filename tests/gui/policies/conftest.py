"""The policy panel alone, on a Session whose database holds the small test pack."""

import pytest

from checkback.ui.policies.panel import PolicyPanel
from checkback.ui.session import Session


@pytest.fixture
def panel(indexed: Session, show) -> PolicyPanel:
    """The policy panel on the indexed test pack, shown as the window would show it."""
    return show(PolicyPanel(indexed))


@pytest.fixture
def said(panel: PolicyPanel) -> list[str]:
    """What the panel has asked the status line to show so far, oldest first."""
    messages: list[str] = []
    panel.status_changed.connect(messages.append)
    return messages
