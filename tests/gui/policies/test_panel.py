from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor

from checkback.ui.policies.model import PolicyRole


def shown_titles(panel):
    model = panel.model
    return [model.index(row).data() for row in range(model.rowCount())
            if not model.index(row).data(PolicyRole.IS_HEADER)]


def test_empty_search_lists_policies_by_category(panel):
    model = panel.model
    rows = [(model.index(r).data(PolicyRole.IS_HEADER), model.index(r).data())
            for r in range(model.rowCount())]
    assert rows == [(True, "Delivery"), (False, "Late delivery"), (True, "Privacy"),
                    (False, "Privacy of customer data"), (True, "Returns and refunds"),
                    (False, "Refunds")]
    assert panel.summary.text() == "3 policies by category"


def test_typing_updates_results_on_every_keystroke(qtbot, panel):
    qtbot.keyClicks(panel.search_box, "ref")
    assert shown_titles(panel) == ["Refunds", "Late delivery"]  # title hit, then body hit
    qtbot.keyClicks(panel.search_box, "unds")
    assert shown_titles(panel) == ["Refunds"]
    qtbot.keyClicks(panel.search_box, " card")
    assert shown_titles(panel) == ["Refunds"]
    assert panel.summary.text() == "1 matching policy"
    excerpt = panel.model.index(0).data(PolicyRole.EXCERPT)
    assert "\x02card\x03" in excerpt


def test_no_match_says_what_to_do(qtbot, panel):
    qtbot.keyClicks(panel.search_box, "zzzz")
    assert shown_titles(panel) == []
    assert "Try fewer or shorter words" in panel.summary.text()


def test_ctrl_shift_k_focuses_search_from_anywhere(qtbot, window):
    window.policy_panel.reader.browser.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.policy_panel.search_box.hasFocus()


def test_keys_move_through_results_and_enter_opens(qtbot, panel):
    panel.focus_search()
    qtbot.keyClicks(panel.search_box, "c")  # card, courier, customer
    titles = shown_titles(panel)
    assert len(titles) >= 2
    assert panel.results.currentIndex().data() == titles[0]
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Down)
    assert panel.results.currentIndex().data() == titles[1]
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Up)
    assert panel.results.currentIndex().data() == titles[0]
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert panel.reader.policy.policy.title == titles[1]
    assert panel.reader.browser.hasFocus()
    qtbot.keyClick(panel.reader.browser, Qt.Key.Key_Escape)
    assert panel.search_box.hasFocus()


def test_down_from_an_empty_box_skips_category_rows(qtbot, panel):
    panel.focus_search()
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Down)
    assert panel.results.currentIndex().data() == "Late delivery"
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Down)
    assert panel.results.currentIndex().data() == "Privacy of customer data"


def test_reader_shows_parameters_before_the_body(qtbot, panel):
    qtbot.keyClicks(panel.search_box, "refunds")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    text = panel.reader.browser.toPlainText()
    assert text.index("Can do") < text.index("Needs approval") < text.index("Cannot do")
    assert text.index("Cannot do") < text.index("Money goes back")
    assert "Refund up to 100 EUR" in text
    assert "Owner: Returns lead" in text
    assert "Due for review" not in text


def test_stale_policy_shows_a_warning(qtbot, panel):
    qtbot.keyClicks(panel.search_box, "late deliv")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert "Due for review: never reviewed" in panel.reader.browser.toPlainText()


def test_copy_policy_puts_text_and_html_on_the_clipboard(qtbot, panel, said):
    qtbot.keyClicks(panel.search_box, "refunds")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    qtbot.mouseClick(panel.reader.copy_policy_button, Qt.MouseButton.LeftButton)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text().startswith("Refunds\n\nCan do:\n- Refund up to 100 EUR")
    assert "<li>Refund in cash</li>" in mime.html()
    assert "Copied “Refunds”" in said[-1]


def test_copy_selection_copies_only_the_selected_words(qtbot, panel):
    qtbot.keyClicks(panel.search_box, "privacy")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    browser = panel.reader.browser
    start = browser.toPlainText().index("Never read")
    cursor = browser.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("Never read"), QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)
    assert panel.reader.copy_selection_button.isEnabled()
    qtbot.mouseClick(panel.reader.copy_selection_button, Qt.MouseButton.LeftButton)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == "Never read"
    assert "Never read" in mime.html()


def test_hostile_queries_show_no_error(qtbot, panel):
    for text in ['"', "AND OR NOT", "NEAR(", "-*^:()", "🙂🙂", "x" * 2000]:
        panel.search_box.setText(text)
        assert "error" not in panel.summary.text().lower()
        assert panel.summary.text()


def test_parameter_colours_follow_a_switch_to_dark(qtbot, panel):
    from PySide6.QtGui import QColor, QPalette

    panel.search_box.setText("refunds")
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert "#e3f4e6" in panel.reader.browser.toHtml().lower()
    dark = QPalette(panel.reader.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    panel.reader.setPalette(dark)
    html = panel.reader.browser.toHtml().lower()
    assert "#1f3d26" in html and "#e3f4e6" not in html


def test_typing_does_not_leak_references_to_none(qtbot, panel):
    import sys

    before = sys.getrefcount(None)
    for _ in range(20):
        qtbot.keyClicks(panel.search_box, "refund")
        panel.search_box.clear()
    assert sys.getrefcount(None) >= before - 50  # PySide6 6.12 lost ~60 per key


def test_the_empty_reader_says_how_the_main_work_starts(indexed, show):
    from checkback.ui.policies.panel import PolicyPanel

    panel = show(PolicyPanel(indexed))

    assert "Ctrl+N starts a conversation" in panel.reader.browser.toPlainText()
