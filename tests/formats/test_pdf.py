"""The PDF and large-print formats, checked in the files they produce with poppler and pypdf."""

from __future__ import annotations

import importlib
import itertools
import math
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from format_samples import (
    BOARD,
    MODULES,
    PHONE,
    SAMPLE_LOCALES,
    sample_context,
    sample_document,
)
from pypdf import PdfReader

PRINTED = ("pdf", "large-print")
# pdftotext cannot put Nastaliq or Bengali clusters back in reading order, so for Urdu and Bengali
# the headings are checked in the bookmarks, which hold the exact text.
EXTRACTABLE = ("en", "cy", "ar")


BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdftotext(path: Path) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True)
    return " ".join(BIDI_CONTROLS.sub("", text.stdout.decode("utf-8")).split())


def words(text: str) -> str:
    """Words only, space separated: pdftotext moves punctuation around in right-to-left lines, and
    writes the letters of the lam-alef ligature in visual order, so both orders are made one."""
    return re.sub(
        "\u0644([\u0627\u0623\u0625\u0622])", "\\1\u0644", " ".join(re.findall(r"\w+", text))
    )


def fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    return [row.split() for row in rows]


def bookmarks(path: Path) -> list[str]:
    def walk(items: list) -> list[str]:
        titles: list[str] = []
        for item in items:
            titles += walk(item) if isinstance(item, list) else [item.title]
        return titles

    return walk(PdfReader(path).outline)


def text_sizes(path: Path) -> dict[float, int]:
    """Effective size in points of every piece of text drawn, with how many characters use it."""
    sizes: dict[float, int] = {}
    for page in PdfReader(path).pages:

        def visit(text, cm, tm, font_dict, font_size):
            if text.strip():
                c, d = _vertical_scale(tm, cm)
                size = round(font_size * math.hypot(c, d), 2)
                sizes[size] = sizes.get(size, 0) + len(text.strip())

        page.extract_text(visitor_text=visit)
    return sizes


def _vertical_scale(tm: list, cm: list) -> tuple[float, float]:
    """The (c, d) entries of tm x cm: how far one unit of text height reaches on the page."""
    c, d = float(tm[2]), float(tm[3])
    return c * float(cm[0]) + d * float(cm[2]), c * float(cm[1]) + d * float(cm[3])


