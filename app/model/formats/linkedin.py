"""LinkedIn's data export ("Get a copy of your data"): a ZIP of CSV files → JSON Resume.

Files are matched by name anywhere in the ZIP (older exports put them in a folder), with the names and columns
of every export seen since 2015 (``Phone Numbers.csv`` and ``PhoneNumbers.csv``; ``Start Date`` and ``Started
On``). Only resume files are read — messages, connections and the rest stay in the ZIP — and each is read with a
size limit, so a hostile archive cannot exhaust memory. Dates stay as LinkedIn writes them (``Apr 2022``): the
normaliser reads them and reports each. Descriptions whose line breaks LinkedIn flattened into runs of spaces or
inline " - " bullets get them back. What JSON Resume has no field for is kept under ``x-linkedin``.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

from app.errors import ResumeLoadError
from app.model.formats.common import compact, keep_aside, section_key
from app.model.repairs import Repair

#: The most a single CSV may hold once decompressed (a resume's are a few KB; a bomb is stopped here).
MAX_CSV_BYTES = 5 * 1024 * 1024
#: Files this importer reads, by the names LinkedIn has used for them (matched without case).
FILES = {
    "profile": ("profile.csv",),
    "summary": ("profile summary.csv",),
    "positions": ("positions.csv",),
    "education": ("education.csv",),
    "skills": ("skills.csv",),
    "languages": ("languages.csv",),
    "certifications": ("certifications.csv",),
    "projects": ("projects.csv",),
    "emails": ("email addresses.csv",),
    "phones": ("phonenumbers.csv", "phone numbers.csv"),
    "publications": ("publications.csv",),
    "honors": ("honors.csv",),
    "courses": ("courses.csv",),
    "volunteering": ("volunteering.csv", "volunteer experiences.csv", "volunteer experience.csv"),
    "organizations": ("organizations.csv",),
}
_RESUME_FILES = {"profile.csv", "positions.csv", "education.csv", "skills.csv"}
_WEBSITE = re.compile(r"(?:([A-Z_]+):)?(https?://\S+?)(?=,\s*[A-Z_]+:|,\s*https?://|https?://|$)")
#: A description's flattened list: two or more " - " / " • " items after a run of spaces or a colon.
_INLINE_BULLET = re.compile(r"(?:\s{2,}|(?<=:)\s+|\s)[-•▪–]\s+")


def is_linkedin_export(raw: bytes) -> bool:
    """A ZIP with at least one of the files every LinkedIn export of a profile has."""
    if not raw.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = {_basename(name) for name in archive.namelist()}
    except zipfile.BadZipFile:
        return False
    return bool(names & _RESUME_FILES)


def convert(raw: bytes, where: str) -> tuple[dict[str, Any], list[Repair]]:
    """The export as a JSON Resume document (dates as written), and a note of what was read."""
    try:
        tables = _read_tables(raw, where)
    except zipfile.BadZipFile as exc:
        raise ResumeLoadError(f"{where}is a damaged ZIP file ({exc})") from None
    builder = _Builder(tables)
    data = builder.build()
    read = ", ".join(sorted(tables))
    repairs = [Repair("", "a LinkedIn data export", "JSON Resume", f"read from a LinkedIn data export ({read})")]
    return data, repairs + builder.repairs


def _basename(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1].casefold()


def _read_tables(raw: bytes, where: str) -> dict[str, list[dict[str, str]]]:
    """Every resume CSV in the archive as rows of {column: value}, whatever folder it is in."""
    tables: dict[str, list[dict[str, str]]] = {}
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        by_name = {_basename(info.filename): info for info in archive.infolist() if not info.is_dir()}
        for key, names in FILES.items():
            info = next((by_name[name] for name in names if name in by_name), None)
            if info is None:
                continue
            if info.file_size > MAX_CSV_BYTES:
                size = f"{info.file_size / 1e6:.0f} MB"
                raise ResumeLoadError(f"{where}{info.filename} is {size}; too large to be resume data")
            with archive.open(info) as member:
                content = member.read(MAX_CSV_BYTES + 1)
            if len(content) > MAX_CSV_BYTES:
                raise ResumeLoadError(f"{where}{info.filename} unpacks to more than 5 MB; too large to be resume data")
            tables[key] = _rows(content.decode("utf-8-sig", errors="replace"))
    return tables


def _rows(text: str) -> list[dict[str, str]]:
    """A CSV's rows; skips a ``Notes:`` preamble and sniffs tabs (2015 exports used them for some files)."""
    lines = text.splitlines()
    if lines and lines[0].strip().rstrip(":").casefold() == "notes":
        blank = next((index for index, line in enumerate(lines) if not line.strip()), len(lines) - 1)
        text = "\n".join(lines[blank + 1 :])
    header = text.split("\n", 1)[0]
    delimiter = "\t" if header.count("\t") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    rows = []
    for row in reader:
        cleaned = {str(key).strip(): (value or "").strip() for key, value in row.items() if key is not None}
        if any(cleaned.values()):
            rows.append(cleaned)
    return rows


