"""A desktop notification where there is no tray to show one: the freedesktop notification
service on the session bus (Linux desktops without a tray), called through jeepney.
"""

from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)
SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
SHOWN_MS = 10_000
ANSWER_S = 1.0  # a local bus answers in milliseconds; never hold the window longer


def notify(title: str, message: str) -> bool:
    """Show a notification; False when no notification service answers."""
    if not sys.platform.startswith("linux"):
        return False
    from jeepney import DBusAddress, MessageType, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    address = DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)
    call = new_method_call(address, "Notify", "susssasa{sv}i",
                           ("Checkback", 0, "checkback", title, message, [], {}, SHOWN_MS))
    try:
        with open_dbus_connection(bus="SESSION") as bus:
            reply = bus.send_and_get_reply(call, timeout=ANSWER_S)
    except (OSError, KeyError, TimeoutError, ValueError) as error:
        log.info("No desktop notification (%s)", type(error).__name__)
        return False
    return bool(reply.header.message_type is MessageType.method_return)
