"""JSON Resume 1.2.1 as pydantic models.

Every model keeps unknown fields (``extra="allow"``): JSON Resume allows them and a user must never lose data
by opening and saving a file here. Field names follow Python style; aliases give the schema's camelCase names,
which is what is read and written.
"""

from __future__ import annotations

from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    ValidatorFunctionWrapHandler,
    model_serializer,
    model_validator,
)
from pydantic_core import PydanticCustomError

from app.model.fields import Email, PartialDate, Text, TextList, Uri


class Section(BaseModel):
    """Base of every JSON Resume object: unknown fields kept, aliases read and written."""

    # Only the schema's own (camelCase) names are read: a ``start_date`` key in a file is an unknown field, kept
    # as it is, not a second spelling of ``startDate``.
    model_config = ConfigDict(extra="allow", populate_by_name=False, validate_assignment=True)

    #: Unknown keys spelled like one of our Python names ("start_date" beside "startDate"), stored under a free
    #: name while loaded (pydantic would take them for the field), mapped back to the user's key on writing.
    _renamed_keys: dict[str, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _load_object(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if not isinstance(data, dict | BaseModel):
            kind = "a list" if isinstance(data, list) else "null" if data is None else "a single value"
            raise PydanticCustomError("not_object", "must be an object, not {kind}", {"kind": kind})
        renamed: dict[str, str] = {}
        if isinstance(data, dict):
            clashing = {key for key, info in cls.model_fields.items() if info.alias and info.alias != key}
            if clashing & data.keys():
                data, renamed = _rename_clashing(data, clashing)
        model = handler(data)
        if renamed:
            model._renamed_keys = renamed
        return model

    @model_serializer(mode="wrap")
    def _write_object(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> Any:
        dumped = handler(self)
        if self._renamed_keys and info.by_alias and isinstance(dumped, dict):
            return {self._renamed_keys.get(key, key): value for key, value in dumped.items()}
        return dumped


def _rename_clashing(data: dict[str, Any], clashing: set[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The object with each clashing key under a name no other key uses, and which names were given."""
    renamed: dict[str, str] = {}
    result: dict[str, Any] = {}
    for key, value in data.items():
        if key not in clashing:
            result[key] = value
            continue
        free = f"{key} (unknown field)"
        while free in data or free in result:
            free += "_"
        renamed[free] = key
        result[free] = value
    return result, renamed


class Location(Section):
    """Where the person lives; ``address`` may hold several lines separated by newlines."""

    address: Text = None
    postal_code: Text = Field(default=None, alias="postalCode")
    city: Text = None
    country_code: Text = Field(default=None, alias="countryCode")
    region: Text = None


class Profile(Section):
    """One social network profile."""

    network: Text = None
    username: Text = None
    url: Uri = None


class Basics(Section):
    """Name, headline and contact details."""

    name: Text = None
    label: Text = None
    image: Text = None
    email: Email = None
    phone: Text = None
    url: Uri = None
    summary: Text = None
    location: Location | None = None
    profiles: list[Profile] = Field(default_factory=list)


class Work(Section):
    """One position held at one organisation."""

    name: Text = None
    location: Text = None
    description: Text = None
    position: Text = None
    url: Uri = None
    start_date: PartialDate = Field(default=None, alias="startDate")
    end_date: PartialDate = Field(default=None, alias="endDate")
    summary: Text = None
    highlights: TextList = Field(default_factory=list)


class Volunteer(Section):
    """Unpaid work."""

    organization: Text = None
    position: Text = None
    url: Uri = None
    start_date: PartialDate = Field(default=None, alias="startDate")
    end_date: PartialDate = Field(default=None, alias="endDate")
    summary: Text = None
    highlights: TextList = Field(default_factory=list)


class Education(Section):
    """A degree, diploma or course of study."""

    institution: Text = None
    url: Uri = None
    area: Text = None
    study_type: Text = Field(default=None, alias="studyType")
    start_date: PartialDate = Field(default=None, alias="startDate")
    end_date: PartialDate = Field(default=None, alias="endDate")
    score: Text = None
    courses: TextList = Field(default_factory=list)


class Award(Section):
    """A prize or distinction."""

    title: Text = None
    date: PartialDate = None
    awarder: Text = None
    summary: Text = None


class Certificate(Section):
    """A professional certificate."""

    name: Text = None
    date: PartialDate = None
    url: Uri = None
    issuer: Text = None


class Publication(Section):
    """A paper, article or book."""

    name: Text = None
    publisher: Text = None
    release_date: PartialDate = Field(default=None, alias="releaseDate")
    url: Uri = None
    summary: Text = None


class Skill(Section):
    """A skill area with its keywords."""

    name: Text = None
    level: Text = None
    keywords: TextList = Field(default_factory=list)


class Language(Section):
    """A spoken language and how well."""

    language: Text = None
    fluency: Text = None


class Interest(Section):
    """A personal interest."""

    name: Text = None
    keywords: TextList = Field(default_factory=list)


class Reference(Section):
    """A reference and what they said."""

    name: Text = None
    reference: Text = None


class Project(Section):
    """A project, with its roles and highlights."""

    name: Text = None
    description: Text = None
    highlights: TextList = Field(default_factory=list)
    keywords: TextList = Field(default_factory=list)
    start_date: PartialDate = Field(default=None, alias="startDate")
    end_date: PartialDate = Field(default=None, alias="endDate")
    url: Uri = None
    roles: TextList = Field(default_factory=list)
    entity: Text = None
    type: Text = None


class Meta(Section):
    """Document metadata; ResumePair also keeps its design choices here (``meta.template``, ``meta.design``)."""

    canonical: Uri = None
    version: Text = None
    last_modified: Text = Field(default=None, alias="lastModified")
    template: Text = None


class Resume(Section):
    """A whole resume. The section order here is the order templates show them in by default."""

    schema_url: Uri = Field(default=None, alias="$schema")
    basics: Basics = Field(default_factory=Basics)
    work: list[Work] = Field(default_factory=list)
    volunteer: list[Volunteer] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    certificates: list[Certificate] = Field(default_factory=list)
    publications: list[Publication] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    languages: list[Language] = Field(default_factory=list)
    interests: list[Interest] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    meta: Meta = Field(default_factory=Meta)

    @property
    def display_name(self) -> str:
        """The person's name, or a stand-in for resumes that have none yet."""
        return (self.basics.name or "").strip() or "Untitled resume"
