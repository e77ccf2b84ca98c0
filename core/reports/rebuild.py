"""The public copy of a report, written afresh from the checked one with pikepdf: its pages (content,
resources, boxes) and nothing else — document information reduced to the title and the board, no
XMP, annotations, form fields, bookmarks, name trees, attachments, scripts or actions, and links
only to http(s) addresses. `verify_copy` checks a copy really is that, before it is made public."""

from __future__ import annotations

import io
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from core.reports.extract import reachable
from core.reports.pdf import NotAcceptedPdf, check_pdf

# What a page keeps: everything else (annotations, actions, thumbnails, private data) goes.
PAGE_KEYS = frozenset({
    "/Type", "/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate", "/Resources",
    "/Contents", "/UserUnit", "/Group",
})  # fmt: skip
# Dropped from every object left in the copy.
PRIVATE_KEYS = ("/Metadata", "/PieceInfo", "/StructParent", "/StructParents", "/OPI", "/AF")
WEB = ("http://", "https://")
INFO_KEYS = frozenset({"/Title", "/Author"})
GONE_FROM_CATALOG = (
    "/Metadata", "/Outlines", "/AcroForm", "/Names", "/Dests", "/OpenAction", "/AA",
    "/StructTreeRoot", "/OCProperties", "/PieceInfo", "/AF", "/Collection", "/Threads",
)  # fmt: skip


def rebuild(data: bytes, *, title: str, board: str) -> bytes:
    """The public copy of the PDF in `data`, titled `title` and attributed to `board`."""
    with pikepdf.open(io.BytesIO(data)) as source, pikepdf.new() as copy:
        for page in source.pages:
            links = _web_links(page.obj)
            for key in list(page.obj.keys()):
                if key not in PAGE_KEYS:
                    del page.obj[key]
            copy.pages.append(page)
            if links:
                copy.pages[-1].obj.Annots = copy.make_indirect(
                    Array([copy.make_indirect(link) for link in links])
                )
        _strip_private(copy)
        lang = source.Root.get("/Lang")
        if (
            isinstance(lang, String)
            and str(lang).replace("-", "").isalpha()
            and len(str(lang)) < 16
        ):
            copy.Root.Lang = String(str(lang))
        copy.docinfo = copy.make_indirect(Dictionary(Title=String(title), Author=String(board)))
        out = io.BytesIO()
        copy.save(
            out, object_stream_mode=pikepdf.ObjectStreamMode.generate, fix_metadata_version=False
        )
        return out.getvalue()


def _web_links(page: Any) -> list[Dictionary]:
    """New link annotations for the page's links to web addresses; every other annotation goes."""
    links = []
    annots = page.get("/Annots")
    for annot in annots if isinstance(annots, Array) else []:
        if not isinstance(annot, Dictionary) or str(annot.get("/Subtype", "")) != "/Link":
            continue
        action = annot.get("/A")
        if not isinstance(action, Dictionary) or str(action.get("/S", "")) != "/URI":
            continue
        uri = action.get("/URI")
        rect = annot.get("/Rect")
        if not isinstance(uri, String):
            continue
        address = bytes(uri).decode("latin-1").strip()
        if not address.lower().startswith(WEB) or not isinstance(rect, Array) or len(rect) != 4:
            continue
        links.append(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Link,
                Rect=Array([float(x) for x in rect]),
                Border=Array([0, 0, 0]),
                A=Dictionary(S=Name.URI, URI=String(address)),
            )
        )
    return links


def _strip_private(pdf: pikepdf.Pdf) -> None:
    for key in GONE_FROM_CATALOG:
        if key in pdf.Root:
            del pdf.Root[key]
    too_many = NotAcceptedPdf("The PDF is too complex to copy. Export it again and upload that.")
    for obj in reachable(pdf.Root, too_many, skip=("/Parent", "/P")):
        if isinstance(obj, Dictionary | pikepdf.Stream):
            for key in PRIVATE_KEYS:
                if key in obj:
                    del obj[key]


def verify_copy(data: bytes) -> list[str]:
    """What is wrong with a public copy (empty: nothing). Staff read these, so they are plain."""
    problems: list[str] = []
    try:
        check_pdf(data)
    except NotAcceptedPdf as exc:
        return [f"the public copy is not a plain PDF: {exc}"]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        extra = set(pdf.docinfo.keys()) - INFO_KEYS
        if extra:
            problems.append("the public copy has document information beyond its title and board")
        for key in GONE_FROM_CATALOG:
            if key in pdf.Root:
                problems.append(f"the public copy still has {key[1:]}")
        for number, page in enumerate(pdf.pages, start=1):
            for annot in page.obj.get("/Annots", Array()):
                action = annot.get("/A") if isinstance(annot, Dictionary) else None
                uri = action.get("/URI") if isinstance(action, Dictionary) else None
                web = isinstance(uri, String) and bytes(uri).decode("latin-1").lower().startswith(
                    WEB
                )
                if str(annot.get("/Subtype", "")) != "/Link" or not web:
                    problems.append(f"page {number} of the public copy still has an annotation")
            if any(key not in PAGE_KEYS | {"/Annots", "/Parent"} for key in list(page.obj.keys())):
                problems.append(f"page {number} of the public copy has extra entries")
    return problems
