"""The real screen's fixtures for these tests (until tests/conftest.py lists the plugin)."""

from tests.servers.screen import real_screen, target_window  # noqa: F401
