"""A stand-in for another program's window on the real screen: a helpdesk's reply box.

One top-level window with a single ``QPlainTextEdit`` that has the keyboard focus. Every
change of its text is written to the file named on the command line, atomically (a temporary
file beside it, then a rename), so a test reads exactly what arrived, never half a write:
a no-break space stays one (``toPlainText()`` would make it a plain space).
The file is written once at start, empty, so it exists as soon as the window does.

    python tests/servers/target_app.py TEXT_FILE [--title TITLE]

Started by ``tests/servers/screen.py`` on the real screen (QT_QPA_PLATFORM=xcb); it uses
PySide6 only, never the application's code.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QPlainTextEdit, QVBoxLayout, QWidget

DEFAULT_TITLE = "#48213 Parcel never arrived – Helpdesk"


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step (write a temporary file, then rename)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def box_text(box: QPlainTextEdit) -> str:
    """The box's text exactly as typed or pasted, lines ending in "\n".

    Not ``toPlainText()``: that turns a no-break space into a plain one.
    """
    raw = box.document().toRawText()
    return raw.replace("\u2029", "\n").replace("\u2028", "\n")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text_file", type=Path, help="where the box's text is written")
    parser.add_argument("--title", default=DEFAULT_TITLE, help="the window's title")
    args = parser.parse_args(argv)

    app = QApplication([sys.argv[0]])
    window = QWidget()
    window.setWindowTitle(args.title)
    window.resize(640, 360)
    box = QPlainTextEdit(window)
    box.setObjectName("reply")
    QVBoxLayout(window).addWidget(box)
    box.textChanged.connect(lambda: write_atomically(args.text_file, box_text(box)))
    write_atomically(args.text_file, "")
    box.setFocus()
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
