"""Sample leaflets for the format tests, written by hand in each launch language, and their board.

Each sample has a short summary, two sections of running text (one with a bullet list and a link)
and a contact section with a phone number, so every kind of block reaches every format.
"""

from __future__ import annotations

from core.plugin_api import (
    Branding,
    BulletList,
    ContactBlock,
    Document,
    Link,
    Paragraph,
    RenderContext,
    Section,
    TenantView,
)

BOARD = "Riverside Safeguarding Children Partnership"
PHONE = "0161 496 0734"  # a number Ofcom keeps for drama: it rings nobody
EMAIL = "reviews@riverside-safeguarding.org.uk"
GUIDANCE = "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"

# (title, summary, [(id, heading, paragraph, bullets, link-before, link-after)], contact labels)
TEXT: dict[str, dict] = {
    "en": {
        "title": "Case reviews: information for families",
        "summary": "This leaflet explains what a case review is and how you can take part.",
        "what": (
            "What is a case review?",
            "A case review looks at how organisations worked together when a child has died or "
            "been seriously harmed. It is not about blaming anyone. It is about learning lessons "
            "so that other children are better protected.",
        ),
        "part": (
            "How can you take part?",
            "You can tell the reviewer what happened from your point of view.",
            (
                "You can meet the lead reviewer at a time and place that suits you.",
                "You can bring a friend or relative with you.",
                "You can read the report before it is published.",
            ),
            ("You can read the government guidance on ", "GOV.UK", "."),
        ),
        "contact": ("Who to contact", "Contact us", "Business Manager", "Phone", "Email"),
    },
    "cy": {
        "title": "Adolygiadau achos: gwybodaeth i deuluoedd",
        "summary": (
            "Mae'r daflen hon yn esbonio beth yw adolygiad achos a sut gallwch chi gymryd rhan."
        ),
        "what": (
            "Beth yw adolygiad achos?",
            "Mae adolygiad achos yn edrych ar sut y bu asiantaethau'n cydweithio pan fu farw "
            "plentyn neu pan gafodd niwed difrifol. Nid yw'n ymwneud â rhoi bai ar unrhyw un. "
            "Ei nod yw dysgu gwersi er mwyn amddiffyn plant eraill yn well.",
        ),
        "part": (
            "Sut gallwch chi gymryd rhan?",
            "Gallwch ddweud wrth yr adolygydd beth ddigwyddodd o'ch safbwynt chi.",
            (
                "Gallwch gwrdd â'r adolygydd arweiniol ar amser ac mewn lle sy'n gyfleus i chi.",
                "Gallwch ddod â ffrind neu berthynas gyda chi.",
                "Gallwch ddarllen yr adroddiad cyn iddo gael ei gyhoeddi.",
            ),
            ("Gallwch ddarllen canllawiau'r llywodraeth ar ", "GOV.UK", "."),
        ),
        "contact": ("Pwy i gysylltu â nhw", "Cysylltu â ni", "Rheolwr Busnes", "Ffôn", "E-bost"),
    },
    "ur": {
        "title": "بچوں کے کیس کا جائزہ: خاندانوں کے لیے معلومات",
        "summary": "یہ کتابچہ بتاتا ہے کہ کیس کا جائزہ کیا ہے اور آپ اس میں کیسے حصہ لے سکتے ہیں۔",
        "what": (
            "کیس کا جائزہ کیا ہے؟",
            "جب کسی بچے کی موت ہو جائے یا اسے شدید نقصان پہنچے تو کیس کے جائزے میں دیکھا جاتا ہے "
            "کہ مختلف ادارے مل کر کیسے کام کر رہے تھے۔ اس کا مقصد کسی کو الزام دینا نہیں ہے۔ "
            "اس کا مقصد سبق سیکھنا ہے تاکہ دوسرے بچوں کی بہتر حفاظت ہو سکے۔",
        ),
        "part": (
            "آپ کیسے حصہ لے سکتے ہیں؟",
            "آپ جائزہ لینے والے کو اپنے نقطہ نظر سے بتا سکتے ہیں کہ کیا ہوا۔",
            (
                "آپ اپنی سہولت کے وقت اور جگہ پر جائزہ لینے والے سے مل سکتے ہیں۔",
                "آپ اپنے ساتھ کسی دوست یا رشتہ دار کو لا سکتے ہیں۔",
                "رپورٹ شائع ہونے سے پہلے آپ اسے پڑھ سکتے ہیں۔",
            ),
            ("حکومت کی رہنمائی یہاں پڑھیں: ", "GOV.UK", "۔"),
        ),
        "contact": ("کس سے رابطہ کریں", "ہم سے رابطہ کریں", "بزنس مینیجر", "فون", "ای میل"),
    },
    "ar": {
        "title": "مراجعات حالات الأطفال: معلومات للعائلات",
        "summary": "تشرح هذه النشرة ما هي مراجعة الحالة وكيف يمكنك المشاركة فيها.",
        "what": (
            "ما هي مراجعة الحالة؟",
            "تنظر مراجعة الحالة في كيفية تعاون المؤسسات معا عندما يتوفى طفل أو يتعرض لأذى "
            "خطير. لا تهدف المراجعة إلى لوم أي شخص، بل إلى تعلم الدروس حتى يحظى الأطفال "
            "الآخرون بحماية أفضل.",
        ),
        "part": (
            "كيف يمكنك المشاركة؟",
            "يمكنك أن تخبر المراجع بما حدث من وجهة نظرك.",
            (
                "يمكنك لقاء المراجع الرئيسي في وقت ومكان يناسبانك.",
                "يمكنك إحضار صديق أو قريب معك.",
                "يمكنك قراءة التقرير قبل نشره.",
            ),
            ("يمكنك قراءة الإرشادات الحكومية على موقع ", "GOV.UK", "."),
        ),
        "contact": ("بمن تتصل", "اتصل بنا", "مدير الأعمال", "الهاتف", "البريد الإلكتروني"),
    },
    "bn": {
        "title": "শিশু কেস রিভিউ: পরিবারের জন্য তথ্য",
        "summary": "এই পুস্তিকায় কেস রিভিউ কী এবং আপনি কীভাবে এতে অংশ নিতে পারেন তা বলা হয়েছে।",
        "what": (
            "কেস রিভিউ কী?",
            "কোনো শিশু মারা গেলে বা গুরুতর ক্ষতির শিকার হলে, বিভিন্ন সংস্থা কীভাবে একসঙ্গে কাজ "
            "করেছে তা কেস রিভিউতে দেখা হয়। এর উদ্দেশ্য কাউকে দোষ দেওয়া নয়। এর উদ্দেশ্য শিক্ষা "
            "নেওয়া, যাতে অন্য শিশুরা আরও ভালোভাবে সুরক্ষিত থাকে।",
        ),
        "part": (
            "আপনি কীভাবে অংশ নিতে পারেন?",
            "যা ঘটেছে তা আপনি নিজের দৃষ্টিকোণ থেকে রিভিউয়ারকে বলতে পারেন।",
            (
                "আপনার সুবিধামতো সময়ে ও জায়গায় আপনি প্রধান রিভিউয়ারের সঙ্গে দেখা করতে পারেন।",
                "আপনি সঙ্গে একজন বন্ধু বা আত্মীয়কে আনতে পারেন।",
                "প্রতিবেদন প্রকাশের আগে আপনি তা পড়তে পারেন।",
            ),
            ("সরকারি নির্দেশিকা পড়ুন ", "GOV.UK", " ওয়েবসাইটে।"),
        ),
        "contact": ("কার সঙ্গে যোগাযোগ করবেন", "যোগাযোগ করুন", "বিজনেস ম্যানেজার", "ফোন", "ইমেল"),
    },
    # Polish and Romanian are shorter: they are here to prove the braille and audio locale claims.
    "pl": {
        "title": "Przeglądy spraw dzieci: informacje dla rodzin",
        "summary": "Ta ulotka wyjaśnia, czym jest przegląd sprawy i jak możesz wziąć w nim udział.",
        "what": (
            "Czym jest przegląd sprawy?",
            "Przegląd sprawy sprawdza, jak instytucje współpracowały, gdy dziecko zmarło lub "
            "doznało poważnej krzywdy. Nie chodzi o szukanie winnych, lecz o wyciągnięcie "
            "wniosków, aby lepiej chronić inne dzieci.",
        ),
        "contact": (
            "Z kim się skontaktować",
            "Skontaktuj się z nami",
            "Kierownik",
            "Telefon",
            "E-mail",
        ),
    },
    "ro": {
        "title": "Analiza cazurilor copiilor: informații pentru familii",
        "summary": "Această broșură explică ce este o analiză de caz și cum puteți participa.",
        "what": (
            "Ce este o analiză de caz?",
            "O analiză de caz arată cum au colaborat instituțiile atunci când un copil a murit "
            "sau a fost grav rănit. Scopul nu este să găsim vinovați, ci să învățăm, pentru ca "
            "alți copii să fie mai bine protejați.",
        ),
        "contact": ("Pe cine să contactați", "Contactați-ne", "Manager", "Telefon", "E-mail"),
    },
}

