"""Web addresses and e-mail addresses as people write them: without a scheme, with ``mailto:``, or not at all.

A web address that is clearly a host name (``bsky.app/profile/x``, ``www.example.com``) gets ``https://``.
Anything else that is not an absolute URL (``pdf/resume-fr.pdf``, ``###EMAIL###``) is kept as written: the
templates print it as text and do not link it. Nothing is ever fetched or looked up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.model.fields import is_absolute_uri, is_email

#: A host name with a dot and a top-level domain of letters, then an optional port and path.
_HOST_FIRST = re.compile(r"(?:[^\W_][\w-]*\.)+[^\W\d_]{2,63}\.?(?::\d{1,5})?(?:[/?#]\S*)?", re.UNICODE)
#: Endings that make ``cv.pdf`` a file name rather than a host (only checked when there is no path).
_FILE_ENDINGS = frozenset(
    {"pdf", "html", "htm", "png", "jpg", "jpeg", "gif", "svg", "webp", "doc", "docx", "txt", "json"}
)


@dataclass(frozen=True)
class LinkRepair:
    """The value to store (``None``: leave the field out) and what to tell the user."""

    value: str | None
    message: str


def repair_uri(written: str) -> LinkRepair | None:
    """How to store a web address field; ``None`` when it is fine as it is."""
    value = written.strip()
    if not value:
        return LinkRepair(None, "was empty; left out")
    if is_absolute_uri(value):
        return LinkRepair(value, "surrounding spaces removed") if value != written else None
    if value.startswith("//") and _HOST_FIRST.fullmatch(value[2:]):
        return LinkRepair(f"https:{value}", "web address without a scheme; https: added")
    if _looks_like_host(value):
        return LinkRepair(f"https://{value}", "web address without a scheme; https:// added")
    if is_email(value):
        return LinkRepair(f"mailto:{value}", "an e-mail address in a web address field; linked as mailto:")
    return LinkRepair(written, "not a full web address; kept as written and shown as text, not linked")


def repair_email(written: str) -> LinkRepair | None:
    """How to store an e-mail field; ``None`` when it is fine as it is."""
    value = written.strip()
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:") :].split("?")[0].strip()
        if is_email(value):
            return LinkRepair(value, "mailto: removed from the e-mail address")
    if not value:
        return LinkRepair(None, "was empty; left out")
    if is_email(value):
        return LinkRepair(value, "surrounding spaces removed") if value != written else None
    return LinkRepair(written, "not an e-mail address; kept as written and shown as text, not linked")


def _looks_like_host(value: str) -> bool:
    if _HOST_FIRST.fullmatch(value) is None:
        return False
    host, slash, _rest = value.partition("/")
    ending = host.rsplit(".", 1)[-1].lower()
    return bool(slash) or ending not in _FILE_ENDINGS or host.lower().startswith("www.")
