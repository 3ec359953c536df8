"""Make the app's Windows and macOS icons from resources/icons/checkback.svg.

Renders the SVG with QtSvg at each size the platforms ask for and writes
``checkback.ico`` (Windows: the .exe, the installer, the Start-menu entry) and
``checkback.icns`` (macOS: the .app) beside it. Both formats hold PNG images, so no imaging
library is needed. Run it after changing the SVG, and commit the three files together:

    uv run python packaging/make_icons.py

``--check`` writes nothing and exits 1 when the committed files are missing or no longer
look like the SVG (the test suite runs the same comparison).
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "checkback.svg"
ICO = ICONS / "checkback.ico"
ICNS = ICONS / "checkback.icns"

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's PNG icon types and the pixel size each holds (the @2x types are the Retina ones).
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
    (b"ic14", 512),
)
# How far a committed image may be from a fresh rendering (0-255 per channel): the same SVG
# rendered by another Qt version or CPU differs by a few levels at anti-aliased edges.
TOLERANCE = 24


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a transparent ``size`` x ``size`` square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG that Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico file holding one PNG image per size (Windows Vista and later read these)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        png = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .icns file with every PNG icon type macOS uses, from the renderings by size."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def read_ico(data: bytes) -> dict[int, bytes]:
    """The PNG images of an .ico file by size (the inverse of ``ico_bytes``)."""
    reserved, kind, count = struct.unpack_from("<HHH", data)
    if (reserved, kind) != (0, 1):
        raise ValueError("not an .ico file")
    images = {}
    for index in range(count):
        side, _h, _c, _r, _p, _bpp, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * index)
        images[side or 256] = data[offset:offset + length]
    return images


def read_icns(data: bytes) -> dict[bytes, bytes]:
    """The images of an .icns file by icon type (the inverse of ``icns_bytes``)."""
    if data[:4] != b"icns" or struct.unpack_from(">I", data, 4)[0] != len(data):
        raise ValueError("not an .icns file")
    images, offset = {}, 8
    while offset < len(data):
        kind = data[offset:offset + 4]
        (length,) = struct.unpack_from(">I", data, offset + 4)
        images[kind] = data[offset + 8:offset + length]
        offset += length
    return images


def png_size(png: bytes) -> tuple[int, int]:
    """The width and height a PNG's header declares."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    width, height = struct.unpack_from(">II", png, 16)
    return width, height


def largest_difference(png: bytes, fresh: bytes) -> int:
    """The largest difference of one colour channel between two PNGs of the same size."""
    from PySide6.QtGui import QImage

    first, second = QImage.fromData(png), QImage.fromData(fresh)
    if first.size() != second.size():
        return 255
    first = first.convertToFormat(QImage.Format.Format_RGBA8888)
    second = second.convertToFormat(QImage.Format.Format_RGBA8888)
    return max(abs(a - b) for a, b in zip(bytes(first.constBits()), bytes(second.constBits()),
                                          strict=True))


def stale_icons(svg: Path = SVG, ico: Path = ICO, icns: Path = ICNS) -> list[str]:
    """What is wrong with the committed icons, in words; empty when they match the SVG."""
    if not (ico.is_file() and icns.is_file()):
        return [f"{path.name} is missing" for path in (ico, icns) if not path.is_file()]
    problems = []
    wanted = [(f"{ico.name} {size}px", size, image)
              for size, image in _sized(read_ico(ico.read_bytes()), ICO_SIZES).items()]
    icns_images = read_icns(icns.read_bytes())
    wanted += [(f"{icns.name} {kind.decode()}", size, icns_images.get(kind))
               for kind, size in ICNS_TYPES]
    fresh: dict[int, bytes] = {}
    for label, size, image in wanted:
        if image is None:
            problems.append(f"{label} is missing")
        elif png_size(image) != (size, size):
            problems.append(f"{label} is {png_size(image)}")
        else:
            fresh.setdefault(size, render_png(svg, size))
            if largest_difference(image, fresh[size]) > TOLERANCE:
                problems.append(f"{label} no longer looks like {svg.name}")
    return problems


def _sized(images: dict[int, bytes], sizes: tuple[int, ...]) -> dict[int, bytes | None]:
    return {size: images.get(size) for size in sizes}


def main(argv: list[str] | None = None) -> int:
    """Write the icons (or, with ``--check``, compare them with the SVG)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare the committed icons with the SVG; write nothing")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale_icons()
        for problem in problems:
            print(f"make_icons: {problem}; run packaging/make_icons.py", file=sys.stderr)
        return 1 if problems else 0
    pngs = {size: render_png(SVG, size)
            for size in sorted({*ICO_SIZES, *(size for _kind, size in ICNS_TYPES)})}
    ICO.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    ICNS.write_bytes(icns_bytes(pngs))
    print(f"wrote {ICO.name} ({', '.join(map(str, ICO_SIZES))} px) and {ICNS.name} "
          f"({len(ICNS_TYPES)} images, 16 to 1024 px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
