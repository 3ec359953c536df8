from pathlib import Path

from PySide6.QtCore import QPoint, QSize, Qt

from checkback.paths import shipped_content_dir
from checkback.settings import AGENT_NAME, COMPANY, KEEP_ON_TOP, REVIEW_DAYS, TEAM_FOLDERS, Settings
from checkback.storage.database import database_path
from checkback.ui.main_window import MINIMUM_WIDTH, MainWindow
from checkback.ui.session import Session
from tests.conftest import read_only, read_only_file
from tests.gui.conftest import stored


def test_window_is_tall_and_narrow_by_default(window):
    assert window.size() == QSize(440, 760)
    assert window.minimumWidth() == MINIMUM_WIDTH == 360


def test_the_window_has_checkback_s_icon_at_every_size_a_screen_asks_for(window):
    icon = window.windowIcon()
    assert {QSize(16, 16), QSize(32, 32), QSize(256, 256)} <= set(icon.availableSizes())
    image = icon.pixmap(QSize(64, 64)).toImage()
    assert image.pixelColor(32, 32).alpha() == 255  # drawn, not an empty square


def test_database_lives_in_the_data_directory(window, data_dir: Path):
    assert (data_dir / "checkback.db").is_file()


def test_keep_on_top_toggles_from_the_keyboard_and_is_remembered(qtbot, window, open_window):
    qtbot.keyClick(window, Qt.Key.Key_T,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.keep_on_top_action.isChecked()
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    window.close()
    again = open_window()
    assert again.keep_on_top_action.isChecked()
    assert again.windowFlags() & Qt.WindowType.WindowStaysOnTopHint


def test_size_and_position_are_remembered(open_window):
    first = open_window()
    first.resize(500, 700)
    first.move(QPoint(40, 50))
    first.close()
    second = open_window()
    assert second.size() == QSize(500, 700)
    assert second.pos() == QPoint(40, 50)


def test_settings_dialog_stores_every_field_and_they_survive_a_restart(
        qtbot, window, data_dir, tmp_path):
    dialog = window.show_settings()
    qtbot.keyClicks(dialog.agent_name, "Sam Lee")
    qtbot.keyClicks(dialog.company, "Fernway Outfitters")
    dialog.add_folder(str(tmp_path / "team"))
    dialog.review_days.setValue(90)
    dialog.keep_on_top.setChecked(True)
    qtbot.keyClick(dialog.agent_name, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    window.shutdown()
    restarted = Settings(data_dir)
    assert restarted.get(AGENT_NAME) == "Sam Lee"
    assert restarted.get(COMPANY) == "Fernway Outfitters"
    assert restarted.get(TEAM_FOLDERS) == [str(tmp_path / "team")]
    assert restarted.get(REVIEW_DAYS) == 90
    assert restarted.get(KEEP_ON_TOP) is True


def test_settings_that_cannot_be_written_keep_the_dialog_open(qtbot, window, data_dir):
    dialog = window.show_settings()
    qtbot.keyClicks(dialog.agent_name, "Sam Lee")
    with read_only(data_dir):
        qtbot.keyClick(dialog.agent_name, Qt.Key.Key_Return)
        assert dialog.isVisible()
        assert dialog.error.text().startswith(
            f"Not saved: Checkback cannot write its settings file in {data_dir}")
        assert dialog.agent_name.text() == "Sam Lee"
    qtbot.keyClick(dialog.agent_name, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert Settings(data_dir).get(AGENT_NAME) == "Sam Lee"


def test_cancel_stores_nothing(qtbot, window, data_dir):
    dialog = window.show_settings()
    qtbot.keyClicks(dialog.agent_name, "Nobody")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert Settings(data_dir).get(AGENT_NAME) == ""


def test_settings_defaults_and_unreadable_values(data_dir):
    (data_dir / "settings.ini").write_text(
        "[content]\nreview_every_days=soon\nteam_folders=/one/folder\n")
    settings = Settings(data_dir)
    assert settings.get(REVIEW_DAYS) == 180
    assert settings.get(TEAM_FOLDERS) == ["/one/folder"]
    assert settings.get(AGENT_NAME) == ""


def test_every_control_has_an_accessible_name(window):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QHeaderView,
        QLineEdit,
        QTextEdit,
    )

    dialog = window.show_settings()
    for root in (window, dialog, window.indexing.problems_dialog):
        for kind in (QLineEdit, QAbstractItemView, QTextEdit, QAbstractButton):
            for widget in root.findChildren(kind):
                if (widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView)
                        or widget.focusPolicy() == Qt.FocusPolicy.NoFocus):
                    continue  # part of a Qt control (a spin box's editor, a table's header)
                named = widget.accessibleName() or (
                    isinstance(widget, QAbstractButton) and widget.text())
                assert named, f"{type(widget).__name__} {widget.objectName()!r} has no name"
    dialog.reject()


def test_without_a_tray_closing_the_window_quits(window):
    assert window.tray is None  # offscreen has no system tray
    assert window.close()


def test_team_folder_policies_appear_and_edits_are_picked_up_while_running(
        qtbot, window, tmp_path):
    from tests.conftest import write_policy

    team = tmp_path / "team"
    write_policy(team / "policies", "team-rule.md", "Team rule on vouchers", category="Team")
    with qtbot.waitSignal(window.index_ready, timeout=10_000):
        window.settings.set(TEAM_FOLDERS, [str(team)])
    window.policy_panel.search_box.setText("vouch")
    assert window.policy_panel.model.index(0).data() == "Team rule on vouchers"
    with qtbot.waitSignal(window.index_ready, timeout=10_000):
        write_policy(team / "policies", "team-rule.md", "Team rule on gift vouchers")
    window.policy_panel.search_box.setText("gift vouch")
    assert window.policy_panel.model.index(0).data() == "Team rule on gift vouchers"
    with qtbot.waitSignal(window.index_ready, timeout=10_000):
        (team / "policies" / "team-rule.md").unlink()
    window.policy_panel.search_box.setText("vouch")
    assert window.policy_panel.model.rowCount() == 0


def test_an_open_policy_follows_an_edit_of_its_file(qtbot, window, pack):
    from tests.conftest import write_policy

    panel = window.policy_panel
    panel.search_box.setText("privacy")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.index_ready, timeout=10_000):
        write_policy(pack / "policies", "privacy.md", "Privacy of customer data",
                     "Never read card numbers aloud, and never e-mail them.", category="Privacy")
    assert "never e-mail them" in panel.reader.browser.toPlainText()


