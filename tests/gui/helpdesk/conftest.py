"""A Session connected to the Freshdesk fake, its token in a keychain kept in memory, and
the panels and forms that use it."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend

from checkback.core.helpdesk import Account, HelpdeskKind
from checkback.settings import AGENT_NAME, store_helpdesk_accounts
from checkback.ui.checklist.actions import ConversationActions
from checkback.ui.checklist.panel import ChecklistPanel
from checkback.ui.helpdesk.outbox import OutboxSender
from checkback.ui.session import Session


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