def text_lines(path: Path) -> list[dict[str, float]]:
    """Every line of text with its box, from `pdftotext -bbox-layout`, grouped by block."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, check=True
    ).stdout
    # Our own pdftotext's output for our own file, not untrusted input.
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", out))  # noqa: S314
    lines = []
    for index, block in enumerate(root.iter("{http://www.w3.org/1999/xhtml}block")):
        for line in block.iter("{http://www.w3.org/1999/xhtml}line"):
            box = {k: float(line.get(k, 0)) for k in ("xMin", "xMax", "yMin", "yMax")}
            lines.append({**box, "block": index})
    return lines


@pytest.mark.parametrize("key", PRINTED)
@pytest.mark.parametrize("locale", SAMPLE_LOCALES)
def test_pdf_text_holds_board_name_and_phone_number(rendered, key, locale):
    text = pdftotext(rendered(key, locale))
    assert BOARD in text
    assert PHONE in text


@pytest.mark.parametrize("key", PRINTED)
@pytest.mark.parametrize("locale", EXTRACTABLE)
def test_pdf_text_holds_the_localised_headings(rendered, key, locale):
    text = pdftotext(rendered(key, locale))
    doc = sample_document(locale)
    for heading in [doc.title, *(s.heading for s in doc.sections)]:
        assert words(heading) in words(text)


@pytest.mark.parametrize("key", PRINTED)
@pytest.mark.parametrize("locale", SAMPLE_LOCALES)
def test_pdf_bookmarks_are_the_title_and_section_headings(rendered, key, locale):
    doc = sample_document(locale)
    marks = bookmarks(rendered(key, locale))
    assert marks[0] == doc.title
    for section in doc.sections:
        assert section.heading in marks


@pytest.mark.parametrize("key", PRINTED)
@pytest.mark.parametrize("locale", SAMPLE_LOCALES)
def test_pdf_embeds_every_font(rendered, key, locale):
    rows = fonts(rendered(key, locale))
    assert rows
    for row in rows:
        emb = row[-5]
        assert emb == "yes", row


@pytest.mark.parametrize("key", PRINTED)
@pytest.mark.parametrize("locale", SAMPLE_LOCALES)
def test_pdf_pages_are_a4(rendered, key, locale):
    for page in PdfReader(rendered(key, locale)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595.28) <= 1 and abs(height - 841.89) <= 1


@pytest.mark.parametrize("key", PRINTED)
@pytest.mark.parametrize("locale", SAMPLE_LOCALES)
def test_pdf_is_tagged_and_declares_language_title_and_board(rendered, key, locale):
    path = rendered(key, locale)
    reader = PdfReader(path)
    doc = sample_document(locale)
    assert reader.trailer["/Root"]["/Lang"] == locale
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.metadata.title == doc.title
    assert reader.metadata.author == BOARD


@pytest.mark.parametrize("key", PRINTED)
def test_urdu_is_set_in_nastaliq_and_never_in_naskh_or_kufi(rendered, key):
    names = [row[0] for row in fonts(rendered(key, "ur"))]
    assert any("Noto-Nastaliq-Urdu" in name for name in names), names
    assert not any(re.search("Naskh|Kufi|Sans-Arabic", name) for name in names), names


@pytest.mark.parametrize(
    ("locale", "face"), [("ar", "Noto-Naskh-Arabic"), ("bn", "Noto-Sans-Bengali")]
)
def test_pdf_names_the_face_of_each_script(rendered, locale, face):
    names = [row[0] for row in fonts(rendered("pdf", locale))]
    assert any(face in name for name in names), names


def line_edges(path: Path) -> list[tuple[int, int]]:
    """(left, right) ink edges of each band of text on page 1, from a greyscale image of the page.

    Measured on the image because pdftotext cannot place Nastaliq lines."""
    from PIL import Image

    image_path = path.with_suffix(".edges")
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            "-png",
            path,
            image_path,
        ],
        check=True,
    )
    image = Image.open(image_path.with_suffix(".edges.png")).point(lambda v: 255 if v < 160 else 0)
    width, height = image.size
    bands, inked = [], []
    for y in range(height):
        box = image.crop((0, y, width, y + 1)).getbbox()
        if box:
            inked.append(box)
        elif inked:
            bands.append((min(b[0] for b in inked), max(b[2] for b in inked)))
            inked = []
    return bands


@pytest.mark.parametrize("key", PRINTED)
@pytest.mark.parametrize(("locale", "side"), [("en", "left"), ("ur", "right"), ("ar", "right")])
def test_text_is_ranged_to_the_side_it_is_read_from(rendered, key, locale, side):
    bands = line_edges(rendered(key, locale))
    lefts, rights = [b[0] for b in bands], [b[1] for b in bands]
    # Nastaliq's swashes overhang the margin unevenly (4% of the page width is allowed); the page
    # number, a narrow band at the foot, is left out.
    page_width = max(rights)
    slack = 0.04 * page_width
    bands = [b for b in bands if b[1] - b[0] > 0.15 * page_width]
    if side == "left":
        flush = [left - min(lefts) < slack for left, _ in bands]
    else:
        flush = [page_width - right < slack for _, right in bands]
    assert sum(flush) >= 0.7 * len(bands), bands


@pytest.mark.parametrize("key", PRINTED)
def test_pdf_keeps_web_and_phone_links(rendered, key):
    uris = set()
    for page in PdfReader(rendered(key, "en")).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.add(str(action["/URI"]))
    assert "tel:+441614960734" in uris
    assert any(uri.startswith("https://www.gov.uk/") for uri in uris)
    assert any(uri.startswith("mailto:") for uri in uris)


@pytest.mark.parametrize("key", PRINTED)
def test_pdf_render_is_repeatable(key):
    (fmt,) = importlib.import_module(MODULES[key]).register_formats()
    doc = sample_document("cy")
    assert fmt.render(doc, sample_context()) == fmt.render(doc, sample_context())


# Large print ------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", SAMPLE_LOCALES)
def test_large_print_has_no_text_smaller_than_18pt(rendered, locale):
    sizes = text_sizes(rendered("large-print", locale))
    assert min(sizes) >= 18 - 0.01, sizes


def test_standard_pdf_body_is_smaller_so_the_size_measure_can_fail(rendered):
    assert min(text_sizes(rendered("pdf", "en"))) < 18


@pytest.mark.parametrize("locale", SAMPLE_LOCALES)
def test_large_print_has_no_italic_faces(rendered, locale):
    names = [row[0] for row in fonts(rendered("large-print", locale))]
    assert not any(re.search("Italic|Oblique", name) for name in names), names


def test_large_print_lines_are_spaced_at_least_one_and_a_half(rendered):
    lines = text_lines(rendered("large-print", "en"))
    gaps = [
        below["yMin"] - above["yMin"]
        for above, below in itertools.pairwise(lines)
        if above["block"] == below["block"]
    ]
    assert gaps
    assert min(gaps) >= 1.5 * 18 - 0.5, gaps


def test_large_print_writes_link_addresses_out_and_has_no_blocks_of_capitals(rendered):
    text = pdftotext(rendered("large-print", "en"))
    assert "https://www.gov.uk/government/publications/" in text.replace(" ", "")
    shouting = re.findall(r"\b(?:[A-Z]{2,}\s+){2,}[A-Z]{2,}\b", text)
    assert not shouting


def baselines(path: Path, size: float) -> list[float]:
    """The heights on the first page at which text of `size` points sits, lowest first."""
    found: set[float] = set()

    def visit(text, cm, tm, font_dict, font_size):
        c, d = _vertical_scale(tm, cm)
        if text.strip() and abs(font_size * math.hypot(c, d) - size) < 0.5:
            found.add(
                round(float(tm[4]) * float(cm[1]) + float(tm[5]) * float(cm[3]) + float(cm[5]), 1)
            )

    PdfReader(path).pages[0].extract_text(visitor_text=visit)
    return sorted(found)


def test_an_urdu_title_over_several_lines_is_spaced_for_nastaliq(tmp_path):
    """Nastaliq climbs and falls far from its baseline: its title lines need about twice the size."""
    import dataclasses

    from plugins.formats import pdf

    doc = sample_document("ur")
    doc = dataclasses.replace(doc, title=" ".join([doc.title] * 3))
    path = tmp_path / "title.pdf"
    path.write_bytes(pdf.render(doc, sample_context()))
    lines = baselines(path, 22)
    assert len(lines) >= 2, lines
    gaps = [upper - lower for lower, upper in itertools.pairwise(lines)]
    assert min(gaps) >= 1.8 * 22, gaps
