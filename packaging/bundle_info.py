"""What the frozen app says about itself, and what of Qt it leaves out.

build.spec reads everything here: the name and version ``pyproject.toml`` gives, the Windows
version resource made from them, the macOS Info.plist, and the Qt plugins and files the app
never loads. Plain Python (no PyInstaller, no Qt), so the tests read it too.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePath

APP_NAME = "Checkback"
BUNDLE_ID = "com.checkback.desktop"
# PySide6 6.8-6.11's macOS wheels are built for macOS 13 and later.
MINIMUM_MACOS = "13.0"


@dataclass(frozen=True)
class Project:
    """The project as ``pyproject.toml`` declares it."""

    name: str  # the executable's name: checkback, checkback.exe
    version: str  # as declared: 0.1.0, 1.2.0rc1
    description: str

    @property
    def numeric_version(self) -> tuple[int, ...]:
        """The release numbers, four of them as Windows wants (a pre-release mark dropped:
        1.2.0rc1 gives 1.2.0.0)."""
        release = re.match(r"\d+(\.\d+)*", self.version)
        if release is None:
            raise ValueError(f"version {self.version!r} does not start with a number")
        numbers = [int(part) for part in release.group().split(".")]
        return tuple([*numbers, 0, 0, 0][:4])


def read_project(pyproject: Path) -> Project:
    """The ``[project]`` table of ``pyproject``."""
    table = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    return Project(table["name"], table["version"], table["description"])


def version_resource_text(project: Project) -> str:
    """The Windows version resource (file properties → Details) in the text form PyInstaller's
    ``EXE(version=...)`` reads."""
    numbers = project.numeric_version
    strings = {
        "CompanyName": APP_NAME,
        "FileDescription": APP_NAME,
        "FileVersion": project.version,
        "InternalName": project.name,
        "LegalCopyright": f"© {APP_NAME}",
        "OriginalFilename": f"{project.name}.exe",
        "ProductName": APP_NAME,
        "ProductVersion": project.version,
        "Comments": project.description,
    }
    table = ",\n          ".join(f"StringStruct({key!r}, {value!r})"
                                 for key, value in strings.items())
    return f"""# The Windows version resource, made by packaging/bundle_info.py from pyproject.toml.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3F,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0),
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '040904B0',
        [{table}])
    ]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])]),
  ],
)
"""


def write_version_resource(project: Project, folder: Path) -> Path:
    """Write ``version_resource_text`` into ``folder``; returns the file."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "version_resource.txt"
    path.write_text(version_resource_text(project), encoding="utf-8")
    return path


def info_plist(project: Project) -> dict[str, object]:
    """The macOS Info.plist keys the .app carries besides those PyInstaller writes (name,
    executable, icon, bundle id)."""
    return {
        "CFBundleDisplayName": APP_NAME,
        "CFBundleShortVersionString": project.version,
        "CFBundleVersion": project.version,
        "CFBundleDevelopmentRegion": "en",
        "LSApplicationCategoryType": "public.app-category.productivity",
        "LSMinimumSystemVersion": MINIMUM_MACOS,
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": f"© {APP_NAME}",
        # The picker from any window pastes into the app that had the keyboard. Sending it
        # the Cmd+V keystroke needs the Accessibility permission, whose prompt takes no text
        # from the app; an Apple Event to another app shows this one.
        "NSAppleEventsUsageDescription": (
            f"{APP_NAME} pastes the phrase you pick into the app you were typing in."),
    }


# Qt plugins the app never loads. Whole kinds: input from evdev and tslib (for kiosks without
# a window system), network reachability and TLS (HTTP goes through httpx), EGL devices, and
# the OpenGL buffer integrations of Wayland clients (the widgets draw into shared memory;
# with them goes libQt6OpenGL).
UNUSED_PLUGIN_KINDS = frozenset({
    "egldeviceintegrations", "generic", "networkinformation", "tls", "bearer",
    "wayland-graphics-integration-client",
})
# Single plugins by kind, named as in their files without lib/q and the extension. The GTK 3
# theme alone pulls about 20 MiB of GTK, Cairo and Pango into a Linux bundle; the platforms
# left out draw without a window system (framebuffer, EGL full screen, VNC) or through
# Direct2D, and Checkback runs on xcb, wayland, windows, cocoa (and offscreen for its tests);
# of Wayland's shells, desktops speak xdg-shell (the others serve cars, kiosks and Qt's own
# compositors).
UNUSED_PLUGINS = {
    "platforms": frozenset({"eglfs", "linuxfb", "minimalegl", "vkkhrdisplay", "vnc",
                            "direct2d", "webgl"}),
    "platformthemes": frozenset({"gtk3"}),
    "wayland-shell-integration": frozenset({"ivi-shell", "fullscreen-shell-v1",
                                            "wl-shell-plugin", "qt-shell"}),
}
# Of the image formats, the ones Checkback reads: its icon (an .ico), and pictures a team's
# policy may show (PNG and BMP need no plugin).
USED_IMAGE_FORMATS = frozenset({"svg", "ico", "jpeg", "gif"})
# Binaries the app never loads: Qt's software OpenGL (about 20 MiB; Checkback draws widgets,
# no OpenGL), and the EGL libraries only the platforms left out use.
UNUSED_BINARIES = frozenset({"opengl32sw.dll"})
UNUSED_LIBRARY_PREFIXES = ("libQt6EglFSDeviceIntegration", "libQt6EglFsKmsSupport")


def plugin_names(filename: str) -> frozenset[str]:
    """The names a Qt plugin's file may go by: libqxcb.so and qxcb.dll are "xcb" (Qt's own
    plugins mostly start with q), libqt-shell.so is "qt-shell" (and "t-shell")."""
    stem = PurePath(filename).name.split(".")[0].removeprefix("lib")
    return frozenset({stem, stem.removeprefix("q")})


def is_unused_plugin(kind: str, filename: str) -> bool:
    """Whether the Qt plugin ``filename`` of ``kind`` (its folder: platforms, imageformats,
    ...) is one Checkback never loads."""
    names = plugin_names(filename)
    if kind in UNUSED_PLUGIN_KINDS:
        return True
    if kind == "imageformats":
        return not names & USED_IMAGE_FORMATS
    return bool(names & UNUSED_PLUGINS.get(kind, frozenset()))


def is_unused_file(destination: str) -> bool:
    """Whether a file the analysis collected, by its path inside the bundle, is one
    Checkback never loads: Qt's translations (the app installs no QTranslator, so their
    6.7 MiB are never read), an unused plugin, or a binary only those use."""
    parts = PurePath(destination.replace("\\", "/")).parts
    name = parts[-1]
    if "translations" in parts and name.endswith(".qm"):
        return True
    if "plugins" in parts and len(parts) >= 2 and parts.index("plugins") == len(parts) - 3:
        return is_unused_plugin(parts[-2], name)
    return name in UNUSED_BINARIES or name.startswith(UNUSED_LIBRARY_PREFIXES)
