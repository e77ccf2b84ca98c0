"""The audio format: an MP3 that decodes, is as long as the words need, and says its language."""

from __future__ import annotations

import array
import json
import subprocess
import wave

import format_samples
import pytest
from format_samples import ALL_LOCALES, BOARD, LAUNCH_LOCALES, sample_document

from plugins.formats import audio
from plugins.formats.audio.speech import spoken_phone

ISO_639_2 = {
    "en": "eng",
    "cy": "cym",
    "pl": "pol",
    "ro": "ron",
    "ur": "urd",
    "ar": "ara",
    "bn": "ben",
}


def probe(path) -> dict:
    out = subprocess.run(
        [
            "ffprobe",
            "-v",
            "error",
            "-show_format",
            "-show_streams",
            "-show_chapters",
            "-of",
            "json",
            str(path),
        ],
        capture_output=True,
        check=True,
    )
    return json.loads(out.stdout)


def decode(path, tmp_path) -> tuple[array.array, int]:
    wav = tmp_path / "decoded.wav"
    subprocess.run(["lame", "--quiet", "--decode", str(path), str(wav)], check=True)
    with wave.open(str(wav)) as reader:
        samples = array.array("h", reader.readframes(reader.getnframes()))
        return samples, reader.getframerate()


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_mp3_decodes_to_speech_as_long_as_the_whole_text_needs_at_least(rendered, tmp_path, locale):
    path = rendered("audio", locale)
    samples, rate = decode(path, tmp_path)
    seconds = len(samples) / rate
    words = len(sample_document(locale).plain_text().split())
    assert seconds / 60 >= words / 250
    assert abs(seconds - float(probe(path)["format"]["duration"])) < 0.5
    assert max(abs(s) for s in samples) > 3000  # speech, not silence


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_running_text_is_read_at_between_100_and_250_words_a_minute(rendered, locale):
    # Measured on the section of running text: the samples are short, and in their opening and
    # contact sections a board name, a phone number read digit by digit and an e-mail address
    # take longer than their word count says.
    chapters = probe(rendered("audio", locale))["chapters"]
    (what,) = [
        c for c in chapters if c["tags"]["title"] == sample_document(locale).sections[0].heading
    ]
    pauses = audio.AFTER_HEADING_S + audio.AFTER_SECTION_S
    minutes = (float(what["end_time"]) - float(what["start_time"]) - pauses) / 60
    heading, paragraph = format_samples.TEXT[locale]["what"]
    words = len(f"{heading} {paragraph}".split())
    assert words / 250 <= minutes <= words / 100, (words, minutes)


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_mp3_is_tagged_with_title_board_and_language(rendered, locale):
    info = probe(rendered("audio", locale))
    tags = info["format"]["tags"]
    assert tags["title"] == sample_document(locale).title
    assert tags["artist"] == BOARD
    assert tags["language"] == ISO_639_2[locale]
    (stream,) = info["streams"]
    assert stream["channels"] == 1
    assert int(stream["sample_rate"]) in (22050, 24000)
    assert 56_000 <= int(stream["bit_rate"]) <= 72_000


@pytest.mark.parametrize("locale", ("en", "ur"))
def test_mp3_has_a_chapter_per_section_in_order(rendered, locale):
    info = probe(rendered("audio", locale))
    doc = sample_document(locale)
    titles = [chapter["tags"]["title"] for chapter in info["chapters"]]
    assert titles == [doc.title, *(section.heading for section in doc.sections)]
    ends = [float(chapter["end_time"]) for chapter in info["chapters"]]
    assert ends == sorted(ends)
    assert ends[-1] <= float(info["format"]["duration"]) + 0.5
    assert all(float(c["end_time"]) - float(c["start_time"]) > 2 for c in info["chapters"])


def test_audio_is_offered_in_every_launch_locale_with_a_voice():
    (fmt,) = audio.register_formats()
    assert fmt.locales == LAUNCH_LOCALES
    assert fmt.available() is None
    voices = subprocess.run(["espeak-ng", "--voices"], capture_output=True, text=True).stdout
    names = {line.split()[1] for line in voices.splitlines()[1:]}
    assert {audio.speech.voice_for(locale) for locale in LAUNCH_LOCALES} <= names


def test_phone_numbers_are_read_digit_by_digit():
    assert spoken_phone("0161 496 0734") == "0 1 6 1, 4 9 6, 0 7 3 4"


def test_audio_is_unavailable_without_espeak(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert "espeak-ng" in (audio.speech.unavailable_reason() or "")
