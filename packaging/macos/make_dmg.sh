#!/usr/bin/env bash
# Make the macOS disk image: Checkback.app beside a link to /Applications, so the agent drags
# one onto the other. Run on macOS after the PyInstaller build:
#   bash packaging/macos/make_dmg.sh VERSION [APP] [OUT_DIR]
# APP defaults to dist/Checkback.app, OUT_DIR to dist/installer. With
# CHECKBACK_CODESIGN_IDENTITY set, the image is signed too (notarise it afterwards:
# xcrun notarytool submit ... --wait, then xcrun stapler staple).
set -euo pipefail

version="${1:?usage: make_dmg.sh VERSION [APP] [OUT_DIR]}"
app="${2:-dist/Checkback.app}"
out_dir="${3:-dist/installer}"
dmg="$out_dir/Checkback-$version-macos.dmg"

if [[ ! -d "$app" ]]; then
    echo "make_dmg: no app at $app; build it first (pyinstaller build.spec)" >&2
    exit 1
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
# ditto keeps the bundle's symbolic links, extended attributes and signatures as they are.
ditto "$app" "$staging/Checkback.app"
ln -s /Applications "$staging/Applications"

mkdir -p "$out_dir"
rm -f "$dmg"
hdiutil create -volname "Checkback $version" -srcfolder "$staging" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$dmg"

if [[ -n "${CHECKBACK_CODESIGN_IDENTITY:-}" ]]; then
    codesign --force --timestamp --sign "$CHECKBACK_CODESIGN_IDENTITY" "$dmg"
fi
hdiutil verify "$dmg"
echo "make_dmg: $dmg"
