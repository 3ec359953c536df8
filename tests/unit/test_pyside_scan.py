"""PySide's scan of every imported module's source is off at start, and its features still
work where a module opts in. Each case runs in a new interpreter: the scan is process-wide."""

import os
import subprocess
import sys
import textwrap

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
IMPORT_AFTER_PYSIDE = """
import linecache
{pyside}
import json, tomllib, wave
print(sorted(name for name in ("json", "tomllib", "wave")
             if any(name in path for path in linecache.cache)))
"""


def run_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=ENV, text=True,
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_modules_imported_after_pyside_are_not_read_into_the_line_cache():
    scanned = run_python(IMPORT_AFTER_PYSIDE.format(pyside="import PySide6.QtCore"))
    unscanned = run_python(IMPORT_AFTER_PYSIDE.format(
        pyside="from checkback.pyside_scan import import_pyside_without_source_scan\n"
               "import_pyside_without_source_scan()"))
    assert scanned == "['json', 'tomllib', 'wave']"  # what PySide does by itself
    assert unscanned == "[]"


def test_a_module_that_opts_in_to_a_feature_still_gets_it():
    names = run_python("""
        from checkback.pyside_scan import import_pyside_without_source_scan
        import_pyside_without_source_scan()
        from PySide6.QtCore import QObject
        from __feature__ import snake_case  # noqa
        thing = QObject()
        thing.set_object_name("renamed")
        print(thing.object_name())
    """)
    assert names == "renamed"
