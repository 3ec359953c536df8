"""The release machinery in packaging/: icons, version resource, Info.plist, what the bundle
leaves out, the installer script, the release workflow and the checks CI runs on a build."""

import importlib.util
import plistlib
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load(name: str) -> ModuleType:
    """A script of packaging/ as a module (the folder is no package: its name is taken)."""
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


make_icons = load("make_icons")
bundle_info = load("bundle_info")
smoke_frozen = load("smoke_frozen")
compare_bundles = load("compare_bundles")
DECLARED = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_windows_icon_holds_every_size_from_16_to_256_px():
    images = make_icons.read_ico(make_icons.ICO.read_bytes())

    assert sorted(images) == [16, 24, 32, 48, 64, 128, 256]
    assert all(make_icons.png_size(png) == (size, size) for size, png in images.items())


def test_the_macos_icon_holds_every_type_from_16_to_1024_px():
    images = make_icons.read_icns(make_icons.ICNS.read_bytes())

    assert set(images) == {kind for kind, _size in make_icons.ICNS_TYPES}
    for kind, size in make_icons.ICNS_TYPES:
        assert make_icons.png_size(images[kind]) == (size, size), kind
    assert make_icons.png_size(images[b"ic10"]) == (1024, 1024)


def test_the_committed_icons_are_what_the_script_makes_of_the_svg():
    assert make_icons.stale_icons() == []


def test_an_icon_left_behind_by_a_changed_svg_is_reported(tmp_path: Path):
    svg = tmp_path / "changed.svg"
    svg.write_text(make_icons.SVG.read_text(encoding="utf-8").replace("#2f6f5e", "#c0392b"),
                   encoding="utf-8")

    problems = make_icons.stale_icons(svg, make_icons.ICO, make_icons.ICNS)

    assert "checkback.ico 256px no longer looks like changed.svg" in problems
    assert "checkback.icns ic10 no longer looks like changed.svg" in problems


def test_a_missing_size_is_reported(tmp_path: Path):
    images = make_icons.read_ico(make_icons.ICO.read_bytes())
    del images[48]
    ico = tmp_path / "checkback.ico"
    ico.write_bytes(make_icons.ico_bytes(images))

    assert make_icons.stale_icons(make_icons.SVG, ico, make_icons.ICNS) == [
        "checkback.ico 48px is missing"]


def test_name_and_version_come_from_pyproject():
    project = bundle_info.read_project(ROOT / "pyproject.toml")

    assert (project.name, project.version) == (DECLARED["name"], DECLARED["version"])


@pytest.mark.parametrize(("version", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)), ("2", (2, 0, 0, 0)), ("1.2.0rc1", (1, 2, 0, 0)),
    ("1.2.3.4.5", (1, 2, 3, 4)),
])
def test_windows_gets_four_release_numbers(version: str, numbers: tuple[int, ...]):
    assert bundle_info.Project("checkback", version, "").numeric_version == numbers


def _evaluated_version_resource(text: str) -> dict[str, object]:
    """The resource as PyInstaller's loader reads it (it evaluates the text), with each
    constructor recording what it was given."""
    def record(name: str):
        return lambda *args, **kwargs: {"type": name, "args": args, **kwargs}

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable",
             "StringStruct", "VarFileInfo", "VarStruct"]
    return eval(text, {name: record(name) for name in names})


def test_the_version_resource_carries_pyprojects_version():
    project = bundle_info.read_project(ROOT / "pyproject.toml")

    resource = _evaluated_version_resource(bundle_info.version_resource_text(project))

    fixed = resource["ffi"]
    assert fixed["filevers"] == fixed["prodvers"] == project.numeric_version
    (string_info, _var_info) = resource["kids"]
    (table,) = string_info["args"][0]
    strings = dict(entry["args"] for entry in table["args"][1])
    assert strings["FileVersion"] == strings["ProductVersion"] == project.version
    assert strings["ProductName"] == "Checkback"
    assert strings["OriginalFilename"] == "checkback.exe"


