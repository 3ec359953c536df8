"""Tests on a real (virtual) X screen with a window manager: hotkeys, focus, paste."""
