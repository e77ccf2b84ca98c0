"""The easy-read leaflet in every launch language: its lines come from the main catalogs (context
"easy read"), its page and PDF are set in the language's script and direction, and a language where
a line has no translation does not get the format at all."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from gettext import GNUTranslations
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from pypdf import PdfReader

from core.plugin_api import Branding, Document, RenderContext, TenantView
from plugins.formats import easy_read
from plugins.formats.easy_read.content import (
    CONTEXT,
    EasyRead,
    Part,
    Point,
    Untranslated,
    er,
    fill,
    untranslated,
)
from plugins.formats.easy_read.leaflets import BY_FRAMEWORK, GENERIC

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = ("cy", "pl", "ro", "ur", "ar", "bn")
RTL = ("ur", "ar")
BOARD = "Riverside Safeguarding Children Partnership"
PHONE = "0161 603 4336"
EMAIL = "safeguarding@example.org.uk"
FRAMEWORKS = [*BY_FRAMEWORK, "no-such-framework"]


def catalog_gettext(locale: str):
    """gettext from the locale's catalog as it is in the repository (compiled here, never stale)."""
    path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return GNUTranslations(compiled).gettext


def in_catalog(locale: str, english: str) -> str:
    """The catalog's translation of one easy-read line."""
    return catalog_gettext(locale)(f"{CONTEXT}\x04{english}")


def board(framework: str = "scr-2015", locale: str = "en", **changes: object) -> TenantView:
    fields: dict[str, object] = {
        "id": 1,
        "slug": "riverside",
        "name": BOARD,
        "jurisdiction": "wales" if framework.startswith("wales") else "england",
        "framework": framework,
        "default_locale": "en",
        "locales": ("en", locale),
        "contact_role": "",
        "contact_phone": PHONE,
        "contact_email": EMAIL,
        "panel_agencies": ("childrens-social-care", "health", "police"),
    }
    fields.update(changes)
    return TenantView(**fields)  # type: ignore[arg-type]


def document(locale: str) -> Document:
    # The format takes its words from the board's framework; only the locale is read.
    return Document(title="Leaflet", locale=locale, board_name=BOARD, sections=())


def context(tenant: TenantView, locale: str) -> RenderContext:
    gettext = catalog_gettext(locale) if locale != "en" else (lambda message: message)
    return RenderContext(branding=Branding(name=tenant.name), tenant=tenant, gettext=gettext)


def render_page(locale: str, framework: str = "scr-2015", **changes: object) -> str:
    tenant = board(framework, locale, **changes)
    assert easy_read.EASY_READ.html_page is not None
    return easy_read.EASY_READ.html_page(document(locale), context(tenant, locale))


def parse(html: str) -> ET.Element:
    return ET.fromstring(html)  # noqa: S314 - our own markup, not untrusted input


def text_of(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory):
    """`pdfs(locale)`: the path of the Serious Case Review easy read rendered in that locale."""
    folder = tmp_path_factory.mktemp("easy-read-languages")
    made: dict[str, Path] = {}

    def render(locale: str) -> Path:
        if locale not in made:
            tenant = board("scr-2015", locale)
            path = folder / f"{locale}.pdf"
            path.write_bytes(easy_read.EASY_READ.render(document(locale), context(tenant, locale)))
            made[locale] = path
        return made[locale]

    return render


