"""The desktop user interface."""
