"""Everything readable in a PDF, read with pikepdf: each page's text (as laid out, and from every
text operator, ActualText and alt text), annotations and their appearances, form fields, bookmarks,
every document information key and the XMP, names in the name trees, optional content, the
structure tree, attached files (recursively, within limits), and any other string in the file.

`extract_text(data)` is pure (bytes in, text out), so a worker can run it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf

from core.plugin_api import TextPart
from core.reports.filetext import plain_text, xml_text, zip_text
from core.reports.pdftext import TooComplex, read_stream_text

PDFTOTEXT_SECONDS = 60
MAX_OBJECTS = 200_000
MAX_ATTACHMENT_DEPTH = 2
MAX_ATTACHMENTS = 50
MAX_ATTACHMENT_BYTES = 30 * 1024 * 1024
MAX_OUTLINE_ITEMS = 20_000
MAX_TEXT = 20_000_000
STANDARD_INFO = {
    "/Title": "title",
    "/Author": "author",
    "/Subject": "subject",
    "/Keywords": "keywords",
    "/Creator": "creator",
    "/Producer": "producer",
}
# The entries of a form field and of a structure element that hold text.
FORM_FIELD_TEXT = ("/T", "/TU", "/TM", "/V", "/DV", "/Opt")
STRUCTURE_TEXT = ("/Alt", "/ActualText", "/E", "/T")
NAME_TREES = (
    "/Dests", "/AP", "/JavaScript", "/Pages", "/Templates", "/IDS", "/URLS", "/EmbeddedFiles",
    "/AlternatePresentations", "/Renditions",
)  # fmt: skip


@dataclass(frozen=True)
class PageFacts:
    """What decides whether a page needs OCR: how much of it images cover, how much text it has."""

    image_cover: float
    text_chars: int
    undecodable: int

    @property
    def mostly_image(self) -> bool:
        return self.image_cover >= 0.5 or self.undecodable > self.text_chars


@dataclass
class Extracted:
    """`pages`: each page's text as laid out; `metadata`: the standard information fields;
    `parts`: everything else that carries text; `unreadable`: (page or None, reason)."""

    pages: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    parts: list[TextPart] = field(default_factory=list)
    facts: list[PageFacts] = field(default_factory=list)
    unreadable: list[tuple[int | None, str]] = field(default_factory=list)


def extract_text(data: bytes, *, depth: int = 0) -> Extracted:
    """Read every part of the PDF in `data` that can carry text (see the module docstring)."""
    found = Extracted()
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception:
        found.unreadable.append((None, "the PDF could not be opened to be read"))
        return found
    with pdf:
        _Reader(pdf, found, depth, data).read()
    return found


class _Reader:
    def __init__(self, pdf: pikepdf.Pdf, found: Extracted, depth: int, data: bytes) -> None:
        self.pdf = pdf
        self.found = found
        self.depth = depth
        self.data = data
        self.page_of = {page.obj.objgen: n for n, page in enumerate(pdf.pages, start=1)}
        self.attachments = 0
        self.size = 0

    def add(self, where: str, text: str, page: int | None = None, fallback: bool = False) -> None:
        text = text.strip()
        if not text:
            return
        self.size += len(text)
        if self.size > MAX_TEXT:
            raise TooComplex("there is more text than can be checked")
        self.found.parts.append(TextPart(where=where, text=text, page=page, fallback=fallback))

    def add_entries(
        self,
        where: str,
        node: pikepdf.Dictionary,
        keys: tuple[str, ...],
        page: int | None,
        text: Callable[[Any], str],
    ) -> None:
        """The `text` of each of `keys` that `node` holds, as a part found `where`."""
        for key in keys:
            if key in node:
                self.add(where, text(node[key]), page)

    def catalog(self, key: str) -> pikepdf.Dictionary:
        """The document catalog's dictionary under `key`: an empty one where it has none."""
        value = self.pdf.Root.get(key)
        return value if isinstance(value, pikepdf.Dictionary) else pikepdf.Dictionary()

    def nodes_on_pages(
        self, start: Any, children: str, page_key: str
    ) -> Iterator[tuple[pikepdf.Dictionary, int | None]]:
        """The nodes of a tree, each with the (1-based) page it names under `page_key`, if any."""
        for node in tree_nodes(start, children):
            ref = node.get(page_key)
            yield node, self.page_of.get(ref.objgen) if ref is not None else None

    def read(self) -> None:
        steps = (
            self.page_text,
            self.page_operators,
            self.annotations,
            self.form_fields,
            self.outlines,
            self.information,
            self.xmp,
            self.name_trees,
            self.optional_content,
            self.structure,
            self.attachments_in_file,
            self.every_string,
        )
        for step in steps:
            try:
                step()
            except TooComplex as exc:
                self.found.unreadable.append((None, f"part of the PDF could not be read: {exc}"))
            except Exception as exc:
                self.found.unreadable.append(
                    (None, f"part of the PDF could not be read ({type(exc).__name__})")
                )

    # -- pages --------------------------------------------------------------------------------

    def page_text(self) -> None:
        pages = _pdftotext_pages(self.data)
        count = len(self.pdf.pages)
        if pages is None or len(pages) != count:
            pages = [""] * count
            if count:
                self.found.unreadable.append(
                    (None, "the page text could not be laid out (pdftotext failed)")
                )
        self.found.pages = pages

    def page_operators(self) -> None:
        for number, page in enumerate(self.pdf.pages, start=1):
            box = page.mediabox
            area = abs(float(box[2]) - float(box[0])) * abs(float(box[3]) - float(box[1])) or 1.0
            try:
                read = read_stream_text(page, page.obj.get("/Resources"))
            except TooComplex as exc:
                self.found.unreadable.append((number, f"the page could not be read: {exc}"))
                self.found.facts.append(PageFacts(0.0, 0, 0))
                continue
            self.add("page content", read.text, number, fallback=True)
            for alt in read.alternates:
                self.add("alternate text", alt, number)
            laid_out = self.found.pages[number - 1] if number <= len(self.found.pages) else ""
            chars = max(len(re.sub(r"\s", "", laid_out)), len(re.sub(r"\s", "", read.text)))
            self.found.facts.append(PageFacts(read.image_cover / area, chars, read.undecodable))

    def annotations(self) -> None:
        for number, page in enumerate(self.pdf.pages, start=1):
            annots = page.obj.get("/Annots")
            if not isinstance(annots, pikepdf.Array):
                continue
            for annot in annots:
                if not isinstance(annot, pikepdf.Dictionary):
                    continue
                for key in ("/Contents", "/T", "/Subj", "/NM", "/TU"):
                    if key in annot:
                        self.add("annotation", _text(annot[key]), number)
                if "/RC" in annot:
                    self.add("annotation", xml_text(_bytes_or_text(annot["/RC"])), number)
                self.actions(annot.get("/A"), "annotation link", number)
                self.appearance(annot.get("/AP"), number)

    def appearance(self, ap: Any, page: int | None) -> None:
        if not isinstance(ap, pikepdf.Dictionary):
            return
        for key in ("/N", "/R", "/D"):
            entry = ap.get(key)
            streams = (
                [entry]
                if isinstance(entry, pikepdf.Stream)
                else [v for v in entry.values() if isinstance(v, pikepdf.Stream)]
                if isinstance(entry, pikepdf.Dictionary)
                else []
            )
            for stream in streams:
                read = read_stream_text(stream, stream.get("/Resources"))
                self.add("annotation appearance", read.text, page)
                for alt in read.alternates:
                    self.add("annotation appearance", alt, page)

    def actions(self, action: Any, where: str, page: int | None, hops: int = 0) -> None:
        while isinstance(action, pikepdf.Dictionary) and hops < 50:
            for key in ("/URI", "/F", "/D", "/JS", "/N", "/T"):
                value = action.get(key)
                if isinstance(value, pikepdf.String | pikepdf.Name):
                    self.add(where, _text(value), page)
            action = action.get("/Next")
            hops += 1

    def form_fields(self) -> None:
        acroform = self.catalog("/AcroForm")
        for item, page in self.nodes_on_pages(acroform.get("/Fields"), "/Kids", "/P"):
            self.add_entries("form field", item, FORM_FIELD_TEXT, page, _flatten)
            self.appearance(item.get("/AP"), page)
        xfa = acroform.get("/XFA")
        if xfa is not None:
            self.add("form (XFA)", xml_text(_xfa_bytes(xfa)))

    def outlines(self) -> None:
        outlines = self.catalog("/Outlines")
        stack = [outlines.get("/First")]
        seen: set[tuple[int, int]] = set()
        while stack and len(seen) < MAX_OUTLINE_ITEMS:
            item = stack.pop()
            if not isinstance(item, pikepdf.Dictionary) or item.objgen in seen:
                continue
            seen.add(item.objgen)
            if "/Title" in item:
                self.add("bookmark", _text(item["/Title"]))
            self.actions(item.get("/A"), "bookmark", None)
            stack += [item.get("/Next"), item.get("/First")]

    def information(self) -> None:
        info = self.pdf.trailer.get("/Info")
        if not isinstance(info, pikepdf.Dictionary):
            return
        for key, value in info.items():
            text = _flatten(value)
            if key in STANDARD_INFO:
                if text.strip():
                    self.found.metadata[STANDARD_INFO[key]] = text
            else:
                # The key itself may be the name ("/Jamie" → "yes"): read both.
                self.add("document information", f"{key[1:]} {text}")

    def xmp(self) -> None:
        metadata = self.pdf.Root.get("/Metadata")
        if isinstance(metadata, pikepdf.Stream):
            self.add("XMP metadata", xml_text(metadata.read_bytes()))

    def name_trees(self) -> None:
        names = self.pdf.Root.get("/Names")
        if isinstance(names, pikepdf.Dictionary):
            for tree in NAME_TREES:
                root = names.get(tree)
                if isinstance(root, pikepdf.Dictionary):
                    for key in _name_tree_keys(root):
                        self.add("name tree", key)
        dests = self.pdf.Root.get("/Dests")
        if isinstance(dests, pikepdf.Dictionary):
            for key in list(dests.keys()):
                self.add("name tree", key[1:])

    def optional_content(self) -> None:
        props = self.catalog("/OCProperties")
        for group in props.get("/OCGs", pikepdf.Array()):
            if isinstance(group, pikepdf.Dictionary) and "/Name" in group:
                self.add("optional content", _text(group["/Name"]))
        config = props.get("/D")
        if isinstance(config, pikepdf.Dictionary) and "/Name" in config:
            self.add("optional content", _text(config["/Name"]))

    def structure(self) -> None:
        root = self.catalog("/StructTreeRoot")
        for node, page in self.nodes_on_pages(root.get("/K"), "/K", "/Pg"):
            self.add_entries("alternate text", node, STRUCTURE_TEXT, page, _text)

    # -- attached files -------------------------------------------------------------------------

    def attachments_in_file(self) -> None:
        for spec in _filespecs(self.pdf):
            self.attachments += 1
            label = f"attached file {self.attachments}"
            for key in ("/F", "/UF", "/Desc"):
                if key in spec:
                    self.add(label, _text(spec[key]))
            if self.attachments > MAX_ATTACHMENTS:
                self.found.unreadable.append((None, "there are too many attached files to read"))
                return
            ef = spec.get("/EF")
            if not isinstance(ef, pikepdf.Dictionary):
                continue
            # /F and /UF usually name the same stream: read each once.
            streams = {s.objgen: s for s in ef.values() if isinstance(s, pikepdf.Stream)}
            for stream in streams.values():
                self.attached(label, stream)

    def attached(self, label: str, stream: pikepdf.Stream) -> None:
        params = stream.get("/Params")
        declared = params.get("/Size") if isinstance(params, pikepdf.Dictionary) else None
        if isinstance(declared, int) and declared > MAX_ATTACHMENT_BYTES:
            self.found.unreadable.append((None, f"{label} is too large to read"))
            return
        try:
            data = stream.read_bytes()
        except pikepdf.PdfError:
            self.found.unreadable.append((None, f"{label} cannot be unpacked"))
            return
        if len(data) > MAX_ATTACHMENT_BYTES:
            self.found.unreadable.append((None, f"{label} is too large to read"))
            return
        text, reason = readable_file(data, self.depth)
        if reason:
            self.found.unreadable.append((None, f"{label} {reason}"))
        self.add(label, text)

    # -- whatever is left -----------------------------------------------------------------------

    def every_string(self) -> None:
        """Every string in every object reachable from the trailer, streams' dictionaries too:
        the net under the readers above (a name in a private key is still found)."""
        strings: list[str] = []
        too_many = TooComplex("the PDF has too many objects")
        for obj in reachable(self.pdf.trailer, too_many, skip=("/Parent", "/P")):
            if isinstance(obj, pikepdf.String):
                strings.append(_text(obj))
            elif isinstance(obj, pikepdf.Name):
                strings.append(str(obj)[1:])
            elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                strings.extend(key[1:] for key in list(obj.keys()))
        self.add("other PDF data", "\n".join(s for s in strings if s.strip()), fallback=True)


