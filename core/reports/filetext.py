"""The text of files that are not PDFs, as reports carry them in attachments and metadata: plain
text in the usual encodings, XML (XMP, XFA, rich text) and zip-based office files (Word,
OpenDocument), each within limits."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from defusedxml import ElementTree as SafeET

MAX_ZIP_MEMBERS = 200
MAX_ZIP_BYTES = 50 * 1024 * 1024


def zip_text(data: bytes, read_pdf: Callable[[bytes], str]) -> tuple[str, str]:
    """Word, OpenDocument and other zip files: the text of their XML and text members, and of
    any PDF inside (through `read_pdf`), with why not all of it could be read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return "", "cannot be unpacked"
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_ZIP_BYTES:
        return "", "unpacks to more than can be read"
    texts = []
    for member in members:
        try:
            raw = archive.read(member)
        except Exception:
            return "", "cannot be unpacked"
        name = member.filename.lower()
        if name.endswith((".xml", ".rels", ".html", ".htm")):
            texts.append(xml_text(raw))
        elif name.endswith((".txt", ".csv", ".md", ".json")):
            texts.append(plain_text(raw) or "")
        elif raw.startswith(b"%PDF-"):
            texts.append(read_pdf(raw))
        elif not name.endswith((".png", ".jpg", ".jpeg", ".gif", ".emf", ".wmf", "/")):
            decoded = plain_text(raw)
            if decoded is None:
                return "\n".join(texts), "holds a file that cannot be read"
            texts.append(decoded)
    return "\n".join(texts), ""


def plain_text(data: bytes) -> str | None:
    """The text of a file that is text in a usual encoding, or None if it is not text."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, "replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", "replace")
    printable = sum(1 for c in text[:10000] if c.isprintable() or c in "\r\n\t")
    return text if not text or printable / min(len(text), 10000) > 0.95 else None


def xml_text(data: bytes) -> str:
    """Element text and attribute values of an XML document; its visible characters if broken."""
    try:
        root = SafeET.fromstring(data)
    except Exception:
        return re.sub(r"<[^>]*>", " ", data.decode("utf-8", "replace"))
    parts: list[str] = []
    for element in root.iter():
        parts += [v for v in element.attrib.values()]
        parts += [t for t in (element.text, element.tail) if t and t.strip()]
    return "\n".join(p.strip() for p in parts if p.strip())
