"""Short resumes written for the tests, one per supported language: a headline, a summary and one job.

They are what language detection must recognise and what the all-locales tests render. Written for these tests,
not taken from anyone's resume.
"""

from __future__ import annotations

from typing import Any

#: tag → (headline, summary, position, company, highlight)
SAMPLES: dict[str, tuple[str, str, str, str, str]] = {
    "en": (
        "Software Engineer",
        "I build reliable software for logistics companies and lead a small team of developers.",
        "Senior Developer",
        "Northwind Traders",
        "Designed and developed the routing service used by our customers in twelve countries.",
    ),
    "de": (
        "Softwareentwicklerin",
        "Ich entwickle zuverlässige Software für Logistikunternehmen und leite ein kleines Team.",
        "Leitende Entwicklerin",
        "Nordwind Handel GmbH",
        "Entwicklung und Aufbau des Routing-Dienstes für unsere Kunden in zwölf Ländern.",
    ),
    "fr": (
        "Ingénieure logiciel",
        "Je conçois des logiciels fiables pour les entreprises de logistique et je dirige une petite équipe.",
        "Développeuse principale",
        "Vent du Nord SARL",
        "Conception et mise en place du service de calcul des tournées pour nos clients dans douze pays.",
    ),
    "es": (
        "Ingeniera de software",
        "Desarrollo software fiable para empresas de logística y dirijo un pequeño equipo de desarrollo.",
        "Desarrolladora sénior",
        "Viento del Norte S.L.",
        "Diseño y desarrollo del servicio de rutas que usan nuestros clientes en doce países.",
    ),
    "it": (
        "Ingegnere del software",
        "Sviluppo software affidabile per le aziende di logistica e coordino un piccolo gruppo di sviluppatori.",
        "Sviluppatrice senior",
        "Vento del Nord S.r.l.",
        "Progettazione e sviluppo del servizio di pianificazione dei percorsi per i clienti della società.",
    ),
    "pt": (
        "Engenheira de software",
        "Desenvolvo software fiável para empresas de logística e coordeno uma pequena equipa.",
        "Programadora sénior",
        "Vento Norte, Lda.",
        "Desenvolvimento do serviço de rotas usado pelos clientes em doze países; apoio aos utilizadores.",
    ),
    "pt-BR": (
        "Engenheira de software",
        "Desenvolvo software confiável para empresas de logística e lidero uma pequena equipe.",
        "Desenvolvedora sênior",
        "Vento Norte Ltda.",
        "Desenvolvimento do serviço de rotas usado pelos clientes em doze países; suporte aos usuários.",
    ),
    "nl": (
        "Software-ingenieur",
        "Ik ontwikkel betrouwbare software voor logistieke bedrijven en leid een klein team van ontwikkelaars.",
        "Senior ontwikkelaar",
        "Noordenwind B.V.",
        "Ontwerp en ontwikkeling van de routeplanner die onze klanten in twaalf landen gebruiken.",
    ),
    "pl": (
        "Inżynier oprogramowania",
        "Tworzę niezawodne oprogramowanie dla firm logistycznych i kieruję małym zespołem programistów.",
        "Starszy programista",
        "Wiatr Północy Sp. z o.o.",
        "Zaprojektowanie i rozwój usługi wyznaczania tras dla klientów w dwunastu krajach.",
    ),
    "cs": (
        "Softwarová inženýrka",
        "Vyvíjím spolehlivý software pro logistické firmy a vedu malý tým vývojářů.",
        "Hlavní vývojářka",
        "Severní vítr s.r.o.",
        "Návrh a vývoj služby pro plánování tras, kterou používají zákazníci ve dvanácti zemích.",
    ),
    "sv": (
        "Mjukvaruutvecklare",
        "Jag utvecklar pålitlig programvara för logistikföretag och leder ett litet team.",
        "Seniorutvecklare",
        "Nordanvind AB",
        "Utveckling av ruttplaneringen som våra kunder i tolv länder använder, och ansvarig för driften.",
    ),
    "da": (
        "Softwareudvikler",
        "Jeg udvikler pålidelig software til logistikvirksomheder og leder et lille team af udviklere.",
        "Seniorudvikler",
        "Nordenvind ApS",
        "Udvikling af ruteplanlægningen, som vores kunder i tolv lande bruger; ansvarlig for driften efter lancering.",
    ),
    "nb": (
        "Programvareutvikler",
        "Jeg utvikler pålitelig programvare for logistikkbedrifter og leder et lite team av utviklere.",
        "Seniorutvikler",
        "Nordavind AS",
        "Utvikling av ruteplanleggingen som kundene våre i tolv land bruker; ansvarlig for driften etter lansering.",
    ),
    "fi": (
        "Ohjelmistokehittäjä",
        "Kehitän luotettavia ohjelmistoja logistiikkayrityksille ja vedän pientä kehittäjien tiimiä.",
        "Vanhempi ohjelmistokehittäjä",
        "Pohjoistuuli Oy",
        "Reittipalvelun suunnittelu ja kehitys sekä vastuu asiakkaiden käyttöönotosta kahdessatoista maassa.",
    ),
    "ru": (
        "Инженер-программист",
        "Разрабатываю надёжное программное обеспечение для логистических компаний и руковожу небольшой командой.",
        "Ведущий разработчик",
        "ООО «Северный ветер»",
        "Спроектировала и разработала сервис маршрутизации, которым пользуются клиенты в двенадцати странах.",
    ),
    "uk": (
        "Інженерка-програмістка",
        "Розробляю надійне програмне забезпечення для логістичних компаній і керую невеликою командою.",
        "Провідна розробниця",
        "ТОВ «Північний вітер»",
        "Спроєктувала й розробила сервіс маршрутизації, яким користуються клієнти у дванадцяти країнах.",
    ),
    "tr": (
        "Yazılım Mühendisi",
        "Lojistik şirketleri için güvenilir yazılımlar geliştiriyor ve küçük bir ekibe liderlik ediyorum.",
        "Kıdemli Geliştirici",
        "Poyraz Ticaret A.Ş.",
        "On iki ülkedeki müşterilerimizin kullandığı rota planlama hizmetinin tasarımı ve geliştirilmesi.",
    ),
    "el": (
        "Μηχανικός λογισμικού",
        "Αναπτύσσω αξιόπιστο λογισμικό για εταιρείες εφοδιαστικής και συντονίζω μια μικρή ομάδα.",
        "Ανώτερη προγραμματίστρια",
        "Βοριάς Α.Ε.",
        "Σχεδίαση και ανάπτυξη της υπηρεσίας δρομολόγησης που χρησιμοποιούν πελάτες σε δώδεκα χώρες.",
    ),
    "ar": (
        "مهندسة برمجيات",
        "أطور برمجيات موثوقة لشركات الخدمات اللوجستية وأقود فريقا صغيرا من المطورين.",
        "مطورة أولى",
        "شركة الرياح الشمالية",
        "صممت وطورت خدمة تخطيط المسارات التي يستخدمها العملاء في اثنتي عشرة دولة.",
    ),
    "he": (
        "מהנדסת תוכנה",
        "אני מפתחת תוכנה אמינה לחברות לוגיסטיקה ומובילה צוות קטן של מפתחים.",
        "מפתחת בכירה",
        "רוח צפונית בע״מ",
        "תכננתי ופיתחתי את שירות תכנון המסלולים שבו משתמשים לקוחות בשתים־עשרה מדינות.",
    ),
    "fa": (
        "مهندس نرم‌افزار",
        "من نرم‌افزارهای قابل اعتماد برای شرکت‌های لجستیک می‌سازم و یک تیم کوچک را رهبری می‌کنم.",
        "توسعه‌دهنده ارشد",
        "شرکت باد شمال",
        "طراحی و پیاده‌سازی سرویس مسیریابی که مشتریان در دوازده کشور از آن استفاده می‌کنند.",
    ),
    "ur": (
        "سافٹ ویئر انجینئر",
        "میں لاجسٹکس کمپنیوں کے لیے قابل اعتماد سافٹ ویئر بناتی ہوں اور ایک چھوٹی ٹیم کی قیادت کرتی ہوں۔",
        "سینئر ڈویلپر",
        "شمالی ہوا کمپنی",
        "راستوں کی منصوبہ بندی کی سروس ڈیزائن اور تیار کی جسے بارہ ممالک میں صارفین استعمال کرتے ہیں۔",
    ),
    "hi": (
        "सॉफ़्टवेयर इंजीनियर",
        "मैं लॉजिस्टिक्स कंपनियों के लिए भरोसेमंद सॉफ़्टवेयर बनाती हूँ और एक छोटी टीम का नेतृत्व करती हूँ।",
        "वरिष्ठ डेवलपर",
        "उत्तरी हवा प्राइवेट लिमिटेड",
        "रूट प्लानिंग सेवा का डिज़ाइन और विकास किया, जिसे बारह देशों के ग्राहक इस्तेमाल करते हैं।",
    ),
    "zh-Hans": (
        "软件工程师",
        "我为物流公司开发可靠的软件，并带领一个小型开发团队。",
        "高级开发工程师",
        "北风贸易有限公司",
        "设计并开发了路线规划服务，为十二个国家的客户提供支持。",
    ),
    "zh-Hant": (
        "軟體工程師",
        "我為物流公司開發可靠的軟體，並帶領一個小型開發團隊。",
        "資深開發工程師",
        "北風貿易股份有限公司",
        "設計並開發了路線規劃服務，為十二個國家的客戶提供支援。",
    ),
    "ja": (
        "ソフトウェアエンジニア",
        "物流企業向けに信頼性の高いソフトウェアを開発し、小さな開発チームを率いています。",
        "シニア開発者",
        "北風商事株式会社",
        "十二か国の顧客が利用する配送ルート計画サービスを設計・開発しました。",
    ),
    "ko": (
        "소프트웨어 엔지니어",
        "물류 기업을 위한 안정적인 소프트웨어를 개발하고 작은 개발 팀을 이끌고 있습니다.",
        "선임 개발자",
        "북풍상사 주식회사",
        "12개국 고객이 사용하는 경로 계획 서비스를 설계하고 개발했습니다.",
    ),
    "vi": (
        "Kỹ sư phần mềm",
        "Tôi phát triển phần mềm đáng tin cậy cho các công ty logistics và quản lý một nhóm nhỏ.",
        "Lập trình viên cao cấp",
        "Công ty TNHH Gió Bấc",
        "Thiết kế và phát triển dịch vụ lập lộ trình cho khách hàng tại mười hai quốc gia.",
    ),
    "id": (
        "Insinyur Perangkat Lunak",
        "Saya mengembangkan perangkat lunak yang andal untuk perusahaan logistik dan memimpin tim kecil.",
        "Pengembang Senior",
        "PT Angin Utara",
        "Merancang dan membangun layanan perencanaan rute yang digunakan pelanggan di dua belas negara.",
    ),
    "th": (
        "วิศวกรซอฟต์แวร์",
        "ฉันพัฒนาซอฟต์แวร์ที่เชื่อถือได้ให้กับบริษัทโลจิสติกส์และเป็นหัวหน้าทีมพัฒนาขนาดเล็ก",
        "นักพัฒนาอาวุโส",
        "บริษัท ลมเหนือ จำกัด",
        "ออกแบบและพัฒนาบริการวางแผนเส้นทางที่ลูกค้าในสิบสองประเทศใช้งาน",
    ),
}

