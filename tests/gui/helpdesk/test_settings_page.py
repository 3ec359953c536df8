"""Settings → Helpdesk: an account typed once, its token in the keychain and nowhere else."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt

from checkback.core.helpdesk import Account, HelpdeskKind
from checkback.integrations.tokens import NO_KEYCHAIN, SERVICE
from checkback.settings import POST_NOTES, helpdesk_accounts
from checkback.ui.helpdesk.settings_page import NEW_ACCOUNT, HelpdeskSettings
from checkback.ui.settings_dialog import SettingsDialog

ANSWER_MS = 5_000


@pytest.fixture
def page(qtbot, shipped, keychain) -> HelpdeskSettings:
    page = HelpdeskSettings(shipped)
    qtbot.addWidget(page)
    page.show()
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
    page.store()
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
    page = HelpdeskSettings(desk)
    qtbot.addWidget(page)
    assert "stored in the keychain" in page.token.placeholderText()

    qtbot.mouseClick(page.forget_button, Qt.MouseButton.LeftButton)
    page.store()

    assert keychain.passwords == {}
    assert helpdesk_accounts(desk.settings) == [account]


def test_a_changed_address_takes_its_token_along(qtbot, desk, keychain, account) -> None:
    page = HelpdeskSettings(desk)
    qtbot.addWidget(page)
    token = desk.tokens.token(account)
    page.base_url.setText("https://acme.freshdesk.com/")
    page.base_url.editingFinished.emit()

    page.store()

    moved = Account(HelpdeskKind.FRESHDESK, "https://acme.freshdesk.com")
    assert helpdesk_accounts(desk.settings) == [moved]
    assert keychain.passwords == {(SERVICE, moved.key): token}


def test_removing_an_account_forgets_its_token(qtbot, desk, keychain) -> None:
    page = HelpdeskSettings(desk)
    qtbot.addWidget(page)

    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    page.store()

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

        account = Account(HelpdeskKind.FRESHDESK, freshdesk_api.url)
        assert window.session.tokens.token(account) == freshdesk_api.api_key
        assert window.statusBar().currentMessage() == NO_KEYCHAIN
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
