"""Thirty-nine messy resumes written for these tests (``tests/data/messy/``), one per kind of mess real files
hold: each is imported with the repairs it needs, and the whole corpus exports in one batch with every
person's content in their PDF.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from app.model.fields import is_email
from app.model.importer import import_resume, import_resume_file
from tests.conftest import DATA, run_cli
from tests.pdfcheck import link_uris, normalise

MESSY = DATA / "messy"

#: Per file: words that must be in its PDF, and {path: (value now, words of the repair)} (``None``: left out).
CORPUS: dict[str, tuple[tuple[str, ...], dict[str, tuple[Any, str]]]] = {
    "legacy-0x.json": (
        ("Oskar Altmann", "Brückenbau Systeme GmbH", "Kessel & Rohr AG", "Code Club Leipzig", "German", "1.7"),
        {
            "work.0.name": ("Brückenbau Systeme GmbH", "'company'"),
            "basics.url": ("https://oskar.example.org", "'website'"),
            "education.0.score": ("1.7", "'gpa'"),
            "languages.1.fluency": ("Fluent", "'level'"),
        },
    ),
    "dates-english.json": (
        ("Dana Whitfield", "Lumen Labs", "Harbor Health", "Quill Studio", "Tidepool"),
        {
            "work.0.startDate": ("2022-05", "read"),
            "work.0.endDate": (None, "ongoing"),
            "work.1.startDate": ("2019-10", "read"),
            "work.2.startDate": ("2011-09", "read"),
            "projects.0.startDate": ("2021-03-14", "read"),
            "education.0.endDate": (None, "ongoing"),
        },
    ),
    "dates-numeric.json": (
        ("Ravi Menon", "Pipeline Partners", "Counting House", "Cloud Data Engineer"),
        {
            "work.0.startDate": ("2016-07", "read"),
            "work.0.endDate": ("2025-07", "read"),
            "work.1.startDate": ("2014-10-11", "read"),
            "work.2.startDate": ("2013-03-14", "read"),
            "certificates.0.date": ("2022-06-01", "read"),
            "education.0.startDate": ("2010", "number"),
        },
    ),
    "dates-empty-null.json": (
        ("Priya Nair", "Testwell", "Bugfree Inc", "Old Co", "Zero Defects Award"),
        {
            "work.0.endDate": (None, "empty"),
            "work.1.endDate": (None, "null"),
            "basics.phone": (None, "null"),
            "work.2.startDate": (None, "empty"),
            "awards.0.date": (None, "null"),
        },
    ),
    "dates-french.json": (
        ("Élise Marchand", "Atelier Numérique", "Refonte complète du site public", "Université Lumière Lyon 2"),
        {
            "work.0.startDate": ("2019-03", "read"),
            "work.0.endDate": (None, "ongoing"),
            "work.1.endDate": ("2019-02", "read"),
            "work.2.endDate": ("2015-08", "read"),
        },
    ),
    "dates-german.json": (
        ("Jürgen Weißmüller", "Alpenwerk GmbH", "Isar Technik", "Freiwillige Feuerwehr"),
        {
            "work.0.startDate": ("2019-03", "read"),
            "work.1.startDate": ("2015-02-14", "read"),
            "education.0.startDate": ("2008-10", "read"),
            "volunteer.0.endDate": (None, "ongoing"),
        },
    ),
    "dates-spanish.json": (
        ("Lucía Fernández", "Soluciones Giralda", "Datos del Sur"),
        {
            "work.0.startDate": ("2020-01", "read"),
            "work.0.endDate": (None, "ongoing"),
            "work.1.startDate": ("2016-03-15", "read"),
        },
    ),
    "dates-portuguese.json": (
        ("João Carvalho", "Sistemas Gaúchos", "Nuvem Sul"),
        {
            "work.0.startDate": ("2019-01", "read"),
            "work.0.endDate": (None, "ongoing"),
            "work.1.startDate": ("2015-03", "read"),
        },
    ),
    "dates-russian.json": (
        ("Анна Соколова", "Volga Soft", "Kama Data", "Перевела платёжный сервис на Go"),
        {
            "work.0.startDate": ("2019-03", "read"),
            "work.0.endDate": (None, "ongoing"),
            "work.1.startDate": ("2015-09", "read"),
        },
    ),
    "dates-polish.json": (
        ("Zofia Wiśniewska", "Biuro Rachunkowe Wawel", "Finanse Plus"),
        {
            "work.0.startDate": ("2019-01", "read"),
            "work.0.endDate": (None, "ongoing"),
            "work.1.startDate": ("2014-11", "read"),
        },
    ),
    "chinese.json": (
        ("王晓明", "Westlake Cloud", "Qiantang Data", "主导设计系统建设", "Zhejiang University"),
        {
            "work.0.startDate": ("2019-03", "read"),
            "work.0.endDate": (None, "ongoing"),
            "education.0.endDate": ("2015-06", "read"),
        },
    ),
    "japanese.json": (
        ("佐藤 花子", "Naniwa Systems", "Kansai Net", "Osaka University"),
        {"work.0.startDate": ("2018-04", "read"), "work.0.endDate": (None, "ongoing")},
    ),
    "korean.json": (
        ("김민준", "Hangang Tech", "Namsan Soft", "결제 시스템 재설계"),
        {"work.0.startDate": ("2019-03", "read"), "work.0.endDate": (None, "ongoing")},
    ),
    "dates-unreadable.json": (
        ("Morgan Reyes", "Summer 2019", "Fall 2020", "Q3 2017", "03/04/2019", "around 2016"),
        {
            "work.0.startDate": ("Summer 2019", "kept and printed as written"),
            "work.2.startDate": ("2015-13", "no month 13"),
        },
    ),
    "urls-schemeless.json": (
        ("Sky Tanaka-Brown", "Open Forum", "Meetup Kit"),
        {
            "basics.url": ("https://www.skytb.example.net", "https://"),
            "basics.profiles.0.url": ("https://bsky.app/profile/skytb.example.net", "https://"),
            "basics.profiles.2.url": ("https://social.example/@sky", "https:"),
        },
    ),
    "urls-relative.json": (
        ("Camille Roux", "Babel Traductions", "Traduire le silence", "pdf/resume-fr.pdf"),
        {
            "basics.url": ("pdf/resume-fr.pdf", "not linked"),
            "work.0.url": ("resume.pdf", "not linked"),
            "basics.profiles.0.url": (None, "empty"),
        },
    ),
    "email-placeholder.json": (
        ("Template User", "Placeholder Corp", "###EMAIL###"),
        {"basics.email": ("###EMAIL###", "not an e-mail address")},
    ),
    "email-mailto.json": (
        ("Nora Lindqvist", "Fjord Insights", "nora.lindqvist@example.se"),
        {"basics.email": ("nora.lindqvist@example.se", "mailto: removed")},
    ),
    "interests-strings.json": (
        ("Tomás Ortega", "Casa Ortega", "Fermentation", "Trail running", "Catalan", "Menu design"),
        {"interests.0": ({"name": "Fermentation"}, "entry"), "languages.2": ({"language": "Catalan"}, "entry")},
    ),
    "skills-level-number.json": (
        ("Fatima Al-Sayed", "Python", "NumPy", "Bayesian methods"),
        {
            "skills.0.level": ("5", "number"),
            "skills.1.level": ("4.5", "number"),
            "skills.0.keywords": (["NumPy", "pandas", "PyTorch"], "split"),
            "languages.0.fluency": ("5", "number"),
        },
    ),
    "references-zero.json": (
        ("Greta Holm", "Sankt Eriks Hospital"),
        {
            "references": (None, "holds no entries"),
            "awards": (None, "null"),
            "volunteer": (None, "holds no entries"),
            "projects": (None, "holds no entries"),
        },
    ),
    "multilingual-text.json": (
        ("Lukas Brandt", "Softwarearchitekt", "Chefarchitekt", "Migration in die Cloud", "Kafka"),
        {"basics.label": ("Softwarearchitekt", "de used"), "work.0.position": ("Chefarchitekt", "de used")},
    ),
    "html-in-text.json": (
        (
            "Hannah O'Brien",
            "GrowthConf & other events",
            "Owned the brand relaunch",
            "Doubled organic traffic",
            "company podcast (https://podcast.example.ie)",
            "R&D Ireland",
            "Market sizing",
            "Rewrote <table> layouts",
        ),
        {
            "basics.summary": (
                "Marketing lead with a taste for data.\nSpeaker at GrowthConf & other events.\nBased in Dublin.",
                "HTML",
            ),
            "work.1.name": ("R&D Ireland", "character codes"),
        },
    ),
    "emoji.json": (("Maya Okafor", "Rocket Docs", "Wrote 120 tutorials", "Grew the forum to 10k members"), {}),
    "comments.json": (
        ("Pieter de Vries", "Deltawerk BV", "Maasvlakte pumping station"),
        {"": ("read as hand-written JSON", "comments")},
    ),
    "trailing-commas.json": (
        ("Ingrid Solberg", "Nordsjø Survey", "Mapped 300 km of coastline", "Norwegian"),
        {"": ("read as hand-written JSON", "trailing commas")},
    ),
    "custom-sections.json": (("Rosa Delgado", "City of Tucson"), {}),
    "mixed-types.json": (
        (
            "Kwame Mensah",
            "233201234567",
            "Tema Port Services",
            "Reduced container dwell time by 30%",
            "Trained 45 staff",
            "Operations Research",
            "Gate Pass App",
        ),
        {
            "basics.phone": ("233201234567", "number"),
            "work.0.highlights": (
                ["Reduced container dwell time by 30%", "Introduced digital gate passes", "Trained 45 staff"],
                "split",
            ),
            "basics.location.postalCode": ("23321", "number"),
            "education.0.courses": (["Operations Research", "Statistics"], "split"),
        },
    ),
    "bom-crlf.json": (("Wei Ling Tan", "Lion City Design"), {}),
    "yaml-resume.yaml": (
        ("Astrid Nilsen", "Havforsk Institute", "Led 14 research cruises", "University of Bergen", "0047 22 33 44 55"),
        {"work.0.endDate": (None, "ongoing"), "education.0.startDate": ("2012", "number")},
    ),
    "latin1.json": (
        ("Hélène Dubois", "Pâtisserie Éclair", "Crème brûlée à la carte"),
        {"": ("read as Windows-1252", "Windows-1252")},
    ),
    "both-old-and-new.json": (
        ("Ben Carter", "Carter Consulting", "Blue Anchor Ltd"),
        {"work.1.name": ("Blue Anchor Ltd", "'company'"), "work.0.company": ("Carter & Co (old name)", "extra field")},
    ),
    "profiles-map.json": (
        ("Elif Yılmaz", "Kotlin", "Android Studio", "Turkish", "Bosphorus Apps"),
        {
            "languages": (
                [
                    {"language": "Turkish", "fluency": "Native"},
                    {"language": "English", "fluency": "Professional"},
                    {"language": "German", "fluency": "Basic"},
                ],
                "map",
            )
        },
    ),
    "single-object-sections.json": (
        ("Aiyana Redcloud", "Yellowstone National Park", "Led 400 guided walks", "Montana State University"),
        {
            "education": (
                [{"institution": "Montana State University", "area": "Ecology", "studyType": "BSc", "endDate": "2016"}],
                "list of one",
            )
        },
    ),
    "duplicate-keys.json": (("Olivia Grant", "Inkwell Press"), {"": ("the last value kept", "appears twice")}),
    "location-string.json": (
        ("Sven Lindgren", "Göteborg, Sweden", "Portrait studio"),
        {"basics.location": ({"city": "Göteborg, Sweden"}, "city")},
    ),
    "html-entities.json": (
        ("Chloé & Co Freelance", "Copywriter – Editor", "Words & Pictures", 'Won "Best Campaign" 2019'),
        {"basics.name": ("Chloé & Co Freelance", "character codes")},
    ),
    "arabic-rtl.json": (
        # Arabic is shaped: its letters are glyph forms in the PDF (app/render/textcheck.py checks them there);
        # what text extraction must find are the Latin parts, in their place.
        ("Petra Pay", "layla.haddad@example.com", "+962 79 123 4567"),
        {"work.0.startDate": ("2019-03", "read"), "work.0.endDate": (None, "ongoing")},
    ),
    "long-31-jobs.json": (
        ("Jordan Whitaker-Long", "Aster Systems", "Elm Systems"),
        {"work.0.endDate": (None, "ongoing")},
    ),
}


def at(data: Any, path: str) -> Any:
    """The value at a dotted path, or ``None`` where there is none."""
    node = data
    for part in path.split(".") if path else []:
        if isinstance(node, list):
            node = node[int(part)] if int(part) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        if node is None:
            return None
    return node


def test_the_corpus_covers_every_file() -> None:
    assert sorted(CORPUS) == sorted(path.name for path in MESSY.iterdir())
    assert len(CORPUS) >= 30


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_messy_file_imports_with_its_repairs(name: str) -> None:
    imported = import_resume_file(MESSY / name)
    imported.resume()  # the model takes it as it is
    _words, expected = CORPUS[name]
    by_path: dict[str, list[Any]] = {}
    for repair in imported.repairs:
        by_path.setdefault(repair.path, []).append(repair)
    for path, (now, words) in expected.items():
        if path:
            assert at(imported.data, path) == now, (path, at(imported.data, path))
        notes = by_path.get(path, [])
        assert any(words in repair.message for repair in notes), (path, [str(note) for note in notes])
    again = import_resume(json.dumps(imported.data).encode("utf-8"))
    assert again.data == imported.data  # imported once, nothing left to change:
    assert [repair for repair in again.repairs if not repair.kept] == []  # only what is kept as written is noted


def test_custom_sections_and_unknown_fields_survive_import_and_save_unchanged() -> None:
    original = json.loads((MESSY / "custom-sections.json").read_text("utf-8"))
    saved = json.loads(json.dumps(import_resume_file(MESSY / "custom-sections.json").data))
    for key in ("community", "freelancing", "recognition", "side_projects", "settings"):
        assert saved[key] == original[key]
    assert saved == original


def test_the_whole_corpus_exports_in_one_batch_with_everyones_content(tmp_path: Path, data_dir: Path) -> None:
    inputs = [MESSY / name for name in CORPUS]
    output = tmp_path / "messy.zip"
    result = run_cli("batch", *map(str, inputs), "-o", str(output), data_dir=data_dir, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    repaired_files = {line.split(": ")[1] for line in result.stderr.splitlines() if ": repaired " in line}
    expected_files = {str(MESSY / name) for name, (_words, repairs) in CORPUS.items() if repairs}
    assert expected_files <= repaired_files
    with zipfile.ZipFile(output) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        pdfs = {item["input"]: archive.read(item["file"]) for item in manifest["items"]}
    assert [item["status"] for item in manifest["items"]] == ["completed"] * len(CORPUS)
    missing: dict[str, list[str]] = {}
    for name, (words, _repairs) in CORPUS.items():
        reader = PdfReader(io.BytesIO(pdfs[name]))
        text = normalise(" ".join(page.extract_text() or "" for page in reader.pages))
        lost = [word for word in words if normalise(word) not in text]
        if lost:
            missing[name] = lost
        for uri in link_uris(pdfs[name]):  # what was kept as written (###EMAIL###, pdf/cv.pdf) is never a link
            assert uri.startswith(("https://", "http://")) or is_email(uri.removeprefix("mailto:")), (name, uri)
    assert missing == {}
