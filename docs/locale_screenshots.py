"""Regenerates docs/screenshots/locale-*.png: one resume in German, Japanese, Arabic and Traditional Chinese.

Each is exported with `resumepair export` in two templates; poppler's pdftoppm rasterises the first page.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
TEMPLATES = ("classic", "modern")

#: The same resume in four languages (written for these screenshots).
TEXTS: dict[str, dict[str, Any]] = {
    "de": {
        "name": "Lena Fischer",
        "label": "Softwareentwicklerin für Logistiksysteme",
        "city": "Hamburg",
        "summary": "Acht Jahre Erfahrung mit verteilten Systemen für Häfen und Speditionen. Ich baue robuste "
        "Dienste, führe kleine Teams und erkläre Technik so, dass Fachabteilungen mitreden können.",
        "jobs": [
            ("Leitende Entwicklerin", "Nordwind Logistik GmbH", "Hamburg",
             ["Routenplanung für 1.200 Lkw neu aufgebaut; Leerfahrten um 14 % gesenkt.",
              "Team von fünf Entwicklerinnen und Entwicklern aufgebaut und geführt."]),
            ("Softwareentwicklerin", "Hafenbetrieb Elbe AG", "Hamburg",
             ["Echtzeit-Ortung der Container mit Python und PostgreSQL entwickelt."]),
        ],
        "degree": ("Master", "Informatik", "Universität Hamburg", "1,3", ["Verteilte Systeme", "Operations Research"]),
        "skills": [("Backend", ["Python", "Go", "PostgreSQL"]), ("Betrieb", ["Kubernetes", "Terraform"])],
        "languages": [("Deutsch", "Muttersprache"), ("Englisch", "Verhandlungssicher"), ("Spanisch", "Gut")],
        "award": ("Innovationspreis der Hafenwirtschaft", "Hafenverband Hamburg"),
    },
    "ja": {
        "name": "佐藤 美咲",
        "label": "物流システム専門のソフトウェアエンジニア",
        "city": "横浜市",
        "summary": "港湾・運送業向けの分散システム開発に8年間従事。堅牢なサービスを設計し、小規模チームを率い、"
        "現場の担当者にも分かりやすく技術を説明することを大切にしています。",
        "jobs": [
            ("リードエンジニア", "北風ロジスティクス株式会社", "横浜市",
             ["1,200台のトラックの配送ルート計画を再構築し、空車走行を14%削減。",
              "5名の開発チームを立ち上げ、マネジメントを担当。"]),
            ("ソフトウェアエンジニア", "湾岸港運株式会社", "横浜市",
             ["PythonとPostgreSQLでコンテナのリアルタイム追跡システムを開発。"]),
        ],
        "degree": ("修士", "情報工学", "東京大学", "3.8", ["分散システム", "オペレーションズ・リサーチ"]),
        "skills": [("バックエンド", ["Python", "Go", "PostgreSQL"]), ("運用", ["Kubernetes", "Terraform"])],
        "languages": [("日本語", "母語"), ("英語", "ビジネスレベル"), ("スペイン語", "日常会話")],
        "award": ("港湾イノベーション賞", "日本港湾協会"),
    },
    "ar": {
        "name": "سارة العلي",
        "label": "مهندسة برمجيات متخصصة في أنظمة الخدمات اللوجستية",
        "city": "دبي",
        "summary": "ثماني سنوات من الخبرة في تطوير الأنظمة الموزعة للموانئ وشركات الشحن. أبني خدمات متينة، "
        "وأقود فرقا صغيرة، وأشرح التقنية بلغة يفهمها الجميع.",
        "jobs": [
            ("مهندسة برمجيات رئيسية", "شركة الرياح الشمالية للخدمات اللوجستية", "دبي",
             ["أعدت بناء نظام تخطيط المسارات لـ 1200 شاحنة، فانخفضت الرحلات الفارغة بنسبة 14٪.",
              "أسست فريقا من خمسة مطورين وتوليت قيادته."]),
            ("مهندسة برمجيات", "موانئ الخليج", "دبي",
             ["طورت نظام تتبع الحاويات في الوقت الفعلي باستخدام Python وPostgreSQL."]),
        ],
        "degree": ("ماجستير", "علوم الحاسوب", "الجامعة الأمريكية في الشارقة", "3.8",
                   ["الأنظمة الموزعة", "بحوث العمليات"]),
        "skills": [("الأنظمة الخلفية", ["Python", "Go", "PostgreSQL"]), ("التشغيل", ["Kubernetes", "Terraform"])],
        "languages": [("العربية", "اللغة الأم"), ("الإنجليزية", "بطلاقة"), ("الإسبانية", "جيد")],
        "award": ("جائزة الابتكار في قطاع الموانئ", "اتحاد موانئ الخليج"),
    },
    "zh-Hant": {
        "name": "林怡君",
        "label": "物流系統軟體工程師",
        "city": "高雄市",
        "summary": "八年港口與貨運業分散式系統開發經驗。擅長打造穩定可靠的服務、帶領小型團隊，"
        "並以淺顯易懂的方式向業務單位說明技術。",
        "jobs": [
            ("資深軟體工程師", "北風物流股份有限公司", "高雄市",
             ["重建 1,200 輛貨車的路線規劃系統，空車里程減少 14%。", "組建並帶領五人開發團隊。"]),
            ("軟體工程師", "港灣航運股份有限公司", "高雄市",
             ["以 Python 與 PostgreSQL 開發貨櫃即時追蹤系統。"]),
        ],
        "degree": ("碩士", "資訊工程", "國立成功大學", "3.8", ["分散式系統", "作業研究"]),
        "skills": [("後端", ["Python", "Go", "PostgreSQL"]), ("維運", ["Kubernetes", "Terraform"])],
        "languages": [("中文", "母語"), ("英文", "流利"), ("西班牙文", "中等")],
        "award": ("港灣創新獎", "臺灣港務協會"),
    },
}  # fmt: skip


def resume(tag: str, template: str) -> dict[str, Any]:
    """The resume in one language, as JSON Resume with meta.locale and meta.template."""
    text = TEXTS[tag]
    degree_type, area, school, score, courses = text["degree"]
    return {
        "basics": {
            "name": text["name"],
            "label": text["label"],
            "email": "contact@example.org",
            "phone": "+49 40 1234 5678",
            "url": "https://example.org/cv",
            "summary": text["summary"],
            "location": {"city": text["city"]},
            "profiles": [{"network": "GitHub", "username": "example-dev", "url": "https://github.com/example-dev"}],
        },
        "work": [
            {"position": position, "name": company, "location": city, "highlights": highlights, **dates}
            for (position, company, city, highlights), dates in zip(
                text["jobs"], [{"startDate": "2021-03"}, {"startDate": "2017-09", "endDate": "2021-02"}], strict=True
            )
        ],
        "education": [
            {
                "institution": school,
                "studyType": degree_type,
                "area": area,
                "score": score,
                "courses": courses,
                "startDate": "2015-10",
                "endDate": "2017-07",
            }
        ],
        "awards": [{"title": text["award"][0], "awarder": text["award"][1], "date": "2022-11"}],
        "skills": [{"name": name, "keywords": keywords} for name, keywords in text["skills"]],
        "languages": [{"language": language, "fluency": fluency} for language, fluency in text["languages"]],
        "meta": {"locale": tag, "template": template},
    }


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for tag in TEXTS:
            for template in TEMPLATES:
                name = f"locale-{tag}-{template}"
                source = work / f"{name}.json"
                source.write_text(json.dumps(resume(tag, template), ensure_ascii=False), encoding="utf-8")
                pdf = work / f"{name}.pdf"
                command = [sys.executable, "-m", "app", "--data-dir", str(work / "data"), "export", str(source)]
                subprocess.run([*command, "-o", str(pdf)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(OUT / name)],
                    check=True,
                )
                print(OUT / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
