"""Guessing the language a resume is written in, offline, so import can suggest a ``meta.locale``.

First by script: kana means Japanese, hangul Korean, other Han characters Chinese (Traditional or Simplified by
characters that differ), Arabic letters Arabic, Persian or Urdu (by the letters each adds), Cyrillic Russian or
Ukrainian, then Greek, Hebrew, Devanagari (Hindi), Thai. A resume mostly in Latin letters is scored by the common
short words of each language and its month names (CLDR, through Babel), with letters only some languages use
(ø, ł, ř, ơ, ğ ...) as extra evidence. When the evidence is thin or split, the answer is ``None``: a wrong
suggestion costs the user more than none.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel

from app.render.locales import babel_locale, supported_tags

#: Fields that never hold prose: addresses, dates, codes, network names.
_SKIPPED_KEYS = frozenset(
    {
        "url",
        "email",
        "image",
        "phone",
        "$schema",
        "meta",
        "startDate",
        "endDate",
        "date",
        "releaseDate",
        "countryCode",
        "postalCode",
        "network",
        "username",
        "canonical",
        "version",
        "lastModified",
    }
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
#: Minimum evidence: letters of a script, and (Latin) weighted word hits.
_MIN_SCRIPT_LETTERS = 6
_MIN_LATIN_SCORE = 3.0
#: The best Latin language must beat the runner-up by this factor.
_LATIN_MARGIN = 1.4
#: A non-Latin script decides when its weighted letters reach this share of the Latin ones.
_SCRIPT_SHARE = 0.25

#: Common words of each Latin-script language, as found in resumes (articles, prepositions, conjunctions,
#: frequent nouns and verbs of working life). Words several languages share count for each of them.
_WORDS: dict[str, str] = {
    "en": "the and of with for to in on at by from as an our my was were is are which that this led developed "
    "managed using including responsible experience years built designed worked university company customers "
    "through while across within",
    "de": "und der die das mit für von im bei auf den dem des ein eine einer einem zur zum sowie als durch ich "
    "nicht auch über unter entwicklung verantwortlich mitarbeiter kunden leitung unternehmen bereich aufbau "
    "projekte betreuung studium kenntnisse erfahrung",
    "fr": "et de des les le la du pour avec dans sur par au aux une un est développement gestion équipe "
    "projets clients mise place responsable ainsi que qui en chez études entreprise conception réalisation "
    "suivi",
    "es": "y de del la el los las en con para por un una que desarrollo gestión equipo proyectos clientes "
    "responsable como sobre mediante empresa diseño implementación estudios experiencia",
    "it": "e di del della dei delle il lo la gli le per con in su da un una che sviluppo gestione progetti "
    "clienti responsabile come nel nella degli alla al azienda progettazione studi esperienza",
    "pt": "e de do da dos das em no na nos nas com para por um uma que desenvolvimento gestão projetos "
    "clientes responsável como ao aos pelo pela empresa equipa equipe experiência",
    "nl": "en van het de een met voor bij op in als naar ontwikkeling verantwoordelijk werkzaamheden zijn "
    "door ook niet aan om tot klanten bedrijf opleiding ervaring die wij mijn",
    "pl": "i w z na do oraz dla się jest od po przy rozwój zespołu projektów klientów odpowiedzialny że "
    "jako przez ze we firmy zarządzanie doświadczenie",
    "cs": "a v ve na s se z do pro při jako který která které vývoj týmu projektů zákazníků odpovědný jsem "
    "také nebo od po za firmy řízení zkušenosti",
    "sv": "och att för med på av som jag inom utveckling arbete erfarenhet ansvarig samt från till är har "
    "vid kunder företag",
    "da": "og at for med på af som jeg inden udvikling arbejde erfaring ansvarlig samt fra til er har ved "
    "kunder virksomhed efter gennem blev været meget uddannelse hos",
    "nb": "og at for med på av som jeg innen utvikling arbeid erfaring ansvarlig samt fra til er har ved "
    "kunder virksomhet etter gjennom ble vært mye utdanning hos",
    "fi": "ja sekä on oli kanssa myös ei että tai kehitys vastuu tiimin asiakkaiden yrityksen projektien työ kokemus",
    "tr": "ve bir ile için olarak bu da de gibi geliştirme yönetimi ekip projeler müşteri sorumlu olan çok "
    "daha şirket deneyim",
    "vi": "và của các trong với cho là được một những phát triển quản lý dự án khách hàng nhóm công ty kinh nghiệm",
    "id": "dan di yang dengan untuk dari dalam pada ke sebagai ini itu atau pengembangan proyek tim "
    "pelanggan bertanggung jawab sistem aplikasi menggunakan melakukan membuat mengelola perusahaan",
}
#: Letters only some Latin-script languages use; each occurrence is strong evidence.
_LETTERS: dict[str, str] = {
    "de": "ßäöü",
    "fr": "çèêàùœëîï",
    "es": "ñ¿¡",
    "pt": "ãõç",
    "pl": "łąęśźżń",
    "cs": "řěůť",
    "sv": "åäö",
    "da": "æøå",
    "nb": "æøå",
    "fi": "äö",
    "tr": "ığşİ",
    "vi": "ơưđăạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
}
#: Where Brazilian and European Portuguese spell the same word differently.
_PT_BR = frozenset(
    [
        "equipe",
        "usuário",
        "usuários",
        "contato",
        "registro",
        "arquivo",
        "celular",
        "acadêmico",
        "econômico",
        "gerenciamento",
    ]
)
_PT_PT = frozenset(
    [
        "equipa",
        "utilizador",
        "utilizadores",
        "contacto",
        "registo",
        "ficheiro",
        "telemóvel",
        "académico",
        "económico",
        "gestor",
    ]
)
#: Common characters written differently in Simplified and Traditional Chinese.
_SIMPLIFIED = frozenset(
    "简们这个发说时国学会业经计开设项与为实东产务处员负责统网络数据库软应术专门现电话邮营销运组织领导优质报关户场动进还从对问题"
    "点见长级过当书语历验训练获奖证认资师财贸际环车机构线维护测试标准签约谈协调队带顾让总结样轻传画广华联类备区县乡镇闻观听读"
    "写创议论讲课岁钱银额亿万双单变达边亚欧湾"
)
_TRADITIONAL = frozenset(
    "簡們這個發說時國學會業經計開設項與為實東產務處員負責統網絡數據庫軟應術專門現電話郵營銷運組織領導優質報關戶場動進還從對問題"
    "點見長級過當書語歷驗訓練獲獎證認資師財貿際環車機構線維護測試標準簽約談協調隊帶顧讓總結樣輕傳畫廣華聯類備區縣鄉鎮聞觀聽讀"
    "寫創議論講課歲錢銀額億萬雙單變達邊亞歐灣"
)
_URDU_ONLY = frozenset("ٹڈڑںےۓ")
_PERSIAN = frozenset("پچژگکی")
_ARABIC_ONLY = frozenset("ةيكى")
_UKRAINIAN = frozenset("іїєґ")
_RUSSIAN = frozenset("ыэъё")
_SOUTH_SLAVIC = frozenset("јљњћђџ")


def _script(char: str) -> str | None:
    point = ord(char)
    if point < 0x250:
        return "latin" if char.isalpha() else None
    ranges = (
        (0x0370, 0x03FF, "greek"),
        (0x1F00, 0x1FFF, "greek"),
        (0x0400, 0x052F, "cyrillic"),
        (0x0590, 0x05FF, "hebrew"),
        (0x0600, 0x06FF, "arabic"),
        (0x0750, 0x077F, "arabic"),
        (0xFB50, 0xFDFF, "arabic"),
        (0xFE70, 0xFEFF, "arabic"),
        (0x0900, 0x097F, "devanagari"),
        (0x0E00, 0x0E7F, "thai"),
        (0x1E00, 0x1EFF, "latin"),
        (0x3040, 0x30FF, "kana"),
        (0x31F0, 0x31FF, "kana"),
        (0x1100, 0x11FF, "hangul"),
        (0x3130, 0x318F, "hangul"),
        (0xAC00, 0xD7A3, "hangul"),
        (0x3400, 0x4DBF, "han"),
        (0x4E00, 0x9FFF, "han"),
        (0xF900, 0xFAFF, "han"),
    )
    for low, high, name in ranges:
        if low <= point <= high:
            return name
    return None


def resume_texts(data: Any) -> list[str]:
    """Every string of a resume that holds language (not URLs, dates, codes), from a dict or a model."""
    if isinstance(data, BaseModel):
        data = data.model_dump(mode="json", by_alias=True)
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            if value.strip():
                found.append(value)
        elif isinstance(value, Mapping):
            for key, item in value.items():
                if str(key) not in _SKIPPED_KEYS:
                    walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(data)
    return found


def detect_locale(resume_data: Any) -> str | None:
    """The supported locale the resume's text is most likely written in, or ``None`` when unsure.

    ``resume_data`` is a resume as a dict (what import produced) or a ``Resume``. No network, no model files.
    """
    return detect_text_locale("\n".join(resume_texts(resume_data)))


def detect_text_locale(text: str) -> str | None:
    """``detect_locale`` for plain text."""
    text = unicodedata.normalize("NFC", text)
    scripts = Counter(script for script in map(_script, text) if script)
    weights = {"han": 3.0, "kana": 3.0, "hangul": 3.0}
    weighted = {script: count * weights.get(script, 1.0) for script, count in scripts.items()}
    latin = weighted.pop("latin", 0.0)
    if scripts["kana"] >= 3:
        return "ja"
    if weighted:
        script, weight = max(weighted.items(), key=lambda item: item[1])
        if scripts[script] >= _MIN_SCRIPT_LETTERS and weight >= _SCRIPT_SHARE * latin:
            return _by_script(script, text)
    if latin:
        return _latin_language(text)
    return None


def _count(text: str, letters: Iterable[str]) -> int:
    wanted = frozenset(letters)
    return sum(1 for char in text if char in wanted)


def _by_script(script: str, text: str) -> str | None:
    if script == "hangul":
        return "ko"
    if script == "han":
        return "zh-Hant" if _count(text, _TRADITIONAL) > _count(text, _SIMPLIFIED) else "zh-Hans"
    if script == "arabic":
        if _count(text, _URDU_ONLY) >= 2:
            return "ur"
        return "fa" if _count(text, _PERSIAN) > _count(text, _ARABIC_ONLY) else "ar"
    if script == "cyrillic":
        lowered = text.lower()
        if _count(lowered, _SOUTH_SLAVIC) >= 2:
            return None  # Serbian, Macedonian: not a language we typeset
        return "uk" if _count(lowered, _UKRAINIAN) > _count(lowered, _RUSSIAN) else "ru"
    return {"greek": "el", "hebrew": "he", "devanagari": "hi", "thai": "th"}.get(script)


@cache
def _vocabulary() -> dict[str, frozenset[str]]:
    """Per Latin-script language: its common words and its month names (wide and abbreviated, 4+ letters)."""
    vocabulary: dict[str, frozenset[str]] = {}
    for tag, common in _WORDS.items():
        months: set[str] = set()
        for tag_variant in [tag, *(["pt-BR"] if tag == "pt" else [])]:
            locale = babel_locale(tag_variant)
            for context in ("format", "stand-alone"):
                for width in ("wide", "abbreviated"):
                    names = locale.months.get(context, {}).get(width, {})
                    months.update(str(name).lower().strip(".") for name in names.values())
        vocabulary[tag] = frozenset(common.split()) | frozenset(name for name in months if len(name) >= 4)
    return vocabulary


def _latin_language(text: str) -> str | None:
    lowered = text.lower()
    tokens = _WORD.findall(lowered)
    if not tokens:
        return None
    vocabulary = _vocabulary()
    scores: dict[str, float] = dict.fromkeys(vocabulary, 0.0)
    for token in tokens:
        owners = [tag for tag, known in vocabulary.items() if token in known]
        weight = 1.0 if len(token) > 1 else 0.5  # "v", "y", "e" are also initials and abbreviations
        for tag in owners:
            scores[tag] += weight / len(owners)  # a word many languages share says little
    for tag, letters in _LETTERS.items():
        scores[tag] += 0.5 * _count(lowered, letters)
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:2]
    if not ranked or ranked[0][1] < _MIN_LATIN_SCORE:
        return None
    best, score = ranked[0]
    if len(ranked) > 1 and score < _LATIN_MARGIN * ranked[1][1]:
        return None
    if best == "pt":
        words = set(tokens)
        return "pt" if len(words & _PT_PT) > len(words & _PT_BR) else "pt-BR"
    return best if best in supported_tags() else None
