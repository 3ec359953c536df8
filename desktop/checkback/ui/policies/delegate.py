"""Painting a result row: title, category, and an excerpt with the matched words marked."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from checkback.core.highlight import marked_to_html
from checkback.core.html_text import escape_html
from checkback.ui.policies.model import PolicyRole

_PAD = 6
_KEPT_LAYOUTS = 200  # rows laid out and kept: a few screens' worth
_Index = QModelIndex | QPersistentModelIndex


class PolicyResultDelegate(QStyledItemDelegate):
    """Draws policy rows as rich text and category rows as small headings."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._laid_out: dict[tuple[object, ...], QTextDocument] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        if style is not None and not index.data(PolicyRole.IS_HEADER):
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self._document(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, _text_colour(option, selected))
        painter.save()
        painter.translate(option.rect.left() + _PAD, option.rect.top() + _PAD / 2)
        clip = QRectF(0, 0, option.rect.width() - 2 * _PAD, option.rect.height() - _PAD)
        painter.setClipRect(clip)
        context.clip = clip
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        lines = 1.6 if index.data(PolicyRole.IS_HEADER) else 3.2
        height = int(option.fontMetrics.lineSpacing() * lines) + _PAD * 2
        return QSize(1, height)  # as wide as the view: rows wrap, never scroll sideways

    def _document(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument:
        """The row laid out as rich text: made once per row, text, width, font and style,
        then kept (a repaint, a scroll or a hover lays nothing out again)."""
        key = (index.data(PolicyRole.IS_HEADER), index.data(),
               index.data(PolicyRole.MARKED_TITLE), index.data(PolicyRole.EXCERPT),
               index.data(PolicyRole.CATEGORY), option.rect.width(), option.font.key(),
               _match_style(option))
        document = self._laid_out.pop(key, None) or self._lay_out(option, index)
        self._laid_out[key] = document  # the newest last
        while len(self._laid_out) > _KEPT_LAYOUTS:
            self._laid_out.pop(next(iter(self._laid_out)))
        return document

    def _lay_out(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument:
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(option.font)
        document.setTextWidth(option.rect.width() - 2 * _PAD)
        if index.data(PolicyRole.IS_HEADER):
            category = escape_html(str(index.data()).upper())
            document.setHtml(f"<p style='margin-top:4px'><b>{category}</b></p><hr>")
            return document
        style = _match_style(option)
        title = marked_to_html(index.data(PolicyRole.MARKED_TITLE) or "", *style)
        excerpt = marked_to_html(index.data(PolicyRole.EXCERPT) or "", *style)
        category = escape_html(index.data(PolicyRole.CATEGORY) or "")
        document.setHtml(f"<b>{title}</b> <small>· {category}</small><br>"
                         f"<span style='font-size:small'>{excerpt}</span>")
        return document


def _text_colour(option: QStyleOptionViewItem, selected: bool) -> QColor:
    # Category rows are not selectable, which would grey them out; they are headings.
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    return option.palette.color(QPalette.ColorGroup.Active, role)


def _match_style(option: QStyleOptionViewItem) -> tuple[str, str]:
    """Tags that mark a matched word: a marker-pen background, or underlined when selected."""
    if option.state & QStyle.StateFlag.State_Selected:
        return "<u>", "</u>"
    dark = option.palette.color(QPalette.ColorRole.Base).lightness() < 128
    colours = "background-color:#7a5d00;color:#ffffff" if dark else "background-color:#ffe680"
    return f"<span style='{colours}'>", "</span>"