#: A name in the script of each sample's language (Latin-script languages keep one Latin name).
NAMES = {
    "ru": "Анна Петрова",
    "uk": "Олена Коваленко",
    "el": "Ελένη Παπαδοπούλου",
    "ar": "ليلى حداد",
    "he": "נועה לוי",
    "fa": "مریم احمدی",
    "ur": "عائشہ خان",
    "hi": "प्रिया शर्मा",
    "zh-Hans": "王小明",
    "zh-Hant": "陳美玲",
    "ja": "山田花子",
    "ko": "김서연",
    "th": "สมศรี ใจดี",
}


def sample_resume(tag: str, *, locale: str | None = None) -> dict[str, Any]:
    """A small but complete resume in one language: every section a template shows has an entry."""
    label, summary, position, company, highlight = SAMPLES[tag]
    resume: dict[str, Any] = {
        "basics": {
            "name": NAMES.get(tag, "Maria Nordvik"),
            "label": label,
            "email": "maria@example.org",
            "phone": "+49 30 1234567",
            "url": "https://example.org/maria",
            "summary": summary,
            "location": {"city": company.split()[0], "countryCode": "DE"},
            "profiles": [{"network": "GitHub", "username": "maria-n", "url": "https://github.com/maria-n"}],
        },
        "work": [
            {
                "name": company,
                "position": position,
                "startDate": "2021-03",
                "highlights": [highlight],
            },
            {"name": company, "position": label, "startDate": "2017-09", "endDate": "2021-02"},
        ],
        "education": [
            {"institution": company, "area": label, "studyType": position, "startDate": "2013", "endDate": "2017"}
        ],
        "skills": [{"name": label, "keywords": [position, "Python"]}],
        "languages": [{"language": label, "fluency": position}],
        "projects": [{"name": position, "description": summary, "startDate": "2020-01", "endDate": "2020-06"}],
    }
    if locale is not None:
        resume["meta"] = {"locale": locale}
    return resume
