"""A team pack with bad files: the good policies load, the bad ones are listed, F5 re-reads."""

from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from checkback.ui.policies.panel import PolicyPanel
from tests.conftest import write_policy
from tests.gui.conftest import index_packs

LAUGHS = "\n".join(['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
    f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]" for n in range(8)])


def listed(window) -> dict[str, list[str]]:
    """The Content problems view's rows by file name: line, message, fix."""
    window.indexing.show_problems()
    model = window.indexing.problems_dialog.model
    return {model.index(row, 0).data(): [model.index(row, col).data() for col in (1, 2, 3)]
            for row in range(model.rowCount())}


def test_a_bad_date_costs_one_field_is_listed_and_f5_rereads_it_when_fixed(qtbot, open_window,
                                                                          pack: Path):
    folder = pack / "policies"
    bad = write_policy(folder, "price-match.md", "Price match", reviewed="2026-02-30")
    (folder / "laughs.md").write_text(f"---\ntitle: Laughs\n{LAUGHS}\n---\nHa.\n")
    (folder / "loop").symlink_to(".")
    window = open_window()
    assert window.policy_panel.model.hit_count() == 4  # 3 good + the one with the bad date
    assert window.indexing.problems_button.text() == "⚠ 2 content problems"
    rows = listed(window)
    assert rows["price-match.md"][0] == "3"
    assert "'2026-02-30', which is not a day on the calendar" in rows["price-match.md"][1]
    assert "not loaded" not in rows["price-match.md"][1]
    assert "does not expand those" in rows["laughs.md"][1]
    bad.write_text(bad.read_text().replace("2026-02-30", "2026-02-28\nowner: Pricing"))
    with qtbot.waitSignal(window.index_ready, timeout=10_000):
        window.indexing.reindex()
    assert not window.indexing.indexer.busy
    assert set(listed(window)) == {"laughs.md"}
    assert window.indexing.problems_button.text() == "⚠ 1 content problem"
    assert window.policy_panel.model.hit_count() == 4


class LinkCatcher(QObject):
    """Records the links Qt would hand to the system for one scheme."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def test_a_file_link_in_a_team_policy_opens_nothing_and_is_listed(qtbot, session, show,
                                                                   pack: Path, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    write_policy(pack / "policies", "links.md", "Links",
                 f"[Open]({secret.as_uri()}) or [read](https://example.com/rules).\n\n"
                 f'<img src="{secret.as_uri()}">')
    index_packs(session, pack)
    panel = show(PolicyPanel(session))
    panel.search_box.setText("links")
    qtbot.keyClick(panel.search_box, "\r")
    browser = panel.reader.browser
    assert "Open" in browser.toPlainText()
    assert "file:" not in browser.toHtml()
    assert "private" not in browser.toPlainText()
    caught = {scheme: LinkCatcher() for scheme in ("file", "https")}
    for scheme, catcher in caught.items():
        QDesktopServices.setUrlHandler(scheme, catcher, "open")
    try:
        browser.anchorClicked.emit(QUrl(secret.as_uri()))
        browser.anchorClicked.emit(QUrl("https://example.com/rules"))
        QApplication.processEvents()
    finally:
        for scheme in caught:
            QDesktopServices.unsetUrlHandler(scheme)
    assert caught["file"].opened == []
    assert caught["https"].opened == ["https://example.com/rules"]
    assert "private" not in browser.toPlainText()
    problems = session.reader.execute(
        "SELECT line, message FROM content_problems WHERE path LIKE '%links.md'").fetchall()
    assert [line for line, _message in problems] == [5, 7]
    assert all("plain text" in message for _line, message in problems)
