"""After a whole day's use of the helpdesk (the token typed in Settings, a ticket filled, a
note posted, a follow-up done, the log exported), the token is in the keychain and in no
file Checkback wrote."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from checkback.core.follow_ups import Result
from checkback.core.helpdesk import HelpdeskKind
from checkback.errors import log, start_logging
from checkback.integrations.tokens import SERVICE
from checkback.paths import shipped_content_dir
from checkback.settings import helpdesk_accounts
from checkback.storage.outbox import POSTED

WAIT_MS = 5_000


@pytest.fixture
def app_log():
    """The app's log handlers as at start, put back after the test."""
    handlers = list(log.handlers)
    yield
    for handler in set(log.handlers) - set(handlers):
        log.removeHandler(handler)
        handler.close()


def test_the_token_reaches_no_file(qtbot, open_window, keychain, freshdesk_api, tmp_path,
                                   app_log) -> None:
    window = open_window(shipped_content_dir())
    token = freshdesk_api.api_key
    start_logging(window.data_dir)  # as the app does: a log file that must not hold it
    dialog = window.show_settings()
    page = dialog.helpdesk
    page.kind.setCurrentIndex(page.kind.findData(HelpdeskKind.FRESHDESK.value))
    qtbot.keyClicks(page.base_url, freshdesk_api.url)
    qtbot.keyClick(page.base_url, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.token, token)
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text().startswith("Connected"), timeout=WAIT_MS)
    dialog.accept()
    [account] = helpdesk_accounts(window.settings)
    qtbot.waitUntil(lambda: keychain.passwords == {(SERVICE, account.key): token},
                    timeout=WAIT_MS)

    actions = window.conversation_actions
    actions.new_conversation()
    new = actions.new_dialog
    new.ticket.insert(f"{freshdesk_api.url}/a/tickets/48213")
    qtbot.waitUntil(lambda: new.name.text() == "Dana Whitfield", timeout=WAIT_MS)
    qtbot.keyClick(new.name, Qt.Key.Key_Return)
    actions.resolve()
    resolve = actions.resolve_dialog
    qtbot.keyClicks(resolve.resolution, "Refunded")
    resolve.outcome.setCurrentIndex(resolve.outcome.findData("satisfied"))
    resolve.accept()
    qtbot.waitUntil(lambda: len(freshdesk_api.notes(48213)) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.session.reader.execute(
        "SELECT state FROM outbox").fetchone()[0] == POSTED, timeout=WAIT_MS)
    window.session.clock = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    window.follow_ups.refresh()
    window.follow_ups.mark_done(Result.SATISFIED)
    qtbot.waitUntil(lambda: len(freshdesk_api.notes(48213)) == 2, timeout=WAIT_MS)
    export = tmp_path / "exports" / "log.csv"
    export.parent.mkdir()
    with qtbot.waitSignal(window.log.record_actions.exported, timeout=WAIT_MS):
        window.log.record_actions.export_to(str(export))
    window.session.settings.write_to_disk()

    written = [path for folder in (window.data_dir, export.parent)
               for path in folder.rglob("*") if path.is_file()]
    assert any(path.name == "settings.ini" for path in written)
    assert any(path.suffix == ".db" for path in written) and export in written
    assert any(path.name == "checkback.log" for path in written)
    assert [path.name for path in written if _holds(path, token)] == []


def _holds(path: Path, token: str) -> bool:
    """True when the file holds the token as text, or as the sign-in header carries it."""
    data = path.read_bytes()
    forms = [token.encode(), token.encode("utf-16-le"),
             base64.b64encode(f"{token}:X".encode()), base64.b64encode(token.encode())[:-2]]
    return any(form in data for form in forms)
