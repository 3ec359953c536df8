"""Settings → Helpdesk: an account typed once, its token in the keychain and nowhere else."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from checkback.core.helpdesk import Account, HelpdeskKind
from checkback.integrations.tokens import NO_KEYCHAIN, SERVICE
from checkback.settings import POST_NOTES, helpdesk_accounts, store_helpdesk_accounts
from checkback.ui.helpdesk.settings_page import LOOKING_TEXT, NEW_ACCOUNT, HelpdeskSettings
from checkback.ui.settings_dialog import SettingsDialog
from tests.gui.helpdesk.conftest import MemoryKeychain as MemoryKeychainRecorder

ANSWER_MS = 5_000


@pytest.fixture
def page(qtbot, shipped, keychain) -> HelpdeskSettings:
    page = HelpdeskSettings(shipped)
    qtbot.addWidget(page)
    page.show()
    return page


def store(qtbot, page) -> None:
    """Press OK's part of the page, and wait until the keychain is written."""
    writes = []
    page.keychain_write.connect(writes.append)
    page.store()
    if writes:
        qtbot.waitSignal(writes[0].finished, timeout=ANSWER_MS).wait()


def opened(qtbot, session) -> HelpdeskSettings:
    """The page as Settings opens it, once it knows which accounts have a token."""
    page = HelpdeskSettings(session)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.token.placeholderText() != LOOKING_TEXT, timeout=ANSWER_MS)
    return page


def type_account(qtbot, page, kind: HelpdeskKind, url: str, token: str) -> None:
    page.kind.setCurrentIndex(page.kind.findData(kind.value))
    qtbot.keyClicks(page.base_url, url)
    qtbot.keyClick(page.base_url, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.token, token)


def test_a_first_run_says_what_connecting_brings(page) -> None:
    assert page.account.currentText() == NEW_ACCOUNT
    assert "tickets fill themselves in" in page.status.text()
    assert not page.forget_button.isEnabled() and not page.remove_button.isEnabled()


def test_an_account_tested_then_stored_keeps_its_token_only_in_the_keychain(
        qtbot, page, shipped, keychain, freshdesk_api) -> None:
    type_account(qtbot, page, HelpdeskKind.FRESHDESK, freshdesk_api.url, freshdesk_api.api_key)

    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.status.text().startswith("Connected"), timeout=ANSWER_MS)
    store(qtbot, page)
    account = Account(HelpdeskKind.FRESHDESK, freshdesk_api.url)
    assert helpdesk_accounts(shipped.settings) == [account]
    assert keychain.passwords == {(SERVICE, account.key): freshdesk_api.api_key}
    shipped.settings.write_to_disk()
    assert freshdesk_api.api_key not in (shipped.data_dir / "settings.ini").read_text()


def test_a_wrong_token_is_said_in_words(qtbot, page, freshdesk_api) -> None:
    type_account(qtbot, page, HelpdeskKind.FRESHDESK, freshdesk_api.url, "wrong-one")

    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "refused the token (401)" in page.status.text(), timeout=ANSWER_MS)
    assert page.test_button.isEnabled()


def test_an_unreachable_address_is_said_in_words(qtbot, page) -> None:
    type_account(qtbot, page, HelpdeskKind.REQUEST_TRACKER, "http://127.0.0.1:9", "t")

    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: "could not be reached" in page.status.text(), timeout=ANSWER_MS)


def test_zendesk_asks_for_the_e_mail_the_others_do_not(qtbot, page) -> None:
    page.kind.setCurrentIndex(page.kind.findData(HelpdeskKind.ZENDESK.value))
    assert page.email.isVisible()
    page.kind.setCurrentIndex(page.kind.findData(HelpdeskKind.FRESHDESK.value))
    assert not page.email.isVisible()


def test_forget_token_removes_it_from_the_keychain(qtbot, desk, keychain, account) -> None:
    page = opened(qtbot, desk)
    assert "stored in the keychain" in page.token.placeholderText()

    qtbot.mouseClick(page.forget_button, Qt.MouseButton.LeftButton)
    store(qtbot, page)

    assert keychain.passwords == {}
    assert helpdesk_accounts(desk.settings) == [account]


def test_a_changed_address_takes_its_token_along(qtbot, desk, keychain, account) -> None:
    page = opened(qtbot, desk)
    token = desk.tokens.token(account)
    page.base_url.setText("https://acme.freshdesk.com/")
    page.base_url.editingFinished.emit()

    store(qtbot, page)

    moved = Account(HelpdeskKind.FRESHDESK, "https://acme.freshdesk.com")
    assert helpdesk_accounts(desk.settings) == [moved]
    assert keychain.passwords == {(SERVICE, moved.key): token}