def test_a_second_window_on_the_same_data_starts_instantly_from_the_index(
        open_window, data_dir, pack):
    first = open_window()
    first.shutdown()
    second = MainWindow(Session(data_dir, Settings(data_dir)), pack)
    second.build()
    try:
        assert second.policy_panel.model.hit_count() == 3  # before any re-index
    finally:
        second.shutdown()


def test_indexing_runs_in_the_background_and_the_list_fills_when_done(qtbot, data_dir, pack):
    window = MainWindow(Session(data_dir, Settings(data_dir)), pack)
    qtbot.addWidget(window)
    window.build()
    try:
        # The constructor returned while the first pass is still running elsewhere.
        assert window.indexing.indexer.busy
        assert window.policy_panel.summary.text() == "Preparing the policy index…"
        window.policy_panel.search_box.setText("refunds")  # typing while indexing is fine
        with qtbot.waitSignal(window.index_ready, timeout=10_000):
            window.show()
        assert not window.indexing.indexer.busy
        assert window.policy_panel.model.index(0).data() == "Refunds"
    finally:
        window.shutdown()


def test_a_read_only_database_file_shows_the_conversations_and_loses_nothing_typed(
        qtbot, open_window, data_dir):
    first = open_window(shipped_content_dir())
    first.conversation_actions.new_conversation()
    start = first.conversation_actions.new_dialog
    start.name.insert("Dana Ortiz")
    qtbot.keyClick(start.name, Qt.Key.Key_Return)
    first.shutdown()

    with read_only_file(database_path(data_dir)):
        window = MainWindow(Session(data_dir, Settings(data_dir)), shipped_content_dir())
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.index_ready, timeout=10_000):
            window.show()  # the content is unchanged: the index needs no writing
        assert window.policy_panel.model.hit_count() > 0
        panel = window.checklist
        assert panel.conversation.customer.name == "Dana Ortiz"
        window.show_checklist()
        qtbot.keyClicks(panel.note, "Sent photos")
        qtbot.keyClick(panel.step_list, Qt.Key.Key_1)
        assert window.fault_bar.isVisible()
        assert "read-only" in window.fault_bar.text()
        first_step = panel.steps.step_index(0)
        assert first_step.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
        window.conversation_actions.resolve()
        resolve = window.conversation_actions.resolve_dialog
        resolve.problem.setText("Parcel lost")
        qtbot.keyClicks(resolve.resolution, "Reshipped the parcel")
        resolve.outcome.setCurrentIndex(resolve.outcome.findData("satisfied"))
        resolve.accept()
        assert resolve.isVisible() and "read-only" in resolve.error.text()
        window.quick_log()
        quick = window.log.record_actions.quick_dialog
        qtbot.keyClicks(quick.name, "Ines Moreau")
        quick.problem.setText("Charged twice")
        quick.resolution.setPlainText("Refunded the second charge")
        quick.outcome.setCurrentIndex(1)
        quick.accept()
        assert quick.isVisible() and "read-only" in quick.error.text()
        assert stored(data_dir, "SELECT count(*) FROM resolutions") == [(0,)]

    qtbot.waitUntil(lambda: not window.fault_bar.isVisible(), timeout=5000)
    assert first_step.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert stored(data_dir, "SELECT note FROM conversation_steps WHERE position = 0") == [
        ("Sent photos",)]
    quick.accept()
    resolve.accept()
    assert not quick.isVisible() and not resolve.isVisible()
    assert sorted(stored(data_dir, "SELECT customer_name, resolution FROM resolutions")) == [
        ("Dana Ortiz", "Reshipped the parcel"), ("Ines Moreau", "Refunded the second charge")]
    window.shutdown()


