"""Helpdesk tokens, kept only in the OS keychain (Windows Credential Manager, the macOS
Keychain, the Secret Service on Linux) through ``keyring``.

When no keychain can be used, a token the agent types is kept in memory for this run only,
and ``problem`` says so, so the window can show it. Nothing here ever writes a token to a
file, a log or a message.
"""

from __future__ import annotations

import logging
import threading
from types import ModuleType

from checkback.core.helpdesk import Account
from checkback.integrations.errors import HelpdeskError, Problem

log = logging.getLogger(__name__)
# What a keychain that cannot be used raises: keyring's own errors, a bare OSError when the
# Secret Service's bus is gone, and backend errors keyring passes on unwrapped (secretstorage
# raises its own when no bus is set). Any of them means "no keychain now", not a bug here.
KEYCHAIN_FAULTS = (Exception,)
SERVICE = "Checkback helpdesk"
NO_KEYCHAIN = ("No keychain could be used on this computer, so the token is kept for this "
               "run only: type it again after restarting Checkback.")
UNREADABLE = ("The keychain could not be read (it may be locked): unlock it, or type the "
              "token again in Settings → Helpdesk. Checkback tries again by itself.")


class TokenStore:
    """Reads, stores and forgets each account's token (safe to call from the worker)."""

    def __init__(self) -> None:
        self._this_run: dict[str, str] = {}
        self._lock = threading.Lock()
        self.problem = ""

    def token(self, account: Account) -> str:
        """The account's token, or "" when none is stored. Call it off the GUI thread: a
        keychain may take its time, or ask the agent to unlock it.

        Raises:
            HelpdeskError: the keychain could not be read (it may be locked).
        """
        with self._lock:
            if account.key in self._this_run:
                return self._this_run[account.key]
        keyring, _errors = _keyring()
        try:
            return keyring.get_password(SERVICE, account.key) or ""
        except KEYCHAIN_FAULTS as error:
            self._keychain_failed(error)
            raise HelpdeskError(Problem.KEYCHAIN, UNREADABLE) from None

    def store(self, account: Account, token: str) -> bool:
        """Keep ``token`` for ``account``; True when it is in the keychain, False when it
        is kept for this run only (``problem`` says so)."""
        keyring, errors = _keyring()
        try:
            keyring.set_password(SERVICE, account.key, token)
        except KEYCHAIN_FAULTS as error:
            self._keychain_failed(error)
            with self._lock:
                self._this_run[account.key] = token
            return False
        with self._lock:
            self._this_run.pop(account.key, None)
        return True

    def forget(self, account: Account) -> None:
        """Remove the account's token from the keychain and from memory."""
        with self._lock:
            self._this_run.pop(account.key, None)
        keyring, errors = _keyring()
        try:
            keyring.delete_password(SERVICE, account.key)
        except errors.PasswordDeleteError:
            pass  # there was none
        except KEYCHAIN_FAULTS as error:
            self._keychain_failed(error)

    def _keychain_failed(self, error: BaseException) -> None:
        # The error's type only: a backend's message could quote what it was given.
        log.warning("The keychain could not be used: %s", type(error).__name__)
        self.problem = NO_KEYCHAIN


def _keyring() -> tuple[ModuleType, ModuleType]:
    # keyring looks for its backends when first imported (about 30 ms): only once needed.
    import keyring
    import keyring.errors

    return keyring, keyring.errors
