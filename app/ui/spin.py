"""A number box whose empty state is "the template's value", showing that value instead of a sentinel.

The old boxes showed "Template default" at their minimum, so ↑ on Text size took a 9.3 pt template to 7 pt and
margins to 0 mm. Here the box holds the template's own value while unset (marked "· template"); the arrows and
typing start from it, and ``reset`` goes back to unset.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox, QWidget


class DefaultableSpinBox(QDoubleSpinBox):
    """``value_or_none()`` is ``None`` while the box shows the template's default."""

    chosen = Signal(object)  #: the user's value (float), or ``None`` after ``reset``

    def __init__(self, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = unit
        self.template_value = 0.0
        #: Shown instead of a number while unset, when there is no single default (a batch of resumes).
        self.default_text = ""
        self.is_default = True
        self._showing = False
        self.setKeyboardTracking(False)
        self.valueChanged.connect(self._changed)
        self._update_suffix()

    def set_template_value(self, value: float, default_text: str = "") -> None:
        """The template's own value, shown while unset (or ``default_text`` when there is no single one)."""
        self.template_value = value
        self.default_text = default_text
        if self.is_default:
            self._show(value)

    def show_value(self, value: float | None) -> None:
        """Shows the document's value, or the template's when ``None`` (does not emit ``chosen``)."""
        self.is_default = value is None
        self._show(self.template_value if value is None else value)

    def reset(self) -> None:
        """Back to the template's value."""
        self.show_value(None)
        self.chosen.emit(None)

    def value_or_none(self) -> float | None:
        """The chosen value, or ``None`` when the template's applies."""
        return None if self.is_default else self.value()

    def _show(self, value: float) -> None:
        self._showing = True
        try:
            self._update_suffix()
            self.setValue(self.minimum() if self.is_default and self.default_text else value)
        finally:
            self._showing = False

    def _update_suffix(self) -> None:
        unit = f" {self.unit}" if self.unit else ""
        self.setSpecialValueText(self.default_text if self.is_default else "")
        self.setSuffix(f"{unit} · template" if self.is_default and not self.default_text else unit)
        what = "the template's value" if self.is_default else "your value"
        self.setAccessibleDescription(f"{what}; the Default button goes back to the template's")

    def _changed(self, value: float) -> None:
        if self._showing:
            return
        self.is_default = False
        self._showing = True
        try:
            self._update_suffix()
        finally:
            self._showing = False
        self.chosen.emit(value)