def test_alt_page_keys_switch_between_open_conversations(qtbot, open_window):
    window = open_window(shipped_content_dir())
    for name in ("Dana Ortiz", "Priya Nair"):
        window.conversation_actions.new_conversation()
        start = window.conversation_actions.new_dialog
        start.name.insert(name)
        qtbot.keyClick(start.name, Qt.Key.Key_Return)
    window.show_checklist()
    assert window.checklist.conversation.customer.name == "Priya Nair"
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert window.checklist.conversation.customer.name == "Dana Ortiz"
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert window.checklist.conversation.customer.name == "Priya Nair"


def test_the_first_window_fits_the_screens_free_area(window):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QGuiApplication

    from checkback.ui.window_frame import fitting_size

    # 1080p at 150 %, less a taskbar: 1280 x 693 points free.
    assert fitting_size(QRect(0, 0, 1280, 693)) == (440, 653)
    assert fitting_size(QRect(0, 0, 1920, 1160)) == (440, 760)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert window.height() <= area.height() - 40 and window.width() <= area.width()


def _mnemonic(text: str) -> str:
    import re

    found = re.search(r"&([^&])", text or "")
    return found.group(1).lower() if found else ""


def _mnemonics(page) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    letters = [_mnemonic(w.title() if isinstance(w, QGroupBox) else w.text())
               for kind in (QAbstractButton, QLabel, QGroupBox) for w in page.findChildren(kind)]
    return [found for found in letters if found]


def test_no_two_alt_keys_clash_in_a_settings_tab(window):
    dialog = window.show_settings()
    tab_letters = {_mnemonic(dialog.tabs.tabText(n)) for n in range(dialog.tabs.count())}
    for number in range(dialog.tabs.count()):
        letters = _mnemonics(dialog.tabs.widget(number))
        assert len(letters) == len(set(letters)), letters
        assert not set(letters) & tab_letters
    dialog.reject()


def test_no_two_alt_keys_clash_in_a_panel_nor_with_the_menus(window):
    letter = _mnemonic

    menus = {letter(action.text()) for action in window.menuBar().actions()} - {""}
    assert not {letter(window.tabs.tabText(n)) for n in range(window.tabs.count())} - {""}
    for number in range(window.tabs.count()):
        window.tabs.setCurrentIndex(number)  # each panel is made when first shown
        letters = _mnemonics(window.tabs.widget(number))
        assert len(letters) == len(set(letters)), (window.tabs.tabText(number), letters)
        assert not set(letters) & menus, (window.tabs.tabText(number), set(letters) & menus)


def test_only_the_policy_panel_is_made_at_start_and_each_other_when_first_shown(qtbot, window):
    made = [window.tabs.made(name) is not None for name in
            ("policy_panel", "checklist", "phrase_panel", "reply_checker", "follow_ups", "log")]
    assert made == [True, False, False, False, False, False]
    window.tabs.setCurrentIndex(5)  # a click on the Log tab
    assert window.tabs.currentWidget() is window.tabs.made("log") is not None
    assert window.tabs.tabText(5) == "Log" and window.tabs.tabToolTip(5) == "Alt+6"
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # New conversation
    assert window.tabs.currentWidget() is window.tabs.made("checklist") is not None
    assert window.tabs.made("phrase_panel") is None


def test_menu_commands_make_the_panel_they_need(qtbot, window):
    insights = next(action for action in window.actions() if action.text() == "&Insights…")
    insights.trigger()
    assert window.tabs.made("log") is not None
    assert window.log.insights is not None and window.log.insights.isVisible()


def test_alt_and_a_number_opens_that_tab(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.follow_ups
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is window.phrase_panel


def test_f1_shows_the_keyboard_shortcuts(qtbot, qtmodeltester, window):
    from PySide6.QtWidgets import QTableView

    from checkback.ui.shortcuts import SHORTCUTS

    dialog = window.show_shortcuts()
    table = dialog.findChild(QTableView)

    qtmodeltester.check(table.model())
    assert table.model().rowCount() == len(SHORTCUTS)
    assert table.model().index(0, 0).data() == "F1"
    assert any(action.shortcut().toString() == "F1" for action in window.actions())
    dialog.reject()