def test_the_info_plist_says_version_high_resolution_and_why_it_pastes():
    project = bundle_info.Project("checkback", "1.4.0", "")

    info = plistlib.loads(plistlib.dumps(bundle_info.info_plist(project)))

    assert info["CFBundleShortVersionString"] == info["CFBundleVersion"] == "1.4.0"
    assert info["NSHighResolutionCapable"] is True
    assert info["LSMinimumSystemVersion"] == "13.0"
    assert "pastes" in info["NSAppleEventsUsageDescription"]
    assert bundle_info.BUNDLE_ID == "com.checkback.desktop"


@pytest.mark.parametrize("destination", [
    "PySide6/Qt/translations/qtbase_de.qm",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/plugins/platforms/libqeglfs.so",
    "PySide6/Qt/plugins/platforms/libqvnc.so",
    "PySide6/Qt/plugins/imageformats/libqtiff.so",
    "PySide6\\Qt\\plugins\\imageformats\\qwebp.dll",
    "PySide6/Qt/plugins/tls/libqopensslbackend.so",
    "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so",
    "PySide6\\opengl32sw.dll",
    "libQt6EglFSDeviceIntegration.so.6",
])
def test_what_checkback_never_loads_is_left_out(destination: str):
    assert bundle_info.is_unused_file(destination)


@pytest.mark.parametrize("destination", [
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platforms/libqwayland.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6\\plugins\\platforms\\qwindows.dll",
    "PySide6/Qt/plugins/platforms/libqcocoa.dylib",
    "PySide6/Qt/plugins/styles/libqmacstyle.dylib",
    "PySide6\\plugins\\styles\\qmodernwindowsstyle.dll",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
    "PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
    "PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
    "PySide6/Qt/lib/libQt6Core.so.6",
    "resources/content/policies/returns.md",
    "tzdata/zoneinfo/Europe/Berlin",
    "yaml/_yaml.cpython-311-x86_64-linux-gnu.so",
])
def test_what_checkback_loads_stays(destination: str):
    assert not bundle_info.is_unused_file(destination)


def test_the_installer_is_per_user_with_a_start_menu_entry_and_an_optional_start_at_sign_in():
    script = (PACKAGING / "windows" / "checkback.iss").read_text(encoding="utf-8")
    lines = script.splitlines()

    assert "PrivilegesRequired=lowest" in lines
    assert "DefaultDirName={autopf}\\Checkback" in lines
    assert "AppVersion={#AppVersion}" in lines
    assert "  #error Pass the version: iscc /DAppVersion=X.Y.Z checkback.iss" in lines
    assert any(line.startswith('Name: "{autoprograms}\\Checkback"') for line in lines)
    start_at_sign_in = [line for line in lines if "CurrentVersion\\Run" in line]
    assert len(start_at_sign_in) == 1
    assert "Root: HKCU;" in start_at_sign_in[0]
    assert "Tasks: startatlogin" in start_at_sign_in[0]
    assert "uninsdeletevalue" in start_at_sign_in[0]
    task = next(line for line in lines if line.startswith('Name: "startatlogin"'))
    assert "Flags: unchecked" in task
    icon = next(line for line in lines if line.startswith("SetupIconFile="))
    assert (PACKAGING / "windows" / icon.split("=", 1)[1].replace("\\", "/")).resolve() \
        == make_icons.ICO


def _release_workflow() -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(
        encoding="utf-8"))


def test_the_release_workflow_runs_on_version_tags_for_windows_and_macos():
    workflow = _release_workflow()
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true

    assert triggers["push"]["tags"] == ["v*"]
    assert workflow["jobs"]["build"]["strategy"]["matrix"]["os"] == [
        "windows-latest", "macos-latest"]


def test_the_release_builds_without_the_dev_tools_and_tests_apart():
    steps = _release_workflow()["jobs"]["build"]["steps"]
    runs = {step.get("name", ""): step.get("run", "") for step in steps}

    build_env = runs["The build environment, without the dev tools"]
    assert "uv sync --locked --no-dev --group build" in build_env
    tests = next(step for step in steps if step.get("name", "").startswith("Tests"))
    assert tests["env"]["UV_PROJECT_ENVIRONMENT"] == ".venv-tests"
    assert "packaging/smoke_frozen.py" in runs["Frozen smoke test, the system's zone "
                                               "database hidden"]


