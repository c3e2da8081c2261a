"""The window's keyboard order: library → sections → form → preview → open docks → back to the library.

Qt's own Tab chain follows creation order, and the editor and preview are created anew for each document, so
the chain drifted (and a table with Tab navigation kept the focus for good). Here Tab walks the focusable
widgets region by region, in Qt's order inside each region; F6 and Shift+F6 jump a whole region.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

#: The regions, in order: (name, root widget); roots that are hidden or missing are skipped.
Regions = Callable[[], list[tuple[str, QWidget | None]]]


def tab_focusable(widget: QWidget) -> bool:
    """Whether Tab may stop at ``widget`` now."""
    return bool(
        widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.isVisible()
        and widget.isEnabled()
        and widget.focusProxy() is None
    )


class FocusChain:
    """Computes the order on demand, so it is right whatever the window shows at the moment."""

    def __init__(self, window: QWidget, regions: Regions) -> None:
        self.window = window
        self.regions = regions

    def ordered(self) -> list[tuple[str, QWidget]]:
        """Every widget Tab can reach, with the name of its region, in order."""
        roots = [(name, root) for name, root in self.regions() if root is not None and root.isVisible()]
        found: list[tuple[int, int, str, QWidget]] = []
        widget = self.window.nextInFocusChain()
        position = 0
        while widget is not None and widget is not self.window and position < 20_000:
            if tab_focusable(widget):
                for index, (name, root) in enumerate(roots):
                    if root is widget or root.isAncestorOf(widget):
                        found.append((index, position, name, widget))
                        break
            widget = widget.nextInFocusChain()
            position += 1
        return [(name, widget) for _index, _position, name, widget in sorted(found, key=lambda f: f[:2])]

    def region_of(self, widget: QWidget | None) -> str | None:
        """The name of the region ``widget`` is in."""
        if widget is None:
            return None
        for name, root in self.regions():
            if root is not None and (root is widget or root.isAncestorOf(widget)):
                return name
        return None

    def move(self, forward: bool) -> bool:
        """Tab / Shift+Tab; ``False`` when the focus is somewhere the chain does not know."""
        chain = [widget for _name, widget in self.ordered()]
        current = QApplication.focusWidget()
        if not chain:
            return False
        if current in chain:
            target = chain[(chain.index(current) + (1 if forward else -1)) % len(chain)]
        else:
            target = chain[0] if forward else chain[-1]
        self._focus(target, forward)
        return True

    def jump(self, forward: bool) -> None:
        """F6 / Shift+F6: the first widget of the next (or previous) region."""
        ordered = self.ordered()
        names: list[str] = []
        for name, _widget in ordered:
            if name not in names:
                names.append(name)
        if not names:
            return
        here = self.region_of(QApplication.focusWidget())
        index = names.index(here) if here in names else -1
        wanted = names[(index + (1 if forward else -1)) % len(names)]
        target = next(widget for name, widget in ordered if name == wanted)
        self._focus(target, forward)

    @staticmethod
    def _focus(target: QWidget, forward: bool) -> None:
        reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        parent = target.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.ensureWidgetVisible(target, 16, 16)
            parent = parent.parentWidget()
