"""Tokens in a real Secret Service keychain (gnome-keyring on a private bus), and kept for
this run only when no keychain can be used."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from keyring.backends.SecretService import Keyring as SecretServiceKeyring

from checkback.core.helpdesk import Account, HelpdeskKind
from checkback.integrations.errors import HelpdeskError, Problem
from checkback.integrations.tokens import NO_KEYCHAIN, SERVICE, TokenStore

ZENDESK = Account(HelpdeskKind.ZENDESK, "https://acme.zendesk.com", "sam@acme.example")
RT = Account(HelpdeskKind.REQUEST_TRACKER, "https://rt.acme.example")


@pytest.mark.keychain
def test_a_token_is_stored_read_and_forgotten_in_the_real_keychain(system_keyring) -> None:
    tokens = TokenStore()

    assert tokens.store(ZENDESK, "zd-secret-ü-1")

    fresh = SecretServiceKeyring()  # another program reading the same keychain
    assert fresh.get_password(SERVICE, ZENDESK.key) == "zd-secret-ü-1"
    assert TokenStore().token(ZENDESK) == "zd-secret-ü-1"
    assert tokens.token(RT) == ""
    tokens.forget(ZENDESK)
    assert fresh.get_password(SERVICE, ZENDESK.key) is None
    tokens.forget(ZENDESK)  # twice: nothing to forget, nothing said
    assert tokens.problem == ""


@pytest.mark.keychain
def test_two_accounts_keep_their_own_tokens(system_keyring) -> None:
    tokens = TokenStore()
    tokens.store(ZENDESK, "one")
    tokens.store(RT, "two")

    assert (tokens.token(ZENDESK), tokens.token(RT)) == ("one", "two")
    tokens.forget(ZENDESK)
    tokens.forget(RT)


def test_without_a_keychain_the_token_is_kept_for_this_run_only() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        tokens = TokenStore()

        assert tokens.store(RT, "rt-token") is False
        assert tokens.problem == NO_KEYCHAIN
        assert tokens.token(RT) == "rt-token"
        with pytest.raises(HelpdeskError) as unreadable:  # the next run has to ask again
            TokenStore().token(RT)
        assert unreadable.value.problem is Problem.KEYCHAIN and unreadable.value.problem.passes
        tokens.forget(RT)
        with pytest.raises(HelpdeskError):
            tokens.token(RT)
    finally:
        keyring.set_keyring(previous)


def test_the_message_of_a_failing_keychain_is_not_logged(caplog) -> None:
    class Leaky(fail.Keyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise RuntimeError(f"could not store {password}")

    previous = keyring.get_keyring()
    keyring.set_keyring(Leaky())
    try:
        TokenStore().store(RT, "secret-in-the-error")
    finally:
        keyring.set_keyring(previous)

    assert "secret-in-the-error" not in caplog.text and "RuntimeError" in caplog.text
