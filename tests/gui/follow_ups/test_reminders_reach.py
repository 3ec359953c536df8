"""Reminders that reach an agent working in another window, with no tray: a desktop
notification (the freedesktop service on the session bus), the overdue count in the
window's title, and a banner that goes once its follow-up is dealt with."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest

from checkback.core.follow_ups import Result
from tests.gui.follow_ups.conftest import BERLIN, resolve

NOTIFICATIONS = "org.freedesktop.Notifications"


class NotificationService:
    """A stand-in notification daemon on the session bus, recording what it is shown."""

    def __init__(self) -> None:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.shown: list[tuple[str, str]] = []
        self._bus = open_dbus_connection(bus="SESSION")
        self._bus.send_and_get_reply(message_bus.RequestName(NOTIFICATIONS))
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        from jeepney import new_method_return

        while not self._stop.is_set():
            try:
                message = self._bus.receive(timeout=0.1)
            except TimeoutError:
                continue
            if message.header.fields.get(3) == "Notify":  # 3: the member's name
                _app, _replaces, _icon, title, body, *_rest = message.body
                self.shown.append((title, body))
                self._bus.send(new_method_return(message, "u", (len(self.shown),)))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._bus.close()


@pytest.fixture
def notification_service(keychain) -> Iterator[NotificationService]:
    """A notification service on the private session bus the keychain fixture starts."""
    service = NotificationService()
    yield service
    service.close()


@pytest.mark.keychain  # it needs the private session bus
def test_with_no_tray_a_due_follow_up_reaches_the_desktop_and_the_title(
        qtbot, agent, clock, notification_service) -> None:
    window = agent
    resolve(qtbot, window, channel="phone", contact="dana@example.com", kind="credit")
    window.showMinimized()

    clock.set(dt.datetime(2026, 11, 24, 10, 0, 59, 500_000, tzinfo=BERLIN))
    window.alerts.reminders.rearm()
    with qtbot.waitSignal(window.alerts.reminders.fell_due, timeout=5000):
        pass

    qtbot.waitUntil(lambda: bool(notification_service.shown), timeout=3000)
    title, body = notification_service.shown[0]
    assert "Follow up with Dana Reyes (#4411)" in title + body
    assert window.windowTitle() == "Checkback (1 overdue)"


def test_the_banner_goes_once_its_follow_up_is_done(qtbot, agent, clock) -> None:
    window = agent
    resolve(qtbot, window, channel="phone", contact="dana@example.com", kind="credit")
    clock.set(dt.datetime(2026, 11, 24, 10, 0, 59, 500_000, tzinfo=BERLIN))
    window.alerts.reminders.rearm()
    with qtbot.waitSignal(window.alerts.reminders.fell_due, timeout=5000):
        pass
    assert window.banner.isVisible() and window.windowTitle() == "Checkback (1 overdue)"

    window.follow_ups.refresh()
    window.follow_ups.mark_done(Result.SATISFIED)

    assert not window.banner.isVisible()
    assert window.windowTitle() == "Checkback"


def test_the_banner_stays_while_another_of_its_follow_ups_is_due(qtbot, agent, clock) -> None:
    window = agent
    resolve(qtbot, window, channel="phone", kind="credit")
    resolve(qtbot, window, channel="phone", kind="credit", ticket="4412", name="Omar Haddad")
    clock.set(dt.datetime(2026, 11, 24, 10, 1, 59, 500_000, tzinfo=BERLIN))
    window.alerts.reminders.rearm()
    with qtbot.waitSignal(window.alerts.reminders.fell_due, timeout=5000):
        pass

    window.follow_ups.refresh()
    window.follow_ups.mark_done(Result.SATISFIED)

    assert window.banner.isVisible() and window.windowTitle() == "Checkback (1 overdue)"
