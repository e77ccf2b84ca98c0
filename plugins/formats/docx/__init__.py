"""The leaflet as a Word document, for families who want to edit, enlarge or have it read aloud."""

from __future__ import annotations

import io
import zipfile

from core.plugin_api import Document, Format, RenderContext, hookimpl

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: no build time in the file


def render(doc: Document, ctx: RenderContext) -> bytes:
    from plugins.formats.docx.build import WordWriter

    word = WordWriter(doc, ctx).write()
    core = word.core_properties._element
    for stamp in ("created", "modified"):
        for element in core.findall(f"{{http://purl.org/dc/terms/}}{stamp}"):
            core.remove(element)
    buffer = io.BytesIO()
    word.save(buffer)
    return repeatable_zip(buffer.getvalue())


def repeatable_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times, so equal documents give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


@hookimpl
def register_formats() -> list[Format]:
    return [
        Format(
            key="docx",
            label=lambda _: _("Word document"),
            description=lambda _: _("A Word document (DOCX) you can change, enlarge or print."),
            media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            extension="docx",
            render=render,
        )
    ]
