"""Hostile PDFs built by hand with pikepdf: each hides a name in one place a page's text does not
show (a bookmark, an annotation, a form field, an information key, XMP, a name tree, an attached
file, a hidden layer, ActualText, alt text, text off the page), or carries active content."""

from __future__ import annotations

import io
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, String

CLEAN = "Learning from the review of Child A"


def _save(pdf: Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def base(text: str = CLEAN, extra_content: str = "") -> Pdf:
    """A one-page PDF with Helvetica text, as a minimal producer would write it."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                   Encoding=Name.WinAnsiEncoding)
    )  # fmt: skip
    content = f"BT /F1 12 Tf 72 720 Td ({_escape(text)}) Tj ET\n{extra_content}"
    page = Dictionary(
        Type=Name.Page,
        MediaBox=Array([0, 0, 612, 792]),
        Resources=Dictionary(Font=Dictionary(F1=font)),
        Contents=pdf.make_stream(content.encode("cp1252")),
    )
    pdf.pages.append(pikepdf.Page(page))
    return pdf


def clean(text: str = CLEAN) -> bytes:
    return _save(base(text))


def in_bookmark(name: str) -> bytes:
    pdf = base()
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Introduction", 0))
        outline.root[0].children.append(pikepdf.OutlineItem(f"What {name} said", 0))
    return _save(pdf)


def in_annotation(name: str) -> bytes:
    pdf = base()
    note = Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=Array([10, 10, 30, 30]),
                      Contents=String(f"Check with {name}"), T=String("Reviewer"))  # fmt: skip
    pdf.pages[0].obj.Annots = pdf.make_indirect(Array([pdf.make_indirect(note)]))
    return _save(pdf)


def in_appearance(name: str) -> bytes:
    """A free-text annotation whose /Contents is clean but whose drawn appearance holds the name."""
    pdf = base()
    font = pdf.pages[0].obj.Resources.Font.F1
    appearance = pdf.make_stream(
        f"BT /F1 10 Tf 2 2 Td ({_escape(name)}) Tj ET".encode(),
        Type=Name.XObject, Subtype=Name.Form, BBox=Array([0, 0, 200, 20]),
        Resources=Dictionary(Font=Dictionary(F1=font)),
    )  # fmt: skip
    annot = Dictionary(Type=Name.Annot, Subtype=Name.FreeText, Rect=Array([72, 600, 272, 620]),
                       Contents=String("A note"), AP=Dictionary(N=appearance))  # fmt: skip
    pdf.pages[0].obj.Annots = Array([pdf.make_indirect(annot)])
    return _save(pdf)


def in_form_field(name: str) -> bytes:
    pdf = base()
    widget = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("child"),
                   V=String(name), Rect=Array([72, 500, 272, 520]), P=pdf.pages[0].obj)
    )  # fmt: skip
    pdf.pages[0].obj.Annots = Array([widget])
    pdf.Root.AcroForm = Dictionary(Fields=Array([widget]))
    return _save(pdf)


def in_info(name: str, key: str = "/Creator") -> bytes:
    pdf = base()
    pdf.docinfo[Name(key)] = String(f"Typed up for {name}")
    return _save(pdf)


def in_info_key(name: str) -> bytes:
    """The name as an information key, not a value."""
    pdf = base()
    pdf.docinfo[Name("/" + name.replace(" ", ""))] = String("yes")
    return _save(pdf)


def in_xmp(name: str) -> bytes:
    pdf = base()
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:description"] = f"Notes about {name}"
    return _save(pdf)


def in_name_tree(name: str) -> bytes:
    pdf = base()
    dest = Array([pdf.pages[0].obj, Name.Fit])
    pdf.Root.Names = Dictionary(Dests=Dictionary(Names=Array([String(name), dest])))
    return _save(pdf)


def with_attachment(data: bytes, filename: str = "notes.txt") -> bytes:
    pdf = base()
    pdf.attachments[filename] = pikepdf.AttachedFileSpec(pdf, data, mime_type="text/plain")
    return _save(pdf)


def in_attachment(name: str) -> bytes:
    return with_attachment(f"Notes on {name}\n".encode())


def in_nested_attachment(name: str) -> bytes:
    """A PDF attached to a PDF attached to the report, the name in the innermost one's text."""
    inner = _save(base(f"Meeting with {name}"))
    return with_attachment(with_attachment(inner, "inner.pdf"), "outer.pdf")


def in_word_attachment(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "word/document.xml",
            f"<w:document xmlns:w='urn:w'><w:body><w:p><w:r><w:t>{name}</w:t></w:r></w:p>"
            "</w:body></w:document>",
        )
    return with_attachment(out.getvalue(), "minutes.docx")


def in_hidden_layer(name: str) -> bytes:
    """Optional content switched off: a reader shows nothing, the content stream holds the name."""
    pdf = base(extra_content=f"/OC /L1 BDC BT /F1 12 Tf 72 700 Td ({_escape(name)}) Tj ET EMC")
    layer = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Draft notes")))
    pdf.pages[0].obj.Resources.Properties = Dictionary(L1=layer)
    pdf.Root.OCProperties = Dictionary(
        OCGs=Array([layer]), D=Dictionary(OFF=Array([layer]), Order=Array([layer]))
    )
    return _save(pdf)


def in_actual_text(name: str) -> bytes:
    """Shown as a clean word, but its ActualText (what copy and paste gives) is the name."""
    return _save(
        base(extra_content=f"/Span <</ActualText ({_escape(name)})>> BDC BT /F1 12 Tf 72 680 Td "
             "(the child) Tj ET EMC")
    )  # fmt: skip


def in_alt_text(name: str) -> bytes:
    pdf = base()
    figure = Dictionary(Type=Name.StructElem, S=Name.Figure, Alt=String(f"Photo of {name}"),
                        Pg=pdf.pages[0].obj)  # fmt: skip
    pdf.Root.StructTreeRoot = Dictionary(Type=Name.StructTreeRoot, K=Array([figure]))
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    return _save(pdf)


def off_the_page(name: str) -> bytes:
    """Drawn far outside the media box, and invisibly (render mode 3)."""
    return _save(base(extra_content=f"BT /F1 12 Tf 3 Tr 5000 5000 Td ({_escape(name)}) Tj ET"))


def in_private_key(name: str) -> bytes:
    """A key no reader knows, in the catalog."""
    pdf = base()
    pdf.Root[Name("/PieceInfo")] = Dictionary(Notes=Dictionary(Private=String(name)))
    return _save(pdf)


def scanned(text: str, dpi: int = 150) -> bytes:
    """A page that is only a picture of text: WeasyPrint's page drawn to an image, put in a PDF."""
    from PIL import Image
    from weasyprint import HTML

    source = HTML(
        string=f"<p style='font:20pt sans-serif'>{text}</p>"
        "<p style='font:20pt sans-serif'>The health visitor was not told of the move.</p>"
    ).write_pdf()
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "in.pdf").write_bytes(source)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "in.pdf", "page"],
            cwd=folder, check=True,
        )  # fmt: skip
        image = Image.open(Path(folder) / "page.png").convert("L")
        out = io.BytesIO()
        image.save(out, "PDF", resolution=dpi)
    return out.getvalue()


