"""The leaflet read aloud by espeak-ng in the family's language: an MP3 with a chapter per section.

Each section is spoken as its heading, a short pause, its text, then a longer pause, so a listener
hears where one part ends; the chapters let a player skip straight to "Who to contact".
"""

from __future__ import annotations

import re

from core.plugin_api import (
    BulletList,
    ContactBlock,
    Document,
    Format,
    Paragraph,
    RenderContext,
    hookimpl,
)
from plugins.formats.audio import speech
from plugins.formats.audio.id3 import Chapter, id3_tag
from plugins.formats.common.scripts import script_for

BITRATE_KBPS = 64
AFTER_HEADING_S = 0.6
AFTER_SECTION_S = 1.2


def spoken_block(block: Paragraph | BulletList | ContactBlock) -> list[str]:
    """What is said for a block; link addresses are not read out, the words of the link are."""
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, BulletList):
        return [item.text for item in block.items]
    lines = [block.heading, block.organisation, block.role]
    if block.phone:
        lines.append(f"{block.phone_label}: {speech.spoken_phone(block.phone)}")
    if block.email:
        lines.append(f"{block.email_label}: {block.email}")
    if block.address:
        lines.append(f"{block.address_label}: {block.address}")
    return [line for line in lines if line]


def sentence(text: str) -> str:
    # A line that ends without a full stop would run into the next one when spoken.
    text = " ".join(text.split())
    return text if re.search(r"[.!?:;۔؟।]$", text) else text + "."


def passages(doc: Document) -> list[tuple[str, str, str, list[str]]]:
    """(chapter id, chapter title, heading to say, body lines) for the opening and each section."""
    opening = [doc.summary] if doc.summary else []
    parts = [("intro", doc.title, f"{doc.board_name}. {doc.title}", opening)]
    for section in doc.sections:
        body = [line for block in section.blocks for line in spoken_block(block)]
        chapter_id = re.sub(r"[^A-Za-z0-9_-]", "-", section.id)[:60] or "section"
        parts.append((chapter_id, section.heading, section.heading, body))
    return parts


def render(doc: Document, ctx: RenderContext) -> bytes:
    import lameenc

    voice = speech.voice_for(doc.locale)
    if voice is None:
        raise ValueError(f"no espeak-ng voice for locale {doc.locale!r}")
    pcm = bytearray()
    chapters: list[Chapter] = []
    rate = 22050
    seen: set[str] = set()
    for chapter_id, title, heading, body in passages(doc):
        start_ms = len(pcm) // 2 * 1000 // rate
        said, rate = speech.speak(sentence(heading), voice)
        pcm += said + speech.silence(AFTER_HEADING_S, rate)
        if body:
            said, rate = speech.speak(" ".join(sentence(line) for line in body), voice)
            pcm += said
        pcm += speech.silence(AFTER_SECTION_S, rate)
        while chapter_id in seen:
            chapter_id += "-"
        seen.add(chapter_id)
        chapters.append(Chapter(chapter_id, title, start_ms, len(pcm) // 2 * 1000 // rate))

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BITRATE_KBPS)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(2)
    mp3 = bytes(encoder.encode(bytes(pcm))) + bytes(encoder.flush())
    tag = id3_tag(
        title=doc.title,
        artist=doc.board_name or ctx.branding.name,
        language=script_for(doc.locale).iso639_2,
        length_ms=chapters[-1].end_ms,
        chapters=chapters,
    )
    return tag + mp3


@hookimpl
def register_formats() -> list[Format]:
    return [
        Format(
            key="audio",
            label=lambda _: _("Audio"),
            description=lambda _: _("This information read aloud (MP3), one part after another."),
            media_type="audio/mpeg",
            extension="mp3",
            render=render,
            locales=frozenset(speech.VOICES),
            available=speech.unavailable_reason,
        )
    ]