def pdftotext(path: Path, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


# -- the catalogs -------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", TRANSLATED)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_catalog_translates_every_line_of_every_version(locale, framework):
    leaflet = BY_FRAMEWORK.get(framework, GENERIC)
    assert untranslated(leaflet, locale, catalog_gettext(locale)) == []


@pytest.mark.parametrize("locale", ["en", *TRANSLATED])
def test_the_format_serves_every_launch_language(locale):
    gettext = catalog_gettext(locale) if locale != "en" else (lambda message: message)
    assert easy_read.EASY_READ.offered_in(board("sar", locale), locale, gettext)


def test_a_line_with_no_translation_keeps_the_format_out_of_that_language_only():
    leaflet = EasyRead(
        title=GENERIC.title,
        subtitle=GENERIC.subtitle,
        parts=(Part(er("About this booklet"), (Point("heart", (er("A line no catalog has."),)),)),),
    )
    urdu = catalog_gettext("ur")
    assert untranslated(leaflet, "ur", urdu) == ["A line no catalog has."]
    with pytest.raises(Untranslated):
        fill(leaflet, board(locale="ur"), "ur", urdu)
    # English is the language the lines are written in: nothing is missing there.
    assert untranslated(leaflet, "en", lambda message: message) == []
    assert fill(leaflet, board(), "en").parts[0].points[0].lines[0][0].text == (
        "A line no catalog has."
    )


def test_a_translation_that_loses_a_placeholder_or_a_bold_mark_counts_as_missing():
    line = "This booklet is from **{board}**."
    broken = {
        f"{CONTEXT}\x04{line}": "Daw'r llyfryn hwn oddi wrth y bwrdd.",
        f"{CONTEXT}\x04It tells you about a **Serious Case Review**.": "Adolygiad Achos Difrifol.",
    }
    welsh = catalog_gettext("cy")
    missing = untranslated(BY_FRAMEWORK["scr-2015"], "cy", lambda m: broken.get(m) or welsh(m))
    assert missing == [line, "It tells you about a **Serious Case Review**."]


def test_an_easy_read_line_never_takes_the_ordinary_leaflets_translation():
    # "Getting help" is a heading of the ordinary leaflet too; the easy read has its own entry.
    urdu = catalog_gettext("ur")
    ordinary = {"Getting help": "ORDINARY LEAFLET"}
    tenant = board(locale="ur")
    ctx = RenderContext(
        branding=Branding(name=BOARD), tenant=tenant, gettext=lambda m: ordinary.get(m) or urdu(m)
    )
    assert easy_read.EASY_READ.html_page is not None
    article = parse(easy_read.EASY_READ.html_page(document("ur"), ctx))
    assert in_catalog("ur", "Getting help") in [h.text for h in article.iter("h2")]
    assert "ORDINARY LEAFLET" not in text_of(article)


# -- the page -----------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", ["en", *TRANSLATED])
def test_the_page_declares_its_language_and_direction(locale):
    article = parse(render_page(locale))
    assert article.get("lang") == locale
    assert article.get("dir") == ("rtl" if locale in RTL else "ltr")


def test_the_urdu_page_is_right_to_left_in_urdu():
    article = parse(render_page("ur"))
    assert (article.get("dir"), article.get("lang")) == ("rtl", "ur")
    assert [h.text for h in article.iter("h1")] == [in_catalog("ur", "Serious Case Review")]
    text = text_of(article)
    assert in_catalog("ur", "It is not about blaming people.") in text
    assert "It is not about blaming people." not in text
    assert "ے" in text  # U+06D2, a letter only Urdu of these languages writes


def test_the_welsh_page_has_the_welsh_lines():
    article = parse(render_page("cy"))
    text = text_of(article)
    for english in ("It is not about blaming people.", "Sometimes it takes longer."):
        welsh = in_catalog("cy", english)
        assert welsh != english
        assert welsh in text
        assert english not in text
    headings = [h.text for h in article.iter("h2")]
    assert in_catalog("cy", "Who does the review?") in headings


@pytest.mark.parametrize("locale", ["en", *TRANSLATED])
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_placeholder_is_filled_in_every_language(locale, framework):
    html = render_page(locale, framework)
    article = parse(html)
    text = text_of(article)
    assert not re.search(r"\{\w*\}", html), re.findall(r"\{\w*\}", html)
    assert "**" not in text
    assert BOARD in text
    links = {a.get("href"): a.text for a in article.iter("a")}
    assert links["tel:+441616034336"] == PHONE
    assert links[f"mailto:{EMAIL}"] == EMAIL
    assert article.findall(".//strong"), "the bold words were lost"


def test_the_panel_and_the_person_to_phone_are_named_in_the_readers_language():
    text = text_of(parse(render_page("pl", contact_role="")))
    # The ordinary leaflet's names for the agencies, joined the Polish way; "us" in Polish.
    polish = catalog_gettext("pl")
    social_care, health, police = (
        polish(n) for n in ("Children's Social Care", "Health", "Police")
    )
    agencies = f"{social_care}, {health} i {police}"
    assert agencies in text
    assert in_catalog("pl", "us") in text
    assert "Police" not in text and "the " not in text


# -- the PDF ------------------------------------------------------------------------------------


def test_the_urdu_pdf_is_in_urdu_set_in_nastaliq(pdfs):
    path = pdfs("ur")
    assert PdfReader(path).trailer["/Root"]["/Lang"] == "ur"
    faces = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    names = [row.split()[0] for row in faces.stdout.splitlines()[2:]]
    assert any("Noto-Nastaliq-Urdu" in name for name in names), names
    assert not any(re.search("Naskh|Kufi|Sans-Arabic", name) for name in names), names
    text = pdftotext(path)
    # pdftotext cannot put Nastaliq clusters back in order, but the letters are Urdu's.
    urdu_letters = re.findall("[\u0600-\u06ff]", text)
    assert len(urdu_letters) > 500
    assert "\u06d2" in text  # ے, Urdu's yeh barree
    assert "It is not about blaming people." not in text
    assert BOARD in " ".join(text.split())


def _header_edges(path: Path) -> tuple[float, float]:
    """Where, as a share of the page's width, the first line of page 1 (the board's name) starts
    and ends."""
    xhtml = pdftotext(path, "-bbox-layout", "-f", "1", "-l", "1")
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", xhtml))  # noqa: S314 - our own file
    page = next(root.iter("{http://www.w3.org/1999/xhtml}page"))
    width = float(page.get("width", 0))
    lines = list(root.iter("{http://www.w3.org/1999/xhtml}line"))
    first = min(lines, key=lambda line: float(line.get("yMin", 0)))
    assert BOARD.split()[0] in "".join(first.itertext())
    return float(first.get("xMin", 0)) / width, float(first.get("xMax", 0)) / width


def _share_of_picture_ink_on_the_right(path: Path) -> float:
    """How much of page 1's pink (the heart picture) lies in the right half of the page."""
    from PIL import Image

    stem = path.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-singlefile", "-png", path, stem],
        check=True,
    )
    image = Image.open(stem.with_suffix(".png")).convert("RGB")
    width, height = image.size
    pink = [
        x
        for x in range(width)
        for y in range(height)
        if (lambda r, g, b: r > 200 and 60 < g < 120 and 90 < b < 150)(*image.getpixel((x, y)))
    ]
    assert pink, "no picture found on page 1"
    return sum(1 for x in pink if x > width / 2) / len(pink)