def test_removing_an_account_forgets_its_token(qtbot, desk, keychain) -> None:
    page = opened(qtbot, desk)

    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    store(qtbot, page)

    assert helpdesk_accounts(desk.settings) == [] and keychain.passwords == {}


def test_without_a_keychain_the_token_is_kept_for_this_run_and_the_agent_told(
        qtbot, window, freshdesk_api) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        dialog = window.show_settings()
        page = dialog.helpdesk
        dialog.tabs.setCurrentWidget(page)
        type_account(qtbot, page, HelpdeskKind.FRESHDESK, freshdesk_api.url,
                     freshdesk_api.api_key)
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)

        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == NO_KEYCHAIN,
                        timeout=ANSWER_MS)
        account = Account(HelpdeskKind.FRESHDESK, freshdesk_api.url)
        assert window.session.tokens.token(account) == freshdesk_api.api_key
        assert freshdesk_api.api_key not in (window.data_dir / "settings.ini").read_text()
        again = window.show_settings()
        assert again.helpdesk.keychain_notice.text() == NO_KEYCHAIN
        again.reject()
    finally:
        keyring.set_keyring(previous)


def test_the_dialog_stores_the_note_options(qtbot, shipped, keychain) -> None:
    page = HelpdeskSettings(shipped)
    dialog = SettingsDialog(shipped.settings, None, page)
    qtbot.addWidget(dialog)
    page.post_notes.setChecked(False)

    dialog.accept()

    assert shipped.settings.get(POST_NOTES) is False


def test_with_two_accounts_removing_the_first_leaves_the_second_its_own_token(
        qtbot, desk, keychain, account, freshdesk_api) -> None:
    rt = Account(HelpdeskKind.REQUEST_TRACKER, "https://rt.acme.example")
    store_helpdesk_accounts(desk.settings, [rt, account])
    desk.tokens.store(rt, "rt-token")
    page = opened(qtbot, desk)
    assert page.account.currentIndex() == 0

    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert page.account.currentText() == account.label
    store(qtbot, page)

    assert helpdesk_accounts(desk.settings) == [account]
    assert keychain.passwords == {(SERVICE, account.key): freshdesk_api.api_key}


def test_forget_after_a_removal_forgets_the_account_shown(qtbot, desk, keychain,
                                                        account) -> None:
    rt = Account(HelpdeskKind.REQUEST_TRACKER, "https://rt.acme.example")
    zendesk = Account(HelpdeskKind.ZENDESK, "https://acme.zendesk.com", "sam@acme.example")
    store_helpdesk_accounts(desk.settings, [rt, account, zendesk])
    desk.tokens.store(rt, "rt-token")
    desk.tokens.store(zendesk, "zd-token")
    page = opened(qtbot, desk)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)  # RT
    page.account.setCurrentIndex(1)  # Zendesk, now second

    qtbot.mouseClick(page.forget_button, Qt.MouseButton.LeftButton)
    store(qtbot, page)

    assert helpdesk_accounts(desk.settings) == [account, zendesk]
    assert set(keychain.passwords) == {(SERVICE, account.key)}


def test_test_connection_of_an_edited_address_uses_the_token_that_will_move(
        qtbot, desk, keychain, account, freshdesk_api) -> None:
    page = opened(qtbot, desk)
    page.base_url.setText(freshdesk_api.url + "/")
    page.base_url.editingFinished.emit()

    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.status.text().startswith("Connected"), timeout=ANSWER_MS)


def test_a_plain_http_address_and_a_mangled_token_are_pointed_out(qtbot, page) -> None:
    page.kind.setCurrentIndex(page.kind.findData(HelpdeskKind.REQUEST_TRACKER.value))
    qtbot.keyClicks(page.base_url, "http://rt.acme.example")
    page.base_url.editingFinished.emit()  # as leaving the field does
    assert "not encrypted (http://)" in page.status.text()

    qtbot.keyClicks(page.token, "abc def")

    assert "no spaces or accents" in page.status.text()


def test_the_keychain_is_never_read_on_the_gui_thread(qtbot, desk, account) -> None:
    import threading

    threads: list[str] = []

    class Watching(MemoryKeychainRecorder):
        def get_password(self, service: str, username: str) -> str | None:
            threads.append(threading.current_thread().name)
            return super().get_password(service, username)

    previous = keyring.get_keyring()
    watching = Watching()
    keyring.set_keyring(watching)
    try:
        page = opened(qtbot, desk)
        page.base_url.setText(account.base_url + "/x")
        page.base_url.editingFinished.emit()
        store(qtbot, page)
    finally:
        keyring.set_keyring(previous)

    assert threads and threading.main_thread().name not in threads
