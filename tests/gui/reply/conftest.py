"""The Check reply panel alone, on a Session whose database holds the shipped rules."""


import pytest

from checkback.ui.reply.panel import ReplyCheckerPanel
from checkback.ui.session import Session


@pytest.fixture
def panel(shipped: Session, show) -> ReplyCheckerPanel:
    """The reply checker on the shipped rules, shown, with nothing drafted yet."""
    panel = show(ReplyCheckerPanel(shipped))
    assert panel.summary.text().startswith("Paste or write a draft")
    return panel