def test_every_file_the_release_workflow_names_exists():
    text = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    named = {word.strip("\"'`,;()") for word in text.replace("\\", "/").split()
             if word.strip("\"'`(").startswith(("packaging/", "build.spec"))}

    assert named >= {"build.spec", "packaging/smoke_frozen.py", "packaging/macos/make_dmg.sh",
                     "packaging/windows/checkback.iss"}
    assert [path for path in sorted(named) if not (ROOT / path).is_file()] == []


GOOD_REPORT = ("smoke test: 19 policies listed from x; 4 playbooks; 12 phrases for 'sory'; "
               "1 reply marks; follow-up by email on Fri 09:00; 0 pending; calendar ok; "
               "time zones: 598 from the tzdata package; a follow-up in Europe/Berlin due "
               "Mon 30 Mar 09:00 CEST; keychain: SecretService backend found, helpdesk "
               "client ok, hotkey layer ok, YAML C loader ok; version 0.1.0; problems: "
               "none; data in y")


def _failed_checks(code: int, report: str) -> list[str]:
    return [what for what, holds in smoke_frozen.checks(code, report, "0.1.0") if not holds]


def test_the_frozen_smoke_check_passes_a_whole_bundle():
    assert _failed_checks(0, GOOD_REPORT) == []


def test_the_frozen_smoke_check_fails_zones_read_from_the_system():
    report = GOOD_REPORT.replace("from the tzdata package", "from /usr/share/zoneinfo")

    assert _failed_checks(0, report) == ["the zones come from the bundled tzdata package"]


def test_the_frozen_smoke_check_fails_a_bundle_missing_its_zones_and_hotkey_layer():
    report = (GOOD_REPORT.replace("time zones: 598 from the tzdata package; a follow-up in "
                                  "Europe/Berlin due Mon 30 Mar 09:00 CEST",
                                  "missing the time zones (ZoneInfoNotFoundError)")
              .replace("hotkey layer ok", "missing the hotkey layer (No module named Xlib)"))

    assert _failed_checks(1, report) == [
        "the smoke test passed (exit code 0)", "at least 500 time zones",
        "the zones come from the bundled tzdata package",
        "a follow-up in Europe/Berlin on summer time (Mon 30 Mar 09:00 CEST)",
        "the hotkey layer loads"]


def test_the_frozen_smoke_check_fails_another_version():
    assert _failed_checks(0, GOOD_REPORT.replace("version 0.1.0", "version unknown")) == [
        "the version is pyproject.toml's (0.1.0)"]


def _bundle(folder: Path, sizes: dict[str, int]) -> Path:
    for name, size in sizes.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"x" * size)
    return folder


def test_an_app_bundle_bigger_than_the_bare_one_fails(tmp_path: Path, capsys):
    app = _bundle(tmp_path / "app", {"_internal/PySide6/Qt/lib/libQt6Core.so.6": 900,
                                     "_internal/rapidfuzz/fuzz.so": 300})
    bare = _bundle(tmp_path / "bare", {"_internal/PySide6/Qt/lib/libQt6Core.so.6": 1000})

    assert compare_bundles.main([str(app), str(bare)]) == 1
    assert "rapidfuzz" in capsys.readouterr().err


def test_an_app_bundle_no_bigger_than_the_bare_one_passes_and_links_count_as_links(
        tmp_path: Path, capsys):
    app = _bundle(tmp_path / "app", {"_internal/PySide6/Qt/lib/libQt6Core.so.6": 1000})
    (app / "_internal" / "libQt6Core.so.6").symlink_to(
        app / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6Core.so.6")
    bare = _bundle(tmp_path / "bare", {"_internal/PySide6/Qt/lib/libQt6Core.so.6": 1000})

    assert compare_bundles.main([str(app), str(bare)]) == 0
    assert "1.00x" in capsys.readouterr().out
