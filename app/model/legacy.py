"""Field names from JSON Resume 0.x and common variants, and the 1.2.1 field each one means.

The schema allows extra keys, so a file written for 0.x (``work[].company``, ``basics.website``) "validates"
and then prints nothing where the employer should be. Import moves each value to its 1.2.1 name.
"""

from __future__ import annotations

from app.model.resume import (
    Award,
    Basics,
    Certificate,
    Education,
    Language,
    Location,
    Project,
    Publication,
    Section,
    Volunteer,
    Work,
)

#: Old name → 1.2.1 name, per kind of object.
OLD_NAMES: dict[type[Section], dict[str, str]] = {
    Basics: {"website": "url", "picture": "image", "photo": "image", "headline": "label", "mail": "email"},
    Location: {"zip": "postalCode", "postcode": "postalCode", "state": "region"},
    Work: {"company": "name", "employer": "name", "organization": "name", "website": "url", "title": "position"},
    Volunteer: {"company": "organization", "website": "url"},
    Education: {"gpa": "score", "website": "url", "degree": "studyType"},
    Award: {"name": "title", "issuer": "awarder"},
    Certificate: {"title": "name", "website": "url", "authority": "issuer"},
    Publication: {"website": "url"},
    Project: {"website": "url"},
    Language: {"name": "language", "level": "fluency"},
}