# Each format key and the plugin module its entry point names.
MODULES = {
    "pdf": "plugins.formats.pdf",
    "large-print": "plugins.formats.large_print",
    "text": "plugins.formats.text",
    "braille": "plugins.formats.braille",
    "audio": "plugins.formats.audio",
    "docx": "plugins.formats.docx",
}

SAMPLE_LOCALES = ("en", "cy", "ur", "ar", "bn")
ALL_LOCALES = (*SAMPLE_LOCALES, "pl", "ro")
LAUNCH_LOCALES = frozenset(ALL_LOCALES)


def sample_document(locale: str) -> Document:
    """The hand-written sample leaflet for `locale`."""
    text = TEXT[locale]
    what_heading, what_text = text["what"]
    sections = [Section("what", what_heading, (Paragraph.of(what_text),))]
    if "part" in text:
        heading, intro, bullets, (before, link_text, after) = text["part"]
        sections.append(
            Section(
                "take-part",
                heading,
                (
                    Paragraph.of(intro),
                    BulletList(tuple(Paragraph.of(item) for item in bullets)),
                    Paragraph.of(before, Link(link_text, GUIDANCE), after),
                ),
            )
        )
    section_heading, block_heading, role, phone_label, email_label = text["contact"]
    contact = ContactBlock(
        heading=block_heading,
        organisation=BOARD,
        role=role,
        phone=PHONE,
        email=EMAIL,
        phone_label=phone_label,
        email_label=email_label,
    )
    sections.append(Section("contact", section_heading, (contact,)))
    return Document(
        title=text["title"],
        locale=locale,
        board_name=BOARD,
        sections=tuple(sections),
        summary=text["summary"],
    )


def sample_context() -> RenderContext:
    tenant = TenantView(
        id=1,
        slug="riverside",
        name=BOARD,
        jurisdiction="england",
        framework="scr-2015",
        default_locale="en",
        locales=ALL_LOCALES,
        contact_phone=PHONE,
        contact_email=EMAIL,
    )
    branding = Branding(name=BOARD, primary_colour="#00594f", link_colour="#00594f")
    return RenderContext(branding=branding, tenant=tenant)
