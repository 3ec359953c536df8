"""Settings → Helpdesk: the accounts Checkback reads tickets from and posts notes to.

Each account is a kind, a base URL and (for Zendesk) the agent's e-mail, kept in the
settings; its token is typed once and goes to the OS keychain only. The keychain is only
ever touched on the worker (it may be slow, or ask to be unlocked): which accounts have a
token is read when the page opens, and what OK changes is written by a ``KeychainWrite``.
"Test connection" tries what is typed, on the worker, and says in words what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, Signal, Slot
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

from checkback.core.helpdesk import Account, HelpdeskKind, normal_base_url, url_host
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
NO_TOKEN_TEXT = "Paste the API token"
STORED_TEXT = "A token is stored in the keychain (type to replace it)"
LOOKING_TEXT = "Looking in the keychain…"
_PLACEHOLDERS = {
    HelpdeskKind.REQUEST_TRACKER: "e.g. https://rt.example.com",
    HelpdeskKind.ZENDESK: "e.g. https://yourcompany.zendesk.com",
    HelpdeskKind.FRESHDESK: "e.g. https://yourcompany.freshdesk.com",
}
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass
class AccountRow:
    """One account on the page: as it was when the page opened, as edited, and what is to
    happen to its token on OK."""

    original: Account | None
    account: Account | None
    typed: str = ""
    forget: bool = False
    stored: bool | None = None  # whether the keychain holds a token (None: not known yet)

    def token_changes(self) -> list[tuple[Account, str | None]]:
        """What OK does to the keychain for this row: (account, token) to store, (account,
        None) to forget; a token moves with an edited address or e-mail."""
        changes: list[tuple[Account, str | None]] = []
        moved = self.original is not None and self.original != self.account
        if self.original is not None and (self.forget or moved or self.account is None):
            changes.append((self.original, None))
        if self.account is not None and self.typed:
            changes.append((self.account, self.typed))
        elif self.account is not None and moved and not self.forget and self.stored:
            changes.append((self.account, _MOVE))
        return changes


_MOVE = "\0move"  # stands for "the original's token", read on the worker


class KeychainWrite(QObject):
    """Writes a page's token changes on the worker (finishing even if the app is closing);
    ``stored`` carries each account whose token was stored, ``finished`` the keychain's
    problem in words ("" when there was none)."""

    stored = Signal(object)
    finished = Signal(str)

    def __init__(self, session: Session, rows: list[AccountRow]) -> None:
        super().__init__(session)
        job = session.worker.submit(partial(_write_tokens, rows, session.tokens),
                                    must_finish=True)
        job.done.connect(self._written)
        job.failed.connect(self._not_written)

    @Slot(object)
    def _written(self, result: tuple[list[Account], str]) -> None:
        accounts, problem = result
        for account in accounts:
            self.stored.emit(account)
        self.finished.emit(problem)
        self.deleteLater()

    @Slot(object)
    def _not_written(self, error: BaseException) -> None:
        self.finished.emit(error.message if isinstance(error, HelpdeskError) else str(error))
        self.deleteLater()


class HelpdeskSettings(QWidget):
    """Edits the helpdesk accounts; ``store`` keeps them, and hands the token changes to a
    ``KeychainWrite`` it announces by ``keychain_write``."""

    keychain_write = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.rows = [AccountRow(account, account) for account in
                     helpdesk_accounts(session.settings)]
        self.removed: list[AccountRow] = []  # their tokens are forgotten on OK
        self._build()
        self._lay_out()
        self._fill_accounts(0)
        self._wire()
        self._look_for_tokens()

    def store(self) -> None:
        """Keep the accounts and their options; the keychain is written on the worker."""
        self._commit_fields()
        settings = self._session.settings
        store_helpdesk_accounts(settings, [row.account for row in self.rows if row.account])
        settings.set(POST_NOTES, self.post_notes.isChecked())
        settings.set(POST_FOLLOW_UP_NOTES, self.post_follow_up_notes.isChecked())
        rows = self.rows + self.removed
        if any(row.token_changes() for row in rows):
            self.keychain_write.emit(KeychainWrite(self._session, rows))

    @property
    def row(self) -> AccountRow | None:
        """The account shown; None for a new one not typed yet."""
        index = self.account.currentIndex()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    @Slot()
    def test_connection(self) -> None:
        """Try the account as typed, on the worker; the answer shows below the fields."""
        account = self._account_typed()
        if account is None:
            self.status.setText("Type the helpdesk's address first.")
            return
        row = self.row
        stored_as = row.original if row is not None and not row.forget else None
        self.status.setText(f"Connecting to {account.host}…")
        self.test_button.setEnabled(False)
        job = self._session.worker.submit(partial(
            _who_am_i, account, self.token.text().strip(), stored_as, self._session.tokens))
        job.done.connect(self._connected)
        job.failed.connect(self._not_connected)

    @Slot()
    def forget_token(self) -> None:
        """Forget the shown account's token when OK is pressed."""
        row = self.row
        if row is None:
            return
        row.typed, row.forget = "", True
        self.token.clear()
        self._show_token_state()
        self.status.setText("The token will be removed from the keychain when you press OK.")

    @Slot()
    def remove_account(self) -> None:
        """Remove the shown account (its token goes when OK is pressed)."""
        row = self.row
        if row is None:
            return
        index = self.rows.index(row)
        row.account = None
        self.removed.append(self.rows.pop(index))
        self._fill_accounts(max(index - 1, 0))

    @Slot(object)
    def _tokens_found(self, found: dict[str, bool]) -> None:
        for row in self.rows:
            if row.original is not None:
                row.stored = found.get(row.original.key, False)
        self._show_token_state()

    @Slot(object)
    def _tokens_unknown(self, error: BaseException) -> None:
        self.status.setText(error.message if isinstance(error, HelpdeskError) else str(error))
        self._show_keychain()

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
    def _account_chosen(self, index: int) -> None:
        if index < 0:
            return
        row = self.row
        account = row.account if row else None
        kind = account.kind if account else HelpdeskKind.ZENDESK
        for widget in (self.kind, self.base_url, self.email):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.base_url.setText(account.base_url if account else "")
        self.email.setText(account.email if account else "")
        for widget in (self.kind, self.base_url, self.email):
            widget.blockSignals(False)
        self.token.setText(row.typed if row else "")
        self._kind_chosen()
        self._show_token_state()
        self.status.setText(self._welcome())

    @Slot()
    def _kind_chosen(self) -> None:
        kind = HelpdeskKind(self.kind.currentData())
        self._form.setRowVisible(self.email, kind.needs_email)
        self.base_url.setPlaceholderText(_PLACEHOLDERS[kind])

    @Slot()
    def _fields_edited(self) -> None:
        self._commit_fields()
        self.status.setText(_plain_http_warning(self._account_typed()))

    @Slot(str)
    def _token_typed(self, text: str) -> None:
        self._commit_fields()
        row = self.row
        if row is not None:
            row.typed = text.strip()
            row.forget = row.forget and not row.typed
        token = text.strip()
        if token and (not token.isascii() or " " in token):
            self.status.setText("An API token has no spaces or accents: paste it again, "
                                "as the helpdesk shows it.")

    def _commit_fields(self) -> None:
        """Put the fields into the shown row (a new account once it has an address)."""
        account, row = self._account_typed(), self.row
        if account is None:
            return
        if row is None:
            self.rows.append(AccountRow(None, account, self.token.text().strip(), stored=False))
            self._fill_accounts(len(self.rows) - 1)
        else:
            row.account = account
            self.account.setItemText(self.rows.index(row), account.label)

    def _account_typed(self) -> Account | None:
        base_url = normal_base_url(self.base_url.text())
        if not base_url:
            return None
        kind = HelpdeskKind(self.kind.currentData())
        return Account(kind, base_url, self.email.text().strip() if kind.needs_email else "")

    def _look_for_tokens(self) -> None:
        accounts = [row.original for row in self.rows if row.original is not None]
        if not accounts:
            return
        job = self._session.worker.submit(partial(_stored_tokens, accounts,
                                                  self._session.tokens))
        job.done.connect(self._tokens_found)
        job.failed.connect(self._tokens_unknown)

    def _fill_accounts(self, index: int) -> None:
        self.account.blockSignals(True)
        self.account.clear()
        for row in self.rows:
            self.account.addItem(row.account.label if row.account else NEW_ACCOUNT)
        self.account.addItem(NEW_ACCOUNT)
        self.account.blockSignals(False)
        self.account.setCurrentIndex(min(index, len(self.rows)))
        self._account_chosen(self.account.currentIndex())

    def _show_token_state(self) -> None:
        row = self.row
        stored = row is not None and not row.forget and bool(row.stored or row.typed)
        looking = row is not None and row.original is not None and row.stored is None
        self.token.setPlaceholderText(LOOKING_TEXT if looking else
                                      STORED_TEXT if stored else NO_TOKEN_TEXT)
        self.forget_button.setEnabled(row is not None and stored)
        self.remove_button.setEnabled(row is not None)
        self._show_keychain()

    def _welcome(self) -> str:
        if not self.rows:
            return ("Connect Checkback to your helpdesk: tickets fill themselves in, and "
                    "resolutions go back as internal notes.")
        return "" if self.row else "Add another account: its kind, address and token."

    def _show_keychain(self) -> None:
        problem = self._session.tokens.problem
        self.keychain_notice.setText(problem)
        self.keychain_notice.setVisible(problem == NO_KEYCHAIN)

    def _build(self) -> None:
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
        self.token = _line_edit("API token", NO_TOKEN_TEXT)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton("&Test connection", self)
        self.forget_button = QPushButton("&Forget token", self)
        self.remove_button = QPushButton("Remo&ve account", self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Connection status")
        self.keychain_notice = QLabel(self)
        self.keychain_notice.setWordWrap(True)
        settings = self._session.settings
        self.post_notes = QCheckBox("Post an internal &note to the ticket when resolving", self)
        self.post_notes.setChecked(settings.get(POST_NOTES))
        self.post_follow_up_notes = QCheckBox(
            "Post a short note when a follow-up is &done", self)
        self.post_follow_up_notes.setChecked(settings.get(POST_FOLLOW_UP_NOTES))

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



def _plain_http_warning(account: Account | None) -> str:
    if account is None or not account.base_url.startswith("http://"):
        return ""
    if url_host(account.base_url) in _LOCAL_HOSTS:
        return ""
    return ("This address is not encrypted (http://): the token would cross the network "
            "readable. Use https:// if the helpdesk offers it.")


def _stored_tokens(accounts: list[Account], tokens: TokenStore) -> dict[str, bool]:
    """On the worker: which accounts have a token in the keychain."""
    return {account.key: bool(tokens.token(account)) for account in accounts}


def _who_am_i(account: Account, typed: str, stored_as: Account | None,
              tokens: TokenStore) -> str:
    """On the worker: sign in as typed, or with the token stored (under the account's
    address as it was, if it was edited)."""
    from checkback.integrations.adapters import who_am_i

    return who_am_i(account, typed or (tokens.token(stored_as) if stored_as else ""))


def _write_tokens(rows: list[AccountRow], tokens: TokenStore) -> tuple[list[Account], str]:
    """On the worker: apply each row's token changes; the accounts whose token was stored,
    and the keychain's problem ("" when none)."""
    stored = []
    for row in rows:
        changes = row.token_changes()
        moving = row.original is not None and any(token == _MOVE for _a, token in changes)
        token = tokens.token(row.original) if moving and row.original else ""
        for account, change in changes:
            if change is None:
                tokens.forget(account)
                continue
            tokens.store(account, token if change == _MOVE else change)  # or for this run
            stored.append(account)
    return stored, tokens.problem


def _line_edit(name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(500)
    return edit