def readable_file(data: bytes, depth: int) -> tuple[str, str]:
    """The text of an attached file and, if some of it could not be read, why."""
    if data.startswith(b"%PDF-"):
        if depth >= MAX_ATTACHMENT_DEPTH:
            return "", "holds PDFs nested too deeply to read"
        inner = extract_text(data, depth=depth + 1)
        texts = inner.pages + list(inner.metadata.values()) + [p.text for p in inner.parts]
        return "\n".join(texts), ("cannot be read in full" if inner.unreadable else "")
    if data.startswith(b"PK\x03\x04"):
        return zip_text(data, lambda raw: readable_file(raw, MAX_ATTACHMENT_DEPTH - 1)[0])
    text = plain_text(data)
    if text is None:
        return "", "is not in a format that can be read (only PDF, text and office files)"
    return text, ""


def _filespecs(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Every file specification with an embedded file: in the name tree, in annotations, anywhere."""
    too_many = TooComplex("the PDF has too many objects")
    return [
        obj
        for obj in reachable(pdf.trailer, too_many, into_streams=False)
        if isinstance(obj, pikepdf.Dictionary) and "/EF" in obj
    ]


def reachable(
    start: Any,
    too_many: Exception,
    *,
    skip: tuple[str, ...] = ("/Parent",),
    into_streams: bool = True,
) -> Iterator[Any]:
    """Every object reachable from `start`, depth first, each indirect one once: what a walk over a
    PDF's objects (its strings, its attachments, its active content, its private keys) goes
    through. The keys in `skip` are not followed (back to a page's parent, an annotation's page);
    nor is a stream's dictionary unless `into_streams`. An object is yielded before its children
    are read, so the caller may delete keys from it. Past MAX_OBJECTS, `too_many` is raised."""
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [start]
    visited = 0
    follow = (pikepdf.Dictionary, pikepdf.Stream) if into_streams else (pikepdf.Dictionary,)
    while stack:
        obj = stack.pop()
        if isinstance(obj, pikepdf.Object) and obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        visited += 1
        if visited > MAX_OBJECTS:
            raise too_many
        yield obj
        if isinstance(obj, follow):
            stack.extend(obj.get(key) for key in list(obj.keys()) if key not in skip)
        elif isinstance(obj, pikepdf.Array):
            stack.extend(obj)


def _name_tree_keys(root: pikepdf.Dictionary) -> list[str]:
    keys: list[str] = []
    for node in tree_nodes(root, "/Kids"):
        names = node.get("/Names")
        if isinstance(names, pikepdf.Array):
            keys += [_text(k) for k in list(names)[::2] if isinstance(k, pikepdf.String)]
    return keys


def tree_nodes(start: Any, children: str) -> Iterator[pikepdf.Dictionary]:
    """The dictionaries of a tree in a PDF (its form fields, its structure, a name tree): `start`
    and, under each node, its `children` (one node or an array of them), depth first; each
    indirect node once, and no more than MAX_OBJECTS of them."""
    stack: list[Any] = [start]
    seen: set[tuple[int, int]] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if node.objgen != (0, 0):
            if node.objgen in seen or len(seen) > MAX_OBJECTS:
                continue
            seen.add(node.objgen)
        yield node
        stack.append(node.get(children))


def _text(value: Any) -> str:
    if isinstance(value, pikepdf.Name):
        return str(value)[1:]
    try:
        return str(value)
    except Exception:
        return bytes(value).decode("latin-1", "replace")


def _flatten(value: Any) -> str:
    if isinstance(value, pikepdf.Array):
        return "\n".join(_flatten(v) for v in value)
    if isinstance(value, pikepdf.Stream):
        return plain_text(value.read_bytes()) or ""
    if isinstance(value, pikepdf.Dictionary):
        return "\n".join(_flatten(v) for v in value.values())
    if isinstance(value, pikepdf.String | pikepdf.Name):
        return _text(value)
    return ""


def _bytes_or_text(value: Any) -> bytes:
    if isinstance(value, pikepdf.Stream):
        return value.read_bytes()
    return _text(value).encode("utf-8")


def _xfa_bytes(xfa: Any) -> bytes:
    if isinstance(xfa, pikepdf.Stream):
        return xfa.read_bytes()
    if isinstance(xfa, pikepdf.Array):
        return b"".join(x.read_bytes() for x in xfa if isinstance(x, pikepdf.Stream))
    return b""


def _pdftotext_pages(data: bytes) -> list[str] | None:
    binary = shutil.which("pdftotext")
    if binary is None:
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(data)
        fh.flush()
        try:
            result = subprocess.run(
                [binary, "-layout", "-enc", "UTF-8", fh.name, "-"],
                capture_output=True,
                timeout=PDFTOTEXT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return None
    if result.returncode != 0:
        return None
    pages = result.stdout.decode("utf-8", "replace").split("\f")
    # pdftotext ends every page with a form feed, so the last piece is empty.
    return pages[:-1] if pages and not pages[-1].strip() else pages
