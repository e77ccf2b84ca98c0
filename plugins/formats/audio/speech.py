"""Speech from `espeak-ng`, as raw 16-bit mono PCM, one call per passage of text."""

from __future__ import annotations

import shutil
import struct
import subprocess

ESPEAK = "espeak-ng"
WORDS_PER_MINUTE = 175  # espeak-ng's own default, the pace its voices are tuned for

# espeak-ng voice per launch locale; a locale missing here is not offered.
VOICES: dict[str, str] = {
    "en": "en-gb",
    "cy": "cy",
    "pl": "pl",
    "ro": "ro",
    "ur": "ur",
    "ar": "ar",
    "bn": "bn",
}


def voice_for(locale: str) -> str | None:
    return VOICES.get(locale.split("-")[0].lower())


def unavailable_reason() -> str | None:
    if shutil.which(ESPEAK) is None:
        return "espeak-ng is not installed (Debian package espeak-ng)"
    return None


def speak(text: str, voice: str) -> tuple[bytes, int]:
    """Speak `text` in `voice`: PCM samples (16-bit little-endian mono) and their sample rate."""
    result = subprocess.run(
        [ESPEAK, "-v", voice, "-s", str(WORDS_PER_MINUTE), "-b", "1", "--stdout"],
        input=text.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=120,
    )
    return pcm_from_wav(result.stdout)


def pcm_from_wav(wav: bytes) -> tuple[bytes, int]:
    """The samples of espeak-ng's WAV. Written to a pipe, its chunk sizes are placeholders, so the
    data chunk is taken to run to the end rather than trusting the `wave` module's reading of it."""
    if wav[:4] != b"RIFF" or wav[8:12] != b"WAVE":
        raise ValueError("espeak-ng did not write a WAV file")
    channels, rate = struct.unpack_from("<HI", wav, 22)
    bits = struct.unpack_from("<H", wav, 34)[0]
    if (channels, bits) != (1, 16):
        raise ValueError(f"unexpected espeak-ng output: {channels} channels, {bits} bits")
    start = wav.index(b"data", 12) + 8
    samples = wav[start:]
    return samples[: len(samples) - len(samples) % 2], rate


def silence(seconds: float, rate: int) -> bytes:
    return b"\x00\x00" * int(seconds * rate)


def spoken_phone(number: str) -> str:
    """A phone number digit by digit, groups kept: "0161 496 0734" -> "0 1 6 1, 4 9 6, 0 7 3 4"."""
    groups = ["".join(ch for ch in group if ch.isdigit()) for group in number.split()]
    return ", ".join(" ".join(group) for group in groups if group)
