"""Compare the app's bundle with the bare PySide6 bundle built beside it.

    python packaging/compare_bundles.py APP_FOLDER BARE_FOLDER

Prints both sizes in MiB (the bytes of their files; links count as links, as ``du`` does)
and fails (exit 1) when the app's is bigger, listing where the two differ most.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

MIB = 1024 * 1024


def file_sizes(folder: Path) -> dict[str, int]:
    """Every regular file under ``folder`` (symbolic links not followed), by relative path."""
    return {path.relative_to(folder).as_posix(): path.lstat().st_size
            for path in folder.rglob("*") if path.is_file() and not path.is_symlink()}


def by_part(sizes: dict[str, int]) -> Counter[str]:
    """Sizes added up by the part of the bundle they belong to: a package, a Qt plugin kind,
    a library."""
    parts: Counter[str] = Counter()
    for path, size in sizes.items():
        pieces = path.split("/")
        if pieces[0] in ("_internal", "Contents"):
            pieces = pieces[1:]
        depth = 4 if pieces[:2] == ["PySide6", "Qt"] else 1
        parts["/".join(pieces[:depth])] += size
    return parts


def main(argv: list[str]) -> int:
    """Print the two sizes; 0 when the app's bundle is no bigger than the bare one."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    app_folder, bare_folder = (Path(arg) for arg in argv)
    app, bare = file_sizes(app_folder), file_sizes(bare_folder)
    app_total, bare_total = sum(app.values()), sum(bare.values())
    print(f"bundle sizes: app {app_total / MIB:.1f} MiB ({app_folder}), bare PySide6 "
          f"{bare_total / MIB:.1f} MiB ({bare_folder}): {app_total / bare_total:.2f}x")
    if app_total <= bare_total:
        return 0
    app_parts, bare_parts = by_part(app), by_part(bare)
    differences = sorted(((app_parts[part] - bare_parts[part], part)
                          for part in app_parts.keys() | bare_parts.keys()), reverse=True)
    print("the app's bundle is bigger than the bare one; it carries more of:", file=sys.stderr)
    for extra, part in differences[:15]:
        if extra > 0:
            print(f"  +{extra / MIB:6.2f} MiB  {part}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
