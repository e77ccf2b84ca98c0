"""Builds the Word document: styles carry language, direction and fonts; paragraphs carry the text.

Word decides per character whether text is "complex script" (Arabic, Urdu, Bengali) and then uses
the `cs` font, `szCs` size and `bidi` language, so each is set beside its Latin counterpart.
"""

from __future__ import annotations

from typing import Any

from core.plugin_api import BulletList, ContactBlock, Document, Link, Paragraph, RenderContext
from plugins.formats.common.print_css import safe_colour
from plugins.formats.common.scripts import script_for

LATIN_FONT = "Noto Sans"
COMPLEX_LOCALES = frozenset({"ar", "ur", "bn"})
SIZES_PT = {"Normal": 12, "Heading 1": 22, "Heading 2": 16, "Heading 3": 13, "List Bullet": 12}


def _set(element: Any, tag: str, **attrs: str) -> Any:
    """Find or add child `tag` of `element` and set its w: attributes."""
    from docx.oxml.ns import qn

    child = element.find(qn(tag))
    if child is None:
        from docx.oxml import OxmlElement

        child = OxmlElement(tag)
        element.append(child)
    for name, value in attrs.items():
        child.set(qn(f"w:{name}"), value)
    return child


class WordWriter:
    """Writes one leaflet into a fresh python-docx document."""

    def __init__(self, doc: Document, ctx: RenderContext) -> None:
        import docx
        from docx.shared import RGBColor

        self.source = doc
        self.language = doc.locale.split("-")[0].lower()
        self.script = script_for(doc.locale)
        self.rtl = doc.direction == "rtl"
        self.complex = self.language in COMPLEX_LOCALES
        self.word = docx.Document()
        brand = safe_colour(ctx.branding.primary_colour, "#1d4f91").lstrip("#")
        if len(brand) == 3:
            brand = "".join(ch * 2 for ch in brand)
        self.brand = RGBColor.from_string(brand.upper())

    # Styles -----------------------------------------------------------------------------------

    def style_run_properties(self, rpr: Any, size_pt: int) -> None:
        fonts = {"ascii": LATIN_FONT, "hAnsi": LATIN_FONT, "cs": self.script.font}
        rfonts = _set(rpr, "w:rFonts", **fonts)
        for theme in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
            rfonts.attrib.pop(f"{{{rfonts.nsmap['w']}}}{theme}", None)
        lang = {"val": "en-GB" if self.complex else self.script.bcp47}
        if self.complex:
            lang["bidi"] = self.script.bcp47
        _set(rpr, "w:lang", **lang)
        _set(rpr, "w:szCs", val=str(size_pt * 2))
        if self.rtl:
            _set(rpr, "w:rtl")

    def prepare_styles(self) -> None:
        from docx.shared import Pt

        for name, size in SIZES_PT.items():
            style = self.word.styles[name]
            style.font.size = Pt(size)
            if name.startswith("Heading"):
                style.font.color.rgb = self.brand
                style.font.bold = True
            self.style_run_properties(style.element.get_or_add_rPr(), size)
            if self.rtl:
                _set(style.element.get_or_add_pPr(), "w:bidi")

    # Content ----------------------------------------------------------------------------------

    def paragraph(self, style: str) -> Any:
        para = self.word.add_paragraph(style=style)
        if self.rtl:
            _set(para._p.get_or_add_pPr(), "w:bidi")
        return para

    def run(self, para: Any, text: str, *, bold: bool = False) -> Any:
        run = para.add_run(text)
        run.bold = bold or None
        if self.rtl and not text.isascii():
            _set(run._r.get_or_add_rPr(), "w:rtl")
        return run

    def hyperlink(self, para: Any, text: str, href: str) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rel_id = para.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), rel_id)
        run = OxmlElement("w:r")
        rpr = _set(run, "w:rPr")
        _set(rpr, "w:color", val=str(self.brand))
        _set(rpr, "w:u", val="single")
        if self.rtl and not text.isascii():
            _set(rpr, "w:rtl")
        text_el = _set(run, "w:t")
        text_el.text = text
        text_el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        link.append(run)
        para._p.append(link)

    def inline(self, para: Any, paragraph: Paragraph) -> None:
        for part in paragraph.parts:
            if isinstance(part, Link):
                self.hyperlink(para, part.text, part.href)
            else:
                self.run(para, part)

    def contact(self, block: ContactBlock) -> None:
        self.run(self.paragraph("Heading 3"), block.heading)
        self.run(self.paragraph("Normal"), block.organisation, bold=True)
        if block.role:
            self.run(self.paragraph("Normal"), block.role)
        if block.phone:
            para = self.paragraph("Normal")
            self.run(para, f"{block.phone_label}: ")
            self.hyperlink(para, block.phone, block.tel_href)
        if block.email:
            para = self.paragraph("Normal")
            self.run(para, f"{block.email_label}: ")
            self.hyperlink(para, block.email, f"mailto:{block.email}")
        if block.address:
            self.run(self.paragraph("Normal"), f"{block.address_label}: {block.address}")

    def write(self) -> Any:
        doc = self.source
        self.prepare_styles()
        self.run(self.paragraph("Normal"), doc.board_name, bold=True)
        self.run(self.paragraph("Heading 1"), doc.title)
        if doc.summary:
            self.run(self.paragraph("Normal"), doc.summary)
        for section in doc.sections:
            self.run(self.paragraph("Heading 2"), section.heading)
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    self.inline(self.paragraph("Normal"), block)
                elif isinstance(block, BulletList):
                    for item in block.items:
                        self.inline(self.paragraph("List Bullet"), item)
                else:
                    self.contact(block)
        props = self.word.core_properties
        props.title = _property(doc.title)
        props.author = _property(doc.board_name)
        props.language = self.script.bcp47
        props.subject = _property(doc.summary)
        props.comments = ""
        props.last_modified_by = _property(doc.board_name)
        props.revision = 1
        return self.word


PROPERTY_LIMIT = 255  # characters in a Word file's title, subject or author (its core properties)


def _property(text: str) -> str:
    """`text` as a core property: whole if it fits, else cut at the last space that leaves room
    for an ellipsis (a summary in Polish or Welsh runs past the limit; the leaflet keeps it whole)."""
    if len(text) <= PROPERTY_LIMIT:
        return text
    cut = text[: PROPERTY_LIMIT - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > PROPERTY_LIMIT // 2 else cut).rstrip(" ,;:") + "…"
