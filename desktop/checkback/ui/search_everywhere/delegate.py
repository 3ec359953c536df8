"""Painting the found list: an item as its title over a smaller, quieter detail line, and
a kind's heading in bold with room above it; every line cut short with "…" to fit."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from checkback.ui.search_everywhere.model import DETAIL_ROLE, ITEM_ROLE

_PAD = 6
_Index = QModelIndex | QPersistentModelIndex


class FoundDelegate(QStyledItemDelegate):
    """Two lines per item, one per heading."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.initStyleOption(option, index)
        heading = index.data(ITEM_ROLE) is None
        if not heading and (style := option.widget.style() if option.widget else None):
            option.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text = palette.color(QPalette.ColorRole.HighlightedText if selected
                             else QPalette.ColorRole.Text)
        area = option.rect.adjusted(_PAD, _PAD // 2, -_PAD, -_PAD // 2)
        painter.save()
        if heading:
            painter.setFont(option.font)
            painter.setPen(text)
            _line(painter, area, str(index.data()), Qt.AlignmentFlag.AlignBottom)
        else:
            painter.setPen(text)
            _line(painter, area, str(index.data()), Qt.AlignmentFlag.AlignTop)
            painter.setFont(_small(option.font))
            painter.setPen(text if selected else palette.color(QPalette.ColorRole.PlaceholderText))
            _line(painter, area, str(index.data(DETAIL_ROLE) or ""), Qt.AlignmentFlag.AlignBottom)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        spacing = QFontMetrics(option.font).lineSpacing()
        if index.data(ITEM_ROLE) is None:
            return QSize(1, int(spacing * 1.6) + _PAD)
        small = QFontMetrics(_small(option.font)).lineSpacing()
        return QSize(1, spacing + small + _PAD + 2)  # as wide as the view: no sideways scroll


def _line(painter: QPainter, area: QRect, text: str, edge: Qt.AlignmentFlag) -> None:
    fitted = painter.fontMetrics().elidedText(" ".join(text.split()),
                                              Qt.TextElideMode.ElideRight, area.width())
    painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | edge), fitted)


def _small(font: QFont) -> QFont:
    smaller = QFont(font)
    smaller.setPointSizeF(font.pointSizeF() * 0.88)
    return smaller
