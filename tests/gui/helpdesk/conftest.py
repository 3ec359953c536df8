"""A Session connected to the Freshdesk fake, its token in a keychain kept in memory, and
the panels and forms that use it."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt

from checkback.core.helpdesk import Account, HelpdeskKind
from checkback.settings import AGENT_NAME, store_helpdesk_accounts
from checkback.ui.checklist.actions import ConversationActions
from checkback.ui.checklist.panel import ChecklistPanel
from checkback.ui.helpdesk.outbox import OutboxSender
from checkback.ui.session import Session

FILLED_MS = 10_000


class MemoryKeychain(KeyringBackend):
    """A keychain that keeps passwords in a dict: for the tests that need no real one."""

    priority = 0  # never chosen by keyring's own detection

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError(username)


@pytest.fixture
def keychain():
    """The memory keychain, in place of the OS's for the test."""
    previous = keyring.get_keyring()
    memory = MemoryKeychain()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture
def account(freshdesk_api) -> Account:
    return Account(HelpdeskKind.FRESHDESK, freshdesk_api.url)


@pytest.fixture
def desk(shipped: Session, account: Account, freshdesk_api, keychain) -> Session:
    """A Session on the shipped content with the Freshdesk account set up and its token
    stored."""
    shipped.settings.set(AGENT_NAME, "Sam Lee")
    store_helpdesk_accounts(shipped.settings, [account])
    assert shipped.tokens.store(account, freshdesk_api.api_key)
    return shipped


@pytest.fixture
def sender(desk: Session) -> OutboxSender:
    return OutboxSender(desk)


@pytest.fixture
def desk_checklist(show, desk: Session) -> ChecklistPanel:
    return show(ChecklistPanel(desk))


@pytest.fixture
def desk_actions(desk_checklist: ChecklistPanel) -> ConversationActions:
    return ConversationActions(desk_checklist)


def start_on_ticket(qtbot, actions, url: str) -> None:
    """Start a conversation by pasting the ticket's link, once the helpdesk filled it."""
    actions.new_conversation()
    dialog = actions.new_dialog
    dialog.ticket.setFocus()
    dialog.ticket.insert(url)
    qtbot.waitUntil(lambda: dialog.name.text() == "Dana Whitfield", timeout=FILLED_MS)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)


def resolve(qtbot, actions, did: str = "Refunded the parcel in full.", *,
            note_edit: str = "", post: bool | None = None, kind: str = "refund") -> int:
    """Resolve the conversation through its form (adding ``note_edit`` to the note, or
    choosing whether to ``post`` it); the record's id."""
    resolved: list[int] = []
    actions.resolved.connect(resolved.append)
    actions.resolve()
    dialog = actions.resolve_dialog
    qtbot.keyClicks(dialog.problem, "Parcel lost")
    qtbot.keyClicks(dialog.resolution, did)
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("satisfied"))
    if post is not None:
        dialog.post_note.setChecked(post)
    if note_edit:
        dialog.note.moveCursor(dialog.note.textCursor().MoveOperation.End)
        qtbot.keyClicks(dialog.note, note_edit)
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert actions.resolve_dialog is None, "the form should have closed"
    return resolved[0]