@pytest.mark.parametrize("locale", ["en", "ur", "ar"])
def test_the_pdf_reads_from_the_languages_side(pdfs, locale):
    path = pdfs(locale)
    # The running header (the board's name) sits at the top corner the reader starts from, and the
    # pictures stand on the same side, before the words they go with.
    start, end = _header_edges(path)
    on_right = _share_of_picture_ink_on_the_right(path)
    if locale in RTL:
        assert end > 0.85 and start > 0.15, (start, end)
        assert on_right > 0.9
    else:
        assert start < 0.15 and end < 0.85, (start, end)
        assert on_right < 0.1


def test_the_pdf_numbers_its_pages_in_the_language(pdfs):
    text = " ".join(pdftotext(pdfs("cy")).split())
    pages = len(PdfReader(pdfs("cy")).pages)
    assert f"Tudalen 1 o {pages}" in text
    assert "Page 1 of" not in text


def test_the_pdf_title_says_easy_read_in_the_language(pdfs):
    title = PdfReader(pdfs("ar")).metadata.title
    assert title.startswith(in_catalog("ar", "Serious Case Review"))
    assert "easy read" not in title and BOARD in title


# -- through the board's pages ------------------------------------------------------------------


def test_the_formats_page_of_a_board_offering_urdu_lists_easy_read(client, demo_tenants):
    assert "ur" in demo_tenants["salford"].locales
    page = client.get("/salford/ur/formats/").get_data(as_text=True)
    assert 'href="/salford/ur/formats/easy-read"' in page
    assert 'href="/salford/ur/formats/easy-read/read"' in page


