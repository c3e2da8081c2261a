"""A time left as the CLI and the app both print it, from a job's ``eta_at``."""

from __future__ import annotations


def duration_text(seconds: float) -> str:
    """``75`` → ``1 min 15 s``, ``25`` → ``25 s``: whole seconds, minutes once there is one."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"
