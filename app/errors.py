"""One exception hierarchy for the whole app.

``UserError`` and its children carry messages written for people: they are shown as they are by the CLI and
the UI. Anything else that escapes is a bug and is reported as an internal error.
"""

from __future__ import annotations

from dataclasses import dataclass


class ResumePairError(Exception):
    """Base of every error the app raises on purpose."""


class UserError(ResumePairError):
    """A problem the user can fix: bad input, unknown option, full quota.

    ``exit_code`` is the CLI exit code this error maps to (see CONTRACT.md).
    """

    exit_code = 3


@dataclass(frozen=True)
class FieldIssue:
    """One problem with one field of a resume, addressed by its dotted path (``work.0.startDate``)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ResumeLoadError(UserError):
    """A resume file that cannot be read as a JSON object at all (missing, not UTF-8, not JSON)."""


class ResumeValidationError(UserError):
    """A resume that is JSON but breaks the JSON Resume 1.2.1 schema; ``issues`` names every field."""

    def __init__(self, issues: list[FieldIssue], source: str = "") -> None:
        self.issues = issues
        self.source = source
        prefix = f"{source}: " if source else ""
        shown = "; ".join(str(issue) for issue in issues[:5])
        more = f" (and {len(issues) - 5} more)" if len(issues) > 5 else ""
        super().__init__(f"{prefix}{shown}{more}")


class OptionError(UserError):
    """An export option or design token with a value we cannot use."""


class TemplateError(UserError):
    """An unknown template id or a template folder that is broken."""


class RenderError(ResumePairError):
    """Rendering failed. ``transient`` says whether trying again may succeed (timeout, crashed renderer)."""

    exit_code = 4

    def __init__(self, message: str, *, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


class FitError(UserError):
    """``--fit-pages`` asked for fewer pages than the resume can shrink to."""

    exit_code = 4