def test_the_urdu_easy_read_page_and_pdf_are_served(client, demo_tenants):
    response = client.get("/salford/ur/formats/easy-read/read")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<article class="easy-read" lang="ur" dir="rtl">' in page
    assert in_catalog("ur", "It is not about blaming people.") in page
    assert "It is not about blaming people." not in page
    download = client.get("/salford/ur/formats/easy-read")
    try:
        assert download.status_code == 200
        assert download.mimetype == "application/pdf"
        assert download.get_data().startswith(b"%PDF")
    finally:
        download.close()


def test_a_language_missing_a_line_is_not_offered_easy_read(client, demo_tenants, monkeypatch):
    scr = BY_FRAMEWORK["scr-2015"]
    extra = Part(er("About this booklet"), (Point("heart", (er("A line no catalog has."),)),))
    monkeypatch.setitem(
        BY_FRAMEWORK, "scr-2015", EasyRead(scr.title, scr.subtitle, (*scr.parts, extra))
    )
    urdu = client.get("/salford/ur/formats/").get_data(as_text=True)
    assert "/salford/ur/formats/easy-read" not in urdu
    assert client.get("/salford/ur/formats/easy-read/read").status_code == 404
    assert client.get("/salford/ur/formats/easy-read").status_code == 404
    # English, the language the lines are written in, still has it, with the new line.
    english = client.get("/salford/en/formats/easy-read/read").get_data(as_text=True)
    assert "A line no catalog has." in english


# -- filling a catalog from a translator's file -------------------------------------------------


def test_the_fill_script_refuses_a_translation_that_loses_a_placeholder_or_a_bold_mark(tmp_path):
    folder = tmp_path / "ur" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalog = folder / "messages.po"
    shutil.copy(ROOT / "translations" / "ur" / "LC_MESSAGES" / "messages.po", catalog)
    translations = {
        "Sometimes it takes longer.": "کبھی کبھی اس میں زیادہ وقت لگتا ہے!",
        "This booklet is from **{board}**.": "یہ کتابچہ **بورڈ** کی طرف سے ہے۔",
        "It is not about blaming people.": "یہ **لوگوں کو الزام دینے کے بارے میں نہیں ہے۔",
        "A line no catalog has.": "کچھ",
        "Do you have a question?": "",
    }
    source = tmp_path / "ur.json"
    source.write_text(json.dumps(translations, ensure_ascii=False), encoding="utf-8")
    script = ROOT / "scripts" / "apply_easy_read_translations.py"
    run = subprocess.run(
        [sys.executable, script, "ur", source, "--translations", tmp_path],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "1 easy-read translations set, 3 refused" in run.stdout
    assert "{board}" in run.stderr and "bold marks" in run.stderr and "no such" in run.stderr
    with catalog.open("rb") as fh:
        filled = read_po(fh, locale="ur")

    def string(english: str) -> str:
        return filled.get(english, context=CONTEXT).string

    assert string("Sometimes it takes longer.") == "کبھی کبھی اس میں زیادہ وقت لگتا ہے!"
    assert string("This booklet is from **{board}**.") == in_catalog(
        "ur", "This booklet is from **{board}**."
    )
    assert string("Do you have a question?") == in_catalog("ur", "Do you have a question?")
