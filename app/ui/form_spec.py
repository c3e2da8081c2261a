"""What the form editor shows for each JSON Resume section: fields, labels, kinds, and how entries are titled."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    """One editable field. ``kind``: text, multiline, date, email, url or list (a list of text).

    ``aliases`` are other keys an entry may already hold this value under (a custom section written by hand says
    ``title`` where we write ``name``): the field edits the first of them the entry has, so no second copy appears.
    """

    key: str
    label: str
    kind: str = "text"
    placeholder: str = ""
    aliases: tuple[str, ...] = ()

    def key_in(self, entry: object) -> str:
        """The key this field edits in ``entry``: its own, unless the entry holds the value under an alias."""
        if isinstance(entry, dict) and self.key not in entry:
            return next((alias for alias in self.aliases if alias in entry), self.key)
        return self.key


@dataclass(frozen=True)
class SectionSpec:
    """A list section of the resume (work, education, ...) and the fields of each entry."""

    key: str
    title: str
    fields: tuple[FieldSpec, ...]
    title_keys: tuple[str, ...]
    noun: str


DATE_HINT = "YYYY, YYYY-MM or YYYY-MM-DD"


def _date(key: str, label: str) -> FieldSpec:
    return FieldSpec(key, label, "date", DATE_HINT)


BASICS_FIELDS = (
    FieldSpec("name", "Name"),
    FieldSpec("label", "Headline", placeholder="e.g. Senior Backend Engineer"),
    FieldSpec("email", "E-mail", "email"),
    FieldSpec("phone", "Phone"),
    FieldSpec("url", "Website", "url", "https://"),
    FieldSpec("summary", "Summary", "multiline"),
)
LOCATION_FIELDS = (
    FieldSpec("address", "Address", "multiline"),
    FieldSpec("postalCode", "Postal code"),
    FieldSpec("city", "City"),
    FieldSpec("region", "Region"),
    FieldSpec("countryCode", "Country code", placeholder="ISO 3166-1, e.g. DE"),
)
PROFILES = SectionSpec(
    "profiles",
    "Profiles",
    (FieldSpec("network", "Network"), FieldSpec("username", "Username"), FieldSpec("url", "URL", "url", "https://")),
    ("network", "username"),
    "profile",
)

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "work",
        "Experience",
        (
            FieldSpec("position", "Position"),
            FieldSpec("name", "Company"),
            FieldSpec("url", "Company website", "url", "https://"),
            FieldSpec("location", "Location"),
            _date("startDate", "Start"),
            _date("endDate", "End"),
            FieldSpec("description", "Company description"),
            FieldSpec("summary", "Summary", "multiline"),
            FieldSpec("highlights", "Highlights", "list"),
        ),
        ("position", "name"),
        "position",
    ),
    SectionSpec(
        "education",
        "Education",
        (
            FieldSpec("institution", "Institution"),
            FieldSpec("url", "Website", "url", "https://"),
            FieldSpec("area", "Area", placeholder="e.g. Computer Science"),
            FieldSpec("studyType", "Degree", placeholder="e.g. Bachelor"),
            _date("startDate", "Start"),
            _date("endDate", "End"),
            FieldSpec("score", "Score"),
            FieldSpec("courses", "Courses", "list"),
        ),
        ("studyType", "institution"),
        "education entry",
    ),
    SectionSpec(
        "projects",
        "Projects",
        (
            FieldSpec("name", "Name"),
            FieldSpec("description", "Description", "multiline"),
            FieldSpec("entity", "Organisation"),
            FieldSpec("type", "Type", placeholder="e.g. application, talk"),
            FieldSpec("url", "URL", "url", "https://"),
            _date("startDate", "Start"),
            _date("endDate", "End"),
            FieldSpec("roles", "Roles", "list"),
            FieldSpec("highlights", "Highlights", "list"),
            FieldSpec("keywords", "Keywords", "list"),
        ),
        ("name",),
        "project",
    ),
    SectionSpec(
        "volunteer",
        "Volunteering",
        (
            FieldSpec("position", "Position"),
            FieldSpec("organization", "Organisation"),
            FieldSpec("url", "Website", "url", "https://"),
            _date("startDate", "Start"),
            _date("endDate", "End"),
            FieldSpec("summary", "Summary", "multiline"),
            FieldSpec("highlights", "Highlights", "list"),
        ),
        ("position", "organization"),
        "volunteer role",
    ),
    SectionSpec(
        "awards",
        "Awards",
        (
            FieldSpec("title", "Title"),
            _date("date", "Date"),
            FieldSpec("awarder", "Awarded by"),
            FieldSpec("summary", "Summary", "multiline"),
        ),
        ("title",),
        "award",
    ),
    SectionSpec(
        "certificates",
        "Certificates",
        (
            FieldSpec("name", "Name"),
            _date("date", "Date"),
            FieldSpec("issuer", "Issuer"),
            FieldSpec("url", "URL", "url", "https://"),
        ),
        ("name",),
        "certificate",
    ),
    SectionSpec(
        "publications",
        "Publications",
        (
            FieldSpec("name", "Title"),
            FieldSpec("publisher", "Publisher"),
            _date("releaseDate", "Released"),
            FieldSpec("url", "URL", "url", "https://"),
            FieldSpec("summary", "Summary", "multiline"),
        ),
        ("name",),
        "publication",
    ),
    SectionSpec(
        "skills",
        "Skills",
        (
            FieldSpec("name", "Skill"),
            FieldSpec("level", "Level", placeholder="e.g. Advanced"),
            FieldSpec("keywords", "Keywords", "list"),
        ),
        ("name",),
        "skill",
    ),
    SectionSpec(
        "languages",
        "Languages",
        (FieldSpec("language", "Language"), FieldSpec("fluency", "Fluency", placeholder="e.g. Native speaker")),
        ("language",),
        "language",
    ),
    SectionSpec(
        "interests",
        "Interests",
        (FieldSpec("name", "Interest"), FieldSpec("keywords", "Keywords", "list")),
        ("name",),
        "interest",
    ),
    SectionSpec(
        "references",
        "References",
        (FieldSpec("name", "Name"), FieldSpec("reference", "Reference", "multiline")),
        ("name",),
        "reference",
    ),
)


def custom_section_spec(key: str, title: str) -> SectionSpec:
    """The form of a custom section's entries: the generic fields every template shows (``generic_entry``).

    Other fields an entry holds are not shown and are kept as they are.
    """
    return SectionSpec(
        key,
        title,
        (
            FieldSpec("name", "Title", aliases=("title", "organization", "organisation", "company", "institution")),
            FieldSpec("position", "Subtitle", placeholder="e.g. your role", aliases=("role", "subtitle")),
            FieldSpec(
                "date",
                "Date",
                "date",
                "a single date instead of start and end (a talk, an award)",
                aliases=("releaseDate", "year"),
            ),
            FieldSpec("startDate", "Start", "date", DATE_HINT, aliases=("start",)),
            FieldSpec("endDate", "End", "date", DATE_HINT, aliases=("end",)),
            FieldSpec("location", "Location", aliases=("place", "city")),
            FieldSpec("url", "URL", "url", "https://", aliases=("website", "link")),
            FieldSpec("summary", "Summary", "multiline", aliases=("description", "details")),
            FieldSpec("highlights", "Bullet points", "list", aliases=("bullets", "items")),
        ),
        ("name", "title", "position", "role"),
        "entry",
    )
