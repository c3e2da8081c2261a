"""Time as the database records it: UTC, injectable so tests can jump days ahead in a millisecond."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The real clock: an aware UTC datetime."""
    return dt.datetime.now(dt.UTC)


def to_db(moment: dt.datetime) -> str:
    """How times are stored: ISO-8601 UTC with a ``Z``, which sorts correctly as text."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def from_db(text: str) -> dt.datetime:
    """Reads a stored time back as an aware UTC datetime."""
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
