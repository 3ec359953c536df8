"""After a whole day's use of the helpdesk (the token typed in Settings, a ticket filled, a
note posted, a follow-up done, the log exported), the token is in the keychain and in no
file Checkback wrote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from checkback.core.follow_ups import Result
from checkback.core.helpdesk import HelpdeskKind
from checkback.integrations.tokens import SERVICE
from checkback.paths import shipped_content_dir
from checkback.settings import helpdesk_accounts
from checkback.storage.outbox import POSTED

WAIT_MS = 5_000


def test_the_token_reaches_no_file(qtbot, open_window, keychain, freshdesk_api,
                                   tmp_path) -> None:
    window = open_window(shipped_content_dir())
    token = freshdesk_api.api_key
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
    assert keychain.passwords == {(SERVICE, account.key): token}

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
    assert [path.name for path in written if _holds(path, token)] == []


def _holds(path: Path, token: str) -> bool:
    data = path.read_bytes()
    return token.encode() in data or token.encode("utf-16-le") in data
