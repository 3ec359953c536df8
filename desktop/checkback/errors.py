"""Errors: bugs go to the log file with a traceback; the agent gets a short message."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from checkback.paths import LOG_FILE

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("checkback")
MAX_LOG_BYTES = 1_000_000
# The boxes on screen: a parentless box dies with its last reference, so each is kept here
# until the agent closes it.
_open_boxes: list[QMessageBox] = []


def start_logging(data_dir: Path) -> Path:
    """Send the app's log to ``checkback.log`` in the data directory; return its path."""
    path = data_dir / LOG_FILE
    _rotate(path)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def _rotate(path: Path) -> None:
    """Keep one previous log once the current one passes MAX_LOG_BYTES."""
    try:
        if path.stat().st_size > MAX_LOG_BYTES:
            path.replace(path.with_suffix(".log.1"))
    except OSError:
        pass


def install_error_handlers(log_path: Path) -> None:
    """Log uncaught exceptions (any thread) and Qt warnings; tell the agent, keep running."""
    sys.excepthook = lambda kind, error, trace: report_uncaught(kind, error, trace, log_path)
    threading.excepthook = lambda hook: report_uncaught(
        hook.exc_type, hook.exc_value or hook.exc_type(), hook.exc_traceback, log_path
    )
    qInstallMessageHandler(_log_qt_message)


def report_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None, log_path: Path
) -> QMessageBox | None:
    """Log an uncaught exception with its traceback and show the agent a short message."""
    log.error("Uncaught %s", kind.__name__, exc_info=(kind, error, trace))
    if not isinstance(QApplication.instance(), QApplication) or not _on_gui_thread():
        return None
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, "Checkback hit a problem",
                      f"Something went wrong: {_one_line(error)}\n\nNothing you saved was lost "
                      f"and Checkback keeps running. The details are in {log_path}.")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.finished.connect(lambda _result: _open_boxes.remove(box))
    _open_boxes.append(box)
    box.open()
    return box


def open_error_boxes() -> list[QMessageBox]:
    """The error messages on screen, not yet closed by the agent."""
    return list(_open_boxes)


def _on_gui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and app.thread().isCurrentThread()


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    summary = text[0] if text else type(error).__name__
    return summary if len(summary) <= 200 else summary[:197] + "..."


def _log_qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(mode, logging.ERROR)
    logging.getLogger("checkback.qt").log(level, "%s", message)