# -- active content -----------------------------------------------------------------------------


def javascript_on_open() -> bytes:
    pdf = base()
    pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))
    return _save(pdf)


def javascript_name_tree() -> bytes:
    pdf = base()
    script = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("this.print()")))
    pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("a"), script])))
    return _save(pdf)


def _link(action: Dictionary) -> bytes:
    pdf = base()
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([72, 700, 200, 720]), A=action)
    pdf.pages[0].obj.Annots = Array([pdf.make_indirect(link)])
    return _save(pdf)


def launch_action() -> bytes:
    return _link(Dictionary(S=Name.Launch, F=String("cmd.exe")))


def goto_remote() -> bytes:
    return _link(Dictionary(S=Name.GoToR, F=String("other.pdf"), D=Array([0, Name.Fit])))


def goto_embedded() -> bytes:
    return _link(Dictionary(S=Name.GoToE, T=Dictionary(R=Name.C, N=String("x"))))


def javascript_link() -> bytes:
    return _link(Dictionary(S=Name.URI, URI=String("javascript:alert(1)")))


def web_link(url: str = "https://example.org/learning") -> bytes:
    return _link(Dictionary(S=Name.URI, URI=String(url)))


def xfa_form() -> bytes:
    pdf = base()
    xfa = pdf.make_stream(
        b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'><script>x</script></xdp:xdp>"
    )
    pdf.Root.AcroForm = Dictionary(Fields=Array([]), XFA=xfa)
    return _save(pdf)


def submit_on_open() -> bytes:
    pdf = base()
    pdf.Root.OpenAction = Dictionary(
        S=Name.SubmitForm, F=Dictionary(FS=Name.URL, F=String("https://collector.invalid/"))
    )
    return _save(pdf)


def embedded_file() -> bytes:
    return with_attachment(b"hello")


def decorated() -> bytes:
    """A clean report as an office suite leaves it: information keys, XMP, bookmarks, a comment,
    a form field, a link to the web, a mail link and a link to a page of its own."""
    pdf = base()
    pdf.docinfo[Name.Creator] = String("Writer")
    pdf.docinfo[Name.Producer] = String("Office 7")
    pdf.docinfo[Name("/Department")] = String("Children's services")
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:description"] = "Overview report"
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Introduction", 0))
    page = pdf.pages[0].obj
    note = Dictionary(Type=Name.Annot, Subtype=Name.Text, Rect=Array([10, 10, 30, 30]),
                      Contents=String("Check the figures"))  # fmt: skip
    widget = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("agreed"),
                   V=String("yes"), Rect=Array([72, 500, 272, 520]))
    )  # fmt: skip

    def link(action: Dictionary, y: int) -> Dictionary:
        return Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=Array([72, y, 300, y + 14]), A=action
        )

    page.Annots = Array([
        pdf.make_indirect(note), widget,
        pdf.make_indirect(link(Dictionary(S=Name.URI, URI=String("https://example.org/learning")), 700)),
        pdf.make_indirect(link(Dictionary(S=Name.URI, URI=String("mailto:panel@example.org")), 680)),
        pdf.make_indirect(link(Dictionary(S=Name.GoTo, D=Array([page, Name.Fit])), 660)),
    ])  # fmt: skip
    pdf.Root.AcroForm = Dictionary(Fields=Array([widget]))
    pdf.Root.PageMode = Name.UseOutlines
    return _save(pdf)