def _column(row: dict[str, str], *names: str) -> str:
    """The first of ``names`` the row has a value for (column names changed over the years)."""
    return next((row[name] for name in names if row.get(name)), "")


def _websites(text: str) -> list[tuple[str, str]]:
    """``[BLOG:http://a.com,OTHER:https://b.com]`` (or without brackets, or glued together) as (kind, URL)."""
    found = []
    for kind, url in _WEBSITE.findall(text.strip().strip("[]")):
        found.append((kind.replace("_", " ").title() if kind else "Website", url.rstrip(",]")))
    return found


def country_code(name: str) -> str:
    """An English country name as its ISO code (``Spain`` → ``ES``); a name Babel does not know stays as it is."""
    from babel import Locale

    if len(name) == 2 and name.isalpha():
        return name.upper()
    codes = {str(country).casefold(): str(code) for code, country in Locale("en").territories.items() if code.isalpha()}
    return codes.get(name.strip().casefold(), name)


def restore_line_breaks(text: str) -> tuple[str, list[str]]:
    """A flattened description as (paragraphs, bullet items): runs of spaces were line breaks."""
    parts = _INLINE_BULLET.split(text)
    if len(parts) >= 3 or (len(parts) == 2 and re.search(r"\s{2,}[-•▪–]\s", text)):
        lead, items = parts[0], [part.strip() for part in parts[1:] if part.strip()]
    else:
        lead, items = text, []
    paragraphs = [part.strip() for part in re.split(r"\s{2,}", lead) if part.strip()]
    return "\n".join(paragraphs), items


