"""Guessing a resume's language offline (import suggests it as meta.locale)."""

from __future__ import annotations

import pytest

from app.model import parse_resume
from app.render.detect import detect_locale, detect_text_locale, resume_texts
from app.render.locales import supported_tags
from tests.render.language_samples import SAMPLES, sample_resume


def test_every_supported_language_has_a_sample() -> None:
    assert set(SAMPLES) == set(supported_tags())


@pytest.mark.parametrize("tag", sorted(SAMPLES))
def test_a_resume_is_recognised(tag: str) -> None:
    assert detect_locale(sample_resume(tag)) == tag


@pytest.mark.parametrize("tag", sorted(SAMPLES))
def test_a_resume_model_works_too(tag: str) -> None:
    assert detect_locale(parse_resume(sample_resume(tag))) == tag


def test_a_name_in_another_script_does_not_decide() -> None:
    resume = sample_resume("en")
    resume["basics"]["name"] = "王小明"
    assert detect_locale(resume) == "en"
    resume["basics"]["name"] = "Анна Петрова"
    assert detect_locale(resume) == "en"


def test_urls_dates_and_meta_are_not_read() -> None:
    resume = {
        "basics": {"name": "Jo", "email": "und.der.die@example.de", "url": "https://und-der-die.example.de"},
        "work": [{"startDate": "2019-03", "endDate": "2020"}],
        "meta": {"locale": "de", "notes": "und der die das mit für von"},
    }
    assert resume_texts(resume) == ["Jo"]
    assert detect_locale(resume) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Python, Django, PostgreSQL, Docker, Kubernetes",  # no language, only product names
        "Jo Smith",
        "Српска ћирилица: програмер у Београду, љубав према коду",  # Serbian: not a language we typeset
    ],
)
def test_thin_or_foreign_evidence_gives_no_answer(text: str) -> None:
    assert detect_text_locale(text) is None


def test_simplified_and_traditional_chinese_are_told_apart() -> None:
    assert detect_text_locale("负责公司网络系统的开发与维护，带领团队完成项目。") == "zh-Hans"
    assert detect_text_locale("負責公司網絡系統的開發與維護，帶領團隊完成項目。") == "zh-Hant"


def test_arabic_persian_and_urdu_are_told_apart() -> None:
    assert detect_text_locale("مهندس برمجيات في شركة كبيرة يعمل على تطوير الأنظمة") == "ar"
    assert detect_text_locale("مهندس نرم‌افزار در یک شرکت بزرگ که روی توسعه سیستم‌ها کار می‌کند") == "fa"
    assert detect_text_locale("ایک بڑی کمپنی میں سافٹ ویئر انجینئر جو نظاموں کی تیاری پر کام کرتا ہے") == "ur"


def test_portuguese_of_portugal_and_of_brazil() -> None:
    assert detect_text_locale("Coordenei a equipa de desenvolvimento e o apoio aos utilizadores da empresa.") == "pt"
    assert detect_text_locale("Coordenei a equipe de desenvolvimento e o suporte aos usuários da empresa.") == "pt-BR"
