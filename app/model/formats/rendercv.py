"""RenderCV input files (YAML with a top-level ``cv:``) → JSON Resume.

RenderCV's sections are free-named (``sections: {Experience: [...], "Open source": [...]}``) and its entries
are typed by their keys (``company`` + ``position`` is an experience entry, ``label`` + ``details`` a one-line
entry, a plain string a text entry). A section whose title names a JSON Resume section in any of our languages
and whose entries fit it becomes that section; any other section becomes a custom section under a key made from
its title, with the title kept in ``meta.sections``. Markdown in text becomes plain text (a whole-value link
``[name](url)`` gives a name and a URL). ``design``, ``locale`` and ``settings`` are kept under ``x-rendercv``;
the locale's language becomes ``meta.locale``.
"""

from __future__ import annotations

from typing import Any

from app.model.formats.common import compact, keep_aside, markdown_link, plain_markdown, section_key, split_period
from app.model.repairs import Repair

SOURCE = "rendercv"
#: Profile URL of each network RenderCV knows, before the user name.
_NETWORK_URLS = {
    "linkedin": "https://linkedin.com/in/", "github": "https://github.com/", "gitlab": "https://gitlab.com/",
    "imdb": "https://imdb.com/name/", "instagram": "https://instagram.com/", "orcid": "https://orcid.org/",
    "stackoverflow": "https://stackoverflow.com/users/", "researchgate": "https://researchgate.net/profile/",
    "youtube": "https://youtube.com/@", "google scholar": "https://scholar.google.com/citations?user=",
    "telegram": "https://t.me/", "whatsapp": "https://wa.me/", "leetcode": "https://leetcode.com/u/",
    "x": "https://x.com/", "twitter": "https://twitter.com/", "bluesky": "https://bsky.app/profile/",
    "reddit": "https://reddit.com/user/",
}  # fmt: skip
#: Words in a section title that say which JSON Resume section it is, in the languages people write CVs in.
_TITLE_WORDS = {
    "work": ("experience", "employment", "work", "career", "professional", "erfahrung", "berufs", "expérience",
             "experiencia", "experiência", "esperienz", "werkervaring", "doświadczenie", "опыт", "经历", "经验",
             "職歴", "경력"),
    "education": ("education", "studies", "academic", "ausbildung", "bildung", "studium", "formation", "études",
                  "formación", "educación", "formação", "istruzione", "opleiding", "wykształcenie", "образование",
                  "教育", "学歴", "학력"),
    "publications": ("publication", "papers", "veröffentlichung", "publicaciones", "publicações", "публикации", "論文"),
    "projects": ("project", "projekt", "projet", "proyecto", "projeto", "progett", "проект", "项目", "プロジェクト"),
    "awards": ("award", "honor", "honour", "prize", "auszeichnung", "prix", "distinction", "premio", "prêmio",
               "награды", "获奖", "受賞"),
    "certificates": ("certific", "zertifi", "certifica", "сертифи", "证书", "資格"),
    "volunteer": ("volunteer", "ehrenamt", "bénévol", "voluntari", "волонт", "志愿"),
    "skills": ("skill", "technolog", "tools", "kenntnisse", "fähigkeiten", "compétences", "habilidades",
               "competências", "competenze", "навыки", "技能", "スキル"),
    "languages": ("language", "sprachen", "langues", "idiomas", "línguas", "lingue", "языки", "语言", "言語", "언어"),
    "interests": ("interest", "hobb", "interessen", "loisirs", "intereses", "interesses", "интересы", "兴趣", "趣味"),
    "references": ("reference", "referenz", "références", "referencias", "referências", "рекомендации"),
    "summary": ("summary", "about", "profile", "profil", "résumé", "resumen", "resumo", "о себе", "简介", "概要"),
}  # fmt: skip
#: Entry types by the key that identifies each, in the order RenderCV tests them.
_ENTRY_TYPES = (
    ("one-line", {"label", "details"}),
    ("normal", {"name"}),
    ("experience", {"company", "position"}),
    ("education", {"institution", "area", "degree"}),
    ("publication", {"title", "authors", "doi", "journal"}),
    ("bullet", {"bullet"}),
    ("numbered", {"number"}),
    ("reversed-numbered", {"reversed_number"}),
)
#: Which entry types fit each JSON Resume section.
_FITS = {
    "work": {"experience", "normal"},
    "volunteer": {"experience", "normal"},
    "education": {"education"},
    "publications": {"publication", "normal"},
    "projects": {"normal"},
    "awards": {"normal", "one-line", "bullet", "text"},
    "certificates": {"normal", "one-line", "bullet", "text"},
    "skills": {"one-line", "bullet", "text"},
    "languages": {"one-line", "bullet", "text"},
    "interests": {"one-line", "bullet", "text"},
    "references": {"normal", "text"},
    "summary": {"text"},
}
#: RenderCV's language names (2.4 and later) → BCP 47 tags.
_LANGUAGES = {
    "english": "en", "german": "de", "french": "fr", "spanish": "es", "portuguese": "pt", "italian": "it",
    "dutch": "nl", "danish": "da", "russian": "ru", "turkish": "tr", "japanese": "ja", "korean": "ko",
    "mandarin_chinese": "zh-Hans", "hindi": "hi", "indonesian": "id", "norwegian_bokmål": "nb",
    "norwegian_nynorsk": "nb", "arabic": "ar", "hebrew": "he", "persian": "fa", "vietnamese": "vi", "hungarian": "hu",
}  # fmt: skip


