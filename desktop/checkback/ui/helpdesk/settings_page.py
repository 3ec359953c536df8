"""Settings → Helpdesk: the accounts Checkback reads tickets from and posts notes to.

Each account is a kind, a base URL and (for Zendesk) the agent's e-mail, kept in the
settings; its token is typed once and goes to the OS keychain only. "Test connection"
tries what is typed, on the worker, and says in words what is wrong.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkback.core.helpdesk import Account, HelpdeskKind, normal_base_url
from checkback.integrations.errors import HelpdeskError
from checkback.integrations.tokens import NO_KEYCHAIN, TokenStore
from checkback.settings import (
    POST_FOLLOW_UP_NOTES,
    POST_NOTES,
    helpdesk_accounts,
    store_helpdesk_accounts,
)
from checkback.ui.session import Session

NEW_ACCOUNT = "New account…"
_PLACEHOLDERS = {
    HelpdeskKind.REQUEST_TRACKER: "e.g. https://rt.example.com",
    HelpdeskKind.ZENDESK: "e.g. https://yourcompany.zendesk.com",
    HelpdeskKind.FRESHDESK: "e.g. https://yourcompany.freshdesk.com",
}


class HelpdeskSettings(QWidget):
    """Edits the helpdesk accounts; ``store`` keeps them (tokens into the keychain).

    ``token_stored`` carries each account whose token was stored, so notes that failed for
    want of it are tried again.
    """

    token_stored = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._tokens = session.tokens
        self.accounts: list[Account] = helpdesk_accounts(session.settings)
        self._original = list(self.accounts)
        self._typed: dict[int, str] = {}  # row → a token typed, stored on OK
        self._forgotten: set[int] = set()
        self.account = QComboBox(self)
        self.account.setAccessibleName("Helpdesk account")
        self.account.view().setAccessibleName("Helpdesk accounts")
        self.kind = QComboBox(self)
        for kind in HelpdeskKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setAccessibleName("Kind of helpdesk")
        self.kind.view().setAccessibleName("Kinds of helpdesk")
        self.base_url = _line_edit("Helpdesk address", _PLACEHOLDERS[HelpdeskKind.ZENDESK])
        self.email = _line_edit("Your e-mail at the helpdesk", "e.g. sam@example.com")
        self.token = _line_edit("API token", "Paste the API token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton("&Test connection", self)
        self.forget_button = QPushButton("&Forget token", self)
        self.remove_button = QPushButton("Remo&ve account", self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Connection status")
        self.keychain_notice = QLabel(self)
        self.keychain_notice.setWordWrap(True)
        self.post_notes = QCheckBox("Post an internal &note to the ticket when resolving", self)
        self.post_notes.setChecked(session.settings.get(POST_NOTES))
        self.post_follow_up_notes = QCheckBox(
            "Post a short note when a follow-up is &done", self)
        self.post_follow_up_notes.setChecked(session.settings.get(POST_FOLLOW_UP_NOTES))
        self._lay_out()
        self._fill_accounts(0)
        self._wire()

    def store(self) -> None:
        """Keep the accounts and their options; typed tokens go to the keychain."""
        self._commit_fields()
        settings = self._session.settings
        store_helpdesk_accounts(settings, self.accounts)
        settings.set(POST_NOTES, self.post_notes.isChecked())
        settings.set(POST_FOLLOW_UP_NOTES, self.post_follow_up_notes.isChecked())
        for row in self._forgotten:
            if row < len(self._original):
                self._tokens.forget(self._original[row])
        for row, account in enumerate(self.accounts):
            self._store_token(row, account)
        for account in set(self._original) - set(self.accounts):
            self._tokens.forget(account)

    def current_row(self) -> int:
        """The row of the account shown (``len(accounts)`` for a new one)."""
        return self.account.currentIndex()

    @Slot()
    def test_connection(self) -> None:
        """Try the account as typed, on the worker; the answer shows below the fields."""
        account = self._account_typed()
        if account is None:
            self.status.setText("Type the helpdesk's address first.")
            return
        typed = self.token.text().strip()
        tokens = self._tokens
        self.status.setText(f"Connecting to {account.host}…")
        self.test_button.setEnabled(False)
        job = self._session.worker.submit(partial(_who_am_i, account, typed, tokens))
        job.done.connect(self._connected)
        job.failed.connect(self._not_connected)

    @Slot()
    def forget_token(self) -> None:
        """Forget the shown account's token when OK is pressed."""
        row = self.current_row()
        self._typed.pop(row, None)
        self._forgotten.add(row)
        self.token.clear()
        self.token.setPlaceholderText("Paste the API token")
        self.status.setText("The token will be removed from the keychain when you press OK.")

    @Slot()
    def remove_account(self) -> None:
        """Remove the shown account (its token goes when OK is pressed)."""
        row = self.current_row()
        if row < len(self.accounts):
            del self.accounts[row]
            self._typed = {r - (r > row): t for r, t in self._typed.items() if r != row}
        self._fill_accounts(max(row - 1, 0))

    @Slot(object)
    def _connected(self, who: str) -> None:
        self.test_button.setEnabled(True)
        self.status.setText(f"Connected: signed in as {who}." if who.strip(" <>")
                            else "Connected.")
        self._show_keychain()

    @Slot(object)
    def _not_connected(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.status.setText(error.message if isinstance(error, HelpdeskError)
                            else f"Not connected: {error}")

    @Slot(int)
    def _account_chosen(self, row: int) -> None:
        if row < 0:
            return
        account = self.accounts[row] if row < len(self.accounts) else None
        kind = account.kind if account else HelpdeskKind.ZENDESK
        for widget in (self.kind, self.base_url, self.email):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.base_url.setText(account.base_url if account else "")
        self.email.setText(account.email if account else "")
        for widget in (self.kind, self.base_url, self.email):
            widget.blockSignals(False)
        self.token.setText(self._typed.get(row, ""))
        self._kind_chosen()
        self._show_token_state(account, row)

    @Slot()
    def _kind_chosen(self) -> None:
        kind = HelpdeskKind(self.kind.currentData())
        self._form.setRowVisible(self.email, kind.needs_email)
        self.base_url.setPlaceholderText(_PLACEHOLDERS[kind])

    @Slot()
    def _fields_edited(self) -> None:
        self._commit_fields()

    @Slot(str)
    def _token_typed(self, text: str) -> None:
        if text.strip():
            self._typed[self.current_row()] = text.strip()
            self._forgotten.discard(self.current_row())
        else:
            self._typed.pop(self.current_row(), None)

    def _commit_fields(self) -> None:
        """Put the fields into the working list (a new account once it has an address)."""
        account, row = self._account_typed(), self.current_row()
        if account is None:
            return
        if row < len(self.accounts):
            self.accounts[row] = account
            self.account.setItemText(row, account.label)
        else:
            self.accounts.append(account)
            self._fill_accounts(row)

    def _account_typed(self) -> Account | None:
        base_url = normal_base_url(self.base_url.text())
        if not base_url:
            return None
        kind = HelpdeskKind(self.kind.currentData())
        return Account(kind, base_url, self.email.text().strip() if kind.needs_email else "")

    def _store_token(self, row: int, account: Account) -> None:
        typed = self._typed.get(row)
        was = self._original[row] if row < len(self._original) else None
        if typed is None and was is not None and was != account and row not in self._forgotten:
            typed = self._tokens.token(was)  # the address changed: the token moves with it
            if typed:
                self._tokens.forget(was)
        if typed:
            self._tokens.store(account, typed)
            self.token_stored.emit(account)

    def _fill_accounts(self, row: int) -> None:
        self.account.blockSignals(True)
        self.account.clear()
        for account in self.accounts:
            self.account.addItem(account.label)
        self.account.addItem(NEW_ACCOUNT)
        self.account.blockSignals(False)
        self.account.setCurrentIndex(min(row, len(self.accounts)))
        self._account_chosen(self.account.currentIndex())

    def _show_token_state(self, account: Account | None, row: int) -> None:
        stored = account is not None and row not in self._forgotten and bool(
            self._tokens.token(account))
        self.token.setPlaceholderText("A token is stored in the keychain (type to replace it)"
                                      if stored else "Paste the API token")
        self.forget_button.setEnabled(stored)
        self.remove_button.setEnabled(account is not None)
        self.status.setText("" if account or not self.accounts else
                            "Add another account: its kind, address and token.")
        if not self.accounts:
            self.status.setText("Connect Checkback to your helpdesk: tickets fill themselves "
                                "in, and resolutions go back as internal notes.")
        self._show_keychain()

    def _show_keychain(self) -> None:
        self.keychain_notice.setText(self._tokens.problem)
        self.keychain_notice.setVisible(self._tokens.problem == NO_KEYCHAIN)

    def _wire(self) -> None:
        self.account.currentIndexChanged.connect(self._account_chosen)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.kind.currentIndexChanged.connect(self._fields_edited)
        self.base_url.editingFinished.connect(self._fields_edited)
        self.email.editingFinished.connect(self._fields_edited)
        self.token.textEdited.connect(self._token_typed)
        self.test_button.clicked.connect(self.test_connection)
        self.forget_button.clicked.connect(self.forget_token)
        self.remove_button.clicked.connect(self.remove_account)

    def _lay_out(self) -> None:
        self._form = form = QFormLayout()
        form.addRow("&Account:", self.account)
        form.addRow("&Helpdesk:", self.kind)
        form.addRow("Add&ress:", self.base_url)
        form.addRow("Your &e-mail:", self.email)
        form.addRow("API to&ken:", self.token)
        buttons = QHBoxLayout()
        for button in (self.test_button, self.forget_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.keychain_notice)
        layout.addWidget(self.post_notes)
        layout.addWidget(self.post_follow_up_notes)
        layout.addStretch(1)


def _who_am_i(account: Account, typed: str, tokens: TokenStore) -> str:
    """Sign in as typed (or with the stored token): on the worker."""
    from checkback.integrations.adapters import who_am_i

    return who_am_i(account, typed or tokens.token(account))


def _line_edit(name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(500)
    return edit
