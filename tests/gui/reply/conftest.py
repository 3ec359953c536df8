"""The Check reply panel alone, on a Session whose database holds the shipped rules."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checkback.settings import Settings
from checkback.ui.reply.panel import ReplyCheckerPanel
from checkback.ui.session import Session


@pytest.fixture
def panel(shipped: Session, show) -> ReplyCheckerPanel:
    """The reply checker on the shipped rules, shown, with nothing drafted yet."""
    panel = show(ReplyCheckerPanel(shipped))
    assert panel.summary.text().startswith("Paste or write a draft")
    return panel


@pytest.fixture
def reopen(data_dir: Path) -> Iterator[Callable[[], Session]]:
    """Opens the data directory again, as the next start of the app would; closed after."""
    opened: list[Session] = []

    def open_it() -> Session:
        opened.append(Session(data_dir, Settings(data_dir)))
        return opened[-1]

    yield open_it
    for session in opened:
        session.close()
