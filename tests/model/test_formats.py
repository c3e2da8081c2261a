"""Other tools' formats: LinkedIn's export ZIP, Reactive Resume 3/4/5, RenderCV — each read into JSON Resume.

The fixtures are written for these tests from each format's documented structure (LinkedIn's CSV headers as
exports since 2015 have them; Reactive Resume's and RenderCV's schemas); the LinkedIn ZIPs are built here.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from app.errors import ResumeLoadError
from app.model.formats.linkedin import MAX_CSV_BYTES, restore_line_breaks
from app.model.importer import ImportResult, import_resume, import_resume_file
from tests.conftest import DATA

FORMATS = DATA / "formats"

LINKEDIN_2025 = {
    "Profile.csv": (
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,"
        "Twitter Handles,Websites,Instant Messengers\n"
        'Carmen,Vidal,,,"Feb 17, 1988",Data Scientist at Sol Analytics,,Technology,28001,'
        '"Madrid, Community of Madrid, Spain",[carmenv],"[BLOG:https://carmen.example.es,OTHER:https://github.com/cvidal]",'
        "[SKYPE:carmen.v]\n"
    ),
    "Profile Summary.csv": 'Profile Summary\n"Data scientist.  I turn questions into models: - forecasting - churn"\n',
    "Positions.csv": (
        "Company Name,Title,Description,Location,Started On,Finished On\n"
        'Sol Analytics,Data Scientist,"Leads forecasting.  Results: - Cut stock-outs by 18% - Built the churn model",'
        "Madrid,Apr 2022,\n"
        "Banco Norte,Analyst,Reporting for retail,Bilbao,Sep 2017,Mar 2022\n"
    ),
    "Education.csv": (
        "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
        "Universidad Carlos III,2013,2017,,BSc Statistics,Chess club\n"
    ),
    "Skills.csv": "Name\nPython\nForecasting\n",
    "Languages.csv": (
        "Name,Proficiency\nSpanish,Native or bilingual proficiency\nEnglish,Full professional proficiency\n"
    ),
    "Certifications.csv": (
        "Name,Url,Authority,Started On,Finished On,License Number\n"
        "Professional Data Engineer,https://cert.example.com/pde,Cloud Vendor,Jun 2023,Jun 2025,PDE-123\n"
    ),
    "Projects.csv": (
        "Title,Description,Url,Started On,Finished On\nMadrid Bikes,Demand model for bike sharing,,Jan 2021,Mar 2021\n"
    ),
    "Email Addresses.csv": (
        "Email Address,Confirmed,Primary,Updated On\n"
        "old@example.es,Yes,No,Not Available\n"
        "carmen@example.es,Yes,Yes,Not Available"
    ),
    "PhoneNumbers.csv": "Extension,Number,Type\n,,\n, +34 600 123 456,Mobile\n",
    "Publications.csv": (
        'Name,Published On,Description,Publisher,Url\nForecasting Bikes,"Apr 3, 2023",A short paper,Data Journal,\n'
    ),
    "Honors.csv": "Title,Description,Issued On\nBest Thesis,Faculty prize,Jul 2017\n",
    "Courses.csv": "Name,Number\nTime Series,STAT-510\n",
    "Volunteering.csv": (
        "Company Name,Role,Cause,Started On,Finished On,Description\n"
        "Code Club,Mentor,Education,Jan 2019,,Teaching kids\n"
    ),
    "Connections.csv": (
        'Notes:\n"When exporting your connection data, you may notice..."\n\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Ruiz,,,X,Y,17 Apr 2025\n"
    ),
    "messages.csv": "CONVERSATION ID,FROM,TO,CONTENT\n1,Carmen,Ana,private words\n",
}

LINKEDIN_2018 = {
    "Profile.csv": (
        "First Name,Last Name,Maiden Name,Address,Birth Date,Contact Instructions,Headline,Summary,Industry,Country,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
        'Arjun,Mehta,,,,,Backend Developer,Builds APIs,Software,India,,Delhi,,"PORTFOLIO:https://arjun.example.in",\n'
    ),
    "Positions.csv": (
        "Company Name,Title,Description,Location,Started On,Finished On\n"
        "Tache Technologies ,Developer,,Delhi,Jul 2016,\n"
    ),
    "Phone Numbers.csv": "Extension,Number,Type\n,+91 98100 12345,Mobile\n",
    "Projects.csv": "Title,Description,Url,Start Date,End Date\nRail API,Timetable API,,Feb 2017,Jun 2017\n",
    "Honors.csv": "Title,Description,Issuer,Issue Date\nHackathon Winner,,Delhi Tech,Mar 2016\n",
    "Languages.csv": "Name,Proficiency\nHindi,NATIVE_OR_BILINGUAL\n",
}


def zip_of(files: dict[str, str], folder: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(f"{folder}{name}", text)
    return buffer.getvalue()


def test_a_current_linkedin_export() -> None:
    imported = import_resume(zip_of(LINKEDIN_2025), "Basic_LinkedInDataExport.zip")
    data = imported.data
    assert imported.source_format == "LinkedIn data export" and imported.syntax == "zip"
    basics = data["basics"]
    assert basics["name"] == "Carmen Vidal" and basics["label"] == "Data Scientist at Sol Analytics"
    assert basics["email"] == "carmen@example.es" and basics["phone"] == "+34 600 123 456"
    assert basics["url"] == "https://carmen.example.es"
    assert basics["location"] == {
        "postalCode": "28001",
        "city": "Madrid",
        "region": "Community of Madrid",
        "countryCode": "ES",
    }
    assert {"network": "Twitter", "username": "carmenv", "url": "https://twitter.com/carmenv"} in basics["profiles"]
    assert basics["summary"] == "Data scientist.\nI turn questions into models:\n• forecasting\n• churn"
    assert basics["x-linkedin"]["birthDate"] == "Feb 17, 1988" and basics["x-linkedin"]["otherEmails"] == [
        "old@example.es"
    ]
    assert data["work"][0] == {
        "name": "Sol Analytics",
        "position": "Data Scientist",
        "location": "Madrid",
        "startDate": "2022-04",
        "summary": "Leads forecasting.\nResults:",
        "highlights": ["Cut stock-outs by 18%", "Built the churn model"],
    }
    assert data["work"][1]["endDate"] == "2022-03"
    assert data["education"][0]["studyType"] == "BSc Statistics"
    assert data["education"][0]["x-linkedin"] == {"activities": "Chess club"}
    assert data["skills"] == [{"name": "Python"}, {"name": "Forecasting"}]
    assert data["certificates"][0]["x-linkedin"] == {"expires": "Jun 2025", "licenseNumber": "PDE-123"}
    assert data["publications"][0]["releaseDate"] == "2023-04-03"
    assert data["awards"][0] == {"title": "Best Thesis", "date": "2017-07", "summary": "Faculty prize"}
    assert data["volunteer"][0]["organization"] == "Code Club" and "endDate" not in data["volunteer"][0]
    assert data["courses"] == [{"name": "Time Series", "number": "STAT-510"}]
    assert data["meta"]["sections"] == [{"key": "courses", "title": "Courses"}]
    assert "private words" not in str(data) and "Ruiz" not in str(data)  # messages and connections are not read


def test_an_older_linkedin_export_inside_a_folder() -> None:
    imported = import_resume(zip_of(LINKEDIN_2018, "Arjun_Mehta_LinkedInDataExport/"))
    data = imported.data
    assert data["basics"]["phone"] == "+91 98100 12345" and data["basics"]["location"]["countryCode"] == "IN"
    assert data["work"] == [
        {"name": "Tache Technologies", "position": "Developer", "location": "Delhi", "startDate": "2016-07"}
    ]
    assert data["projects"][0]["startDate"] == "2017-02" and data["projects"][0]["endDate"] == "2017-06"
    assert data["awards"][0] == {"title": "Hackathon Winner", "awarder": "Delhi Tech", "date": "2016-03"}
    assert data["languages"] == [{"language": "Hindi", "fluency": "Native or bilingual"}]


def test_a_zip_that_is_not_a_linkedin_export_is_refused_clearly() -> None:
    with pytest.raises(ResumeLoadError, match="not a LinkedIn data export"):
        import_resume(zip_of({"photos/me.jpg": "x"}), "photos.zip")


def test_a_linkedin_file_that_unpacks_too_large_is_refused() -> None:
    bomb = {"Profile.csv": "First Name\n" + "A" * (MAX_CSV_BYTES + 10)}
    with pytest.raises(ResumeLoadError, match="too large"):
        import_resume(zip_of(bomb), "bomb.zip")


@pytest.mark.parametrize(
    ("flat", "summary", "items"),
    [
        ("Leads forecasting.  Results: - A - B", "Leads forecasting.\nResults:", ["A", "B"]),
        ("One paragraph.  Another paragraph.", "One paragraph.\nAnother paragraph.", []),
        ("Built a self-service tool - fast", "Built a self-service tool - fast", []),
        ("Tasks:  • Hiring  • Budgets", "Tasks:", ["Hiring", "Budgets"]),
    ],
)
def test_flattened_linkedin_descriptions_get_their_lines_back(flat: str, summary: str, items: list[str]) -> None:
    assert restore_line_breaks(flat) == (summary, items)


def imported(name: str) -> ImportResult:
    return import_resume_file(FORMATS / name)


def test_reactive_resume_4() -> None:
    result = imported("reactive-resume-v4.json")
    data = result.data
    assert result.source_format == "Reactive Resume 4"
    assert data["basics"]["url"] == "https://noor.example.dev"
    assert data["basics"]["summary"] == "Platform engineer who turns fragile pipelines into boring ones."
    assert data["work"][0]["highlights"] == ["Cut deploy time from 40 to 6 minutes", "Introduced progressive delivery"]
    assert data["work"][0]["startDate"] == "2020-01" and "endDate" not in data["work"][0]
    assert data["work"][1]["startDate"] == "2016-03" and data["work"][1]["endDate"] == "2019-12"
    assert data["work"][2]["hidden"] is True
    assert data["skills"][0]["level"] == "Expert" and data["skills"][0]["x-rxresume"]["level"] == 5
    assert data["certificates"][0]["url"] == "https://cncf.example.io/cka"
    assert data["talks"][0]["name"] == "Boring Deploys" and data["talks"][0]["location"] == "Amsterdam"
    sections = {setting["key"]: setting for setting in data["meta"]["sections"]}
    assert sections["talks"]["title"] == "Talks"
    assert sections["skills"]["column"] == "side" and sections["awards"]["hidden"] is True
    assert [setting["key"] for setting in data["meta"]["sections"]][:4] == ["work", "education", "projects", "talks"]
    assert data["meta"]["layout"] == {"pageSize": "letter", "marginMm": 4.8}
    assert data["meta"]["design"] == {"accent": "#0e7490"}
    assert data["meta"]["x-rxresume"]["metadata"]["template"] == "pikachu"


def test_reactive_resume_3() -> None:
    result = imported("reactive-resume-v3.json")
    data = result.data
    assert result.source_format == "Reactive Resume 3"
    assert data["work"][0]["startDate"] == "2018-04-01"  # a UTC timestamp of a local midnight, rounded
    assert data["work"][0]["summary"] == "Runs the house sound team."
    assert data["education"][0]["courses"] == ["Acoustics", "Mixing"]
    assert data["basics"]["location"]["countryCode"] == "IT"
    assert data["tours"][0] == {
        "name": "European Tour",
        "position": "FOH engineer",
        "startDate": "2019-04-01",
        "endDate": "2019-06-30",
        "summary": "24 shows in 9 countries",
        "x-rxresume": {"id": "t1", "levelNum": 0},
    }
    assert {"key": "references", "hidden": True, "column": "side"} in data["meta"]["sections"]
    assert data["meta"]["locale"] == "it"


def test_reactive_resume_5() -> None:
    result = imported("reactive-resume-v5.json")
    data = result.data
    assert result.source_format == "Reactive Resume 5"
    assert "image" not in data["basics"]  # the picture is hidden in the resume
    assert data["work"][0]["highlights"] == ["Raised conversion by 9%"]
    assert data["languages"][1] == {
        "language": "Klingon",
        "fluency": "A1",
        "hidden": True,
        "x-rxresume": {"id": "l2", "level": 1},
    }
    assert data["board_roles"][0]["position"] == "Board member"
    sections = data["meta"]["sections"]
    assert {"key": "work", "title": "Career"} in sections
    assert {"key": "certificates", "breakBefore": True} in sections  # first section of page 2
    assert {"key": "interests", "hidden": True} in sections
    assert data["meta"]["design"] == {"accent": "#166534"} and data["meta"]["locale"] == "nb-NO"


def test_rendercv() -> None:
    result = imported("rendercv.yaml")
    data = result.data
    assert result.source_format == "RenderCV"
    profiles = {profile["network"]: profile["url"] for profile in data["basics"]["profiles"]}
    assert profiles == {
        "GitHub": "https://github.com/aikot",
        "ORCID": "https://orcid.org/0000-0002-1825-0097",
        "Mastodon": "https://sci.example/@aiko",
    }
    assert data["basics"]["summary"] == "Computational biologist working on protein folding and open data."
    assert data["work"][0]["highlights"][1] == "Published the KIB dataset (https://data.example.jp/kib)"
    assert "endDate" not in data["work"][0]
    assert data["publications"][0]["url"] == "https://doi.org/10.1234/jcb.2022.001"
    assert data["publications"][0]["x-rendercv"]["authors"] == ["**Aiko Tanaka**", "Ken Sato"]
    assert data["skills"][1] == {"name": "Methods", "keywords": ["Molecular dynamics", "Bayesian inference"]}
    assert data["open_source_software"][0] == {
        "name": "foldkit",
        "url": "https://github.com/aikot/foldkit",
        "summary": "A toolkit for folding simulations",
        "startDate": "2020",
    }
    assert data["invited_talks"] == ["ISMB 2023, Lyon", "RECOMB 2021, online"]
    keys = [setting["key"] for setting in data["meta"]["sections"]]
    assert keys == ["work", "education", "publications", "skills", "open_source_software", "invited_talks"]
    assert {"key": "invited_talks", "title": "Invited talks"} in data["meta"]["sections"]
    assert data["meta"]["x-rendercv"]["design"]["theme"] == "classic"


@pytest.mark.parametrize(
    "name", ["reactive-resume-v3.json", "reactive-resume-v4.json", "reactive-resume-v5.json", "rendercv.yaml"]
)
def test_every_converted_format_imports_stably(name: str) -> None:
    first = imported(name)
    first.resume()
    import json

    again = import_resume(json.dumps(first.data).encode())
    assert again.data == first.data and again.source_format == "JSON Resume"