def is_rendercv(data: dict[str, Any]) -> bool:
    """RenderCV's input: a ``cv`` mapping at the top."""
    return isinstance(data.get("cv"), dict)


def convert(data: dict[str, Any]) -> tuple[dict[str, Any], list[Repair]]:
    """The file as a JSON Resume document, and a note per section saying where it went."""
    cv = data["cv"]
    repairs = [Repair("", "RenderCV", "JSON Resume", "read from a RenderCV input file")]
    result: dict[str, Any] = {"basics": _basics(cv)}
    meta: dict[str, Any] = {}
    settings: list[dict[str, Any]] = []
    taken = {"basics", "meta", *_FITS}
    raw_sections = cv.get("sections")
    for title, entries in (raw_sections or {}).items() if isinstance(raw_sections, dict) else []:
        items = entries if isinstance(entries, list) else [entries]
        kind = _entry_type(items)
        target = _target(str(title), kind)
        if target == "summary":
            text = "\n\n".join(plain_markdown(str(item)) for item in items if isinstance(item, str))
            result["basics"]["summary"] = "\n\n".join(part for part in (result["basics"].get("summary"), text) if part)
            continue
        if target is not None and target not in result:
            key = target
            result[key] = [_entry(target, kind, item) for item in items]
        else:
            key = section_key(str(title), taken | set(result))
            result[key] = [_custom_entry(kind, item) for item in items]
        taken.add(key)
        # RenderCV makes "Experience" of a key "experience"; a schema section keeps the resume language's heading
        # unless the title was written out ("Work history").
        written = " " in str(title) or str(title) != str(title).casefold()
        settings.append(
            {"key": key, "title": _readable_title(str(title))} if written or key != target else {"key": key}
        )
        repairs.append(Repair(key, str(title), key, f"RenderCV section '{title}' read as '{key}'"))
    if settings:
        meta["sections"] = settings
    found = data.get("locale")
    locale: dict[str, Any] = found if isinstance(found, dict) else {}
    language = str(locale.get("language") or "")
    if language:
        meta["locale"] = _LANGUAGES.get(language.casefold(), language)
    page = ((data.get("design") or {}).get("page") or {}) if isinstance(data.get("design"), dict) else {}
    if isinstance(page, dict) and str(page.get("size", "")).casefold() in {"a4", "us-letter", "letter"}:
        meta["layout"] = {"pageSize": "a4" if str(page["size"]).casefold() == "a4" else "letter"}
    kept = {key: data.get(key) for key in ("design", "locale", "locale_catalog", "settings", "rendercv_settings")}
    kept.update({key: value for key, value in data.items() if key not in {"cv", *kept}})
    keep_aside(meta, SOURCE, kept)
    if meta:
        result["meta"] = meta
    return result, repairs