class _Builder:
    """Builds one document from the export's tables."""

    def __init__(self, tables: dict[str, list[dict[str, str]]]) -> None:
        self.tables = tables
        self.repairs: list[Repair] = []

    def rows(self, key: str) -> list[dict[str, str]]:
        return self.tables.get(key, [])

    def build(self) -> dict[str, Any]:
        data: dict[str, Any] = {"basics": self.basics()}
        sections = {
            "work": [self.position(row, index) for index, row in enumerate(self.rows("positions"))],
            "volunteer": [self.volunteering(row, index) for index, row in enumerate(self.rows("volunteering"))],
            "education": [self.education(row) for row in self.rows("education")],
            "awards": [self.honor(row) for row in self.rows("honors")],
            "certificates": [self.certification(row) for row in self.rows("certifications")],
            "publications": [self.publication(row) for row in self.rows("publications")],
            "skills": [{"name": row["Name"]} for row in self.rows("skills") if row.get("Name")],
            "languages": [self.language(row) for row in self.rows("languages")],
            "projects": [self.project(row) for row in self.rows("projects")],
        }
        data.update({key: [compact(entry) for entry in entries] for key, entries in sections.items() if entries})
        taken = set(data)
        custom: list[dict[str, Any]] = []
        if self.rows("courses"):
            key = section_key("courses", taken)
            data[key] = [
                compact({"name": row.get("Name"), "number": row.get("Number")}) for row in self.rows("courses")
            ]
            custom.append({"key": key, "title": "Courses"})
        if self.rows("organizations"):
            key = section_key("organizations", taken)
            data[key] = [self.organization(row) for row in self.rows("organizations")]
            custom.append({"key": key, "title": "Organizations"})
        if custom:
            data["meta"] = {"sections": custom}
        return data

    def basics(self) -> dict[str, Any]:
        profile = (self.rows("profile") or [{}])[0]
        summary_rows = self.rows("summary")
        summary_text = profile.get("Summary") or (summary_rows[0].get("Profile Summary", "") if summary_rows else "")
        summary, items = restore_line_breaks(summary_text) if summary_text else ("", [])
        basics: dict[str, Any] = {
            "name": " ".join(part for part in (profile.get("First Name"), profile.get("Last Name")) if part),
            "label": profile.get("Headline"),
            "email": self.primary_email(),
            "phone": self.phone(),
            "summary": "\n".join([summary, *(f"• {item}" for item in items)]).strip(),
        }
        location = self.location(profile)
        if location:
            basics["location"] = location
        sites = _websites(profile.get("Websites", ""))
        if sites:
            basics["url"] = sites[0][1]
        profiles = [{"network": kind, "url": url} for kind, url in sites[1:]]
        for handle in re.findall(r"[\w.]+", profile.get("Twitter Handles", "")):
            profiles.append({"network": "Twitter", "username": handle, "url": f"https://twitter.com/{handle}"})
        if profiles:
            basics["profiles"] = profiles
        keep_aside(
            basics,
            "linkedin",
            {
                "maidenName": profile.get("Maiden Name"),
                "birthDate": profile.get("Birth Date"),
                "industry": profile.get("Industry"),
                "instantMessengers": profile.get("Instant Messengers"),
                "contactInstructions": profile.get("Contact Instructions"),
                "otherEmails": [
                    row["Email Address"]
                    for row in self.rows("emails")
                    if row.get("Email Address") and row["Email Address"] != basics["email"]
                ],
            },
        )
        return compact(basics)

    def primary_email(self) -> str:
        rows = self.rows("emails")
        primary = [row for row in rows if row.get("Primary", "").casefold() == "yes"] or rows
        return primary[0].get("Email Address", "") if primary else ""

    def phone(self) -> str:
        rows = [row for row in self.rows("phones") if row.get("Number")]
        mobile = [row for row in rows if row.get("Type", "").casefold() == "mobile"] or rows
        return mobile[0]["Number"] if mobile else ""

    def location(self, profile: dict[str, str]) -> dict[str, Any]:
        geo = [part.strip() for part in profile.get("Geo Location", "").split(",") if part.strip()]
        location: dict[str, Any] = {"address": profile.get("Address"), "postalCode": profile.get("Zip Code")}
        if geo:
            location["city"] = geo[0]
            if len(geo) > 2:
                location["region"] = ", ".join(geo[1:-1])
            country = profile.get("Country") or (geo[-1] if len(geo) > 1 else "")
            if country:
                location["countryCode"] = country_code(country)
        return compact(location)

    def described(self, row: dict[str, str], path: str) -> dict[str, Any]:
        """``summary`` and ``highlights`` from a description whose line breaks LinkedIn flattened."""
        text = row.get("Description", "")
        if not text:
            return {}
        summary, items = restore_line_breaks(text)
        if items or "\n" in summary:
            self.repairs.append(
                Repair(path, text, {"summary": summary, "highlights": items}, "line breaks and bullets restored")
            )
        return {"summary": summary, "highlights": items}

    def position(self, row: dict[str, str], index: int) -> dict[str, Any]:
        return {
            "name": row.get("Company Name"),
            "position": row.get("Title"),
            "location": row.get("Location"),
            "startDate": _column(row, "Started On", "Start Date"),
            "endDate": _column(row, "Finished On", "End Date"),
            **self.described(row, f"work.{index}"),
        }

    def volunteering(self, row: dict[str, str], index: int) -> dict[str, Any]:
        entry = {
            "organization": _column(row, "Company Name", "Organization Name", "Organization"),
            "position": row.get("Role"),
            "startDate": _column(row, "Started On", "Start Date"),
            "endDate": _column(row, "Finished On", "End Date"),
            **self.described(row, f"volunteer.{index}"),
        }
        keep_aside(entry, "linkedin", {"cause": row.get("Cause")})
        return entry

    def education(self, row: dict[str, str]) -> dict[str, Any]:
        entry = {
            "institution": row.get("School Name"),
            "studyType": row.get("Degree Name"),
            "startDate": _column(row, "Start Date", "Started On"),
            "endDate": _column(row, "End Date", "Finished On"),
        }
        keep_aside(entry, "linkedin", {"notes": row.get("Notes"), "activities": row.get("Activities")})
        return entry

    def honor(self, row: dict[str, str]) -> dict[str, Any]:
        return {
            "title": row.get("Title"),
            "awarder": row.get("Issuer"),
            "date": _column(row, "Issued On", "Issue Date"),
            "summary": row.get("Description"),
        }

    def certification(self, row: dict[str, str]) -> dict[str, Any]:
        entry = {
            "name": row.get("Name"),
            "issuer": row.get("Authority"),
            "url": row.get("Url"),
            "date": _column(row, "Started On", "Start Date"),
        }
        expires = _column(row, "Finished On", "End Date")
        keep_aside(entry, "linkedin", {"expires": expires, "licenseNumber": row.get("License Number")})
        return entry

    def publication(self, row: dict[str, str]) -> dict[str, Any]:
        return {
            "name": row.get("Name"),
            "publisher": row.get("Publisher"),
            "releaseDate": row.get("Published On"),
            "url": row.get("Url"),
            "summary": row.get("Description"),
        }

    def language(self, row: dict[str, str]) -> dict[str, Any]:
        fluency = row.get("Proficiency", "")
        if fluency.isupper() or "_" in fluency:  # older exports: NATIVE_OR_BILINGUAL
            fluency = fluency.replace("_", " ").capitalize()
        return {"language": row.get("Name"), "fluency": fluency}

    def project(self, row: dict[str, str]) -> dict[str, Any]:
        summary, items = restore_line_breaks(row.get("Description", ""))
        return {
            "name": row.get("Title"),
            "description": summary,
            "highlights": items,
            "url": row.get("Url"),
            "startDate": _column(row, "Started On", "Start Date"),
            "endDate": _column(row, "Finished On", "End Date"),
        }

    def organization(self, row: dict[str, str]) -> dict[str, Any]:
        return compact(
            {
                "name": row.get("Name"),
                "position": row.get("Position"),
                "startDate": _column(row, "Started On", "Start Date"),
                "endDate": _column(row, "Finished On", "End Date"),
                "summary": row.get("Description"),
            }
        )
