"""Light and dark palettes over Fusion, following the system's colour scheme unless the user chose one.

Fusion draws the same on every platform; the palette decides the colours. The style sheet is generated from
the palette (so it has no colour of its own that would be wrong in the other scheme) and applied again when the
scheme changes. The preview is not themed: a page of paper stays white in both.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

SPACING = 8  #: the unit of space between controls, in pixels

_DARK = {
    QPalette.ColorRole.Window: "#1f2126",
    QPalette.ColorRole.WindowText: "#e6e7ea",
    QPalette.ColorRole.Base: "#17181c",
    QPalette.ColorRole.AlternateBase: "#23252b",
    QPalette.ColorRole.ToolTipBase: "#2b2e35",
    QPalette.ColorRole.ToolTipText: "#e6e7ea",
    QPalette.ColorRole.PlaceholderText: "#8b8f99",
    QPalette.ColorRole.Text: "#e6e7ea",
    QPalette.ColorRole.Button: "#2a2d33",
    QPalette.ColorRole.ButtonText: "#e6e7ea",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Light: "#3a3d45",
    QPalette.ColorRole.Midlight: "#32353c",
    QPalette.ColorRole.Mid: "#5a5e68",
    QPalette.ColorRole.Dark: "#111215",
    QPalette.ColorRole.Shadow: "#000000",
    QPalette.ColorRole.Highlight: "#3d7be0",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7aa7ff",
    QPalette.ColorRole.LinkVisited: "#b48cff",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#f4f5f7",
    QPalette.ColorRole.WindowText: "#1d2025",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f0f2f5",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1d2025",
    QPalette.ColorRole.PlaceholderText: "#7b808a",
    QPalette.ColorRole.Text: "#1d2025",
    QPalette.ColorRole.Button: "#fbfbfc",
    QPalette.ColorRole.ButtonText: "#1d2025",
    QPalette.ColorRole.BrightText: "#c0392b",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#e9ebef",
    QPalette.ColorRole.Mid: "#b9bec8",
    QPalette.ColorRole.Dark: "#8a909c",
    QPalette.ColorRole.Shadow: "#4a4f59",
    QPalette.ColorRole.Highlight: "#2563c9",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#1f5bb8",
    QPalette.ColorRole.LinkVisited: "#6b3fb8",
}


def palette_for(dark: bool) -> QPalette:
    """The app's palette for one scheme (disabled colours derived, so greyed-out controls read as such)."""
    palette = QPalette()
    for role, value in (_DARK if dark else _LIGHT).items():
        palette.setColor(QPalette.ColorGroup.All, role, QColor(value))
    dim = QColor(_DARK[QPalette.ColorRole.Mid] if dark else _LIGHT[QPalette.ColorRole.Dark])
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, dim)
    return palette


def is_dark(palette: QPalette) -> bool:
    """Whether a palette is a dark one (light text on a dark window)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def style_sheet(palette: QPalette) -> str:
    """The app's style sheet for ``palette``: spacing, rounded selections, the message bar's colours."""
    highlight = palette.color(QPalette.ColorRole.Highlight)
    dark = is_dark(palette)
    info_bg = QColor("#1d2a44") if dark else QColor("#e7effc")
    error_bg = QColor("#4a1f1f") if dark else QColor("#fde8e6")
    error_text = QColor("#ffb4a9") if dark else QColor("#8e1b12")
    warn_bg = QColor("#3d3416") if dark else QColor("#fff4ce")
    warn_text = QColor("#f5dd8b") if dark else QColor("#5c4400")
    muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    return f"""
QMainWindow, QDialog {{ font-size: 10pt; }}
QToolBar {{ spacing: {SPACING // 2}px; padding: {SPACING // 2}px {SPACING}px; border: none; }}
QToolBar QToolButton {{ padding: 4px 8px; border-radius: 6px; }}
QToolBar QToolButton:hover {{ background: palette(midlight); }}
QListView#navigator, QListView#documents {{ border: none; background: palette(window); }}
QListView#navigator::item {{ padding: 6px 8px; border-radius: 6px; }}
QListView#navigator::item:selected, QListView#documents::item:selected {{
    background: palette(highlight); color: palette(highlighted-text); border-radius: 6px; }}
QListView#documents::item {{ padding: 6px 8px; }}
QLabel#pageTitle {{ font-size: 15pt; font-weight: 600; }}
QLabel#previewHeader {{ color: {muted.name()}; font-weight: 600; }}
QLabel#fieldError {{ color: {error_text.name()}; }}
QLabel#fieldError[severity="note"] {{ color: {warn_text.name()}; }}
QLabel#hint {{ color: {muted.name()}; }}
QLabel#banner {{ background: {warn_bg.name()}; color: {warn_text.name()}; padding: {SPACING}px; border-radius: 6px; }}
QFrame#messageBar[level="info"] {{ background: {info_bg.name()}; border: 1px solid {highlight.name()};
    border-radius: 6px; }}
QFrame#messageBar[level="error"] {{ background: {error_bg.name()}; border: 1px solid {error_text.name()};
    border-radius: 6px; }}
QFrame#messageBar[level="error"] QLabel {{ color: {error_text.name()}; }}
QGroupBox {{ font-weight: 600; margin-top: {SPACING + 4}px; padding-top: {SPACING // 2}px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: {SPACING}px; }}
*[invalid="true"] {{ border: 1px solid {error_text.name()}; border-radius: 3px; }}
"""


def apply_theme(app: QApplication, preference: str) -> None:
    """Sets Fusion with the palette for ``preference`` (``system``, ``light`` or ``dark``)."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    if preference == "system":
        dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    else:
        dark = preference == "dark"
    palette = palette_for(dark)
    app.setPalette(palette)
    app.setStyleSheet(style_sheet(palette))
