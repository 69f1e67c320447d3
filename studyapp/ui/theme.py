"""Light and dark palettes on the Fusion style, and the font size the student chose."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

# Calm colours: a soft background, one accent, and green/red kept for right and wrong.
PALETTES = {
    "light": {
        "window": "#f6f5f2", "base": "#ffffff", "alt": "#efede8", "text": "#1f2328", "muted": "#6a6f76",
        "button": "#ecebe7", "accent": "#3a6ea5", "accent_text": "#ffffff", "right": "#2e7d32", "wrong": "#c62828",
    },
    "dark": {
        "window": "#1e2024", "base": "#26292e", "alt": "#2d3036", "text": "#e6e6e3", "muted": "#9aa0a6",
        "button": "#33363c", "accent": "#6d9fd6", "accent_text": "#101214", "right": "#7cc47f", "wrong": "#ef7a7a",
    },
}


def colours(theme: str) -> dict[str, str]:
    return PALETTES.get(theme, PALETTES["light"])


def _palette(theme: str) -> QPalette:
    c = {k: QColor(v) for k, v in colours(theme).items()}
    p = QPalette()
    roles = {
        QPalette.Window: c["window"], QPalette.WindowText: c["text"], QPalette.Base: c["base"],
        QPalette.AlternateBase: c["alt"], QPalette.Text: c["text"], QPalette.Button: c["button"],
        QPalette.ButtonText: c["text"], QPalette.Highlight: c["accent"], QPalette.HighlightedText: c["accent_text"],
        QPalette.ToolTipBase: c["base"], QPalette.ToolTipText: c["text"], QPalette.PlaceholderText: c["muted"],
        QPalette.Link: c["accent"], QPalette.BrightText: c["wrong"],
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, c["muted"])
    return p


def apply_theme(app: QApplication, theme: str, font_size: int) -> None:
    if app.property("studyapp_theme") == theme and app.property("studyapp_font_size") == font_size:
        return  # restyling every widget takes a tenth of a second, on the way to the first card
    app.setStyle("Fusion")
    app.setPalette(_palette(theme))
    font = QFont(app.font())
    font.setPointSize(font_size)
    app.setFont(font)
    app.setStyleSheet(style_sheet(theme, font_size))
    app.setProperty("studyapp_theme", theme)
    app.setProperty("studyapp_font_size", font_size)


def current_theme() -> str:
    app = QApplication.instance()
    return (app.property("studyapp_theme") if app else None) or "light"


def style_sheet(theme: str, font_size: int) -> str:
    """The few rules a palette cannot express: quiet lines, the large prompt, right/wrong colouring."""
    c = colours(theme)
    return f"""
    QLabel#pageTitle {{ font-size: {round(font_size * 1.6)}pt; font-weight: 600; }}
    #quiet {{ color: {c['muted']}; }}
    QLabel#error {{ color: {c['wrong']}; }}
    #prompt {{ font-size: {round(font_size * 2.0)}pt; }}
    #answer {{ font-size: {round(font_size * 1.6)}pt; color: {c['accent']}; }}
    QLabel#verdict[result="right"] {{ color: {c['right']}; font-size: {round(font_size * 1.4)}pt; font-weight: 600; }}
    QLabel#verdict[result="wrong"] {{ color: {c['wrong']}; font-size: {round(font_size * 1.4)}pt; font-weight: 600; }}
    QLabel#bigNumber {{ font-size: {round(font_size * 2.4)}pt; font-weight: 600; color: {c['accent']}; }}
    QPushButton {{ padding: 6px 14px; }}
    QPushButton#option {{ text-align: left; padding: 10px 16px; }}
    QPushButton[result="right"] {{ background: {c['right']}; color: {c['base']}; }}
    QPushButton[result="wrong"] {{ background: {c['wrong']}; color: {c['base']}; }}
    QFrame#card {{ background: {c['base']}; border: 1px solid {c['alt']}; border-radius: 10px; }}
    """