def _basics(cv: dict[str, Any]) -> dict[str, Any]:
    def first(value: Any) -> Any:
        return value[0] if isinstance(value, list) and value else value

    profiles = []
    for network in cv.get("social_networks") or []:
        if isinstance(network, dict):
            name = str(network.get("network") or "")
            username = str(network.get("username") or "")
            profiles.append(compact({"network": name, "username": username, "url": _profile_url(name, username)}))
    for connection in cv.get("custom_connections") or []:
        if isinstance(connection, dict) and connection.get("url"):
            profiles.append({"network": connection.get("placeholder") or "Link", "url": connection["url"]})
    basics = compact(
        {
            "name": cv.get("name"),
            "label": cv.get("headline") or cv.get("label"),
            "email": first(cv.get("email")),
            "phone": first(cv.get("phone")),
            "url": first(cv.get("website")),
            "image": cv.get("photo"),
            "location": {"city": cv["location"]} if isinstance(cv.get("location"), str) else None,
            "profiles": profiles,
        }
    )
    more = {name: cv[name][1:] for name in ("email", "phone", "website") if isinstance(cv.get(name), list)}
    known = {"name", "headline", "label", "email", "phone", "website", "photo", "location", "social_networks",
             "custom_connections", "sections"}  # fmt: skip
    more.update({name: value for name, value in cv.items() if name not in known})
    keep_aside(basics, SOURCE, more)
    return basics


def _profile_url(network: str, username: str) -> str | None:
    if not username:
        return None
    if network.casefold() == "mastodon" and username.count("@") == 2:
        user, domain = username.lstrip("@").split("@", 1)
        return f"https://{domain}/@{user}"
    prefix = _NETWORK_URLS.get(network.casefold())
    return f"{prefix}{username}" if prefix else None


def _entry_type(items: list[Any]) -> str:
    """The type of a section's entries, from its first identifiable entry (as RenderCV decides)."""
    for item in items:
        if isinstance(item, str):
            return "text"
        if isinstance(item, dict):
            for kind, keys in _ENTRY_TYPES:
                if keys & item.keys():
                    return kind
    return "text"


def _target(title: str, kind: str) -> str | None:
    """The JSON Resume section a titled section of this entry type is, if its title says so."""
    folded = title.casefold().replace("_", " ")
    for target, words in _TITLE_WORDS.items():
        if any(word in folded for word in words) and kind in _FITS[target]:
            return target
    return None


def _readable_title(title: str) -> str:
    """RenderCV writes ``education_and_training`` for "Education and Training"; titles with spaces stay."""
    if " " in title or title != title.casefold():
        return title
    small = {"and", "or", "of", "in", "the", "for", "to", "a", "an"}
    words = title.split("_")
    return " ".join(word if index and word in small else word.capitalize() for index, word in enumerate(words))


def _dates(item: dict[str, Any]) -> dict[str, Any]:
    """``start_date``/``end_date`` (``present`` is an open end), or one free ``date``, as written."""
    if item.get("date") is not None:
        start, end = split_period(str(item["date"]))
        return {"startDate": start, "endDate": end}
    start, end = item.get("start_date"), item.get("end_date")
    if start is None and end is not None:
        return {"startDate": str(end)}
    return {"startDate": None if start is None else str(start), "endDate": None if end is None else str(end)}


def _text_of(item: Any) -> str:
    """Any entry as one line of text (bullet, numbered and text entries; a one-line entry as "label: details")."""
    if isinstance(item, dict):
        for key in ("bullet", "number", "reversed_number"):
            if key in item:
                return plain_markdown(str(item[key]))
        if "label" in item:
            return f"{plain_markdown(str(item['label']))}: {plain_markdown(str(item.get('details', '')))}"
        return plain_markdown(" ".join(str(value) for value in item.values() if isinstance(value, str)))
    return plain_markdown(str(item))


