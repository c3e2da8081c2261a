"""The headless command line: the same export layer as the desktop app, without a window."""
