"""On a real X screen, where Qt gives text boxes the Emacs editing keys (Ctrl+E to the end
of the line, Ctrl+U erases it): the window's own shortcuts still work from a search box."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.screen.conftest import wait_for
from tests.servers.screen import RealScreen

pytestmark = pytest.mark.screen


def test_ctrl_e_in_the_policy_search_box_edits_the_conversation(
        real_screen: RealScreen, running_app: Path) -> None:
    window = real_screen.find_window("Checkback")
    assert window is not None
    real_screen.activate(window)
    wait_for(lambda: real_screen.active_window() == window, "Checkback to have the keyboard")
    real_screen.key("ctrl+n")
    wait_for(lambda: real_screen.find_window("New conversation") is not None,
             "the New conversation form")
    real_screen.type_text("Dana Whitfield")
    real_screen.key("Return")
    wait_for(lambda: real_screen.find_window("New conversation") is None, "the form to close")

    real_screen.key("ctrl+shift+k")  # into the policy search box
    real_screen.type_text("refund")
    real_screen.key("ctrl+e")

    wait_for(lambda: real_screen.find_window("Conversation details") is not None,
             "Edit details to open over the search box")
