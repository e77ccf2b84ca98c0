"""The Word format: real heading styles, the document language, right to left where it is read so."""

from __future__ import annotations

import dataclasses
import io

import docx
import pytest
from docx.oxml.ns import qn
from format_samples import BOARD, SAMPLE_LOCALES, sample_context, sample_document

from core import db
from core.board.services import leaflet
from core.formats.service import render_context
from plugins.formats import docx as word_format

LANGUAGE = {"en": "en-GB", "cy": "cy-GB", "ur": "ur-PK", "ar": "ar-SA", "bn": "bn-BD"}
COMPLEX_FONT = {"ur": "Noto Nastaliq Urdu", "ar": "Noto Naskh Arabic", "bn": "Noto Sans Bengali"}


def open_docx(rendered, locale):
    return docx.Document(str(rendered("docx", locale)))


def style_language(document, name: str) -> dict[str, str]:
    lang = document.styles[name].element.rPr.find(qn("w:lang"))
    return {key.split("}")[1]: value for key, value in lang.attrib.items()}


@pytest.mark.parametrize("locale", SAMPLE_LOCALES)
def test_docx_uses_heading_styles_for_title_and_sections(rendered, locale):
    document = open_docx(rendered, locale)
    doc = sample_document(locale)
    by_style: dict[str, list[str]] = {}
    for para in document.paragraphs:
        by_style.setdefault(para.style.name, []).append(para.text)
    assert by_style["Heading 1"] == [doc.title]
    assert by_style["Heading 2"] == [section.heading for section in doc.sections]
    assert len(by_style["List Bullet"]) == 3


@pytest.mark.parametrize("locale", SAMPLE_LOCALES)
def test_docx_declares_the_document_language(rendered, locale):
    document = open_docx(rendered, locale)
    assert document.core_properties.language == LANGUAGE[locale]
    assert document.core_properties.title == sample_document(locale).title
    assert document.core_properties.author == BOARD
    lang = style_language(document, "Normal")
    if locale in COMPLEX_FONT:
        assert lang["bidi"] == LANGUAGE[locale]
        fonts = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:cs")) == COMPLEX_FONT[locale]
    else:
        assert lang["val"] == LANGUAGE[locale]


@pytest.mark.parametrize(("locale", "rtl"), [("ar", True), ("ur", True), ("en", False)])
def test_docx_sets_right_to_left_paragraphs_and_runs_for_arabic_and_urdu(rendered, locale, rtl):
    document = open_docx(rendered, locale)
    for para in document.paragraphs:
        p_pr = para._p.pPr
        assert (p_pr is not None and p_pr.find(qn("w:bidi")) is not None) == rtl
        for run in para.runs:
            if not run.text.isascii():
                has_rtl = run._r.rPr is not None and run._r.rPr.find(qn("w:rtl")) is not None
                assert has_rtl == rtl


def test_docx_links_are_real_hyperlinks(rendered):
    document = open_docx(rendered, "en")
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert "tel:+441614960734" in targets
    assert any(t.startswith("mailto:") for t in targets)
    assert any(t.startswith("https://www.gov.uk/") for t in targets)
    assert len(document.element.body.findall(".//" + qn("w:hyperlink"))) == 3


def test_docx_render_is_repeatable():
    doc, ctx = sample_document("cy"), sample_context()
    assert word_format.render(doc, ctx) == word_format.render(doc, ctx)


def test_a_summary_longer_than_words_property_limit_is_shortened_there_and_whole_in_the_text():
    """Word's core properties hold 255 characters; a leaflet's summary in Polish ran past it."""
    long = " ".join(["Ta ulotka wyjaśnia, co oznacza przegląd dla Państwa rodziny."] * 6)
    doc = dataclasses.replace(sample_document("en"), summary=long, title="T" * 300)
    (fmt,) = word_format.register_formats()
    document = docx.Document(io.BytesIO(fmt.render(doc, sample_context())))
    subject = document.core_properties.subject
    assert len(subject) <= 255 and subject.endswith("…")
    assert long.startswith(subject[:-1]) and long[len(subject) - 1] == " "  # cut between words
    assert len(document.core_properties.title) <= 255
    assert long in [p.text for p in document.paragraphs]  # the leaflet itself keeps it whole


def test_every_demo_boards_leaflet_in_every_language_it_offers_makes_a_word_file(app, demo_tenants):
    """The boards' own text, not the samples': Northmoor's Polish summary is over 255 characters."""
    (fmt,) = word_format.register_formats()
    made = []
    with app.test_request_context("/"):
        for tenant in demo_tenants.values():
            with db.tenant_scope(tenant.id):
                for locale in tenant.locales:
                    data = fmt.render(
                        leaflet(tenant, locale), render_context(tenant, locale, "docx")
                    )
                    document = docx.Document(io.BytesIO(data))
                    assert document.core_properties.language
                    made.append((tenant.slug, locale))
    assert ("northmoor", "pl") in made and len(made) >= len(demo_tenants) * 2
