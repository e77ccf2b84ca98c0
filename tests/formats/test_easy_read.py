"""The easy-read format: its PDF (read back with poppler), its HTML fragment, and its pictures."""

from __future__ import annotations

import math
import re
import subprocess
import xml.etree.ElementTree as ET
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.plugin_api import Branding, Document, RenderContext, TenantView
from plugins.formats import easy_read
from plugins.formats.easy_read.content import FilledEasyRead
from plugins.formats.easy_read.leaflets import BY_FRAMEWORK, GENERIC, easy_read_for
from plugins.formats.easy_read.render import pdf_document
from plugins.formats.easy_read.svg import PICTURES_DIR, picture_ids

SVG = "{http://www.w3.org/2000/svg}"
PHONE = "0161 603 4336"
EMAIL = "safeguarding@example.org.uk"

KEY_SENTENCES = {
    "scr-2015": [
        "It tells you about a Serious Case Review.",
        "It is not about blaming people.",
        "We try to finish the review in 6 months.",
        "The Lead Reviewer will meet you to talk about the report.",
    ],
    "lcspr-2023": [
        "It tells you about a Local Child Safeguarding Practice Review.",
        "It does this within 5 working days.",
        "This is called a rapid review.",
        "It takes up to 15 working days.",
        "We do this within 6 months of deciding to do the review.",
    ],
    "wales-cpr": [
        "It tells you about a Child Practice Review.",
        "The reviewers would like to meet you.",
        "It is called the Wales Safeguarding Repository.",
    ],
    "no-such-framework": [
        "It tells you about a case review.",
        "It is not about blaming people.",
    ],
}


def board(framework: str, **changes: object) -> TenantView:
    fields: dict[str, object] = {
        "id": 1,
        "slug": "riverside",
        "name": "Riverside Safeguarding Children Partnership",
        "jurisdiction": "wales" if framework == "wales-cpr" else "england",
        "framework": framework,
        "default_locale": "en",
        "locales": ("en",),
        "contact_role": "Business Manager",
        "contact_phone": PHONE,
        "contact_email": EMAIL,
    }
    fields.update(changes)
    return TenantView(**fields)  # type: ignore[arg-type]


def context(tenant: TenantView, **branding: str) -> RenderContext:
    return RenderContext(branding=Branding(name=tenant.name, **branding), tenant=tenant)


def leaflet_for(tenant: TenantView) -> Document:
    # The format takes its words from the board's framework; the leaflet is passed but not read.
    return Document(title="Leaflet", locale="en", board_name=tenant.name, sections=())


def render_pdf(tenant: TenantView, **branding: str) -> bytes:
    return easy_read.EASY_READ.render(leaflet_for(tenant), context(tenant, **branding))


def render_page(tenant: TenantView, **branding: str) -> str:
    assert easy_read.EASY_READ.html_page is not None
    return easy_read.EASY_READ.html_page(leaflet_for(tenant), context(tenant, **branding))


@pytest.fixture(scope="module", params=list(KEY_SENTENCES))
def framework_pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    framework: str = request.param
    path = tmp_path_factory.mktemp("easy-read") / f"{framework}.pdf"
    path.write_bytes(render_pdf(board(framework)))
    return framework, path