def _entry(target: str, kind: str, item: Any) -> Any:
    """One entry of a section RenderCV typed, as the JSON Resume section it belongs to has it."""
    if not isinstance(item, dict) or kind in {"text", "bullet", "numbered", "reversed-numbered"}:
        text = _text_of(item)
        field = {"languages": "language", "references": "reference", "awards": "title"}.get(target, "name")
        return {field: text}
    if kind == "one-line":
        label, details = plain_markdown(str(item.get("label", ""))), plain_markdown(str(item.get("details", "")))
        if target == "languages":
            return compact({"language": label, "fluency": details})
        if target in {"awards"}:
            return compact({"title": label, "summary": details})
        keywords = [part.strip() for part in details.replace(";", ",").split(",") if part.strip()]
        return compact({"name": label, "keywords": keywords})
    name, url = markdown_link(str(item.get("name") or item.get("title") or ""))
    highlights = [plain_markdown(str(line)) for line in item.get("highlights") or []]
    summary = plain_markdown(str(item["summary"])) if item.get("summary") else None
    common = {"url": item.get("url") or url, "summary": summary, "highlights": highlights, **_dates(item)}
    if target in {"work", "volunteer"}:
        organisation = item.get("company") or name
        entry = {"name" if target == "work" else "organization": organisation, "position": item.get("position"),
                 "location": item.get("location") if target == "work" else None, **common}  # fmt: skip
    elif target == "education":
        entry = {"institution": item.get("institution"), "area": item.get("area"), "studyType": item.get("degree"),
                 "score": item.get("grade"), **_dates(item)}  # fmt: skip
        keep_aside(entry, SOURCE, {"highlights": highlights, "summary": summary, "location": item.get("location")})
    elif target == "publications":
        doi = item.get("doi")
        entry = {"name": name, "publisher": item.get("journal"), "releaseDate": item.get("date"),
                 "url": f"https://doi.org/{doi}" if doi else item.get("url") or url, "summary": summary}  # fmt: skip
        keep_aside(entry, SOURCE, {"authors": item.get("authors"), "doi": doi})
    elif target == "projects":
        entry = {"name": name, "description": summary, "highlights": highlights, "url": common["url"], **_dates(item)}
    elif target == "awards":
        entry = {"title": name, "date": item.get("date"), "summary": "\n".join([summary or "", *highlights]).strip()}
    elif target == "certificates":
        entry = {"name": name, "date": item.get("date"), "url": common["url"]}
    else:  # references
        entry = {"name": name, "reference": "\n".join([summary or "", *highlights]).strip()}
    used = {"name", "title", "company", "position", "location", "institution", "area", "degree", "grade", "journal",
            "doi", "authors", "url", "summary", "highlights", "date", "start_date", "end_date"}  # fmt: skip
    keep_aside(entry, SOURCE, {key: value for key, value in item.items() if key not in used})
    return compact(entry)


def _custom_entry(kind: str, item: Any) -> Any:
    """An entry of a section with no JSON Resume counterpart: a generic entry, or a line of text."""
    if not isinstance(item, dict) or kind in {"text", "bullet", "numbered", "reversed-numbered", "one-line"}:
        return _text_of(item)
    named = item.get("name") or item.get("title") or item.get("company") or item.get("institution") or ""
    name, url = markdown_link(str(named))
    entry = {
        "name": name,
        "position": item.get("position") or item.get("degree") or item.get("area"),
        "location": item.get("location"),
        "url": item.get("url") or url,
        "summary": plain_markdown(str(item["summary"])) if item.get("summary") else None,
        "highlights": [plain_markdown(str(line)) for line in item.get("highlights") or []],
        **_dates(item),
    }
    used = {"name", "title", "company", "institution", "position", "degree", "area", "location", "url", "summary",
            "highlights", "date", "start_date", "end_date"}  # fmt: skip
    keep_aside(entry, SOURCE, {key: value for key, value in item.items() if key not in used})
    return compact(entry)