def pdf_text(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


def test_pdf_holds_board_name_phone_email_and_key_sentences(framework_pdf):
    framework, path = framework_pdf
    text = pdf_text(path)
    assert "Riverside Safeguarding Children Partnership" in text
    assert PHONE in text
    assert EMAIL in text
    for sentence in KEY_SENTENCES[framework]:
        assert sentence in text


def test_pdf_puts_the_board_name_in_the_header_of_every_page(framework_pdf):
    _, path = framework_pdf
    reader = PdfReader(path)
    for page in reader.pages:
        assert "Riverside Safeguarding Children Partnership" in page.extract_text()


def test_pdf_pages_are_a4(framework_pdf):
    _, path = framework_pdf
    for page in PdfReader(path).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert math.isclose(width, 595.28, abs_tol=0.5)
        assert math.isclose(height, 841.89, abs_tol=0.5)


def test_pdf_embeds_every_font(framework_pdf):
    _, path = framework_pdf
    listing = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert listing, "the PDF names no fonts"
    for row in listing:
        # Columns after the name: type words, encoding, then emb sub uni object ID.
        emb = row.split()[-5]
        assert emb == "yes", row


def test_pdf_text_is_never_smaller_than_16pt(framework_pdf):
    _, path = framework_pdf
    sizes: list[float] = []

    def collect(text, cm, tm, font_dict, font_size):
        if text.strip():
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            sizes.append(font_size * scale)

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=collect)
    assert sizes
    assert min(sizes) >= 16 - 0.01
    # Most of the text is body text, which is 18pt.
    assert sorted(sizes)[len(sizes) // 2] >= 18 - 0.01


def test_pdf_is_tagged_and_declares_english(framework_pdf):
    _, path = framework_pdf
    root = PdfReader(path).trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"]


def parse_fragment(html: str) -> ET.Element:
    return ET.fromstring(html)  # noqa: S314 - our own markup, not untrusted input


@pytest.mark.parametrize("framework", list(KEY_SENTENCES))
def test_page_has_one_picture_per_point(framework):
    tenant = board(framework)
    article = parse_fragment(render_page(tenant))
    points = article.findall(".//li")
    assert len(points) == len(easy_read_for(tenant).points)
    for point in points:
        pictures = point.findall(f".//{SVG}svg")
        assert len(pictures) == 1
        assert pictures[0].get("aria-hidden") == "true"
        assert 1 <= len(point.findall(".//p")) <= 3


@pytest.mark.parametrize("framework", list(KEY_SENTENCES))
def test_page_has_one_title_and_a_heading_per_part(framework):
    tenant = board(framework)
    leaflet = easy_read_for(tenant)
    article = parse_fragment(render_page(tenant))
    assert article.tag == "article"
    assert article.get("lang") == "en"
    assert [h.text for h in article.iter("h1")] == [leaflet.title]
    assert [h.text for h in article.iter("h2")] == [part.heading for part in leaflet.parts]
    for section in article.iter("section"):
        assert section[0].tag == "h2"
        assert section[1].tag == "ul"


@pytest.mark.parametrize("framework", list(KEY_SENTENCES))
def test_page_has_no_inline_script_or_style(framework):
    html = render_page(board(framework))
    assert not re.search(r"<\s*(script|style)\b", html, re.IGNORECASE)
    assert not re.search(r"\s(style|on[a-z]+)\s*=", html, re.IGNORECASE)
    assert "<html" not in html
    assert "<body" not in html


def test_page_links_the_phone_number_and_email():
    article = parse_fragment(render_page(board("scr-2015")))
    links = {a.get("href"): a.text for a in article.iter("a")}
    assert links["tel:+441616034336"] == PHONE
    assert links[f"mailto:{EMAIL}"] == EMAIL


def test_board_without_phone_or_email_gets_no_empty_contact_points():
    tenant = board("scr-2015", contact_phone="", contact_email="", contact_role="")
    html = render_page(tenant)
    assert "tel:" not in html
    assert "mailto:" not in html
    pictures = [point.picture for point in easy_read_for(tenant).points]
    assert "phone" not in pictures
    assert "envelope" not in pictures


def test_page_escapes_the_board_name():
    html = render_page(board("scr-2015", name="Tom & Jerry <Board>"))
    assert "Tom &amp; Jerry &lt;Board&gt;" in html
    assert "<Board>" not in html


def test_pictures_take_the_board_colour():
    html = render_page(board("scr-2015"), primary_colour="#6b2c91")
    assert "#6b2c91" in html
    assert "#1d4f91" not in html.lower()


def test_pdf_swaps_a_faint_board_colour_for_a_readable_one():
    tenant = board("scr-2015")
    faint = Branding(name=tenant.name, primary_colour="#ffee00", link_colour="#ffee00")
    html = pdf_document(easy_read_for(tenant), faint)
    assert ".er-part h2 { color: #1b1b1b;" in html
    assert ".er-link { color: #1b1b1b; }" in html


def test_unknown_framework_falls_back_to_the_generic_case_review():
    assert easy_read_for(board("no-such-framework")).title == GENERIC.title
    assert easy_read_for(board("scr-2015")).title == "Serious Case Review"


@pytest.mark.parametrize("framework", [*BY_FRAMEWORK, "no-such-framework"])
def test_each_version_has_between_12_and_20_points_of_up_to_3_lines(framework):
    leaflet: FilledEasyRead = easy_read_for(board(framework))
    assert 12 <= len(leaflet.points) <= 20
    for point in leaflet.points:
        assert 1 <= len(point.lines) <= 3


def test_every_point_names_a_picture_that_exists():
    known = set(picture_ids())
    for leaflet in [*BY_FRAMEWORK.values(), GENERIC]:
        for part in leaflet.parts:
            for point in part.points:
                assert point.picture in known


@pytest.mark.parametrize("path", sorted(PICTURES_DIR.glob("*.svg")), ids=lambda p: p.stem)
def test_every_picture_is_an_svg_with_a_viewbox_and_no_style_or_script(path: Path):
    root = ET.parse(path).getroot()  # noqa: S314 - files we ship
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 100 100"
    assert root.get("role") == "img"
    for element in root.iter():
        assert element.tag not in {f"{SVG}script", f"{SVG}style", f"{SVG}image"}
        assert "style" not in element.attrib
        assert not any(name.startswith("on") for name in element.attrib)


def test_format_declares_a_pdf_with_a_readable_page_wherever_its_lines_are_translated():
    fmt = easy_read.EASY_READ
    assert fmt.key == "easy-read"
    assert fmt.media_type == "application/pdf"
    assert fmt.extension == "pdf"
    # No fixed list of languages: `serves` checks the board's version is translated (see
    # test_easy_read_languages.py); English needs no catalog.
    assert fmt.locales is None
    assert fmt.offered_in(board("scr-2015"), "en", lambda s: s)
    assert not fmt.offered_in(board("scr-2015"), "ur", lambda s: s)
    assert fmt.available() is None
    assert fmt.label(lambda s: s) == "Easy read"


def test_plugin_is_registered_through_its_entry_point():
    (entry,) = [e for e in entry_points(group="candour.plugins") if e.name == "easy-read"]
    plugin = entry.load()
    assert [f.key for f in plugin.register_formats()] == ["easy-read"]
    folders = plugin.register_static_folders()
    assert (Path(folders["easy-read"]) / "easy-read.css").is_file()


def test_the_panel_is_named_in_words_never_by_a_settings_key():
    tenant = board("scr-2015", panel_agencies=("childrens-social-care", "health", "police"))
    page = render_page(tenant)
    assert "childrens-social-care" not in page
    assert "Children&#39;s Social Care, Health and the Police" in page or (
        "Children's Social Care, Health and the Police" in page
    )


@pytest.mark.parametrize("framework", list(KEY_SENTENCES))
def test_every_easy_read_says_where_to_get_help(framework):
    page = render_page(board(framework))
    for words in ("advocate", "interpreter", "complain"):
        assert words in page, words
